#pragma once
/// What several rules share, kept in one place: naming the job in messages, turning a schedule engine error
/// (`cron::ParseError`) into a located diagnostic, rendering chrono durations, literal fix-its and endpoint notes.

#include "diagnostics/diagnostic.hpp"
#include "model/job_decl.hpp"

#include <cron/parse_error.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cronc {

/// An error diagnostic of `rule`, ready for notes and fix-its.
Diagnostic make_error(std::string_view rule, std::string message, SourceRange range);

/// How messages name the job: "job 'welcome-email'" (with `noun` for "job"), or "a cron::CronJob" when the ID is
/// not a constant or is empty, so there is nothing to quote. An invalid ID is quoted as written.
std::string job_label(const JobDecl& job, std::string_view noun = "job");

/// A length of time as a user would write it: whole minutes as `every` text ("7h", "1h30m"), anything else in the
/// largest of s, ms, us and ns that is exact ("90s", "500ms"). For messages about chrono `every` values.
std::string format_duration(std::int64_t nanoseconds);

/// Replaces the content of a string literal (between the quotes) by `replacement`; none when the argument is not
/// a literal written in place, whose bytes cannot be located.
std::optional<FixIt> replace_literal(const StringArgument& argument, std::string replacement);

/// An `every` or `schedule` value the schedule engine rejected, and where it is written.
struct ScheduleProblem {
  cron::ParseError error;
  std::string text;                ///< what the message quotes: the value, or a chrono duration as "90s"
  const StringArgument* argument;  ///< the argument as written

  /// The engine's message for the error.
  std::string message() const;
  /// Where the error is: the offending bytes, so the caret sits on the offending character (the engine reports
  /// the whole value for an `every` value that parses but breaks a rule), or the argument when the value is not a
  /// literal whose bytes can be located.
  SourceRange range() const;
};

/// Why the job's `every` value is invalid, when it is set, constant and not in conflict with `schedule`.
std::optional<ScheduleProblem> every_problem(const JobDecl& job);
/// Why the job's `schedule` is invalid, when it is set, constant and not in conflict with `every`.
std::optional<ScheduleProblem> schedule_problem(const JobDecl& job);

/// A set, constant `timeout` or `jitter` value: its length, or where its text fails to parse.
struct PolicyDuration {
  std::string text;                       ///< what messages quote: the value, or a chrono duration as "90s"
  std::int64_t nanoseconds = 0;
  std::optional<ScheduleProblem> syntax;  ///< the text is not a duration
  const StringArgument* argument;         ///< the argument as written
};

/// The length of `.timeout` or `.jitter` when it is set and constant.
std::optional<PolicyDuration> policy_duration(const DurationArgument& duration);
/// The error of `rule` for a `timeout` or `jitter` (`name`) whose text is not a duration, at the offending bytes;
/// none when it parses.
std::optional<Diagnostic> duration_syntax_error(std::string_view rule, std::string_view name,
                                                const PolicyDuration& duration);
/// The job's shortest gap between two fire times in minutes (0: over a day), when its schedule is valid.
std::optional<int> shortest_gap_minutes(const JobDecl& job);

/// Whether the endpoint names a function the stub could call (free or static member). The function rules
/// (parameters, return type, linkage) stay quiet about every other kind, which is cron-endpoint-kind's.
bool names_function(const Endpoint& endpoint);
/// The note "'shop::f' is declared here" at the endpoint's declaration.
Note declared_here(const Endpoint& endpoint);

}  // namespace cronc
