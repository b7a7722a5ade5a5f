#include "posix_rule.hpp"

#include <date/ptz.h>

#include <stdexcept>

namespace cron::tz::detail {

std::vector<PosixChange> posix_rule_changes(const std::string& rule, std::int64_t from, std::int64_t until) {
  std::vector<PosixChange> changes;
  try {
    Posix::time_zone zone{rule};
    for (date::sys_seconds at{std::chrono::seconds{from}};;) {
      date::sys_info period = zone.get_info(at);
      if (period.end.time_since_epoch().count() >= until || period.end <= at) break;
      at = period.end;
      changes.push_back({at.time_since_epoch().count(), zone.get_info(at).offset.count()});
    }
  } catch (const std::runtime_error&) {
    changes.clear();  // an unreadable rule adds nothing: the zone keeps the file's last offset
  }
  return changes;
}

}  // namespace cron::tz::detail
