#pragma once
/// What stops a Runtime from being made at all (docs/runtime.md, "Bad configuration"): one line that says what
/// and why. A service's main catches it, prints it and exits 2.

#include <stdexcept>

namespace cron {

/// A store that cannot be opened (cron::StoreError), or a job the runtime cannot schedule on this machine (a time
/// zone its tz database lacks).
class SetupError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace cron
