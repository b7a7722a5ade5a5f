#pragma once
/// Builds `JobDecl` values as the extractor would for a declaration at a known place, so rule tests state the
/// expected line:column of every diagnostic exactly. A built job has this layout, `line` (10 unless given) being its
/// first line; an argument that is not set leaves its line empty:
///
///   10: const cron::CronJob welcomeEmail{"welcome-email", {
///   11:     .title = "Send welcome emails",
///   12:     .every = "2h",
///   13:     .schedule = "0 4 * * *",
///   14:     .endpoint = &sendWelcomeEmail,
///   15: }};
///
/// and the endpoint is declared on line 4 as `cron::Status sendWelcomeEmail();` in namespace `shop`.

#include "model/job_decl.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

namespace cronc::test {

/// A place in the test's file, "jobs.cpp" unless given.
inline SourceLocation at(unsigned line, unsigned column, std::string file = "jobs.cpp") {
  return {std::move(file), line, column, 0};
}

/// Columns [begin, end) of one line.
inline SourceRange columns(unsigned line, unsigned begin, unsigned end, const std::string& file = "jobs.cpp") {
  return {at(line, begin, file), at(line, end, file)};
}

/// An argument that is no literal, such as a constexpr variable: its value, but no byte locations.
inline StringArgument named_constant(std::string value, SourceRange range) {
  StringArgument argument;
  argument.present = true;
  argument.value = std::move(value);
  argument.range = std::move(range);
  return argument;
}

/// A string literal `"value"` written in the argument with its opening quote at line:column; one byte a column.
inline StringArgument literal(std::string value, unsigned line, unsigned column, const std::string& file = "jobs.cpp") {
  auto size = static_cast<unsigned>(value.size());
  StringArgument argument = named_constant(std::move(value), columns(line, column, column + size + 2, file));
  for (unsigned byte = 0; byte <= size; ++byte) argument.byte_locations.push_back(at(line, column + 1 + byte, file));
  return argument;
}

/// An argument the constant evaluator could not read.
inline StringArgument not_constant(SourceRange range) {
  StringArgument argument = named_constant("", std::move(range));
  argument.constant = false;
  return argument;
}

/// What differs between the jobs a test builds; designated initializers name only that.
struct JobSpec {
  std::string id = "welcome-email";
  std::optional<std::string> every = "2h";
  std::optional<std::string> schedule = std::nullopt;
  unsigned line = 10;
  std::string file = "jobs.cpp";
};

/// A job laid out as above; valid unless `spec` makes it otherwise.
inline JobDecl build_job(const JobSpec& spec = {}) {
  unsigned line = spec.line;
  const std::string& file = spec.file;
  JobDecl job;
  job.variable = "shop::welcomeEmail";
  job.name_range = columns(line, 21, 33, file);
  job.id = literal(spec.id, line, 34, file);
  job.title = literal("Send welcome emails", line + 1, 14, file);
  if (spec.every) job.every.text = literal(*spec.every, line + 2, 14, file);
  if (spec.schedule) job.schedule = literal(*spec.schedule, line + 3, 17, file);
  Endpoint& endpoint = job.endpoint;
  endpoint.kind = EndpointKind::function;
  endpoint.range = columns(line + 4, 17, 34, file);
  endpoint.name = "sendWelcomeEmail";
  endpoint.qualified_name = "shop::sendWelcomeEmail";
  endpoint.return_type = "cron::Status";
  endpoint.returns = ReturnKind::status;
  endpoint.declaration = columns(4, 14, 30, file);
  endpoint.enclosing_namespace = "shop";
  return job;
}

/// A job with `.schedule` (line 13) instead of `.every`.
inline JobDecl build_schedule_job(std::string schedule) {
  return build_job({.every = std::nullopt, .schedule = std::move(schedule)});
}

/// A job with `.schedule` and, on the same line after it, `.time_zone`:
///   13:     .schedule = "30 2 * * *", .time_zone = "Europe/Berlin",
inline JobDecl build_zoned_job(std::string schedule, std::string zone) {
  auto schedule_columns = static_cast<unsigned>(schedule.size()) + 2;
  JobDecl job = build_schedule_job(std::move(schedule));
  job.time_zone = literal(std::move(zone), 13, 17 + schedule_columns + 15);
  return job;
}

/// A job whose `.every` is a std::chrono duration, written on line 12 as `.every = std::chrono::hours{7},`.
inline JobDecl build_chrono_job(std::int64_t nanoseconds) {
  JobDecl job = build_job();
  job.every.text = named_constant("", columns(12, 14, 35));
  job.every.nanoseconds = nanoseconds;
  return job;
}

}  // namespace cronc::test
