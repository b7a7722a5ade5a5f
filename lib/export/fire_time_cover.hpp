#pragma once
/// Platform schedulers take cron expressions (Kubernetes) or calendar events (systemd), not cronc's `every`
/// intervals, and do not all read cron the way cronie does: this turns a schedule into the fewest entries whose
/// fire times together are exactly the schedule's, spelled so that each platform means what cronc means.

#include <cron/schedule.hpp>

#include <optional>
#include <string>
#include <vector>

namespace cronc {

/// The fewest cron field sets (cronie semantics, docs/design.md) whose fire times together are exactly the
/// schedule's, in a deterministic order. A cron schedule is its own fields. `every N minutes` is one set per
/// distinct set of firing minutes among the 24 hours (90 minutes: `0 */3 * * *` and `30 1-22/3 * * *`); the
/// sets never fire at the same minute.
std::vector<cron::CronFields> cron_cover(const cron::Schedule& schedule);

/// `fields` as a five-field expression that means the same to cronie and to Kubernetes' parser (robfig/cron):
/// numbers only, Sunday as 0, and a day field that starts with `*` only when it is unrestricted (the two
/// parsers disagree on whether `*/2` counts as `*` for the day-of-month/day-of-week rule). Nothing when the day
/// of month and the weekday are both restricted and must both match (cronie's `*/2` next to a weekday):
/// robfig/cron has no spelling for that intersection.
std::optional<std::string> portable_cron(const cron::CronFields& fields);

/// `fields` as systemd OnCalendar= values in UTC (`Mon..Fri *-*-* 04:00:00 UTC`): one, or two when both day
/// fields are restricted and cron fires on a day that matches either (systemd's weekday and date must both
/// match). A line that could never fire is left out.
std::vector<std::string> on_calendar_lines(const cron::CronFields& fields);

}  // namespace cronc
