#include "export/manifest_reader.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace cronc {
namespace {

using Json = nlohmann::ordered_json;

Json valid_manifest() {
  return Json::parse(R"({"version": 1, "generator": "cronc 0.1.0", "jobs": [
    {"id": "welcome-email", "title": "Send welcome emails", "doc": "", "schedule": "every:120",
     "every_minutes": 120, "cron": null,
     "endpoint": {"name": "send", "qualified_name": "shop::send", "returns": "cron::Status"},
     "location": {"file": "src/jobs.cpp", "line": 9, "column": 21}},
    {"id": "accounting-sync", "title": "Sync", "doc": "Monthly.", "schedule": "schedule:@monthly",
     "every_minutes": null, "cron": "0 0 1 * *",
     "endpoint": {"name": "sync", "qualified_name": "shop::sync", "returns": "void"},
     "location": {"file": "src/jobs.cpp", "line": 20, "column": 21}}]})");
}

/// The version 2 form of valid_manifest(): the sync job sets every policy, the other none.
Json valid_manifest_v2() {
  Json manifest = valid_manifest();
  manifest["version"] = 2;
  for (Json& job : manifest["jobs"]) {
    Json with_policies;
    for (auto& [key, value] : job.items()) {
      if (key == "location") {
        for (const char* policy : {"timeout_seconds", "retries", "overlap", "catch_up", "jitter_seconds"})
          with_policies[policy] = nullptr;
      }
      with_policies[key] = value;
      if (key == "cron") with_policies["time_zone"] = nullptr;
    }
    job = with_policies;
  }
  Json& sync = manifest["jobs"][1];
  sync["time_zone"] = "Europe/Berlin";
  sync["timeout_seconds"] = 1200;
  sync["retries"] = 3;
  sync["overlap"] = "queue_one";
  sync["catch_up"] = "run_latest";
  sync["jitter_seconds"] = 300;
  return manifest;
}

/// The error parse_manifest gives for `manifest`, or "(parsed)".
std::string error_of_text(const std::string& manifest) {
  std::vector<ManifestJob> jobs;
  std::string error;
  return parse_manifest(manifest, "m.json", jobs, error) ? "(parsed)" : error;
}

std::string error_of(const Json& manifest) { return error_of_text(manifest.dump()); }

TEST(ManifestReader, ReadsJobsSortedById) {
  std::vector<ManifestJob> jobs;
  std::string error;
  ASSERT_TRUE(parse_manifest(valid_manifest().dump(), "m.json", jobs, error)) << error;
  ASSERT_EQ(jobs.size(), 2u);
  EXPECT_EQ(jobs[0].id, "accounting-sync");
  EXPECT_EQ(jobs[0].title, "Sync");
  EXPECT_EQ(jobs[0].schedule_tag, "schedule:@monthly");
  EXPECT_EQ(jobs[0].schedule, cron::Schedule::cron("0 0 1 * *").value());
  EXPECT_EQ(jobs[1].id, "welcome-email");
  EXPECT_EQ(jobs[1].schedule.interval_minutes(), 120);
}

/// valid_manifest() as version 2: with a zone on the schedule job and no policy set.
Json version_2_manifest() {
  Json manifest = valid_manifest();
  manifest["version"] = 2;
  for (Json& job : manifest["jobs"]) {
    job["time_zone"] = nullptr;
    for (const char* policy : {"timeout_seconds", "retries", "overlap", "catch_up", "jitter_seconds"})
      job[policy] = nullptr;
  }
  manifest["jobs"][1]["time_zone"] = "Europe/Berlin";
  return manifest;
}

TEST(ManifestReader, ReadsAVersion2ManifestWithItsZones) {
  std::vector<ManifestJob> jobs;
  std::string error;
  ASSERT_TRUE(parse_manifest(version_2_manifest().dump(), "m.json", jobs, error)) << error;
  ASSERT_EQ(jobs.size(), 2u);
  EXPECT_EQ(jobs[0].time_zone, "Europe/Berlin");
  EXPECT_EQ(jobs[1].time_zone, "") << "null is UTC";
}

TEST(ManifestReader, ChecksVersion2Fields) {
  Json manifest = version_2_manifest();
  manifest["jobs"][1].erase("time_zone");
  EXPECT_EQ(error_of(manifest), "m.json: jobs/1: required property 'time_zone' is missing");

  manifest = version_2_manifest();
  manifest["jobs"][1]["time_zone"] = "Europe/Berln";
  EXPECT_EQ(error_of(manifest), "m.json: jobs/1/time_zone: 'Europe/Berln' is not in the system's tz database");

  manifest = version_2_manifest();
  manifest["jobs"][0]["time_zone"] = "Europe/Berlin";
  EXPECT_EQ(error_of(manifest),
            "m.json: jobs/0/time_zone: must be null for an every: schedule (it runs from 00:00 UTC)");

  manifest = version_2_manifest();
  manifest["jobs"][0]["overlap"] = "sometimes";
  EXPECT_EQ(error_of(manifest), "m.json: jobs/0/overlap: must be one of skip, queue_one, allow, cancel_running or null");

  manifest = version_2_manifest();
  manifest["jobs"][0]["retries"] = 11;
  EXPECT_EQ(error_of(manifest), "m.json: jobs/0/retries: must be between 0 and 10");

  manifest = valid_manifest();
  manifest["jobs"][1]["time_zone"] = "Europe/Berlin";
  EXPECT_EQ(error_of(manifest), "m.json: jobs/1: unexpected property 'time_zone'") << "version 1 has no zones";
}

TEST(ManifestReader, ReadsAnEmptyJobList) {
  EXPECT_EQ(error_of_text(R"({"version": 1, "generator": "cronc 0.1.0", "jobs": []})"), "(parsed)");
}

TEST(ManifestReader, SaysWhereTheJsonBreaks) {
  EXPECT_EQ(error_of_text("{\"version\": 1,"),
            "m.json: not valid JSON: [json.exception.parse_error.101] parse error at line 1, column 15: syntax error "
            "while parsing object key - unexpected end of input; expected string literal");
}

TEST(ManifestReader, ReadsTheTimeZoneAndPoliciesOfVersion2) {
  std::vector<ManifestJob> jobs;
  std::string error;
  ASSERT_TRUE(parse_manifest(valid_manifest_v2().dump(), "m.json", jobs, error)) << error;
  ASSERT_EQ(jobs.size(), 2u);
  const ManifestJob& sync = jobs[0];
  EXPECT_EQ(sync.time_zone, "Europe/Berlin");
  EXPECT_EQ(sync.timeout_seconds, 1200);
  EXPECT_EQ(sync.retries, 3);
  EXPECT_EQ(sync.overlap, cron::Overlap::queue_one);
  EXPECT_EQ(sync.catch_up, cron::CatchUp::run_latest);
  EXPECT_EQ(sync.jitter_seconds, 300);
  const ManifestJob& welcome = jobs[1];
  EXPECT_EQ(welcome.time_zone, "");
  EXPECT_FALSE(welcome.timeout_seconds || welcome.retries || welcome.overlap || welcome.catch_up ||
               welcome.jitter_seconds);
}

TEST(ManifestReader, Version1HasNoPolicies) {
  Json manifest = valid_manifest();
  manifest["jobs"][0]["retries"] = 3;
  EXPECT_EQ(error_of(manifest), "m.json: jobs/0: unexpected property 'retries'");
  manifest = valid_manifest_v2();
  manifest["jobs"][0].erase("retries");
  EXPECT_EQ(error_of(manifest), "m.json: jobs/0: required property 'retries' is missing");
}

TEST(ManifestReader, ChecksThePolicies) {
  Json manifest = valid_manifest_v2();
  manifest["jobs"][1]["retries"] = 11;
  EXPECT_EQ(error_of(manifest), "m.json: jobs/1/retries: must be between 0 and 10");

  manifest = valid_manifest_v2();
  manifest["jobs"][1]["timeout_seconds"] = 86401;
  EXPECT_EQ(error_of(manifest), "m.json: jobs/1/timeout_seconds: must be between 1 and 86400");

  manifest = valid_manifest_v2();
  manifest["jobs"][1]["overlap"] = "replace";
  EXPECT_EQ(error_of(manifest),
            "m.json: jobs/1/overlap: must be one of skip, queue_one, allow, cancel_running or null");

  manifest = valid_manifest_v2();
  manifest["jobs"][1]["catch_up"] = 1;
  EXPECT_EQ(error_of(manifest), "m.json: jobs/1/catch_up: must be one of skip, run_latest or null");

  manifest = valid_manifest_v2();
  manifest["jobs"][0]["time_zone"] = "Europe/Berlin";
  EXPECT_EQ(error_of(manifest), "m.json: jobs/0/time_zone: must be null for an every: schedule (it runs from 00:00 UTC)");

  manifest = valid_manifest_v2();
  manifest["jobs"][0]["jitter_seconds"] = 3600;
  EXPECT_EQ(error_of(manifest), "(parsed)");
  manifest["jobs"][0]["schedule"] = "every:60";
  manifest["jobs"][0]["every_minutes"] = 60;
  EXPECT_EQ(error_of(manifest),
            "m.json: jobs/0/jitter_seconds: is not shorter than the shortest gap between fire times");
}

TEST(ManifestReader, NamesTheOffendingValueByItsPath) {
  Json manifest = valid_manifest();
  manifest["version"] = 3;
  EXPECT_EQ(error_of(manifest), "m.json: version: must be 1 or 2 (this cronc reads version 1 and 2 manifests)");

  manifest = valid_manifest();
  manifest.erase("generator");
  EXPECT_EQ(error_of(manifest), "m.json: (root): required property 'generator' is missing");

  manifest = valid_manifest();
  manifest["extra"] = true;
  EXPECT_EQ(error_of(manifest), "m.json: (root): unexpected property 'extra'");

  manifest = valid_manifest();
  manifest["jobs"][1]["id"] = "Accounting_Sync";
  EXPECT_EQ(error_of(manifest), "m.json: jobs/1/id: 'Accounting_Sync' is not a kebab-case job ID of 1-63 characters");

  manifest = valid_manifest();
  manifest["jobs"][0]["title"] = 7;
  EXPECT_EQ(error_of(manifest), "m.json: jobs/0/title: must be a string");

  manifest = valid_manifest();
  manifest["jobs"][0]["every_minutes"] = "120";
  EXPECT_EQ(error_of(manifest), "m.json: jobs/0/every_minutes: must be an integer or null");

  manifest = valid_manifest();
  manifest["jobs"][0]["endpoint"]["returns"] = "int";
  EXPECT_EQ(error_of(manifest), "m.json: jobs/0/endpoint/returns: must be \"void\" or \"cron::Status\"");

  manifest = valid_manifest();
  manifest["jobs"][0]["location"]["line"] = 0;
  EXPECT_EQ(error_of(manifest), "m.json: jobs/0/location/line: must be between 1 and any size");

  manifest = valid_manifest();
  manifest["jobs"] = Json::object();
  EXPECT_EQ(error_of(manifest), "m.json: jobs: must be an array");

  EXPECT_EQ(error_of_text("[]"), "m.json: (root): must be a JSON object");
}

TEST(ManifestReader, ChecksTheScheduleAgainstItsRepeatedFields) {
  Json manifest = valid_manifest();
  manifest["jobs"][0]["every_minutes"] = 60;
  EXPECT_EQ(error_of(manifest), "m.json: jobs/0/every_minutes: does not match schedule 'every:120'");

  manifest = valid_manifest();
  manifest["jobs"][1]["cron"] = "0 0 2 * *";
  EXPECT_EQ(error_of(manifest), "m.json: jobs/1/cron: does not match schedule 'schedule:@monthly'");

  manifest = valid_manifest();
  manifest["jobs"][0]["cron"] = "0 */2 * * *";
  EXPECT_EQ(error_of(manifest), "m.json: jobs/0: an every: schedule needs an integer every_minutes and a null cron");

  manifest = valid_manifest();
  manifest["jobs"][0]["schedule"] = "hourly";
  EXPECT_EQ(error_of(manifest), "m.json: jobs/0/schedule: 'hourly' is neither every:MINUTES nor schedule:EXPR");
}

TEST(ManifestReader, RejectsSchedulesCroncDoesNotRun) {
  Json manifest = valid_manifest();
  manifest["jobs"][0]["schedule"] = "every:7";
  manifest["jobs"][0]["every_minutes"] = 7;
  EXPECT_EQ(error_of(manifest), "m.json: jobs/0/schedule: interval '7' does not divide 24 hours evenly");

  manifest = valid_manifest();
  manifest["jobs"][1]["schedule"] = "schedule:0 0 30 2 *";
  manifest["jobs"][1]["cron"] = "0 0 30 2 *";
  EXPECT_EQ(error_of(manifest), "m.json: jobs/1/schedule: the expression never fires: day-of-month '30' does not "
                                "occur in month '2'");
}

TEST(ManifestReader, RejectsADuplicateId) {
  Json manifest = valid_manifest();
  manifest["jobs"][1]["id"] = "welcome-email";
  EXPECT_EQ(error_of(manifest), "m.json: jobs/1/id: job ID 'welcome-email' appears twice");
}

TEST(ManifestReader, ReportsAMissingFile) {
  std::vector<ManifestJob> jobs;
  std::string error;
  EXPECT_FALSE(read_manifest("/nonexistent/shop.cron.json", jobs, error));
  EXPECT_EQ(error, "cannot read manifest '/nonexistent/shop.cron.json': No such file or directory");
}

}  // namespace
}  // namespace cronc
