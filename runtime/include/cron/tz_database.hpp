#pragma once
/// The IANA time zone database of the system (Debian's tzdata, read through date/tz.h), turned into the plain
/// offset data the schedule engine takes (cron/zoned_schedule.hpp). The only part of cronc that reads it.

#include <cron/zoned_schedule.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace cron::tz {

/// The zone's offsets from 1900 to 2200 (the file's transitions, then its rule for later years); nullptr when the
/// database has no zone or link of that name.
std::shared_ptr<const ZoneRules> load_zone(std::string_view name);

/// Whether the database has a zone or link of exactly this name.
bool is_zone(std::string_view name);

/// Every zone and link name, sorted: the candidates for a misspelt one.
const std::vector<std::string>& zone_names();

/// The names nearest `name` by edit distance (case-insensitive), closest first, at most `count`.
std::vector<std::string> nearest_zone_names(std::string_view name, std::size_t count);

/// Edits (insert, delete, substitute, case ignored) between two names.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace cron::tz
