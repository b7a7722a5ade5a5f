#include "scheduler/jitter.hpp"

#include <cstdint>

namespace cron::scheduler {

std::chrono::seconds jitter_delay(std::string_view id, std::chrono::sys_seconds tick, std::chrono::seconds jitter) {
  if (jitter.count() <= 0) return std::chrono::seconds(0);
  // FNV-1a over the ID, a separator no ID contains, and the tick's seconds byte by byte from the lowest: defined
  // by this code alone, unlike std::hash, so it is the same in every build, on every replica and after a restart.
  std::uint64_t hash = 14695981039346656037ull;
  auto mix = [&](unsigned char byte) { hash = (hash ^ byte) * 1099511628211ull; };
  for (char c : id) mix(static_cast<unsigned char>(c));
  mix('@');
  auto seconds = static_cast<std::uint64_t>(tick.time_since_epoch().count());
  for (int shift = 0; shift < 64; shift += 8) mix(static_cast<unsigned char>(seconds >> shift));
  return std::chrono::seconds(static_cast<std::int64_t>(hash % static_cast<std::uint64_t>(jitter.count())));
}

}  // namespace cron::scheduler
