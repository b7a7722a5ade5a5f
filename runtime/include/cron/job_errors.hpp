#pragma once
/// Compile-time errors of CronJob's constructor (docs/design.md). Each is declared but never defined or
/// constexpr: a failed check calls one, so the compiler's error names it, and the name reads as the message.

namespace cron::error {

void id_must_not_be_empty();
void id_must_be_at_most_63_characters();
void id_must_be_kebab_case_like_send_welcome_email_with_dashes();

void job_needs_either_every_or_schedule();
void job_must_not_have_both_every_and_schedule();
void time_zone_is_only_for_schedule_jobs_every_runs_from_00_00_UTC();

void every_is_not_a_duration_like_30m_2h_or_1h30m();
void every_must_be_a_whole_number_of_minutes();
void every_must_be_at_least_1_minute();
void every_must_be_at_most_24_hours();
void every_must_divide_24_hours();

void cron_expression_is_empty();
void cron_expression_has_wrong_field_count_expected_5();
void cron_expression_has_unknown_macro();
void cron_expression_has_unexpected_character();
void cron_value_is_out_of_range_for_its_field();
void cron_name_is_not_a_month_or_weekday();
void cron_range_goes_backwards();
void cron_step_is_out_of_range();
void cron_question_mark_is_only_for_day_fields();
void cron_seconds_and_year_fields_are_not_supported();
void cron_L_W_and_hash_are_not_supported();
void cron_reboot_and_every_macros_are_not_supported();
void cron_TZ_prefix_is_not_supported_use_the_time_zone_field();
void cron_expression_never_fires();

void endpoint_is_missing();
void endpoint_must_take_no_parameters();
void endpoint_must_return_void_or_cron_Status();
void endpoint_must_be_a_free_or_static_member_function();

void timeout_is_not_a_duration_like_30s_20m_or_1h30m();
void timeout_must_be_a_whole_number_of_seconds();
void timeout_must_be_from_1_second_to_24_hours();

void retries_must_be_from_0_to_10();

void jitter_is_not_a_duration_like_30s_5m_or_1h();
void jitter_must_be_a_whole_number_of_seconds();
void jitter_must_be_from_1_second_to_1_hour();
void jitter_must_be_shorter_than_the_shortest_gap_between_fire_times();

}  // namespace cron::error
