#include <cron/execution.hpp>
#include <cron/schedule.hpp>

#include <array>

namespace cron {

namespace {
constexpr std::array<std::string_view, 8> kOutcomeNames = {"running", "succeeded", "failed",      "timed_out",
                                                           "skipped", "missed",    "interrupted", "cancelled"};
constexpr std::array<std::string_view, 3> kTriggerNames = {"scheduled", "manual", "backfill"};
}  // namespace

std::string_view to_string(Outcome outcome) { return kOutcomeNames[static_cast<std::size_t>(outcome)]; }

std::optional<Outcome> outcome_from_string(std::string_view text) {
  for (std::size_t i = 0; i < kOutcomeNames.size(); ++i)
    if (kOutcomeNames[i] == text) return static_cast<Outcome>(i);
  return std::nullopt;
}

std::string_view to_string(Trigger trigger) { return kTriggerNames[static_cast<std::size_t>(trigger)]; }

std::optional<Trigger> trigger_from_string(std::string_view text) {
  for (std::size_t i = 0; i < kTriggerNames.size(); ++i)
    if (kTriggerNames[i] == text) return static_cast<Trigger>(i);
  return std::nullopt;
}

std::string idempotency_key(std::string_view job_id, std::chrono::sys_seconds scheduled) {
  std::string time = format_utc(scheduled);  // 2026-03-01T10:00:00Z
  return std::string(job_id) + "@" + time.substr(0, 16) + "Z";
}

}  // namespace cron
