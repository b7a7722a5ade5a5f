#include "export/kubernetes_exporter.hpp"

#include "export/fire_time_cover.hpp"

#include <cron/zoned_schedule.hpp>
#include <cron/platform_tick.hpp>

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <regex>

namespace cronc {

namespace {

/// Every CronJob, Job and Pod carries these, so `kubectl get -l cronc/job-id=ID` finds a job's objects.
void emit_labels(YAML::Emitter& out, const std::string& id) {
  out << YAML::Key << "labels" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "app.kubernetes.io/managed-by" << YAML::Value << "cronc";
  out << YAML::Key << "cronc/job-id" << YAML::Value << YAML::DoubleQuoted << id;
  out << YAML::EndMap;
}

/// `# ` before each line. The lines are cronc's own text (IDs, English schedules), never a title.
std::string comment(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += "# " + line + "\n";
  return text;
}

std::vector<std::string> header_comment(const KubernetesOptions& options) {
  const std::string grace = std::to_string(options.misfire_grace_seconds);
  std::vector<std::string> lines = {
      "CronJobs for cronc's jobs, from `cronc export kubernetes`; apply with `kubectl apply -f`. Each runs",
      "the image's entrypoint with --cron-run-job ID, which runs one tick of that job, in UTC.",
      "concurrencyPolicy is the job's overlap policy: skip (the default) and queue_one are Forbid, allow is",
      "Allow, cancel_running is Replace. Kubernetes keeps no queue, so a queue_one tick that comes while a run",
      "goes on is skipped, as with skip. activeDeadlineSeconds is the job's timeout, backoffLimit its retries.",
  };
  if (options.catch_up == cron::CatchUp::skip) {
    lines.push_back("startingDeadlineSeconds " + grace + " is the catch-up policy \"skip\": a tick that cannot start");
    lines.push_back("within " + grace + " s of its time is missed, not run late. A job that sets run_latest has none.");
  } else {
    lines.push_back("No startingDeadlineSeconds: the catch-up policy \"run latest\" has the controller start the");
    lines.push_back("latest missed tick after an outage, however late. A job that sets skip gets " + grace + " s.");
  }
  lines.insert(lines.end(), {
      "The scheduled time: the controller names each Job <cronjob>-<minutes since the epoch> and labels its",
      "Pods batch.kubernetes.io/job-name with that name; the downward API passes the label to the program as",
      std::string(cron::kJobNameVariable) + ", from which --cron-run-job takes the exact tick and so its idempotency",
      "key, the same for a Pod the Job controller retries.",
      "jitter has no CronJob equivalent: ticks start when the controller starts them.",
  });
  return lines;
}

std::uint32_t fnv1a(std::string_view text) {
  std::uint32_t hash = 2166136261u;
  for (unsigned char c : text) hash = (hash ^ c) * 16777619u;
  return hash;
}

bool check_options(const KubernetesOptions& options, std::string& error) {
  static const std::regex kPrefix("([a-z0-9][-a-z0-9]*)?");
  static const std::regex kNamespace("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  if (options.image.empty()) {
    error = "no image; pass --image IMAGE, the container image whose entrypoint is the program";
  } else if (!std::regex_match(options.name_prefix, kPrefix)) {
    error = "--name-prefix '" + options.name_prefix +
            "' must be lowercase letters, digits and '-', starting with a letter or digit";
  } else if (!options.name_space.empty() &&
             (options.name_space.size() > 63 || !std::regex_match(options.name_space, kNamespace))) {
    error = "--namespace '" + options.name_space + "' is not a Kubernetes namespace name (a DNS label: a-z, 0-9, '-')";
  } else if (options.catch_up == cron::CatchUp::skip && options.misfire_grace_seconds < 10) {
    error = "--misfire-grace must be at least 10 seconds: the CronJob controller may miss a shorter deadline";
  } else if (options.successful_jobs_history_limit < 0 || options.failed_jobs_history_limit < 0) {
    error = "job history limits cannot be negative";
  } else {
    return true;
  }
  return false;
}

/// concurrencyPolicy for an overlap policy. Kubernetes has no queue: queue_one skips, as Forbid does.
const char* concurrency_policy(std::optional<cron::Overlap> overlap) {
  switch (overlap.value_or(cron::Overlap::skip)) {
    case cron::Overlap::allow: return "Allow";
    case cron::Overlap::cancel_running: return "Replace";
    default: return "Forbid";
  }
}

struct CronJobEntry {
  std::string name;
  std::string schedule;  ///< portable cron expression
};

void emit_cronjob(YAML::Emitter& out, const ManifestJob& job, const CronJobEntry& entry,
                  const KubernetesOptions& options) {
  out << YAML::BeginMap;
  out << YAML::Key << "apiVersion" << YAML::Value << "batch/v1";
  out << YAML::Key << "kind" << YAML::Value << "CronJob";
  out << YAML::Key << "metadata" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "name" << YAML::Value << YAML::DoubleQuoted << entry.name;
  if (!options.name_space.empty())
    out << YAML::Key << "namespace" << YAML::Value << YAML::DoubleQuoted << options.name_space;
  emit_labels(out, job.id);
  out << YAML::Key << "annotations" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "cronc/title" << YAML::Value << YAML::DoubleQuoted << job.title;
  out << YAML::Key << "cronc/schedule" << YAML::Value << YAML::DoubleQuoted << job.schedule_tag;
  out << YAML::EndMap << YAML::EndMap;

  out << YAML::Key << "spec" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "schedule" << YAML::Value << YAML::DoubleQuoted << entry.schedule;
  out << YAML::Key << "timeZone" << YAML::Value << (job.time_zone.empty() ? "Etc/UTC" : job.time_zone);
  out << YAML::Key << "concurrencyPolicy" << YAML::Value << concurrency_policy(job.overlap);
  if (job.catch_up.value_or(options.catch_up) == cron::CatchUp::skip)
    out << YAML::Key << "startingDeadlineSeconds" << YAML::Value << options.misfire_grace_seconds;
  out << YAML::Key << "successfulJobsHistoryLimit" << YAML::Value << options.successful_jobs_history_limit;
  out << YAML::Key << "failedJobsHistoryLimit" << YAML::Value << options.failed_jobs_history_limit;
  out << YAML::Key << "jobTemplate" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "metadata" << YAML::Value << YAML::BeginMap;
  emit_labels(out, job.id);
  out << YAML::EndMap;
  out << YAML::Key << "spec" << YAML::Value << YAML::BeginMap;
  if (job.timeout_seconds) out << YAML::Key << "activeDeadlineSeconds" << YAML::Value << *job.timeout_seconds;
  out << YAML::Key << "backoffLimit" << YAML::Value << job.retries.value_or(0);
  out << YAML::Key << "template" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "metadata" << YAML::Value << YAML::BeginMap;
  emit_labels(out, job.id);
  out << YAML::EndMap;
  out << YAML::Key << "spec" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "restartPolicy" << YAML::Value << "Never";
  out << YAML::Key << "containers" << YAML::Value << YAML::BeginSeq << YAML::BeginMap;
  out << YAML::Key << "name" << YAML::Value << "cron-job";
  out << YAML::Key << "image" << YAML::Value << YAML::DoubleQuoted << options.image;
  out << YAML::Key << "args" << YAML::Value << YAML::BeginSeq << "--cron-run-job" << YAML::DoubleQuoted << job.id
      << YAML::EndSeq;
  out << YAML::Key << "env" << YAML::Value << YAML::BeginSeq << YAML::BeginMap;
  out << YAML::Key << "name" << YAML::Value << std::string(cron::kJobNameVariable);
  out << YAML::Key << "valueFrom" << YAML::Value << YAML::BeginMap << YAML::Key << "fieldRef" << YAML::Value
      << YAML::BeginMap << YAML::Key << "fieldPath" << YAML::Value
      << "metadata.labels['batch.kubernetes.io/job-name']" << YAML::EndMap << YAML::EndMap;
  out << YAML::EndMap << YAML::EndSeq;
  out << YAML::EndMap << YAML::EndSeq;  // the container, containers
  out << YAML::EndMap << YAML::EndMap;  // pod spec, template
  out << YAML::EndMap << YAML::EndMap;  // job spec, jobTemplate
  out << YAML::EndMap << YAML::EndMap;  // spec, the CronJob
}

}  // namespace

std::string cronjob_name(std::string_view base, std::string_view suffix) {
  if (base.size() + suffix.size() <= kMaxCronJobName) return std::string(base) + std::string(suffix);
  char hash[10];
  std::snprintf(hash, sizeof hash, "-%08x", fnv1a(base));
  std::string name(base.substr(0, kMaxCronJobName - suffix.size() - 9));
  while (!name.empty() && name.back() == '-') name.pop_back();
  return name + hash + std::string(suffix);
}

bool render_kubernetes(const std::vector<ManifestJob>& jobs, const KubernetesOptions& options, std::string& yaml,
                       std::string& error) {
  if (!check_options(options, error)) return false;
  // One emitter per document: yaml-cpp 0.7 puts a second `---` after a comment that opens a document.
  std::string text = comment(header_comment(options));
  std::map<std::string, std::string, std::less<>> job_of_name;
  for (const ManifestJob& job : jobs) {
    std::vector<CronJobEntry> entries;
    for (const cron::CronFields& fields : cron_cover(job.schedule)) {
      auto schedule = portable_cron(fields);
      if (!schedule) {
        error = "job '" + job.id + "': '" + job.schedule_tag.substr(9) +
                "' fires only on days that match both its day of month and its weekday, which Kubernetes' cron "
                "cannot say; restrict only one of the two fields";
        return false;
      }
      entries.push_back({"", *schedule});
    }
    const std::string base = options.name_prefix + job.id;
    for (std::size_t i = 0; i < entries.size(); ++i) {
      entries[i].name = cronjob_name(base, entries.size() == 1 ? "" : "-" + std::to_string(i + 1));
      auto [existing, inserted] = job_of_name.emplace(entries[i].name, job.id);
      if (!inserted) {
        error = "jobs '" + existing->second + "' and '" + job.id + "' would both be the CronJob '" +
                entries[i].name + "'; rename one";
        return false;
      }
    }
    for (std::size_t i = 0; i < entries.size(); ++i) {
      std::vector<std::string> lines = {job.id + ": " + job_description(job) + "."};
      if (entries.size() > 1) {
        std::string names;
        for (std::size_t j = 0; j < entries.size(); ++j)
          names += (j == 0 ? "" : j + 1 == entries.size() ? " and " : ", ") + entries[j].name;
        lines.push_back("No single cron expression gives these times: the " + std::to_string(entries.size()) +
                        " CronJobs " + names);
        lines.push_back("together fire exactly at them; this is " + std::to_string(i + 1) + " of " +
                        std::to_string(entries.size()) + ". Forbid works per CronJob: a run that lasts");
        lines.push_back("past the job's next time can overlap a run of another of them.");
      }
      YAML::Emitter out;
      out.SetIndent(2);
      emit_cronjob(out, job, entries[i], options);
      if (!out.good()) {
        error = "cannot write the YAML of job '" + job.id + "': " + out.GetLastError();
        return false;
      }
      text += "---\n" + comment(lines) + out.c_str() + "\n";
    }
  }
  yaml = std::move(text);
  return true;
}

}  // namespace cronc
