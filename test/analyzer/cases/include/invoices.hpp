// A class whose static member is a job's endpoint: the stub includes this header to reach it.
#pragma once
#include <cron/status.hpp>

namespace billing::inline v2 {
struct Invoices {
  static cron::Status send();
};
}  // namespace billing::inline v2
