#pragma once
/// Prometheus metrics over a Runtime. Counters count what this process ran since the dashboard was made (the
/// Prometheus convention: a restart resets them); gauges come from the runtime's snapshot and the store, so the
/// last success survives restarts and covers every replica.

#include <cron/clock.hpp>
#include <cron/runtime.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace cron::dashboard {

/// Escapes a label value for the text format: backslash, double quote and line feed.
std::string escape_label_value(std::string_view value);

class Metrics {
 public:
  /// Upper bounds of the duration histogram's buckets, in seconds: cron jobs take from milliseconds to hours.
  static constexpr double kBuckets[] = {0.01, 0.1, 0.5, 1, 5, 15, 60, 300, 900, 1800, 3600, 7200};

  explicit Metrics(const Runtime& runtime);

  /// Reads the executions recorded since the last scrape and renders every metric in the text format 0.0.4.
  std::string scrape();

 private:
  struct JobCounters {
    std::map<Outcome, std::uint64_t> outcomes;  ///< runs and skipped/missed ticks of this replica
    std::vector<std::uint64_t> buckets = std::vector<std::uint64_t>(std::size(kBuckets), 0);
    std::uint64_t duration_count = 0;
    double duration_sum = 0;
    std::int64_t counted_until = 0;   ///< every execution up to this id is counted or not this replica's
    std::set<std::int64_t> counted;   ///< executions above `counted_until` already counted
    std::optional<TimePoint> last_success;
    std::optional<Outcome> last_finished;  ///< of any replica, for the job's state
  };

  void update(const std::string& id, JobCounters& counters);
  void count(const Execution& execution, JobCounters& counters);

  const Runtime& runtime_;
  std::shared_ptr<Clock> clock_;
  std::mutex mutex_;
  std::map<std::string, JobCounters, std::less<>> jobs_;
};

}  // namespace cron::dashboard
