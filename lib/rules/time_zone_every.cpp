#include "rules/checks.hpp"
#include "rules/schedule_diagnostics.hpp"

#include <cron/every.hpp>

#include <fmt/format.h>

#include <optional>
#include <string>

namespace cronc {

namespace {

/// The cron expression that fires at the same times of day as an interval of `minutes` from midnight, when one
/// exists: whole minutes dividing an hour, or whole hours dividing a day (90 minutes has none).
std::optional<std::string> same_times_as_expression(int minutes) {
  if (minutes == 60) return "0 * * * *";
  if (minutes == static_cast<int>(cron::kMinutesPerDay)) return "0 0 * * *";
  if (minutes < 60 && 60 % minutes == 0) return fmt::format("*/{} * * * *", minutes);
  if (minutes % 60 == 0) return fmt::format("0 */{} * * *", minutes / 60);
  return std::nullopt;
}

}  // namespace

void check_time_zone_every(const JobDecl& job, DiagnosticSink& sink) {
  if (!job.every.present() || !job.time_zone.present || job.schedule.present) return;
  Diagnostic diagnostic = make_error(rule_id::time_zone_every,
                                     fmt::format("{} sets .time_zone with .every, which always runs from 00:00 UTC; "
                                                 "use a .schedule read in that zone instead",
                                                 job_label(job)),
                                     job.time_zone.range);
  std::optional<int> minutes = job.every.minutes();
  std::optional<std::string> expression = minutes ? same_times_as_expression(*minutes) : std::nullopt;
  std::string note = expression ? fmt::format(".schedule = \"{}\" fires at the same times of day in the zone's "
                                              "wall time",
                                              *expression)
                                : "no single cron expression fires at these times of day; list the times, such as "
                                  "\"0 9,17 * * *\"";
  diagnostic.notes.push_back({std::move(note), job.every.text.range});
  sink.report(std::move(diagnostic));
}

}  // namespace cronc
