// libFuzzer target for the schedule engine: arbitrary bytes go through parse_cron, Schedule::cron/every/parse,
// next(), describe() and error_message(). Accepted schedules must fire strictly later, on a whole minute, at a
// time that itself matches, and no earlier than the minute-stepping reference finds a match.

#include "minute_stepping_reference.hpp"

#include <cron/schedule.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

using namespace std::chrono;

/// How far the reference steps after each start: enough to catch a skipped fire time, cheap enough to fuzz fast.
constexpr minutes kReferenceWindow = days{2};
/// next() must find a fire time of a schedule that parses within this span (the engine searches 60 years).
constexpr seconds kLongestGap = duration_cast<seconds>(years{61});

[[noreturn]] void fail(std::string_view text, const char* what, sys_seconds start, sys_seconds got) {
  std::fprintf(stderr, "schedule '%.*s', after %s: %s (got %s)\n", static_cast<int>(text.size()), text.data(),
               cron::format_utc(start).c_str(), what, cron::format_utc(got).c_str());
  std::abort();
}

void check_error(const cron::ParseError& error, std::string_view text, bool offsets_index_text) {
  if (error.kind == cron::ErrorKind::none) std::abort();
  if (offsets_index_text && (error.begin > error.end || error.end > text.size())) {
    std::fprintf(stderr, "error [%u, %u) outside '%.*s'\n", error.begin, error.end, static_cast<int>(text.size()),
                 text.data());
    std::abort();
  }
  if (cron::error_message(error, text).empty()) std::abort();
}

/// Start times: minute and year boundaries, leap days, the non-leap 2100, and one derived from the input.
void start_times(const std::uint8_t* data, std::size_t size, sys_seconds (&starts)[6]) {
  std::uint64_t hash = 14695981039346656037ull;  // FNV-1a
  for (std::size_t i = 0; i < size; ++i) hash = (hash ^ data[i]) * 1099511628211ull;
  const sys_seconds from = sys_days{year{1970} / 1 / 1};
  const sys_seconds to = sys_days{year{2400} / 1 / 1};
  starts[0] = sys_days{year{2024} / 2 / 28} + hours{23} + minutes{59} + seconds{30};
  starts[1] = sys_days{year{2025} / 12 / 31} + hours{23} + minutes{59};
  starts[2] = sys_days{year{2099} / 12 / 31} + hours{23} + minutes{59} + seconds{59};
  starts[3] = sys_days{year{2100} / 2 / 28} + hours{12};
  starts[4] = sys_days{year{1970} / 1 / 1};
  starts[5] = from + seconds{static_cast<std::int64_t>(hash % static_cast<std::uint64_t>((to - from).count()))};
}

void check_next(const cron::Schedule& schedule, std::string_view text, sys_seconds start) {
  const sys_seconds next = schedule.next(start);
  if (next <= start) fail(text, "next() is not after the start", start, next);
  if (next - start > kLongestGap) fail(text, "next() found nothing within 61 years", start, next);
  if (floor<minutes>(next) != next) fail(text, "next() is not a whole minute", start, next);
  if (schedule.next(next - minutes{1}) != next) fail(text, "next() is not a fire time itself", start, next);
  if (schedule.is_every()) {
    const auto minute_of_day = duration_cast<minutes>(next - floor<days>(next)).count();
    if (minute_of_day % schedule.interval_minutes() != 0) fail(text, "next() is off the interval", start, next);
    return;
  }
  if (!cron::reference::matches(schedule.fields(), next)) fail(text, "next() does not match the fields", start, next);
  const sys_seconds last = start + kReferenceWindow < next ? start + kReferenceWindow : next;
  const sys_seconds reference = cron::reference::next_by_minute_stepping(schedule.fields(), start, last);
  if (reference != (next <= last ? next : sys_seconds::max()))
    fail(text, "the minute-stepping reference finds an earlier fire time", start, reference);
}

void check_schedule(const cron::Schedule& schedule, std::string_view text, const sys_seconds (&starts)[6]) {
  if (schedule.describe().empty()) std::abort();
  for (sys_seconds start : starts) check_next(schedule, text, start);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  sys_seconds starts[6];
  start_times(data, size, starts);

  const auto fields = cron::parse_cron(text);
  if (!fields) check_error(fields.error(), text, true);
  const auto cron_schedule = cron::Schedule::cron(text);
  if (static_cast<bool>(fields) != static_cast<bool>(cron_schedule)) std::abort();
  if (cron_schedule) {
    if (!(cron_schedule.value().fields() == fields.value())) std::abort();
    check_schedule(cron_schedule.value(), text, starts);
  }

  const auto every = cron::parse_every(text);
  if (!every) check_error(every.error(), text, true);
  const auto every_schedule = cron::Schedule::every(text);
  if (static_cast<bool>(every) != static_cast<bool>(every_schedule)) std::abort();
  if (every_schedule) check_schedule(every_schedule.value(), text, starts);

  // The tagged forms (`every:120`, `every 2h`, `schedule:EXPR`) report offsets into the text after the tag.
  const auto tagged = cron::Schedule::parse(text);
  if (tagged)
    check_schedule(tagged.value(), text, starts);
  else
    check_error(tagged.error(), text, false);
  return 0;
}
