#include "export/kubernetes_exporter.hpp"

#include "export_test_support.hpp"
#include "fire_times.hpp"
#include "golden_file.hpp"
#include "shell_command.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <map>
#include <sstream>

namespace cronc {
namespace {

using testing::test_job;
using testing::test_jobs;

KubernetesOptions shop_options() {
  KubernetesOptions options;
  options.image = "registry.example.com/shop:1.4.2";
  options.name_space = "shop";
  return options;
}

std::string render(const std::vector<ManifestJob>& jobs, const KubernetesOptions& options) {
  std::string yaml, error;
  EXPECT_TRUE(render_kubernetes(jobs, options, yaml, error)) << error;
  return yaml;
}

std::string render_error(const std::vector<ManifestJob>& jobs, const KubernetesOptions& options) {
  std::string yaml, error;
  EXPECT_FALSE(render_kubernetes(jobs, options, yaml, error));
  EXPECT_EQ(yaml, "");
  return error;
}

ManifestJob cron_job(const std::string& id, const std::string& expression) {
  return {id, id, "schedule:" + expression, cron::Schedule::cron(expression).value(), ""};
}

TEST(KubernetesExporter, MatchesTheGoldenYaml) {
  testing::expect_matches_golden("kubernetes.yaml", render(test_jobs(), shop_options()));
}

TEST(KubernetesExporter, AZonedJobNamesItsZone) {
  ManifestJob nightly = cron_job("nightly-report", "30 2 * * *");
  nightly.time_zone = "Europe/Berlin";
  testing::expect_matches_golden("kubernetes-zoned.yaml", render({nightly, cron_job("utc-report", "0 4 * * *")},
                                                                 shop_options()));
}

TEST(KubernetesExporter, IsDeterministic) {
  EXPECT_EQ(render(test_jobs(), shop_options()), render(test_jobs(), shop_options()));
}

/// The CronJobs as check_cronjobs.py read them back with a YAML 1.1 parser, as the API server does.
std::vector<nlohmann::json> read_back(const std::string& yaml) {
  auto file = testing::scratch_folder() / "cronjobs.yaml";
  testing::write_text(file, yaml);
  auto result = testing::run_command(std::string(CRONC_PYTHON3) + " " + CRONC_CHECK_CRONJOBS + " " +
                                     testing::shell_quote(file.string()));
  EXPECT_EQ(result.exit_code, 0) << result.output;
  std::vector<nlohmann::json> cronjobs;
  std::istringstream lines(result.output);
  for (std::string line; std::getline(lines, line);) cronjobs.push_back(nlohmann::json::parse(line));
  return cronjobs;
}

TEST(KubernetesExporter, ParsesAsCronJobsWithTheFieldsCroncPromises) {
  auto cronjobs = read_back(render(test_jobs(), shop_options()));
  ASSERT_EQ(cronjobs.size(), 20u);  // 13 jobs; 72 minutes takes 5 CronJobs, 90 minutes 2, 45 minutes 3
  for (const auto& cronjob : cronjobs) {
    EXPECT_EQ(cronjob["image"], "registry.example.com/shop:1.4.2");
    EXPECT_EQ(cronjob["namespace"], "shop");
  }
}

// For each job, the cron expressions of its CronJobs, as read back, evaluated by cronc's engine, fire exactly at
// the job's times over a leap year.
TEST(KubernetesExporter, EachJobsCronJobsFireExactlyAtItsTimes) {
  const auto jobs = test_jobs();
  std::map<std::string, std::vector<cron::Schedule>> schedules_of_job;
  for (const auto& cronjob : read_back(render(jobs, shop_options()))) {
    auto schedule = cron::Schedule::cron(cronjob["schedule"].get<std::string>());
    ASSERT_TRUE(schedule) << cronjob["schedule"];
    schedules_of_job[cronjob["job"].get<std::string>()].push_back(schedule.value());
  }
  ASSERT_EQ(schedules_of_job.size(), jobs.size());
  const auto after = testing::utc("2023-12-31T23:59:59Z");
  const auto until = testing::utc("2024-12-31T23:59:00Z");
  for (const ManifestJob& job : jobs) {
    auto expected = testing::fire_times({job.schedule}, after, until);
    auto actual = testing::fire_times(schedules_of_job[job.id], after, until);
    EXPECT_FALSE(expected.empty() && job.id != "leap-day") << job.id;
    EXPECT_TRUE(expected == actual) << job.id << ": " << testing::first_difference(expected, actual);
  }
}

TEST(KubernetesExporter, SaysWhyAJobHasSeveralCronJobs) {
  std::string yaml = render({test_job("report-every-90m")}, shop_options());
  EXPECT_NE(yaml.find("name: \"report-every-90m-1\"\n"), std::string::npos);
  EXPECT_NE(yaml.find("schedule: \"0 */3 * * *\"\n"), std::string::npos);
  EXPECT_NE(yaml.find("name: \"report-every-90m-2\"\n"), std::string::npos);
  EXPECT_NE(yaml.find("schedule: \"30 1-22/3 * * *\"\n"), std::string::npos);
  EXPECT_NE(yaml.find("# No single cron expression gives these times: the 2 CronJobs report-every-90m-1 and "
                      "report-every-90m-2\n# together fire exactly at them; this is 1 of 2."),
            std::string::npos)
      << yaml;
}

TEST(KubernetesExporter, PassesTheJobNameForTheExactTick) {
  std::string yaml = render({test_job("welcome-email")}, shop_options());
  EXPECT_EQ(yaml.find("--cron-scheduled-time\n"), std::string::npos);
  EXPECT_NE(yaml.find("args:\n                - --cron-run-job\n                - \"welcome-email\"\n"
                      "              env:\n                - name: CRON_KUBERNETES_JOB_NAME\n"
                      "                  valueFrom:\n                    fieldRef:\n"
                      "                      fieldPath: metadata.labels['batch.kubernetes.io/job-name']\n"),
            std::string::npos)
      << yaml;
}

TEST(KubernetesExporter, MapsEachJobsPolicies) {
  std::map<std::string, nlohmann::json> by_job;
  for (const auto& cronjob : read_back(render(test_jobs(), shop_options())))
    by_job[cronjob["job"].get<std::string>()] = cronjob;
  // queue_one: Kubernetes keeps no queue, so the tick is skipped as with Forbid.
  EXPECT_EQ(by_job["accounting-sync"]["concurrency_policy"], "Forbid");
  EXPECT_EQ(by_job["accounting-sync"]["active_deadline_seconds"], 1200);
  EXPECT_EQ(by_job["accounting-sync"]["backoff_limit"], 3);
  EXPECT_EQ(by_job["welcome-email"]["concurrency_policy"], "Allow");
  EXPECT_EQ(by_job["welcome-email"]["active_deadline_seconds"], 90);
  EXPECT_EQ(by_job["welcome-email"]["backoff_limit"], 0);
  EXPECT_EQ(by_job["shop-hours"]["concurrency_policy"], "Replace");
  EXPECT_EQ(by_job["cart-purge"]["concurrency_policy"], "Forbid");
  EXPECT_TRUE(by_job["cart-purge"]["active_deadline_seconds"].is_null());
}

TEST(KubernetesExporter, AJobsCatchUpOverridesTheOption) {
  KubernetesOptions options = shop_options();
  EXPECT_EQ(render({test_job("accounting-sync")}, options).find("\n  startingDeadlineSeconds:"), std::string::npos)
      << "accounting-sync sets run_latest";
  options.catch_up = cron::CatchUp::run_latest;
  EXPECT_NE(render({test_job("shop-hours")}, options).find("\n  startingDeadlineSeconds: 60\n"), std::string::npos)
      << "shop-hours sets skip";
}

TEST(KubernetesExporter, CatchUpPolicySetsTheStartingDeadline) {
  KubernetesOptions options = shop_options();
  EXPECT_NE(render({test_job("welcome-email")}, options).find("  startingDeadlineSeconds: 60\n"), std::string::npos);
  options.misfire_grace_seconds = 300;
  EXPECT_NE(render({test_job("welcome-email")}, options).find("  startingDeadlineSeconds: 300\n"), std::string::npos);
  options.catch_up = cron::CatchUp::run_latest;
  std::string yaml = render({test_job("welcome-email")}, options);
  EXPECT_EQ(yaml.find("\n  startingDeadlineSeconds:"), std::string::npos);
  EXPECT_NE(yaml.find("the catch-up policy \"run latest\""), std::string::npos);
}

TEST(KubernetesExporter, QuotesTitlesSoNoCharacterBreaksTheFile) {
  std::string yaml = render({test_job("report-every-90m")}, shop_options());
  EXPECT_NE(yaml.find("cronc/title: \"Report: \\\"90\\\" # min\\n'quoted' 100% $HOME \\\\\"\n"), std::string::npos)
      << yaml;
}

TEST(KubernetesExporter, OmitsTheNamespaceUnlessGiven) {
  KubernetesOptions options = shop_options();
  options.name_space.clear();
  EXPECT_EQ(render({test_job("welcome-email")}, options).find("namespace:"), std::string::npos);
}

TEST(KubernetesExporter, PutsThePrefixBeforeEachName) {
  KubernetesOptions options = shop_options();
  options.name_prefix = "shop-";
  std::string yaml = render({test_job("report-every-90m")}, options);
  EXPECT_NE(yaml.find("name: \"shop-report-every-90m-1\"\n"), std::string::npos);
  EXPECT_NE(yaml.find("cronc/job-id: \"report-every-90m\"\n"), std::string::npos);
}

TEST(CronJobName, KeepsNamesThatFit) {
  EXPECT_EQ(cronjob_name("welcome-email", ""), "welcome-email");
  EXPECT_EQ(cronjob_name("report-every-90m", "-2"), "report-every-90m-2");
  std::string fits(52, 'a');
  EXPECT_EQ(cronjob_name(fits, ""), fits);
}

TEST(CronJobName, ShortensLongNamesWithAHashOfTheWholeName) {
  const std::string id = "some-very-long-job-identifier-that-is-longer-than-cronjob-names";
  EXPECT_EQ(cronjob_name(id, ""), "some-very-long-job-identifier-that-is-longe-7dfa8039");
  EXPECT_EQ(cronjob_name(id, "-1"), "some-very-long-job-identifier-that-is-lon-7dfa8039-1");
  // Cut at a '-': the hash follows the last letter, not a doubled dash.
  EXPECT_EQ(cronjob_name("some-very-long-job-identifier-that-is-lo-ng-and-more-words", "-1"),
            "some-very-long-job-identifier-that-is-lo-37686a20-1");
  for (const std::string& base : {id, std::string(63, 'x'), std::string(53, 'b')}) {
    for (const char* suffix : {"", "-1", "-12"}) {
      std::string name = cronjob_name(base, suffix);
      EXPECT_EQ(name.size() <= kMaxCronJobName, true) << name;
      EXPECT_EQ(name, cronjob_name(base, suffix));
      EXPECT_TRUE(name.ends_with(suffix)) << name;
    }
  }
  EXPECT_NE(cronjob_name(std::string(60, 'x') + "a", ""), cronjob_name(std::string(60, 'x') + "b", ""));
}

TEST(KubernetesExporter, RejectsAScheduleKubernetesCannotSay) {
  EXPECT_EQ(render_error({cron_job("odd-mondays", "0 0 */2 * 1")}, shop_options()),
            "job 'odd-mondays': '0 0 */2 * 1' fires only on days that match both its day of month and its "
            "weekday, which Kubernetes' cron cannot say; restrict only one of the two fields");
}

TEST(KubernetesExporter, RejectsTwoJobsWithOneName) {
  std::vector<ManifestJob> jobs = {test_job("report-every-90m"), cron_job("report-every-90m-1", "0 4 * * *")};
  EXPECT_EQ(render_error(jobs, shop_options()),
            "jobs 'report-every-90m' and 'report-every-90m-1' would both be the CronJob 'report-every-90m-1'; "
            "rename one");
}

TEST(KubernetesExporter, RejectsBadOptions) {
  const std::vector<ManifestJob> jobs = {test_job("welcome-email")};
  KubernetesOptions options = shop_options();
  options.image.clear();
  EXPECT_EQ(render_error(jobs, options),
            "no image; pass --image IMAGE, the container image whose entrypoint is the program");
  options = shop_options();
  options.name_prefix = "Shop_";
  EXPECT_EQ(render_error(jobs, options),
            "--name-prefix 'Shop_' must be lowercase letters, digits and '-', starting with a letter or digit");
  options = shop_options();
  options.name_space = "-shop";
  EXPECT_EQ(render_error(jobs, options),
            "--namespace '-shop' is not a Kubernetes namespace name (a DNS label: a-z, 0-9, '-')");
  options = shop_options();
  options.misfire_grace_seconds = 5;
  EXPECT_EQ(render_error(jobs, options),
            "--misfire-grace must be at least 10 seconds: the CronJob controller may miss a shorter deadline");
}

// kubectl needs a cluster for schema validation, and none is reachable here; `kubectl kustomize` needs none and
// still loads every document as a Kubernetes object with kubectl's own reader, which rejects a document without
// apiVersion, kind or name and two objects with one name.
TEST(KubernetesExporter, KubectlLoadsEveryObject) {
  if (std::string(CRONC_KUBECTL).empty()) GTEST_SKIP() << "kubectl is not installed";
  auto folder = testing::scratch_folder();
  testing::write_text(folder / "cronjobs.yaml", render(test_jobs(), shop_options()));
  testing::write_text(folder / "kustomization.yaml", "resources:\n  - cronjobs.yaml\n");
  auto result =
      testing::run_command(std::string(CRONC_KUBECTL) + " kustomize " + testing::shell_quote(folder.string()));
  ASSERT_EQ(result.exit_code, 0) << result.output;
  std::size_t count = 0;
  for (std::size_t at = 0; (at = result.output.find("kind: CronJob\n", at)) != std::string::npos; ++at) ++count;
  EXPECT_EQ(count, 20u) << result.output;
}

}  // namespace
}  // namespace cronc
