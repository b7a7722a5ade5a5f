#include "rules/checks.hpp"
#include "rules/schedule_diagnostics.hpp"

#include <cron/tz_database.hpp>
#include <cron/zoned_schedule.hpp>

#include <fmt/format.h>

#include <charconv>
#include <cstdlib>

namespace cronc {

namespace {

using namespace std::chrono;

/// How far ahead a clock change is worth a warning.
constexpr auto kHorizon = days{3 * 365 + 1};

std::string wall_clock(sys_seconds local) {
  hh_mm_ss time{local - floor<days>(local)};
  return fmt::format("{:02}:{:02}", time.hours().count(), time.minutes().count());
}

std::string calendar_date(sys_seconds local) { return cron::format_utc(local).substr(0, 10); }

/// "an hour", "30 minutes", "2 hours".
std::string amount(seconds shift) {
  auto minutes_shifted = duration_cast<minutes>(shift).count();
  if (minutes_shifted == 60) return "an hour";
  if (minutes_shifted % 60 == 0) return fmt::format("{} hours", minutes_shifted / 60);
  return fmt::format("{} minutes", minutes_shifted);
}

/// The bytes of the hour field, where the fixed time is written; the whole literal for a macro.
SourceRange hour_field(const StringArgument& schedule) {
  const std::string& text = schedule.value;
  std::size_t pos = text.find_first_not_of(" \t");
  if (pos == std::string::npos || text[pos] == '@') return schedule.range;
  pos = text.find_first_of(" \t", pos);
  std::size_t begin = text.find_first_not_of(" \t", pos);
  std::size_t end = text.find_first_of(" \t", begin);
  return schedule.bytes(begin, end == std::string::npos ? text.size() : end);
}

}  // namespace

void check_schedule_dst_from(const JobDecl& job, DiagnosticSink& sink, sys_seconds now) {
  const StringArgument& zone_name = job.time_zone;
  const StringArgument& schedule = job.schedule;
  if (!zone_name.present || !zone_name.constant || !schedule.present || !schedule.constant || job.every.present())
    return;
  if (cron::clock_change_rule(schedule.value) != cron::ClockChangeRule::once_per_local_time) return;
  auto parsed = cron::Schedule::cron(schedule.value);
  auto zone = cron::tz::load_zone(zone_name.value);
  if (!parsed || zone == nullptr) return;
  auto effect = cron::first_clock_change_effect(parsed.value(), *zone, now, now + kHorizon);
  if (!effect) return;
  const sys_seconds at = effect->transition.at;
  const seconds before = effect->offset_before;
  const seconds after = effect->transition.offset;
  const std::string time = wall_clock(effect->local_time);
  std::string message;
  std::string note;
  if (effect->kind == cron::ClockChangeEffect::Kind::skipped) {
    message = fmt::format("{} runs at {} in {}, a time skipped when the clocks go forward from {} to {}, first on {}",
                          job_label(job), time, zone->name(), wall_clock(at + before), wall_clock(at + after),
                          calendar_date(effect->local_time));
    note = fmt::format("on those days it runs once at {} ({}), the first minute after the gap", wall_clock(at + after),
                       cron::format_local(effect->fires_at, after));
  } else {
    message = fmt::format("{} runs at {} in {}, a time that happens twice when the clocks go back from {} to {}, "
                          "first on {}",
                          job_label(job), time, zone->name(), wall_clock(at + before), wall_clock(at + after),
                          calendar_date(effect->local_time));
    note = fmt::format("on those days it runs once, at the first {} ({}), not again {} later", time,
                       cron::format_local(effect->fires_at, before), amount(before - after));
  }
  Diagnostic diagnostic{std::string(rule_id::schedule_dst), Severity::warning, std::move(message),
                        hour_field(schedule), {}, {}};
  SourceLocation where = diagnostic.range.begin;
  diagnostic.notes.push_back({std::move(note), {where, where}});
  sink.report(std::move(diagnostic));
}

void check_schedule_dst(const JobDecl& job, DiagnosticSink& sink) {
  // SOURCE_DATE_EPOCH (reproducible builds) fixes the build's "now", so the same sources give the same warnings.
  sys_seconds now = time_point_cast<seconds>(system_clock::now());
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) {
    long long value = 0;
    std::string_view text(epoch);
    if (auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        error == std::errc{} && end == text.data() + text.size())
      now = sys_seconds{seconds{value}};
  }
  check_schedule_dst_from(job, sink, now);
}

}  // namespace cronc
