#include "emit/manifest_emitter.hpp"

#include "golden_file.hpp"
#include "sample_jobs.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace cronc {
namespace {

using testing::kSampleRoot;
using testing::sample_jobs;

TEST(ManifestEmitter, MatchesTheGoldenFile) {
  testing::expect_matches_golden("jobs.cron.json", render_manifest(sample_jobs(), kSampleRoot));
}

TEST(ManifestEmitter, NoJobsIsAnEmptyList) {
  testing::expect_matches_golden("empty.cron.json", render_manifest({}, kSampleRoot));
}

TEST(ManifestEmitter, TheSameJobsInAnyOrderGiveTheSameBytes) {
  std::vector<JobDecl> jobs = sample_jobs();
  std::string first = render_manifest(jobs, kSampleRoot);
  std::reverse(jobs.begin(), jobs.end());
  EXPECT_EQ(render_manifest(jobs, kSampleRoot), first);
  std::rotate(jobs.begin(), jobs.begin() + 3, jobs.end());
  EXPECT_EQ(render_manifest(jobs, kSampleRoot), first);
}

TEST(ManifestEmitter, ARootWithATrailingSlashGivesTheSamePaths) {
  EXPECT_EQ(render_manifest(sample_jobs(), kSampleRoot + "/"), render_manifest(sample_jobs(), kSampleRoot));
}

TEST(ManifestEmitter, ScheduleTagsAsEncoreWritesThem) {
  std::vector<JobDecl> jobs = sample_jobs();
  auto tag_of = [&](const std::string& id) {
    auto job = std::find_if(jobs.begin(), jobs.end(), [&](const JobDecl& j) { return j.id.value == id; });
    return schedule_tag(*job);
  };
  EXPECT_EQ(tag_of("welcome-email"), "every:120");
  EXPECT_EQ(tag_of("cart-purge"), "every:90");
  EXPECT_EQ(tag_of("audit-log"), "every:1440");
  EXPECT_EQ(tag_of("accounting-sync"), "schedule:0 4 15 * *");
  EXPECT_EQ(tag_of("weekly-report"), "schedule:@weekly");
}

TEST(ManifestEmitter, PathsRelativeToTheRootOnlyUnderIt) {
  EXPECT_EQ(relative_to("/home/dev/shop/src/jobs.cpp", "/home/dev/shop"), "src/jobs.cpp");
  EXPECT_EQ(relative_to("/home/dev/shop/src/jobs.cpp", "/home/dev/shop/"), "src/jobs.cpp");
  EXPECT_EQ(relative_to("/home/dev/shopping/jobs.cpp", "/home/dev/shop"), "/home/dev/shopping/jobs.cpp");
  EXPECT_EQ(relative_to("/opt/jobs.cpp", "/home/dev/shop"), "/opt/jobs.cpp");
  EXPECT_EQ(relative_to("/opt/jobs.cpp", ""), "/opt/jobs.cpp");
}

}  // namespace
}  // namespace cronc
