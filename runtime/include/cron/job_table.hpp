#pragma once
/// The table of jobs the generated stub defines and the runtime runs (docs/design.md, "The registration stub").

#include <cron/policy.hpp>
#include <cron/schedule.hpp>
#include <cron/status.hpp>

#include <chrono>
#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

namespace cron {

/// One registered job: what the manifest says about it, its parsed schedule, and a thunk that calls the endpoint
/// (a `void` endpoint returns success), and the declaration's time zone and policies (docs/policies.md).
struct JobDefinition {
  std::string_view id;
  std::string_view title;
  std::string_view schedule_text;  ///< the manifest's tag: `every:120` or `schedule:0 4 15 * *`
  Schedule schedule;
  Status (*run)();
  std::string_view endpoint;       ///< the endpoint's qualified name, for logs and the dashboard
  std::string_view time_zone = {}; ///< the IANA zone `schedule` is read in (docs/time-zones.md); empty: UTC
  std::optional<std::chrono::seconds> timeout = {};  ///< none: Options' default
  std::optional<int> retries = {};                   ///< attempts after the first; none: Options::retry
  std::optional<Overlap> overlap = {};               ///< none: Overlap::skip
  std::optional<CatchUp> catch_up = {};              ///< none: Options::catch_up
  std::chrono::seconds jitter{0};                    ///< the largest start delay; 0: none
  std::string_view doc = {};                         ///< the comment above the declaration, for the dashboard
};

namespace generated {
/// Defined by the stub that `cronc_generate()` adds to the target. A program that links the runtime without it
/// fails to link with this name, which says what to do.
extern const std::span<const JobDefinition> jobs_missing_call_cronc_generate_for_this_target_in_CMakeLists;
}  // namespace generated

/// The jobs of this program, as the generated stub registered them.
inline std::span<const JobDefinition> registered_jobs() {
  return generated::jobs_missing_call_cronc_generate_for_this_target_in_CMakeLists;
}

}  // namespace cron
