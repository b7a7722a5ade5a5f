#pragma once
/// The start delay of a jittered tick (docs/policies.md): a hash of (job ID, tick) in [0, jitter), so every replica
/// and every restart picks the same delay for the same tick and the delay differs from tick to tick.

#include <chrono>
#include <string_view>

namespace cron::scheduler {

/// The delay of tick `tick` of job `id` when its jitter is `jitter`; zero when `jitter` is zero.
std::chrono::seconds jitter_delay(std::string_view id, std::chrono::sys_seconds tick, std::chrono::seconds jitter);

}  // namespace cron::scheduler
