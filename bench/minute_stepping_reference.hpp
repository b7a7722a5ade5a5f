#pragma once
/// A deliberately naive next-fire evaluator: it steps one minute at a time and tests every field with cronie's
/// day-of-month/day-of-week rule. It is the yardstick for Schedule::next in the benchmark and the fuzzer's oracle,
/// so it shares nothing with the engine except the parsed CronFields.

#include <cron/cron_expression.hpp>

#include <chrono>

namespace cron::reference {

/// Whether the whole minute `time` (UTC) matches `fields`, as cronie's job_runqueue tests it.
bool matches(const CronFields& fields, std::chrono::sys_seconds time);

/// The first whole minute strictly after `after` that matches `fields`, looking no later than `last`
/// (inclusive); sys_seconds::max() when none does.
std::chrono::sys_seconds next_by_minute_stepping(const CronFields& fields, std::chrono::sys_seconds after,
                                                 std::chrono::sys_seconds last);

}  // namespace cron::reference
