#include <cron/tz_database.hpp>

#include "posix_rule.hpp"

#include <date/tz.h>

#include <algorithm>
#include <functional>
#include <fstream>
#include <iterator>
#include <numeric>
#include <stdexcept>

namespace cron::tz {

namespace {

using std::chrono::seconds;
using std::chrono::sys_seconds;

constexpr auto kFirstYear = date::year{1900};
constexpr auto kLastYear = date::year{2200};

/// Where date/tz.h reads the OS database from (USE_OS_TZDB) on Debian.
constexpr const char* kZoneInfoDir = "/usr/share/zoneinfo/";

/// The POSIX TZ rule a TZif file (version 2 on) ends with, which covers the years after its last transition
/// (`CET-1CEST,M3.5.0,M10.5.0/3`); empty when the file has none.
std::string footer_rule(const std::string& name) {
  std::ifstream file(kZoneInfoDir + name, std::ios::binary);
  std::string content{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
  if (content.size() < 2 || content.back() != '\n') return {};
  auto start = content.rfind('\n', content.size() - 2);
  if (start == std::string::npos) return {};
  return content.substr(start + 1, content.size() - start - 2);
}

sys_seconds to_std(date::sys_seconds time) { return sys_seconds{time.time_since_epoch()}; }

}  // namespace

std::shared_ptr<const ZoneRules> load_zone(std::string_view name) {
  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone(name);
  } catch (const std::runtime_error&) {
    return nullptr;
  }
  const date::sys_seconds first{date::sys_days{kFirstYear / 1 / 1}};
  const date::sys_seconds last{date::sys_days{kLastYear / 1 / 1}};
  date::sys_info info = zone->get_info(first);
  seconds initial = info.offset;
  std::vector<ZoneTransition> transitions;
  date::sys_seconds begin = info.begin;
  while (info.end < last) {
    begin = info.end;
    info = zone->get_info(begin);
    transitions.push_back({to_std(begin), info.offset});
  }
  // The compiled file lists transitions up to 2037; its POSIX rule carries them on.
  // The compiled file lists transitions up to 2037; its POSIX rule carries them on.
  if (std::string rule = footer_rule(zone->name()); !rule.empty()) {
    for (const detail::PosixChange& change : detail::posix_rule_changes(
             rule, std::max(begin, first).time_since_epoch().count(), last.time_since_epoch().count()))
      transitions.push_back({sys_seconds{seconds{change.at}}, seconds{change.offset}});
  }
  return std::make_shared<const ZoneRules>(std::string(name), initial, std::move(transitions));
}

const std::vector<std::string>& zone_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> all;
    for (const date::time_zone& zone : date::get_tzdb().zones) all.emplace_back(zone.name());
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end());
    return all;
  }();
  return names;
}

bool is_zone(std::string_view name) {
  const auto& names = zone_names();
  return std::binary_search(names.begin(), names.end(), name, std::less<>{});
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::vector<std::string> nearest_zone_names(std::string_view name, std::size_t count) {
  std::vector<std::pair<std::size_t, const std::string*>> ranked;
  for (const std::string& candidate : zone_names()) ranked.emplace_back(edit_distance(name, candidate), &candidate);
  count = std::min(count, ranked.size());
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(count), ranked.end(),
                    [](const auto& a, const auto& b) { return a.first != b.first ? a.first < b.first : *a.second < *b.second; });
  std::vector<std::string> nearest;
  for (std::size_t i = 0; i < count; ++i) nearest.push_back(*ranked[i].second);
  return nearest;
}

}  // namespace cron::tz
