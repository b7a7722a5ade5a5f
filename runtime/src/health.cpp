#include <cron/health.hpp>

#include <algorithm>
#include <iterator>

namespace cron {

std::string_view to_string(Health health) {
  switch (health) {
    case Health::never_ran:
      return "new";
    case Health::up:
      return "up";
    case Health::failing:
      return "failing";
    case Health::late:
      return "late";
    case Health::paused:
      return "paused";
  }
  return "new";
}

Health health_of(const HealthFacts& facts) {
  if (facts.paused) return Health::paused;
  if (facts.next_due && facts.now > TimePoint(*facts.next_due) + facts.misfire_grace) return Health::late;
  if (!facts.last_finished) return Health::never_ran;
  return *facts.last_finished == Outcome::succeeded ? Health::up : Health::failing;
}

std::optional<Outcome> last_finished_outcome(std::span<const Execution> executions) {
  for (const Execution& execution : executions) {
    if (execution.outcome == Outcome::succeeded ||
        std::find(std::begin(kFailingOutcomes), std::end(kFailingOutcomes), execution.outcome) !=
            std::end(kFailingOutcomes))
      return execution.outcome;
  }
  return std::nullopt;
}

}  // namespace cron
