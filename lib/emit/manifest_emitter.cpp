#include "emit/manifest_emitter.hpp"

#include <cron/every.hpp>
#include <cron/schedule.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace cronc {

namespace {

/// The interval in minutes of a valid `every` argument.
int every_minutes(const DurationArgument& every) { return every.minutes().value_or(0); }

/// A valid `timeout` or `jitter` in whole seconds, or null when it is not set.
nlohmann::ordered_json seconds_or_null(const DurationArgument& duration) {
  auto nanoseconds = duration.length();
  if (!nanoseconds) return nullptr;
  return *nanoseconds / 1'000'000'000;
}

template <class T, class Name>
nlohmann::ordered_json value_or_null(const ValueArgument<T>& argument, Name name) {
  if (!argument.present) return nullptr;
  return name(argument.value);
}

/// The expression with a macro replaced by its five fields.
std::string expanded_cron(std::string_view expression) {
  std::size_t offset = 0;
  std::string_view body = cron::detail::trim(expression, offset);
  for (const auto& macro : cron::detail::kMacros)
    if (cron::detail::equals_ignoring_case(body, macro.name)) return std::string(macro.expansion);
  return std::string(body);
}

}  // namespace

std::string relative_to(std::string_view path, std::string_view root) {
  if (root.empty()) return std::string(path);
  std::string prefix(root);
  if (!prefix.ends_with('/')) prefix += '/';
  return path.starts_with(prefix) ? std::string(path.substr(prefix.size())) : std::string(path);
}

std::string schedule_tag(const JobDecl& job) {
  if (job.every.present()) return "every:" + std::to_string(every_minutes(job.every));
  return "schedule:" + job.schedule.value;
}

std::string render_manifest(const std::vector<JobDecl>& jobs, std::string_view root) {
  std::vector<const JobDecl*> sorted;
  for (const JobDecl& job : jobs) sorted.push_back(&job);
  std::sort(sorted.begin(), sorted.end(), [](const JobDecl* a, const JobDecl* b) { return a->id.value < b->id.value; });

  nlohmann::ordered_json manifest;
  manifest["version"] = kManifestVersion;
  manifest["generator"] = "cronc " CRONC_VERSION;
  manifest["jobs"] = nlohmann::ordered_json::array();
  for (const JobDecl* job : sorted) {
    nlohmann::ordered_json entry;
    entry["id"] = job->id.value;
    entry["title"] = job->title.present && !job->title.value.empty() ? job->title.value : job->id.value;
    entry["doc"] = job->doc;
    entry["schedule"] = schedule_tag(*job);
    if (job->every.present()) {
      entry["every_minutes"] = every_minutes(job->every);
      entry["cron"] = nullptr;
    } else {
      entry["every_minutes"] = nullptr;
      entry["cron"] = expanded_cron(job->schedule.value);
    }
    entry["time_zone"] = job->time_zone.present ? nlohmann::ordered_json(job->time_zone.value) : nullptr;
    entry["endpoint"] = {
        {"name", job->endpoint.name},
        {"qualified_name", job->endpoint.qualified_name},
        {"returns", job->endpoint.returns == ReturnKind::status ? "cron::Status" : "void"},
    };
    entry["timeout_seconds"] = seconds_or_null(job->timeout);
    entry["retries"] = value_or_null(job->retries, [](int retries) { return retries; });
    auto policy_name = [](auto policy) { return std::string(cron::to_string(policy)); };
    entry["overlap"] = value_or_null(job->overlap, policy_name);
    entry["catch_up"] = value_or_null(job->catch_up, policy_name);
    entry["jitter_seconds"] = seconds_or_null(job->jitter);
    entry["location"] = {
        {"file", relative_to(job->name_range.begin.file, root)},
        {"line", job->name_range.begin.line},
        {"column", job->name_range.begin.column},
    };
    manifest["jobs"].push_back(std::move(entry));
  }
  return manifest.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace cronc
