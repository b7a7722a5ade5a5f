#include "rules/rule_registry.hpp"

namespace cronc {

namespace {

constexpr Rule kRules[] = {
    {rule_id::id_invalid, "the job ID is not 1-63 characters of kebab-case",
     "Use lowercase letters, digits and dashes, starting with a letter and not ending with a dash, such as "
     "'send-welcome-email'; the ID names the job in Kubernetes and systemd too.",
     &check_id_invalid},
    {rule_id::id_duplicate, "the same job ID is declared more than once in the program",
     "Give each job its own ID: the runtime, the store and the dashboard tell jobs apart by it.", nullptr},
    {rule_id::schedule_missing, "the job sets neither .every nor .schedule",
     "Set .every to an interval (\"1h\") or .schedule to a cron expression (\"0 4 * * *\").", &check_schedule_missing},
    {rule_id::schedule_conflict, "the job sets both .every and .schedule",
     "Keep one of them: .every for a fixed interval, .schedule for a cron expression.", &check_schedule_conflict},
    {rule_id::every_syntax, "the .every interval does not parse",
     "Write a duration such as \"30m\", \"2h\" or \"1h30m\", or a std::chrono duration.", &check_every_syntax},
    {rule_id::every_range, "the .every interval is not a whole number of minutes from 1 minute to 24 hours",
     "Use whole minutes from \"1m\" to \"24h\"; for less often than daily, use a cron expression in .schedule.",
     &check_every_range},
    {rule_id::every_divisor, "the .every interval does not divide 24 hours",
     "Jobs fire at 00:00 UTC plus multiples of the interval every day, so it must divide 24 hours (1440 minutes has "
     "36 divisors); use the nearest valid interval, or a cron expression in .schedule.",
     &check_every_divisor},
    {rule_id::schedule_syntax, "the .schedule cron expression does not parse",
     "Write five fields 'minute hour day-of-month month day-of-week' with values in each field's range, or a macro "
     "such as @daily.",
     &check_schedule_syntax},
    {rule_id::schedule_unsupported, "the .schedule uses an extension of other crons that cronc does not run",
     "Remove seconds and year fields, L, W, #, @reboot and @every; use .every for intervals, and .time_zone instead "
     "of a TZ=/CRON_TZ= prefix.",
     &check_schedule_unsupported},
    {rule_id::schedule_never, "the .schedule cron expression can never fire",
     "Allow a day that exists in the months the expression allows, such as the 28th in February.",
     &check_schedule_never},
    {rule_id::endpoint_missing, "the job has no endpoint",
     "Set .endpoint to the address of a function with no parameters returning void or cron::Status.",
     &check_endpoint_missing},
    {rule_id::endpoint_params, "the endpoint takes parameters",
     "Cron endpoints are called with no arguments; remove the parameters or call the function from a wrapper.",
     &check_endpoint_params},
    {rule_id::endpoint_kind, "the endpoint is not a free or static member function",
     "Point .endpoint at a free function or a static member function, not a lambda, non-static member function, "
     "function object, variable or template.",
     &check_endpoint_kind},
    {rule_id::endpoint_linkage, "the endpoint has internal linkage or is a private member",
     "The generated registration calls the endpoint from another file: give it external linkage and make it public.",
     &check_endpoint_linkage},
    {rule_id::endpoint_return, "the endpoint returns something other than void or cron::Status",
     "Return void, or cron::Status to report a failure.", &check_endpoint_return},
    {rule_id::not_top_level, "a cron::CronJob is created anywhere but a namespace-scope variable",
     "Declare the job as a const variable at namespace scope; cronc does not register jobs in functions, classes, "
     "temporaries or new-expressions.",
     &check_not_top_level},
    {rule_id::not_constant, "an argument of a cron::CronJob is not a compile-time constant",
     "Use string literals or constexpr variables, so cronc can read the values when it builds.", &check_not_constant},
    {rule_id::time_zone_unknown, "the .time_zone is not in the system's tz database",
     "Use an IANA zone name such as \"Europe/Berlin\" or \"America/New_York\" (see /usr/share/zoneinfo).",
     &check_time_zone_unknown},
    {rule_id::time_zone_every, "the job sets .time_zone with .every",
     "An .every job fires at 00:00 UTC plus multiples of its interval, whatever the zone; to run at times of day in "
     "a zone, write them as a .schedule cron expression and keep the .time_zone.",
     &check_time_zone_every},
    {rule_id::timeout_invalid, "the .timeout does not parse or is outside 1 second to 24 hours",
     "Write whole seconds, minutes or hours such as \"30s\", \"20m\" or \"1h30m\", or a std::chrono duration, "
     "from 1 second to 24 hours.",
     &check_timeout_invalid},
    {rule_id::retries_range, "the .retries count is outside 0 to 10",
     "Retries are the attempts after the first, with the same idempotency key and growing backoff; use 0 to 10.",
     &check_retries_range},
    {rule_id::jitter_invalid,
     "the .jitter does not parse, is over 1 hour, or is not shorter than the shortest gap between fire times",
     "Write whole seconds or minutes such as \"30s\" or \"5m\", at most 1 hour and shorter than the time between "
     "two runs of the job, so a delayed tick never starts after the next one.",
     &check_jitter_invalid},
    {rule_id::schedule_dst, "a fixed-time job's local time falls in a clock change of its zone within three years",
     "On those days the job runs once: at the first minute after a skipped time, at the first pass of a repeated "
     "one. Pick a time outside the change (such as 04:00 in Europe), or a wildcard schedule if every pass should run.",
     &check_schedule_dst, Severity::warning},
};

}  // namespace

std::span<const Rule> all_rules() {
  return kRules;
}

void check_declaration(const JobDecl& job, DiagnosticSink& sink) {
  for (const Rule& rule : kRules)
    if (rule.check != nullptr) rule.check(job, sink);
}

}  // namespace cronc
