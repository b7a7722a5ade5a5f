// `cronc export` end to end: the built tool, its exit status and its one-line errors.

#include "export_test_support.hpp"
#include "golden_file.hpp"
#include "shell_command.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace cronc {
namespace {

using testing::CommandResult;
using testing::shell_quote;

/// Runs `cronc export ARGUMENTS`, standard error to `errors` (standard output comes back in `output`).
CommandResult cronc_export(const std::string& arguments, std::string* errors = nullptr) {
  auto folder = std::filesystem::temp_directory_path() / "cronc-export-tests";
  std::filesystem::create_directories(folder);
  auto error_file = folder / ("stderr-" + std::to_string(::getpid()));
  // run_command adds `2>&1` to the whole command; the braces keep the tool's own standard error apart.
  auto result = testing::run_command("{ " + shell_quote(CRONC_TOOL) + " export " + arguments + " 2>" +
                                     shell_quote(error_file.string()) + "; }");
  std::string text = testing::read_file(error_file);
  std::filesystem::remove(error_file);
  if (errors) *errors = text;
  return result;
}

const std::string kManifest = shell_quote(CRONC_EXPORT_MANIFEST);

TEST(ExportCli, KubernetesWritesYamlToStandardOutput) {
  std::string errors;
  auto result = cronc_export("kubernetes --manifest " + kManifest +
                                 " --image registry.example.com/shop:1.4.2 --namespace shop",
                             &errors);
  EXPECT_EQ(result.exit_code, 0) << errors;
  EXPECT_EQ(errors, "");
  EXPECT_EQ(result.output, testing::read_file(std::string(CRONC_GOLDEN_DIR) + "/kubernetes.yaml"));
}

TEST(ExportCli, KubernetesWritesTheSameYamlToAFile) {
  auto folder = testing::scratch_folder();
  auto file = folder / "k8s" / "cronjobs.yaml";
  auto result = cronc_export("kubernetes --manifest " + kManifest +
                             " --image registry.example.com/shop:1.4.2 --namespace shop -o " +
                             shell_quote(file.string()));
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_EQ(result.output, "");
  EXPECT_EQ(testing::read_file(file), testing::read_file(std::string(CRONC_GOLDEN_DIR) + "/kubernetes.yaml"));
  // Unchanged output keeps its timestamp, as the analyzer's outputs do.
  auto written = std::filesystem::last_write_time(file);
  std::filesystem::last_write_time(file, written - std::chrono::hours(1));
  cronc_export("kubernetes --manifest " + kManifest + " --image registry.example.com/shop:1.4.2 --namespace shop -o " +
               shell_quote(file.string()));
  EXPECT_EQ(std::filesystem::last_write_time(file), written - std::chrono::hours(1));
}

TEST(ExportCli, SystemdWritesUnitsIntoTheFolder) {
  auto folder = testing::scratch_folder();
  auto result = cronc_export("systemd --manifest " + kManifest + " --exec /usr/local/bin/shop --run-as shop -o " +
                             shell_quote(folder.string()));
  EXPECT_EQ(result.exit_code, 0) << result.output;
  std::size_t count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    ++count;
    const std::string name = entry.path().filename().string();
    EXPECT_EQ(testing::read_file(entry.path()), testing::read_file(std::string(CRONC_GOLDEN_DIR) + "/systemd/" + name))
        << name;
  }
  EXPECT_EQ(count, 26u);
}

TEST(ExportCli, SystemdWritesIntoTheWorkingFolderByDefault) {
  auto folder = testing::scratch_folder();
  auto result = testing::run_command("cd " + shell_quote(folder.string()) + " && " + shell_quote(CRONC_TOOL) +
                                     " export systemd --user --manifest " + kManifest + " --exec /usr/bin/shop");
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_TRUE(std::filesystem::exists(folder / "welcome-email.service"));
  EXPECT_TRUE(std::filesystem::exists(folder / "welcome-email.timer"));
}

struct Failure {
  std::string arguments;
  std::string message;
};

TEST(ExportCli, ErrorsAreOneLineWithExitStatus2) {
  auto folder = testing::scratch_folder();
  testing::write_text(folder / "broken.json", "{\"version\": 1,");
  testing::write_text(folder / "mismatch.json", R"({"version": 1, "generator": "cronc 0.1.0", "jobs": [{"id": 3}]})");
  const std::string broken = shell_quote((folder / "broken.json").string());
  const std::string mismatch = shell_quote((folder / "mismatch.json").string());
  const Failure failures[] = {
      {"", "cronc: error: no platform; run 'cronc export kubernetes|systemd --manifest FILE ...' (see --help)"},
      {"nomad --manifest " + kManifest, "cronc: error: unknown platform 'nomad'; use kubernetes or systemd"},
      {"kubernetes --image i", "cronc: error: no manifest; pass --manifest FILE, as cronc --manifest wrote it"},
      {"kubernetes --image i --manifest /nonexistent.json",
       "cronc: error: cannot read manifest '/nonexistent.json': No such file or directory"},
      {"kubernetes --image i --manifest " + broken,
       "cronc: error: " + (folder / "broken.json").string() +
           ": not valid JSON: [json.exception.parse_error.101] parse error at line 1, column 15: syntax error while "
           "parsing object key - unexpected end of input; expected string literal"},
      {"systemd --exec /bin/shop --manifest " + mismatch,
       "cronc: error: " + (folder / "mismatch.json").string() + ": jobs/0/id: must be a string"},
      {"kubernetes --manifest " + kManifest,
       "cronc: error: no image; pass --image IMAGE, the container image whose entrypoint is the program"},
      {"systemd --manifest " + kManifest + " --exec /bin/shop --image i",
       "cronc: error: --image is not an option of 'cronc export systemd'"},
      {"kubernetes --manifest " + kManifest + " --image i --user",
       "cronc: error: --user is not an option of 'cronc export kubernetes'"},
      {"kubernetes --manifest " + kManifest + " --image i --catch-up=later",
       "cronc: error: --catch-up 'later' is neither skip nor run-latest"},
      {"kubernetes --manifest " + kManifest + " --image i --catch-up=run-latest --misfire-grace=30",
       "cronc: error: --misfire-grace applies to --catch-up=skip only"},
  };
  for (const Failure& failure : failures) {
    std::string errors;
    auto result = cronc_export(failure.arguments, &errors);
    EXPECT_EQ(result.exit_code, 2) << failure.arguments;
    EXPECT_EQ(result.output, "") << failure.arguments;
    EXPECT_EQ(errors, failure.message + "\n") << failure.arguments;
  }
}

TEST(ExportCli, AnErrorLeavesNoOutputBehind) {
  auto folder = testing::scratch_folder();
  testing::write_text(folder / "odd-mondays.json", R"({"version": 1, "generator": "cronc 0.1.0", "jobs": [
    {"id": "a-fine-job", "title": "Fine", "doc": "", "schedule": "every:60", "every_minutes": 60, "cron": null,
     "endpoint": {"name": "f", "qualified_name": "f", "returns": "void"},
     "location": {"file": "jobs.cpp", "line": 1, "column": 1}},
    {"id": "odd-mondays", "title": "Odd Mondays", "doc": "", "schedule": "schedule:0 0 */2 * 1", "every_minutes": null,
     "cron": "0 0 */2 * 1", "endpoint": {"name": "f", "qualified_name": "f", "returns": "void"},
     "location": {"file": "jobs.cpp", "line": 2, "column": 1}}]})");
  auto yaml = folder / "cronjobs.yaml";
  std::string errors;
  auto result = cronc_export("kubernetes --image i --manifest " + shell_quote((folder / "odd-mondays.json").string()) +
                                 " -o " + shell_quote(yaml.string()),
                             &errors);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(errors.substr(0, 42), "cronc: error: job 'odd-mondays': '0 0 */2 ");
  EXPECT_FALSE(std::filesystem::exists(yaml));

  auto units = folder / "units";
  result = cronc_export("systemd --exec relative/shop --manifest " + kManifest + " -o " + shell_quote(units.string()));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_FALSE(std::filesystem::exists(units));
}

// The contract with the runtime: the shop sample runs the job the exported service names, with the exported
// arguments, and exits 0.
TEST(ExportCli, ShopRunsTheExportedServicesCommand) {
  if (std::string(CRONC_SHOP).empty()) GTEST_SKIP() << "the shop sample is not built (CRONC_BUILD_SAMPLES=OFF)";
  auto folder = testing::scratch_folder();
  auto result = cronc_export("systemd --manifest " + shell_quote(CRONC_SHOP_MANIFEST) + " --exec " +
                             shell_quote(CRONC_SHOP) + " -o " + shell_quote(folder.string()));
  ASSERT_EQ(result.exit_code, 0) << result.output;
  std::string service = testing::read_file(folder / "welcome-email.service");
  const std::string prefix = "\nExecStart=";
  auto begin = service.find(prefix);
  ASSERT_NE(begin, std::string::npos) << service;
  begin += prefix.size();
  std::string command = service.substr(begin, service.find('\n', begin) - begin);
  EXPECT_EQ(command, std::string(CRONC_SHOP) + " --cron-run-job welcome-email");
  result = testing::run_command("cd " + shell_quote(folder.string()) + " && CRON_STORE=memory: " + command);
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("cron: welcome-email@"), std::string::npos) << result.output;
}

}  // namespace
}  // namespace cronc
