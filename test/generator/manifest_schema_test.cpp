// The manifests the emitter writes validate against schema/manifest.schema.json with Debian's python3-jsonschema,
// and the schema is strict enough to reject manifests that break the contract of docs/design.md ("The manifest").

#include "emit/manifest_emitter.hpp"

#include "sample_jobs.hpp"
#include "scratch_dir.hpp"
#include "shell_command.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <functional>

namespace cronc {
namespace {

using testing::shell_quote;

/// Runs validate_manifest.py over `manifest`; returns its output, empty when the manifest is valid.
testing::CommandResult validate(const std::string& manifest) {
  testing::ScratchDir dir;
  std::string file = dir.write("manifest.json", manifest);
  return testing::run_command(shell_quote(CRONC_PYTHON3) + " " + shell_quote(CRONC_VALIDATE_MANIFEST) + " " +
                              shell_quote(CRONC_MANIFEST_SCHEMA) + " " + shell_quote(file));
}

TEST(ManifestSchema, TheSampleManifestIsValid) {
  testing::CommandResult result = validate(render_manifest(testing::sample_jobs(), testing::kSampleRoot));
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_EQ(result.output, "");
}

TEST(ManifestSchema, AVersion1ManifestIsStillValid) {
  nlohmann::json manifest = nlohmann::json::parse(render_manifest(testing::sample_jobs(), testing::kSampleRoot));
  manifest["version"] = 1;
  for (nlohmann::json& job : manifest["jobs"])
    for (const char* key : {"time_zone", "timeout_seconds", "retries", "overlap", "catch_up", "jitter_seconds"})
      job.erase(key);
  testing::CommandResult result = validate(manifest.dump(2));
  EXPECT_EQ(result.exit_code, 0) << result.output;
}

TEST(ManifestSchema, AManifestWithoutJobsIsValid) {
  testing::CommandResult result = validate(render_manifest({}, testing::kSampleRoot));
  EXPECT_EQ(result.exit_code, 0) << result.output;
}

/// The sample manifest with one change made by `edit`: it must fail validation.
void expect_rejected(const std::function<void(nlohmann::json&)>& edit, const std::string& why) {
  nlohmann::json manifest = nlohmann::json::parse(render_manifest(testing::sample_jobs(), testing::kSampleRoot));
  edit(manifest);
  testing::CommandResult result = validate(manifest.dump(2));
  // Exit 1 with a line naming the file: a validation error, not a tool that failed to run (exit 2).
  EXPECT_EQ(result.exit_code, 1) << why << "\n" << result.output;
  EXPECT_NE(result.output.find("manifest.json: "), std::string::npos) << why << "\n" << result.output;
}

TEST(ManifestSchema, RejectsWhatBreaksTheContract) {
  expect_rejected([](nlohmann::json& m) { m["version"] = 3; }, "an unknown version");
  expect_rejected([](nlohmann::json& m) { m["jobs"][0].erase("time_zone"); }, "a version 2 job without time_zone");
  expect_rejected([](nlohmann::json& m) { m["version"] = 1; }, "version 1 with version 2's fields");
  expect_rejected([](nlohmann::json& m) { m["jobs"][1]["time_zone"] = "Europe/Berlin"; }, "an every job in a zone");
  expect_rejected([](nlohmann::json& m) { m["jobs"][0]["overlap"] = "sometimes"; }, "an unknown overlap policy");
  expect_rejected([](nlohmann::json& m) { m["jobs"][0]["retries"] = 11; }, "11 retries");
  expect_rejected([](nlohmann::json& m) { m.erase("generator"); }, "no generator");
  expect_rejected([](nlohmann::json& m) { m["jobs"][0]["id"] = "WeeklyReport"; }, "an ID that is not kebab-case");
  expect_rejected([](nlohmann::json& m) { m["jobs"][0]["id"] = std::string(64, 'a'); }, "an ID of 64 characters");
  expect_rejected([](nlohmann::json& m) { m["jobs"][0].erase("doc"); }, "a job without its doc");
  expect_rejected([](nlohmann::json& m) { m["jobs"][0]["owner"] = "me"; }, "an unknown field");
  expect_rejected([](nlohmann::json& m) { m["jobs"][0]["schedule"] = "hourly"; }, "an untagged schedule");
  expect_rejected([](nlohmann::json& m) { m["jobs"][0]["endpoint"]["returns"] = "int"; }, "a bad return kind");
  expect_rejected([](nlohmann::json& m) { m["jobs"][0]["location"]["line"] = 0; }, "line 0");
  expect_rejected([](nlohmann::json& m) { m["jobs"][0].erase("retries"); }, "version 2 without retries");
  expect_rejected([](nlohmann::json& m) { m["version"] = 1; }, "version 1 with policies");
  expect_rejected([](nlohmann::json& m) { m["jobs"][0]["retries"] = 11; }, "11 retries");
  expect_rejected([](nlohmann::json& m) { m["jobs"][0]["timeout_seconds"] = 0; }, "a zero timeout");
  expect_rejected([](nlohmann::json& m) { m["jobs"][0]["jitter_seconds"] = 3601; }, "a jitter over an hour");
  expect_rejected([](nlohmann::json& m) { m["jobs"][0]["overlap"] = "replace"; }, "an unknown overlap");
  expect_rejected([](nlohmann::json& m) { m["jobs"][0]["catch_up"] = "all"; }, "an unknown catch-up");
  expect_rejected([](nlohmann::json& m) { m["jobs"][0]["time_zone"] = ""; }, "an empty time zone");
  nlohmann::json sample = nlohmann::json::parse(render_manifest(testing::sample_jobs(), testing::kSampleRoot));
  for (const nlohmann::json& job : sample["jobs"]) {
    if (job["every_minutes"].is_null()) continue;
    expect_rejected([&](nlohmann::json& m) { m["jobs"] = {job}; m["jobs"][0]["every_minutes"] = 0; }, "every 0");
    expect_rejected([&](nlohmann::json& m) { m["jobs"] = {job}; m["jobs"][0]["every_minutes"] = 1441; }, "every 1441");
    expect_rejected([&](nlohmann::json& m) { m["jobs"] = {job}; m["jobs"][0]["cron"] = "0 * * * *"; },
                    "an every job with a cron expression");
    expect_rejected([&](nlohmann::json& m) { m["jobs"] = {job}; m["jobs"][0]["time_zone"] = "Europe/Berlin"; },
                    "an every job with a time zone");
    break;
  }
}

}  // namespace
}  // namespace cronc
