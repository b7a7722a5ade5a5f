// Runs the analyzer on each file in cases/ and compares its exact diagnostics with the expectations written
// inline in the file (docs/design.md, "Tests next to the expectation"):
//   // CHECK-MESSAGES: :[[@LINE-1]]:36: error: interval '7h' does not divide 24 hours evenly [cron-every-divisor]
// A case with no CHECK line must produce no output at all.

#include "cli/analyze_command.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace cronc {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> expected_messages(const fs::path& file) {
  std::ifstream in(file);
  std::vector<std::string> expected;
  static const std::regex check(R"(// CHECK-MESSAGES: (.*)$)");
  static const std::regex line_expression(R"(\[\[@LINE([+-]\d+)?\]\])");
  std::string text;
  for (int line = 1; std::getline(in, text); ++line) {
    std::smatch match;
    if (!std::regex_search(text, match, check)) continue;
    std::string message = match[1];
    std::smatch offset;
    if (std::regex_search(message, offset, line_expression)) {
      int target = line + (offset[1].matched ? std::stoi(offset[1]) : 0);
      message = offset.prefix().str() + std::to_string(target) + offset.suffix().str();
    }
    expected.push_back(message);
  }
  return expected;
}

/// The diagnostic lines of the rendered output, with the file name cut to what the expectations write.
std::vector<std::string> actual_messages(const std::string& output, const fs::path& file) {
  std::vector<std::string> actual;
  std::istringstream in(output);
  std::string prefix = file.string() + ":";
  static const std::regex diagnostic(R"(^(.*):(\d+):(\d+): (error|warning|note): (.*)$)");
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with(prefix)) {
      actual.push_back(line.substr(file.string().size()));
    } else if (line.starts_with("cronc: note: ") || line.starts_with("cronc: error: ")) {
      actual.push_back(line.substr(7));
    } else if (std::smatch match; std::regex_match(line, match, diagnostic)) {
      actual.push_back(fs::path(match[1].str()).filename().string() + ":" + match[2].str() + ":" + match[3].str() +
                       ": " + match[4].str() + ": " + match[5].str());
    }
  }
  return actual;
}

std::string compile_database(const fs::path& file) {
  std::ostringstream json;
  json << "[{\"directory\": \"" << CRONC_CASES_DIR << "\", \"file\": \"" << file.string() << "\", \"arguments\": [\""
       << CRONC_TEST_CLANG << "\", \"-std=c++20\", \"-I" << CRONC_INCLUDE_DIR << "\", \"-c\", \"" << file.string()
       << "\"]}]";
  return json.str();
}

struct AnalyzerRun {
  int status;
  std::string output;
};

AnalyzerRun analyze_case(const fs::path& file) {
  fs::path build = fs::temp_directory_path() / ("cronc-case-" + file.stem().string());
  fs::create_directories(build);
  std::ofstream(build / "compile_commands.json") << compile_database(file);
  AnalyzeCommand command;
  command.analyzer.build_dir = build.string();
  command.analyzer.threads = 1;
  std::ostringstream err;
  int status = run_analysis(command, err);
  return {status, err.str()};
}

std::vector<fs::path> case_files() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(CRONC_CASES_DIR))
    if (entry.path().extension() == ".cpp") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

class AnalyzerCase : public testing::TestWithParam<fs::path> {};

TEST_P(AnalyzerCase, ReportsExactlyTheExpectedDiagnostics) {
  const fs::path& file = GetParam();
  auto expected = expected_messages(file);
  AnalyzerRun run = analyze_case(file);
  if (expected.empty()) {
    EXPECT_EQ(run.output, "");
    EXPECT_EQ(run.status, 0);
    return;
  }
  EXPECT_EQ(actual_messages(run.output, file), expected) << run.output;
  bool any_error = std::any_of(expected.begin(), expected.end(),
                               [](const std::string& m) { return m.find(": error: ") != std::string::npos; });
  EXPECT_EQ(run.status, any_error ? 1 : 0);
}

INSTANTIATE_TEST_SUITE_P(Cases, AnalyzerCase, testing::ValuesIn(case_files()),
                         [](const testing::TestParamInfo<fs::path>& info) { return info.param.stem().string(); });

}  // namespace
}  // namespace cronc
