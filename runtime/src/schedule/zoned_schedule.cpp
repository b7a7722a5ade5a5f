#include <cron/zoned_schedule.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace cron {

using namespace std::chrono;

namespace {

/// Later than any fire time the engine computes; the end of the last offset period.
constexpr sys_seconds kForever = sys_days{year{9999} / 1 / 1};

/// Schedule::next over wall times written as UTC, remembering its last answer: no match lies strictly between a
/// query and its answer, so any later query before that answer has the same one.
class LocalMatches {
 public:
  explicit LocalMatches(const Schedule& schedule) : schedule_(schedule) {}

  /// The first matching wall time strictly after `local`.
  sys_seconds after(sys_seconds local) {
    if (!(local >= query_ && local < answer_)) {
      query_ = local;
      answer_ = schedule_.next(local);
    }
    return answer_;
  }

 private:
  const Schedule& schedule_;
  sys_seconds query_ = kForever;
  sys_seconds answer_ = kForever;
};

}  // namespace

ZoneRules::ZoneRules(std::string name, seconds initial_offset, std::vector<ZoneTransition> transitions)
    : name_(std::move(name)), initial_offset_(initial_offset) {
  std::sort(transitions.begin(), transitions.end(),
            [](const ZoneTransition& a, const ZoneTransition& b) { return a.at < b.at; });
  for (const ZoneTransition& transition : transitions) {
    seconds previous = transitions_.empty() ? initial_offset_ : transitions_.back().offset;
    if (transition.offset != previous) transitions_.push_back(transition);
  }
}

seconds ZoneRules::offset_at(sys_seconds instant) const {
  auto later = std::upper_bound(transitions_.begin(), transitions_.end(), instant,
                                [](sys_seconds t, const ZoneTransition& transition) { return t < transition.at; });
  return later == transitions_.begin() ? initial_offset_ : std::prev(later)->offset;
}

std::optional<ZoneTransition> ZoneRules::next_transition(sys_seconds after) const {
  auto later = std::upper_bound(transitions_.begin(), transitions_.end(), after,
                                [](sys_seconds t, const ZoneTransition& transition) { return t < transition.at; });
  if (later == transitions_.end()) return std::nullopt;
  return *later;
}

seconds ZoneRules::offset_before(std::size_t index) const {
  return index == 0 ? initial_offset_ : transitions_[index - 1].offset;
}

ClockChangeRule clock_change_rule(std::string_view expression) {
  std::size_t offset = 0;
  std::string_view body = detail::trim(expression, offset);
  for (const auto& macro : detail::kMacros)
    if (detail::equals_ignoring_case(body, macro.name)) body = macro.expansion;
  // The first two fields: minute, then hour.
  std::size_t pos = 0;
  for (int field = 0; field < 2 && pos < body.size(); ++field) {
    if (body[pos] == '*') return ClockChangeRule::every_instant;
    while (pos < body.size() && !detail::is_space(body[pos])) ++pos;
    while (pos < body.size() && detail::is_space(body[pos])) ++pos;
  }
  return ClockChangeRule::once_per_local_time;
}

Result<ZonedSchedule> ZonedSchedule::cron(std::string_view expression, std::shared_ptr<const ZoneRules> zone) {
  auto schedule = Schedule::cron(expression);
  if (!schedule) return schedule.error();
  return ZonedSchedule(schedule.value(), std::move(zone), clock_change_rule(expression));
}

// The zone's history is a run of periods of constant offset. Within one, wall time is UTC shifted, so the UTC
// engine finds the matches; only the periods' seams need the clock-change rule. Each period costs one lookup at
// most, and most reuse the previous answer.
sys_seconds ZonedSchedule::next(sys_seconds after) const {
  auto transitions = zone_->transitions();
  auto period = static_cast<std::size_t>(
      std::upper_bound(transitions.begin(), transitions.end(), after,
                       [](sys_seconds t, const ZoneTransition& transition) { return t < transition.at; }) -
      transitions.begin());
  const bool once = rule_ == ClockChangeRule::once_per_local_time;
  LocalMatches matches(schedule_);
  for (std::size_t index = period;; ++index) {
    seconds offset = index == 0 ? zone_->initial_offset() : transitions[index - 1].offset;
    sys_seconds end = index < transitions.size() ? transitions[index].at : kForever;
    sys_seconds from = after + offset;  // search wall times strictly after this one
    if (index > 0) {
      sys_seconds start = transitions[index - 1].at;
      seconds before = zone_->offset_before(index - 1);
      if (index > period) from = start + offset - seconds{1};
      if (once && offset > before && index > period && matches.after(start + before - seconds{1}) < start + offset)
        return start;  // wall times the change skipped: once, at the first instant after the gap
      if (once && offset < before) from = std::max(from, start + before - seconds{1});  // repeated: ran at first pass
    }
    sys_seconds local = matches.after(from);
    if (local - offset < end) return local - offset;
  }
}

std::string describe_in_zone(const Schedule& schedule, std::string_view zone_name) {
  std::string text = schedule.describe();
  const std::string zone = " " + std::string(zone_name);
  constexpr std::string_view kUtc = " UTC";
  for (auto at = text.find(kUtc); at != std::string::npos; at = text.find(kUtc, at + zone.size()))
    text.replace(at, kUtc.size(), zone);
  return text;
}

std::optional<ClockChangeEffect> first_clock_change_effect(const Schedule& schedule, const ZoneRules& zone,
                                                           sys_seconds from, sys_seconds until) {
  auto transitions = zone.transitions();
  LocalMatches matches(schedule);
  for (std::size_t index = 0; index < transitions.size(); ++index) {
    const ZoneTransition& transition = transitions[index];
    if (transition.at <= from) continue;
    if (transition.at > until) break;
    seconds before = zone.offset_before(index);
    // Skipped wall times are [at + before, at + offset); repeated ones [at + offset, at + before).
    sys_seconds low = transition.at + std::min(before, transition.offset);
    sys_seconds high = transition.at + std::max(before, transition.offset);
    sys_seconds local = matches.after(low - seconds{1});
    if (local >= high) continue;
    bool skipped = transition.offset > before;
    return ClockChangeEffect{skipped ? ClockChangeEffect::Kind::skipped : ClockChangeEffect::Kind::repeated,
                             transition, before, local, skipped ? transition.at : local - before};
  }
  return std::nullopt;
}

std::string format_local(sys_seconds instant, seconds offset) {
  std::string text = format_utc(instant + offset);
  text.pop_back();  // the `Z`
  auto minutes_east = duration_cast<minutes>(offset).count();
  char suffix[8];
  std::snprintf(suffix, sizeof suffix, "%c%02d:%02d", minutes_east < 0 ? '-' : '+',
                static_cast<int>(std::abs(minutes_east) / 60), static_cast<int>(std::abs(minutes_east) % 60));
  return text + suffix;
}

}  // namespace cron
