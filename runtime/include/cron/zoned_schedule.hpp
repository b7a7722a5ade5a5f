#pragma once
/// Cron expressions read in a time zone's wall time (docs/time-zones.md). The zone's UTC offsets are data handed
/// in (cron/tz_database.hpp loads them from the system), and each local match becomes an instant by cronie's rule
/// for clock changes. Pure like the UTC engine: no tz database, no clock, no minute stepping.

#include <cron/schedule.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cron {

/// From `at` on (until the next transition), local wall time is UTC plus `offset`.
struct ZoneTransition {
  std::chrono::sys_seconds at;
  std::chrono::seconds offset;
  bool operator==(const ZoneTransition&) const = default;
};

/// A zone's UTC offsets over time: the offset before the first transition, then every change of offset.
class ZoneRules {
 public:
  /// UTC: offset zero, no transitions.
  ZoneRules() = default;
  /// Transitions sorted by `at`; ones that keep the offset (a renamed abbreviation) are dropped.
  ZoneRules(std::string name, std::chrono::seconds initial_offset, std::vector<ZoneTransition> transitions);

  /// The IANA name (`Europe/Berlin`); `Etc/UTC` for the default.
  const std::string& name() const { return name_; }
  std::chrono::seconds initial_offset() const { return initial_offset_; }
  std::span<const ZoneTransition> transitions() const { return transitions_; }

  /// Local wall time minus UTC at `instant`.
  std::chrono::seconds offset_at(std::chrono::sys_seconds instant) const;
  /// The first change of offset strictly after `after`, if the zone has one.
  std::optional<ZoneTransition> next_transition(std::chrono::sys_seconds after) const;
  /// The offset in force just before the transition at index `index`.
  std::chrono::seconds offset_before(std::size_t index) const;

 private:
  std::string name_ = "Etc/UTC";
  std::chrono::seconds initial_offset_{0};
  std::vector<ZoneTransition> transitions_;
};

/// How a job meets a clock change (cronie's rule, chosen by the expression's minute and hour fields).
enum class ClockChangeRule {
  every_instant,        ///< minute or hour starts with `*`: every real instant whose local time matches
  once_per_local_time,  ///< a fixed time: a repeated time at its first pass, a skipped one at the gap's end
};

/// The rule for an expression's text; a macro counts as its expansion (`@hourly` is `0 * * * *`).
ClockChangeRule clock_change_rule(std::string_view expression);

/// Schedule::describe() with the zone's name where it says UTC: "at 02:30 Europe/Berlin every day".
std::string describe_in_zone(const Schedule& schedule, std::string_view zone_name);

/// A cron expression matched against a zone's wall time.
class ZonedSchedule {
 public:
  /// `zone` is shared so that reloading the tz database swaps it in for the next computed tick.
  static Result<ZonedSchedule> cron(std::string_view expression, std::shared_ptr<const ZoneRules> zone);

  /// Any schedule (an `every` interval too) read in UTC: what a job without a zone follows. Its zone is named
  /// `UTC`, so describe() reads exactly as Schedule::describe().
  static ZonedSchedule in_utc(const Schedule& schedule) {
    return ZonedSchedule(schedule, std::make_shared<const ZoneRules>("UTC", std::chrono::seconds{0},
                                                                     std::vector<ZoneTransition>{}),
                         ClockChangeRule::every_instant);
  }

  /// Empty, like Schedule(), in UTC: a placeholder until a parsed one is assigned.
  ZonedSchedule() : zone_(std::make_shared<const ZoneRules>()) {}

  /// The first fire instant strictly after `after` (a time with seconds rounds up to the next minute).
  std::chrono::sys_seconds next(std::chrono::sys_seconds after) const;

  /// English, with the zone's name where UTC would be (describe_in_zone).
  std::string describe() const { return describe_in_zone(schedule_, zone_->name()); }

  const Schedule& schedule() const { return schedule_; }
  const ZoneRules& zone() const { return *zone_; }
  ClockChangeRule rule() const { return rule_; }

 private:
  ZonedSchedule(const Schedule& schedule, std::shared_ptr<const ZoneRules> zone, ClockChangeRule rule)
      : schedule_(schedule), zone_(std::move(zone)), rule_(rule) {}

  Schedule schedule_;
  std::shared_ptr<const ZoneRules> zone_;
  ClockChangeRule rule_ = ClockChangeRule::once_per_local_time;
};

/// A local time of a schedule that a clock change skips or repeats.
struct ClockChangeEffect {
  enum class Kind { skipped, repeated };
  Kind kind;
  ZoneTransition transition;            ///< the change itself
  std::chrono::seconds offset_before;   ///< the offset until the change
  std::chrono::sys_seconds local_time;  ///< the first affected wall time, written as if it were UTC
  std::chrono::sys_seconds fires_at;    ///< a fixed-time job's instant for it: the gap's end, or the first pass
};

/// The first transition in (from, until] at which a local time of `schedule` falls in the gap or the repeat.
std::optional<ClockChangeEffect> first_clock_change_effect(const Schedule& schedule, const ZoneRules& zone,
                                                           std::chrono::sys_seconds from,
                                                           std::chrono::sys_seconds until);

/// ISO-8601 local time with its offset, `2027-03-28T03:00:00+02:00`.
std::string format_local(std::chrono::sys_seconds instant, std::chrono::seconds offset);

}  // namespace cron
