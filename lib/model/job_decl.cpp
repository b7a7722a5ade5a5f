#include "model/job_decl.hpp"

#include <cron/every.hpp>

#include <algorithm>

namespace cronc {

SourceRange StringArgument::bytes(std::size_t begin, std::size_t end) const {
  if (byte_locations.empty()) return range;
  std::size_t last = byte_locations.size() - 1;
  begin = std::min(begin, last);
  end = std::clamp(end, begin, last);
  if (end == begin && begin < last) ++end;
  return {byte_locations[begin], byte_locations[end]};
}

std::optional<int> DurationArgument::minutes() const {
  auto parsed = nanoseconds ? cron::Result<std::int64_t>(*nanoseconds) : cron::parse_duration(text.value);
  if (!parsed) return std::nullopt;
  auto interval = cron::every_minutes_from_nanoseconds(parsed.value());
  if (!interval) return std::nullopt;
  return interval.value();
}

std::optional<std::int64_t> DurationArgument::length() const {
  if (!present() || !text.constant) return std::nullopt;
  if (nanoseconds) return *nanoseconds;
  auto parsed = cron::parse_duration(text.value);
  return parsed ? std::optional<std::int64_t>(parsed.value()) : std::nullopt;
}

}  // namespace cronc
