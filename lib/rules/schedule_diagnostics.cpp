#include "rules/schedule_diagnostics.hpp"

#include <cron/cron_expression.hpp>
#include <cron/every.hpp>
#include <cron/fire_gap.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <utility>

namespace cronc {

Diagnostic make_error(std::string_view rule, std::string message, SourceRange range) {
  return Diagnostic{std::string(rule), Severity::error, std::move(message), std::move(range), {}, {}};
}

std::string job_label(const JobDecl& job, std::string_view noun) {
  if (!job.id.constant || job.id.value.empty()) return "a cron::CronJob";
  return fmt::format("{} '{}'", noun, job.id.value);
}

std::string format_duration(std::int64_t nanoseconds) {
  std::string_view sign = nanoseconds < 0 ? "-" : "";
  // Unsigned, so that negating the most negative value is defined.
  std::uint64_t magnitude = nanoseconds < 0 ? 0 - static_cast<std::uint64_t>(nanoseconds) : nanoseconds;
  constexpr std::uint64_t kPerMinute = cron::kNanosecondsPerMinute;
  if (magnitude != 0 && magnitude % kPerMinute == 0)
    return fmt::format("{}{}", sign, cron::format_interval(static_cast<int>(magnitude / kPerMinute)));
  struct Unit {
    std::string_view suffix;
    std::uint64_t nanoseconds;
  };
  constexpr Unit kUnits[] = {{"s", 1'000'000'000}, {"ms", 1'000'000}, {"us", 1'000}, {"ns", 1}};
  // The last unit, ns, divides everything.
  const Unit* unit = std::find_if(std::begin(kUnits), std::end(kUnits) - 1,
                                  [&](const Unit& candidate) { return magnitude % candidate.nanoseconds == 0; });
  return fmt::format("{}{}{}", sign, magnitude / unit->nanoseconds, unit->suffix);
}

std::optional<FixIt> replace_literal(const StringArgument& argument, std::string replacement) {
  if (argument.byte_locations.empty()) return std::nullopt;
  return FixIt{{argument.byte_locations.front(), argument.byte_locations.back()}, std::move(replacement)};
}

std::string ScheduleProblem::message() const {
  return cron::error_message(error, text);
}

SourceRange ScheduleProblem::range() const {
  // An error about the whole value (an interval that breaks a rule, a wrong field count) underlines the whole
  // literal, quotes included, as docs/design.md shows; anything narrower points at the offending bytes.
  // An `every` syntax error names unexpected bytes ("unexpected 'x'"), so it points at them even when they happen
  // to be the whole value ("x"); only an empty value, with nothing to point at, gets the whole literal.
  bool names_bytes = error.kind == cron::ErrorKind::every_syntax && error.begin < error.end;
  if (!names_bytes && error.begin == 0 && error.end >= text.size()) return argument->range;
  return argument->bytes(error.begin, error.end);
}

std::optional<ScheduleProblem> every_problem(const JobDecl& job) {
  const StringArgument& every = job.every.text;
  if (!job.every.present() || !every.constant || job.schedule.present) return std::nullopt;
  std::int64_t nanoseconds = 0;
  std::string text = every.value;
  if (job.every.nanoseconds) {
    nanoseconds = *job.every.nanoseconds;
    text = format_duration(nanoseconds);
  } else {
    auto parsed = cron::parse_duration(text);
    if (!parsed) return ScheduleProblem{parsed.error(), std::move(text), &every};
    nanoseconds = parsed.value();
  }
  auto minutes = cron::every_minutes_from_nanoseconds(nanoseconds, 0, text.size());
  if (minutes) return std::nullopt;
  return ScheduleProblem{minutes.error(), std::move(text), &every};
}

std::optional<ScheduleProblem> schedule_problem(const JobDecl& job) {
  const StringArgument& schedule = job.schedule;
  if (!schedule.present || !schedule.constant || job.every.present()) return std::nullopt;
  auto parsed = cron::parse_cron(schedule.value);
  if (parsed) return std::nullopt;
  return ScheduleProblem{parsed.error(), schedule.value, &schedule};
}

std::optional<PolicyDuration> policy_duration(const DurationArgument& duration) {
  if (!duration.present() || !duration.text.constant) return std::nullopt;
  PolicyDuration result{duration.text.value, 0, std::nullopt, &duration.text};
  if (duration.nanoseconds) {
    result.nanoseconds = *duration.nanoseconds;
    result.text = format_duration(result.nanoseconds);
    return result;
  }
  auto parsed = cron::parse_duration(result.text);
  if (parsed)
    result.nanoseconds = parsed.value();
  else
    result.syntax = ScheduleProblem{parsed.error(), result.text, &duration.text};
  return result;
}

std::optional<Diagnostic> duration_syntax_error(std::string_view rule, std::string_view name,
                                                const PolicyDuration& duration) {
  if (!duration.syntax) return std::nullopt;
  const cron::ParseError& error = duration.syntax->error;
  std::string_view unexpected = std::string_view(duration.text).substr(error.begin, error.end - error.begin);
  std::string_view advice = "write seconds, minutes and hours such as \"30s\", \"20m\" or \"1h30m\"";
  std::string message =
      unexpected.empty()
          ? fmt::format("invalid {} '{}'; {}", name, duration.text, advice)
          : fmt::format("invalid {} '{}': unexpected '{}'; {}", name, duration.text, unexpected, advice);
  return make_error(rule, std::move(message), duration.syntax->range());
}

std::optional<int> shortest_gap_minutes(const JobDecl& job) {
  if (job.every.present() == job.schedule.present) return std::nullopt;
  if (job.every.present()) {
    if (every_problem(job) || !job.every.text.constant) return std::nullopt;
    auto length = policy_duration(job.every);
    return static_cast<int>(length->nanoseconds / cron::kNanosecondsPerMinute);
  }
  if (!job.schedule.constant) return std::nullopt;
  auto fields = cron::parse_cron(job.schedule.value);
  if (!fields) return std::nullopt;
  return cron::shortest_gap_minutes(fields.value());
}

bool names_function(const Endpoint& endpoint) {
  return endpoint.kind == EndpointKind::function || endpoint.kind == EndpointKind::static_member;
}

Note declared_here(const Endpoint& endpoint) {
  return {fmt::format("'{}' is declared here", endpoint.qualified_name), endpoint.declaration};
}

}  // namespace cronc
