#pragma once
/// Reads the JSON manifest (docs/design.md) back, for the tools that hand the jobs to another scheduler.

#include <cron/schedule.hpp>

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
};

/// The job's schedule in English, in its zone: "at 02:30 Europe/Berlin every day".
std::string job_description(const ManifestJob& job);

/// Parses manifest text and checks it against schema/manifest.schema.json, and that each schedule is one cronc
/// runs and IDs are unique. Returns false with a one-line `error` (`PATH: jobs/0/id: ...`) otherwise. `path` only
/// names the file in messages. Jobs come back sorted by ID.
bool parse_manifest(std::string_view text, std::string_view path, std::vector<ManifestJob>& jobs, std::string& error);

/// Reads and parses the manifest file at `path`; same result as parse_manifest, or an I/O error.
bool read_manifest(const std::string& path, std::vector<ManifestJob>& jobs, std::string& error);

}  // namespace cronc
