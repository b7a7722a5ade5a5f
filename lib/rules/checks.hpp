#pragma once
/// The rules of the diagnostics catalogue (docs/design.md), one function per rule and file. Each reads a plain
/// `JobDecl` and reports to the sink, so rules are tested without parsing C++ (docs/design.md).

#include "diagnostics/diagnostic_sink.hpp"
#include "model/job_decl.hpp"

#include <chrono>
#include <string_view>
#include <vector>

namespace cronc {

/// The stable rule IDs: public API, seen in text output, SARIF `ruleId`, docs and tests.
namespace rule_id {
inline constexpr std::string_view id_invalid = "cron-id-invalid";
inline constexpr std::string_view id_duplicate = "cron-id-duplicate";
inline constexpr std::string_view schedule_missing = "cron-schedule-missing";
inline constexpr std::string_view schedule_conflict = "cron-schedule-conflict";
inline constexpr std::string_view every_syntax = "cron-every-syntax";
inline constexpr std::string_view every_range = "cron-every-range";
inline constexpr std::string_view every_divisor = "cron-every-divisor";
inline constexpr std::string_view schedule_syntax = "cron-schedule-syntax";
inline constexpr std::string_view schedule_unsupported = "cron-schedule-unsupported";
inline constexpr std::string_view schedule_never = "cron-schedule-never";
inline constexpr std::string_view endpoint_missing = "cron-endpoint-missing";
inline constexpr std::string_view endpoint_params = "cron-endpoint-params";
inline constexpr std::string_view endpoint_kind = "cron-endpoint-kind";
inline constexpr std::string_view endpoint_linkage = "cron-endpoint-linkage";
inline constexpr std::string_view endpoint_return = "cron-endpoint-return";
inline constexpr std::string_view not_top_level = "cron-not-top-level";
inline constexpr std::string_view not_constant = "cron-not-constant";
inline constexpr std::string_view time_zone_unknown = "cron-time-zone-unknown";
inline constexpr std::string_view time_zone_every = "cron-time-zone-every";
inline constexpr std::string_view schedule_dst = "cron-schedule-dst";
inline constexpr std::string_view timeout_invalid = "cron-timeout-invalid";
inline constexpr std::string_view retries_range = "cron-retries-range";
inline constexpr std::string_view jitter_invalid = "cron-jitter-invalid";
}  // namespace rule_id

/// The ID is empty, longer than 63 characters or not kebab-case; suggests the kebab form with a fix-it.
void check_id_invalid(const JobDecl& job, DiagnosticSink& sink);
/// Neither `.every` nor `.schedule` is set.
void check_schedule_missing(const JobDecl& job, DiagnosticSink& sink);
/// Both `.every` and `.schedule` are set.
void check_schedule_conflict(const JobDecl& job, DiagnosticSink& sink);
/// The `.every` text is not a duration.
void check_every_syntax(const JobDecl& job, DiagnosticSink& sink);
/// `.every` is not a whole number of minutes from 1 minute to 24 hours.
void check_every_range(const JobDecl& job, DiagnosticSink& sink);
/// `.every` does not divide 24 hours; notes the nearest valid intervals and fixes a literal to the nearer one.
void check_every_divisor(const JobDecl& job, DiagnosticSink& sink);
/// `.schedule` is not a valid cron expression.
void check_schedule_syntax(const JobDecl& job, DiagnosticSink& sink);
/// `.schedule` uses an extension of other crons that cronc does not run.
void check_schedule_unsupported(const JobDecl& job, DiagnosticSink& sink);
/// `.schedule` parses but matches no date.
void check_schedule_never(const JobDecl& job, DiagnosticSink& sink);
/// No `.endpoint`.
void check_endpoint_missing(const JobDecl& job, DiagnosticSink& sink);
/// The endpoint function takes parameters.
void check_endpoint_params(const JobDecl& job, DiagnosticSink& sink);
/// The endpoint is not a free or static member function.
void check_endpoint_kind(const JobDecl& job, DiagnosticSink& sink);
/// The generated stub cannot call the endpoint: internal linkage or a private member.
void check_endpoint_linkage(const JobDecl& job, DiagnosticSink& sink);
/// The endpoint returns something other than `void` or `cron::Status`.
void check_endpoint_return(const JobDecl& job, DiagnosticSink& sink);
/// The job is not a namespace-scope variable, so the stub cannot register it.
void check_not_top_level(const JobDecl& job, DiagnosticSink& sink);
/// An argument is not a compile-time constant; one diagnostic per argument.
void check_not_constant(const JobDecl& job, DiagnosticSink& sink);

/// `.time_zone` names no zone of the system's tz database; notes the nearest names, fixes a clear typo.
void check_time_zone_unknown(const JobDecl& job, DiagnosticSink& sink);
/// `.time_zone` with `.every` (which runs from 00:00 UTC); notes the `.schedule` with the same times of day.
void check_time_zone_every(const JobDecl& job, DiagnosticSink& sink);
/// A warning for a fixed-time zoned job whose local time a clock change skips or repeats within three years of
/// `now`: what the job does then, and the first date.
void check_schedule_dst_from(const JobDecl& job, DiagnosticSink& sink, std::chrono::sys_seconds now);
/// check_schedule_dst_from at the build's time: SOURCE_DATE_EPOCH when set (reproducible builds), else the clock.
void check_schedule_dst(const JobDecl& job, DiagnosticSink& sink);
/// `.timeout` does not parse or is not a whole number of seconds from 1 second to 24 hours.
void check_timeout_invalid(const JobDecl& job, DiagnosticSink& sink);
/// `.retries` is outside 0 to 10; a literal is fixed to the nearer bound.
void check_retries_range(const JobDecl& job, DiagnosticSink& sink);
/// `.jitter` does not parse, is not whole seconds from 1 second to 1 hour, or is not shorter than the shortest gap
/// between two fire times (which the message gives).
void check_jitter_invalid(const JobDecl& job, DiagnosticSink& sink);

/// The cross-translation-unit rule, run once over every job of the program: an ID declared twice is an error at
/// each later declaration in (path, line, column) order, with a note at the first. One declaration seen from
/// several translation units (a job in a header) counts once.
void check_duplicate_ids(std::vector<JobDecl> jobs, DiagnosticSink& sink);

}  // namespace cronc
