#pragma once
/// The POSIX TZ rule at the end of a TZif file, stepped through by date/ptz.h. Kept in a C++17 unit of its own:
/// Debian's ptz.h is ambiguous under C++20 (its `hh_mm_ss` meets std::chrono's).

#include <cstdint>
#include <string>
#include <vector>

namespace cron::tz::detail {

/// One change of offset, in seconds since the epoch and seconds east of UTC.
struct PosixChange {
  std::int64_t at;
  std::int64_t offset;
};

/// The changes `rule` (`CET-1CEST,M3.5.0,M10.5.0/3`) makes in (from, until); empty for a rule it cannot read.
std::vector<PosixChange> posix_rule_changes(const std::string& rule, std::int64_t from, std::int64_t until);

}  // namespace cron::tz::detail
