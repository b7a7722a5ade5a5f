// `cronc --help` and each subcommand's --help list exactly cronc's own options, not the hundreds LLVM's libraries
// register (docs/design.md, "The analyzer").

#include "shell_command.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace cronc {
namespace {

/// The options one `--help` lists: the names at the start of its option lines (`  --manifest=<FILE> - ...`).
std::set<std::string> listed_options(const std::string& help) {
  static const std::regex option_line(R"(^  (-{1,2}[a-z][-a-z]*)[ =])");
  std::set<std::string> options;
  std::istringstream lines(help);
  for (std::string line; std::getline(lines, line);) {
    std::smatch match;
    if (std::regex_search(line, match, option_line)) options.insert(match[1]);
  }
  return options;
}

/// Runs `cronc SUBCOMMAND --help` and checks what it lists.
void expect_help_lists(const std::string& subcommand, const std::set<std::string>& expected) {
  testing::CommandResult result =
      testing::run_command(testing::shell_quote(CRONC_BINARY) + (subcommand.empty() ? "" : " " + subcommand) + " --help");
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_EQ(listed_options(result.output), expected) << result.output;
  for (const char* internal : {"--amdgpu", "--x86", "--polly", "--debug-pass", "--print-after"}) {
    EXPECT_EQ(result.output.find(internal), std::string::npos) << internal << " is listed:\n" << result.output;
  }
}

const std::set<std::string> kGeneric = {"--help", "--help-list"};

TEST(Help, TheAnalyzerListsItsOwnOptionsOnly) {
  std::set<std::string> expected = {"--color", "--depfile", "--export-fixes", "-j",     "--manifest", "--no-cache",
                                    "-p",      "--resource-dir", "--root",   "--sarif", "--stub",     "--version"};
  expected.insert(kGeneric.begin(), kGeneric.end());
  expect_help_lists("", expected);
}

TEST(Help, NextListsItsOwnOptionsOnly) {
  std::set<std::string> expected = {"--count", "--from", "--manifest", "--time-zone"};
  expected.insert(kGeneric.begin(), kGeneric.end());
  expect_help_lists("next", expected);
}

TEST(Help, ExplainListsItsOwnOptionsOnly) {
  std::set<std::string> expected = {"--count", "--from", "--time-zone"};
  expected.insert(kGeneric.begin(), kGeneric.end());
  expect_help_lists("explain", expected);
}

TEST(Help, ExportListsItsOwnOptionsOnly) {
  std::set<std::string> expected = {"--catch-up",  "--exec",      "--image", "--manifest", "--misfire-grace",
                                    "--name-prefix", "--namespace", "-o",      "--run-as",   "--user"};
  expected.insert(kGeneric.begin(), kGeneric.end());
  expect_help_lists("export", expected);
}

TEST(Help, TheSubcommandsAreListed) {
  testing::CommandResult result = testing::run_command(testing::shell_quote(CRONC_BINARY) + " --help");
  for (const char* subcommand : {"  explain - ", "  export  - ", "  next    - "}) {
    EXPECT_NE(result.output.find(subcommand), std::string::npos) << subcommand << "\n" << result.output;
  }
}

}  // namespace
}  // namespace cronc
