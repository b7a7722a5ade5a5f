#pragma once
/// Reads the JSON manifest (docs/design.md) back, for the tools that hand the jobs to another scheduler.

#include <cron/policy.hpp>
#include <cron/schedule.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cronc {

/// One job of a manifest, with its schedule parsed.
struct ManifestJob {
  std::string id;
  std::string title;
  std::string schedule_tag;  ///< as written: `every:120` or `schedule:0 4 15 * *`
  cron::Schedule schedule;
  std::string time_zone;     ///< the IANA zone the expression is read in; empty: UTC
  std::optional<std::int64_t> timeout_seconds;  ///< the policies: none where the job does not set one (and in a
  std::optional<int> retries;                   ///< version 1 manifest, which has none)
  std::optional<cron::Overlap> overlap;
  std::optional<cron::CatchUp> catch_up;
  std::optional<std::int64_t> jitter_seconds;
};

/// The job's schedule in English, in its zone: "at 02:30 Europe/Berlin every day".
std::string job_description(const ManifestJob& job);

/// Parses manifest text (version 1 or 2) and checks it against schema/manifest.schema.json, and that each schedule
/// is one cronc runs and IDs are unique. Returns false with a one-line `error` (`PATH: jobs/0/id: ...`) otherwise.
/// `path` only names the file in messages. Jobs come back sorted by ID.
bool parse_manifest(std::string_view text, std::string_view path, std::vector<ManifestJob>& jobs, std::string& error);

/// Reads and parses the manifest file at `path`; same result as parse_manifest, or an I/O error.
bool read_manifest(const std::string& path, std::vector<ManifestJob>& jobs, std::string& error);

}  // namespace cronc
