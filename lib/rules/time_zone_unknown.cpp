#include "rules/checks.hpp"
#include "rules/schedule_diagnostics.hpp"

#include <cron/tz_database.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace cronc {

namespace {

/// Names this many edits away or fewer are taken for a typo of the nearest one.
constexpr std::size_t kTypoDistance = 2;

std::string quoted_list(const std::vector<std::string>& names) {
  std::string text;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) text += i + 1 == names.size() ? " and " : ", ";
    text += fmt::format("\"{}\"", names[i]);
  }
  return text;
}

}  // namespace

void check_time_zone_unknown(const JobDecl& job, DiagnosticSink& sink) {
  const StringArgument& zone = job.time_zone;
  if (!zone.present || !zone.constant || cron::tz::is_zone(zone.value)) return;
  Diagnostic diagnostic = make_error(
      rule_id::time_zone_unknown, fmt::format("unknown time zone '{}': not in the system's tz database", zone.value),
      zone.range);
  // Only names a typo away are worth naming: a third of the name's length, and at least two edits.
  std::size_t reach = std::max(kTypoDistance, zone.value.size() / 3);
  auto nearest = cron::tz::nearest_zone_names(zone.value, 3);
  std::erase_if(nearest, [&](const std::string& name) { return cron::tz::edit_distance(zone.value, name) > reach; });
  SourceLocation at = diagnostic.range.begin;
  if (nearest.empty()) {
    diagnostic.notes.push_back(
        {"zone names are Area/Location, such as \"Europe/Berlin\" (timedatectl list-timezones lists them)", {at, at}});
  } else {
    diagnostic.notes.push_back({fmt::format("the nearest names are {}", quoted_list(nearest)), {at, at}});
    // A fix-it only when one name is clearly meant: close, and nearer than the next.
    std::size_t best = cron::tz::edit_distance(zone.value, nearest[0]);
    bool unique = nearest.size() == 1 || cron::tz::edit_distance(zone.value, nearest[1]) > best;
    if (best <= kTypoDistance && unique)
      if (auto fix = replace_literal(zone, nearest[0])) diagnostic.fixits.push_back(std::move(*fix));
  }
  sink.report(std::move(diagnostic));
}

}  // namespace cronc
