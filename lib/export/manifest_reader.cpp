#include "export/manifest_reader.hpp"

#include <cron/tz_database.hpp>
#include <cron/zoned_schedule.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <optional>
#include <regex>
#include <set>
#include <utility>

namespace cronc {

namespace {

using Json = nlohmann::json;

/// The schema's checks, by hand. Like llvm::json::ObjectMapper it keeps the first mismatch, with the JSON path of
/// the offending value, and answers later questions with nothing once one is found.
class SchemaCheck {
 public:
  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }

  void fail(const std::string& where, const std::string& what) {
    if (ok()) error_ = (where.empty() ? std::string("(root)") : where) + ": " + what;
  }

  static std::string join(const std::string& where, std::string_view key) {
    return where.empty() ? std::string(key) : where + "/" + std::string(key);
  }

  const Json* member(const Json& object, const std::string& where, const char* key) {
    if (!ok()) return nullptr;
    auto found = object.find(key);
    if (found != object.end()) return &*found;
    fail(where, std::string("required property '") + key + "' is missing");
    return nullptr;
  }

  void only(const Json& object, const std::string& where, std::initializer_list<std::string_view> keys) {
    for (const auto& [key, value] : object.items())
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) fail(where, "unexpected property '" + key + "'");
  }

  const Json* object(const Json& parent, const std::string& where, const char* key) {
    const Json* value = member(parent, where, key);
    if (value && !value->is_object()) fail(join(where, key), "must be an object");
    return ok() ? value : nullptr;
  }

  std::string string(const Json& parent, const std::string& where, const char* key, bool non_empty = false) {
    const Json* value = member(parent, where, key);
    if (!value) return {};
    if (!value->is_string()) {
      fail(join(where, key), "must be a string");
      return {};
    }
    if (non_empty && value->get_ref<const std::string&>().empty()) fail(join(where, key), "must not be empty");
    return value->get<std::string>();
  }

  /// An integer in [minimum, maximum], or nothing for JSON null when `nullable`.
  std::optional<std::int64_t> integer(const Json& parent, const std::string& where, const char* key,
                                      std::int64_t minimum, std::int64_t maximum, bool nullable = false) {
    const Json* value = member(parent, where, key);
    if (!value || (nullable && value->is_null())) return std::nullopt;
    if (!value->is_number_integer()) {
      fail(join(where, key), nullable ? "must be an integer or null" : "must be an integer");
      return std::nullopt;
    }
    bool huge = value->is_number_unsigned() && value->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX);
    std::int64_t number = huge ? INT64_MAX : value->get<std::int64_t>();
    if (huge || number < minimum || number > maximum) {
      fail(join(where, key), "must be between " + std::to_string(minimum) + " and " +
                                 (maximum == INT64_MAX ? std::string("any size") : std::to_string(maximum)));
      return std::nullopt;
    }
    return number;
  }

 private:
  std::string error_;
};

/// One of `names` or null; `parse` turns the name into its value.
template <class Parse>
auto policy_name(const Json& parent, const std::string& where, const char* key, std::string_view names,
                 SchemaCheck& check, Parse parse) -> decltype(parse("")) {
  const Json* value = check.member(parent, where, key);
  if (!value || value->is_null()) return std::nullopt;
  auto policy = value->is_string() ? parse(value->get<std::string>()) : std::nullopt;
  if (!policy) check.fail(SchemaCheck::join(where, key), "must be one of " + std::string(names) + " or null");
  return policy;
}

/// Version 2's fields beyond version 1: the zone, and the per-job policies (docs/design.md, section 5).
void check_version_2_fields(const Json& entry, const std::string& where, SchemaCheck& check, ManifestJob& job) {
  if (const Json* zone = check.member(entry, where, "time_zone"); zone && !zone->is_null()) {
    if (!zone->is_string() || zone->get_ref<const std::string&>().empty())
      check.fail(SchemaCheck::join(where, "time_zone"), "must be a zone name or null");
    else if (!cron::tz::is_zone(zone->get_ref<const std::string&>()))
      check.fail(SchemaCheck::join(where, "time_zone"),
                 "'" + zone->get<std::string>() + "' is not in the system's tz database");
    else
      job.time_zone = zone->get<std::string>();
  }
  job.timeout_seconds = check.integer(entry, where, "timeout_seconds", 1, cron::kMaxTimeoutSeconds, true);
  if (auto retries = check.integer(entry, where, "retries", 0, cron::kMaxRetries, true))
    job.retries = static_cast<int>(*retries);
  job.overlap = policy_name(entry, where, "overlap", "skip, queue_one, allow, cancel_running", check,
                            cron::overlap_from_string);
  job.catch_up = policy_name(entry, where, "catch_up", "skip, run_latest", check, cron::catch_up_from_string);
  job.jitter_seconds = check.integer(entry, where, "jitter_seconds", 1, cron::kMaxJitterSeconds, true);
}

std::optional<ManifestJob> check_job(const Json& entry, const std::string& where, int version, SchemaCheck& check) {
  if (!entry.is_object()) {
    check.fail(where, "must be an object");
    return std::nullopt;
  }
  if (version == 1) {
    check.only(entry, where, {"id", "title", "doc", "schedule", "every_minutes", "cron", "endpoint", "location"});
  } else {
    check.only(entry, where,
               {"id", "title", "doc", "schedule", "every_minutes", "cron", "time_zone", "timeout_seconds", "retries",
                "overlap", "catch_up", "jitter_seconds", "endpoint", "location"});
  }
  ManifestJob job;
  job.id = check.string(entry, where, "id");
  static const std::regex kId("[a-z]([-a-z0-9]*[a-z0-9])?");
  if (check.ok() && (job.id.size() > 63 || !std::regex_match(job.id, kId)))
    check.fail(SchemaCheck::join(where, "id"), "'" + job.id + "' is not a kebab-case job ID of 1-63 characters");
  job.title = check.string(entry, where, "title", true);
  check.string(entry, where, "doc");
  job.schedule_tag = check.string(entry, where, "schedule");
  const auto every_minutes = check.integer(entry, where, "every_minutes", 1, 1440, /*nullable=*/true);
  const Json* cron_text = check.member(entry, where, "cron");
  if (cron_text && !cron_text->is_null() && !cron_text->is_string())
    check.fail(SchemaCheck::join(where, "cron"), "must be a string or null");

  if (const Json* endpoint = check.object(entry, where, "endpoint")) {
    const std::string at = SchemaCheck::join(where, "endpoint");
    check.only(*endpoint, at, {"name", "qualified_name", "returns"});
    check.string(*endpoint, at, "name", true);
    check.string(*endpoint, at, "qualified_name", true);
    std::string returns = check.string(*endpoint, at, "returns");
    if (check.ok() && returns != "void" && returns != "cron::Status")
      check.fail(SchemaCheck::join(at, "returns"), "must be \"void\" or \"cron::Status\"");
  }
  if (const Json* location = check.object(entry, where, "location")) {
    const std::string at = SchemaCheck::join(where, "location");
    check.only(*location, at, {"file", "line", "column"});
    check.string(*location, at, "file", true);
    check.integer(*location, at, "line", 1, INT64_MAX);
    check.integer(*location, at, "column", 1, INT64_MAX);
  }
  if (version == 2) check_version_2_fields(entry, where, check, job);
  if (!check.ok()) return std::nullopt;

  const bool every = job.schedule_tag.starts_with("every:");
  if (!every && !(job.schedule_tag.starts_with("schedule:") && job.schedule_tag.size() > 9)) {
    check.fail(SchemaCheck::join(where, "schedule"),
               "'" + job.schedule_tag + "' is neither every:MINUTES nor schedule:EXPR");
    return std::nullopt;
  }
  if (every != every_minutes.has_value() || every == cron_text->is_string()) {
    check.fail(where, every ? "an every: schedule needs an integer every_minutes and a null cron"
                            : "a schedule: schedule needs a cron string and a null every_minutes");
    return std::nullopt;
  }
  // Beyond the schema: the schedule must be one cronc runs, and the fields that repeat it must agree.
  auto schedule = cron::Schedule::parse(job.schedule_tag);
  if (!schedule) {
    std::string_view body = std::string_view(job.schedule_tag).substr(every ? 6 : 9);
    check.fail(SchemaCheck::join(where, "schedule"), cron::error_message(schedule.error(), body));
    return std::nullopt;
  }
  job.schedule = schedule.value();
  if (every && !job.time_zone.empty()) {
    check.fail(SchemaCheck::join(where, "time_zone"), "must be null for an every: schedule (it runs from 00:00 UTC)");
    return std::nullopt;
  }
  if (job.jitter_seconds &&
      cron::check_jitter_length(*job.jitter_seconds * 1'000'000'000, job.schedule.shortest_gap_minutes()) !=
          cron::PolicyDurationProblem::none) {
    check.fail(SchemaCheck::join(where, "jitter_seconds"), "is not shorter than the shortest gap between fire times");
    return std::nullopt;
  }
  if (every && *every_minutes != job.schedule.interval_minutes()) {
    check.fail(SchemaCheck::join(where, "every_minutes"), "does not match schedule '" + job.schedule_tag + "'");
    return std::nullopt;
  }
  if (!every) {
    auto expanded = cron::Schedule::cron(cron_text->get<std::string>());
    if (!expanded || !(expanded.value() == job.schedule)) {
      check.fail(SchemaCheck::join(where, "cron"), "does not match schedule '" + job.schedule_tag + "'");
      return std::nullopt;
    }
  }
  return job;
}

}  // namespace

bool parse_manifest(std::string_view text, std::string_view path, std::vector<ManifestJob>& jobs, std::string& error) {
  Json manifest;
  try {
    manifest = Json::parse(text);
  } catch (const Json::parse_error& failure) {  // nlohmann's message says where the syntax breaks
    error = std::string(path) + ": not valid JSON: " + failure.what();
    return false;
  }
  SchemaCheck check;
  std::vector<ManifestJob> parsed;
  if (!manifest.is_object()) {
    check.fail("", "must be a JSON object");
  } else {
    check.only(manifest, "", {"version", "generator", "jobs"});
    const Json* version = check.member(manifest, "", "version");
    if (version && !(version->is_number_integer() && (*version == 1 || *version == 2)))
      check.fail("version", "must be 1 or 2 (this cronc reads version 1 and 2 manifests)");
    std::string generator = check.string(manifest, "", "generator");
    static const std::regex kGenerator("cronc [0-9]+\\.[0-9]+\\.[0-9]+");
    if (check.ok() && !std::regex_match(generator, kGenerator))
      check.fail("generator", "'" + generator + "' is not 'cronc X.Y.Z'");
    const Json* entries = check.member(manifest, "", "jobs");
    if (entries && !entries->is_array()) check.fail("jobs", "must be an array");
    std::set<std::string, std::less<>> ids;
    for (std::size_t i = 0; check.ok() && i < entries->size(); ++i) {
      std::string where = "jobs/" + std::to_string(i);
      auto job = check_job((*entries)[i], where, version->get<int>(), check);
      if (!job) break;
      if (!ids.insert(job->id).second) check.fail(where + "/id", "job ID '" + job->id + "' appears twice");
      parsed.push_back(std::move(*job));
    }
  }
  if (!check.ok()) {
    error = std::string(path) + ": " + check.error();
    return false;
  }
  std::sort(parsed.begin(), parsed.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  jobs = std::move(parsed);
  return true;
}

std::string job_description(const ManifestJob& job) {
  return job.time_zone.empty() ? job.schedule.describe() : cron::describe_in_zone(job.schedule, job.time_zone);
}

bool read_manifest(const std::string& path, std::vector<ManifestJob>& jobs, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot read manifest '" + path + "': " + std::strerror(errno);
    return false;
  }
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) {
    error = "cannot read manifest '" + path + "': " + std::strerror(errno);
    return false;
  }
  return parse_manifest(text, path, jobs, error);
}

}  // namespace cronc
