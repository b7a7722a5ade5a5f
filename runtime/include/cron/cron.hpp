#pragma once
/// The user-facing API (docs/design.md): declare a job at namespace scope; cronc's generated stub runs it.

#include <cron/job_errors.hpp>
#include <cron/job_id.hpp>
#include <cron/policy.hpp>
#include <cron/schedule.hpp>
#include <cron/status.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>
#include <type_traits>

// cronc defines CRONC_ANALYZER when it parses a translation unit, so the analyzer sees the raw values and
// reports its own diagnostics (carets, notes, fix-its) instead of the compiler's (docs/design.md).
#ifdef CRONC_ANALYZER
#define CRONC_CHECKED_CONSTRUCTOR constexpr
#else
#define CRONC_CHECKED_CONSTRUCTOR consteval
#endif

namespace cron {

/// A length of time (`every`, `timeout`, `jitter`): a duration text ("2h", "1h30m", "30s") or any std::chrono
/// duration.
class Duration {
 public:
  constexpr Duration() = default;
  constexpr Duration(const char* text) : text_(text) {}
  constexpr Duration(std::string_view text) : text_(text) {}
  template <class Rep, class Period>
  constexpr Duration(std::chrono::duration<Rep, Period> duration)
      : nanoseconds_(std::chrono::duration_cast<std::chrono::nanoseconds>(duration).count()), is_duration_(true) {}

  constexpr bool empty() const { return !is_duration_ && text_.empty(); }
  constexpr bool is_duration() const { return is_duration_; }
  constexpr std::string_view text() const { return text_; }
  constexpr std::int64_t nanoseconds() const { return nanoseconds_; }
  /// The length in nanoseconds, or the text's syntax error.
  constexpr Result<std::int64_t> parse() const {
    return is_duration_ ? Result<std::int64_t>(nanoseconds_) : parse_duration(text_);
  }

 private:
  std::string_view text_;
  std::int64_t nanoseconds_ = 0;
  bool is_duration_ = false;
};

/// What an endpoint is, as far as the header can tell from its type.
enum class EndpointKind : std::uint8_t { missing, function, member_function, not_a_function };

/// The `endpoint` argument. It accepts any function pointer (and anything else) so that a wrong signature is
/// reported by cronc's own check, not as a template error. It keeps no pointer: the generated stub calls the
/// endpoint, so declaring a job has no run-time effect.
class Endpoint {
 public:
  constexpr Endpoint() = default;
  constexpr Endpoint(std::nullptr_t) {}
  template <class R, class... Args>
  constexpr Endpoint(R (*)(Args...)) : kind_(EndpointKind::function), parameters_(sizeof...(Args)),
                                       returns_void_or_status_(std::is_void_v<R> || std::is_same_v<R, Status>) {}
  template <class R, class... Args>
  constexpr Endpoint(R (*)(Args...) noexcept) : Endpoint(static_cast<R (*)(Args...)>(nullptr)) {}
  template <class Other>
  constexpr Endpoint(const Other&)
      : kind_(std::is_member_function_pointer_v<Other> ? EndpointKind::member_function
                                                        : EndpointKind::not_a_function) {}

  constexpr EndpointKind kind() const { return kind_; }
  constexpr int parameters() const { return parameters_; }
  constexpr bool returns_void_or_status() const { return returns_void_or_status_; }

 private:
  EndpointKind kind_ = EndpointKind::missing;
  int parameters_ = 0;
  bool returns_void_or_status_ = false;
};

/// A job's settings, in the order designated initializers must follow. Every field has a default so that
/// leaving one out does not warn under -Wmissing-field-initializers.
/// The policies after `endpoint` are optional: one left out falls back to cron::Options (docs/policies.md).
struct JobConfig {
  std::string_view title = {};             ///< shown in the dashboard; defaults to the ID
  Duration every = {};                     ///< fire every N minutes from 00:00 UTC; N must divide 24 hours
  std::string_view schedule = {};          ///< a five-field cron expression, instead of `every`
  std::string_view time_zone = {};         ///< an IANA zone `schedule` is read in ("Europe/Berlin"); empty: UTC
  Endpoint endpoint = {};                  ///< `&f`: no parameters, returns void or cron::Status
  Duration timeout = {};                   ///< then stop is requested and the run is `timed_out`; 1 s to 24 h
  std::optional<int> retries = {};         ///< attempts after the first, with the same key: 0 to 10
  std::optional<Overlap> overlap = {};     ///< when a tick comes while the last run goes on; default skip
  std::optional<CatchUp> catch_up = {};    ///< for ticks missed by more than the misfire grace
  Duration jitter = {};                    ///< start each tick up to this late (a stable delay); at most 1 h
};

namespace detail {

constexpr void check_cron_expression(std::string_view expression) {
  auto parsed = parse_cron(expression);
  if (parsed) return;
  switch (parsed.error().kind) {
    case ErrorKind::empty: error::cron_expression_is_empty(); break;
    case ErrorKind::wrong_field_count: error::cron_expression_has_wrong_field_count_expected_5(); break;
    case ErrorKind::unknown_macro: error::cron_expression_has_unknown_macro(); break;
    case ErrorKind::value_out_of_range: error::cron_value_is_out_of_range_for_its_field(); break;
    case ErrorKind::unknown_name: error::cron_name_is_not_a_month_or_weekday(); break;
    case ErrorKind::backwards_range: error::cron_range_goes_backwards(); break;
    case ErrorKind::bad_step: error::cron_step_is_out_of_range(); break;
    case ErrorKind::question_mark_field: error::cron_question_mark_is_only_for_day_fields(); break;
    case ErrorKind::never_fires: error::cron_expression_never_fires(); break;
    case ErrorKind::unsupported:
      switch (parsed.error().feature) {
        case Unsupported::seconds_field:
        case Unsupported::year_field: error::cron_seconds_and_year_fields_are_not_supported(); break;
        case Unsupported::reboot:
        case Unsupported::every_macro: error::cron_reboot_and_every_macros_are_not_supported(); break;
        case Unsupported::time_zone: error::cron_TZ_prefix_is_not_supported_use_the_time_zone_field(); break;
        default: error::cron_L_W_and_hash_are_not_supported(); break;
      }
      break;
    default: error::cron_expression_has_unexpected_character(); break;
  }
}

constexpr void check_every(const Duration& every) {
  auto nanoseconds = every.parse();
  if (!nanoseconds) error::every_is_not_a_duration_like_30m_2h_or_1h30m();
  auto minutes = every_minutes_from_nanoseconds(nanoseconds.value());
  if (minutes) return;
  switch (minutes.error().kind) {
    case ErrorKind::every_too_short: error::every_must_be_at_least_1_minute(); break;
    case ErrorKind::every_not_whole_minutes: error::every_must_be_a_whole_number_of_minutes(); break;
    case ErrorKind::every_too_long: error::every_must_be_at_most_24_hours(); break;
    default: error::every_must_divide_24_hours(); break;
  }
}

constexpr void check_timeout(const Duration& timeout) {
  auto nanoseconds = timeout.parse();
  if (!nanoseconds) error::timeout_is_not_a_duration_like_30s_20m_or_1h30m();
  switch (check_timeout_length(nanoseconds.value())) {
    case PolicyDurationProblem::none: break;
    case PolicyDurationProblem::not_whole_seconds: error::timeout_must_be_a_whole_number_of_seconds(); break;
    default: error::timeout_must_be_from_1_second_to_24_hours(); break;
  }
}

/// `shortest_gap_minutes` is the schedule's, or 0 when the schedule is invalid (its own error is reported).
constexpr void check_jitter(const Duration& jitter, int shortest_gap_minutes) {
  auto nanoseconds = jitter.parse();
  if (!nanoseconds) error::jitter_is_not_a_duration_like_30s_5m_or_1h();
  switch (check_jitter_length(nanoseconds.value(), shortest_gap_minutes)) {
    case PolicyDurationProblem::none: break;
    case PolicyDurationProblem::not_whole_seconds: error::jitter_must_be_a_whole_number_of_seconds(); break;
    case PolicyDurationProblem::not_shorter_than_gap:
      error::jitter_must_be_shorter_than_the_shortest_gap_between_fire_times();
      break;
    default: error::jitter_must_be_from_1_second_to_1_hour(); break;
  }
}

/// The schedule's shortest gap between fire times, for the jitter check; 0 when the schedule is invalid.
constexpr int shortest_gap_minutes(const JobConfig& config) {
  if (!config.every.empty()) {
    auto nanoseconds = config.every.parse();
    if (!nanoseconds) return 0;
    auto minutes = every_minutes_from_nanoseconds(nanoseconds.value());
    return minutes ? minutes.value() : 0;
  }
  auto fields = parse_cron(config.schedule);
  return fields ? cron::shortest_gap_minutes(fields.value()) : 0;
}

constexpr void check_job(std::string_view id, const JobConfig& config) {
  switch (check_id(id)) {
    case IdProblem::empty: error::id_must_not_be_empty(); break;
    case IdProblem::too_long: error::id_must_be_at_most_63_characters(); break;
    case IdProblem::not_kebab_case: error::id_must_be_kebab_case_like_send_welcome_email_with_dashes(); break;
    case IdProblem::none: break;
  }
  bool has_every = !config.every.empty();
  bool has_schedule = !config.schedule.empty();
  if (has_every && has_schedule) error::job_must_not_have_both_every_and_schedule();
  if (!has_every && !has_schedule) error::job_needs_either_every_or_schedule();
  if (has_every && !config.time_zone.empty()) error::time_zone_is_only_for_schedule_jobs_every_runs_from_00_00_UTC();
  if (has_every) check_every(config.every);
  if (has_schedule) check_cron_expression(config.schedule);
  switch (config.endpoint.kind()) {
    case EndpointKind::missing: error::endpoint_is_missing(); break;
    case EndpointKind::member_function:
    case EndpointKind::not_a_function: error::endpoint_must_be_a_free_or_static_member_function(); break;
    case EndpointKind::function:
      if (config.endpoint.parameters() != 0) error::endpoint_must_take_no_parameters();
      if (!config.endpoint.returns_void_or_status()) error::endpoint_must_return_void_or_cron_Status();
      break;
  }
  if (!config.timeout.empty()) check_timeout(config.timeout);
  if (config.retries && !retries_in_range(*config.retries)) error::retries_must_be_from_0_to_10();
  if (!config.jitter.empty()) check_jitter(config.jitter, shortest_gap_minutes(config));
}

}  // namespace detail

/// A recurring job, declared as a namespace-scope constant. The constructor checks the declaration at compile
/// time, so a bad job is an error in the IDE while the user types.
class CronJob {
 public:
  CRONC_CHECKED_CONSTRUCTOR CronJob(std::string_view id, JobConfig config) : id_(id), config_(config) {
#ifndef CRONC_ANALYZER
    detail::check_job(id, config);
#endif
  }
  // User-provided and not constexpr: without it clang warns -Wunused-const-variable on every job, since nothing
  // in the declaring file reads it (the generated stub registers the jobs). Its only cost is one empty
  // at-exit registration per job.
  ~CronJob() {}

  constexpr std::string_view id() const { return id_; }
  constexpr const JobConfig& config() const { return config_; }

 private:
  std::string_view id_;
  JobConfig config_;
};

}  // namespace cron
