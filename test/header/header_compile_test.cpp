// Compiles each case in cases/ with every configured compiler, as a user's build would, and checks what the
// user sees: valid forms compile warning-free; each bad form fails on its declaration's line with the name of
// the failed check (docs/design.md, "Checks while you type"); and the README's examples compile as they are.

#include "scratch_dir.hpp"
#include "shell_command.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>
#include <algorithm>
#include <cctype>

namespace {

namespace fs = std::filesystem;

using cronc::testing::run_command;

std::vector<std::string> split(const std::string& list) {
  std::vector<std::string> items;
  std::stringstream stream(list);
  for (std::string item; std::getline(stream, item, ':');)
    if (!item.empty()) items.push_back(item);
  return items;
}

/// The `// ERROR: name` marker of a bad case: the check's name and the 1-based line it is on.
struct Expectation {
  std::string check;
  int line = 0;
};

Expectation read_expectation(const fs::path& file) {
  std::ifstream in(file);
  std::string text;
  static const std::regex marker(R"(// ERROR: (\w+))");
  for (int line = 1; std::getline(in, text); ++line) {
    std::smatch match;
    if (std::regex_search(text, match, marker)) return {match[1], line};
  }
  return {};
}

std::string compile_command(const std::string& compiler, const fs::path& file, const std::string& extra = "") {
  return compiler + " -std=c++20 -Wall -Wextra -Wpedantic -Werror -fsyntax-only -I" CRONC_INCLUDE_DIR " " + extra +
         " " + file.string();
}

struct Case {
  std::string compiler;
  fs::path file;
};

void PrintTo(const Case& c, std::ostream* out) { *out << c.compiler << " " << c.file.filename().string(); }

std::vector<Case> all_cases() {
  std::vector<Case> cases;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(CRONC_HEADER_CASES)) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto& compiler : split(CRONC_TEST_COMPILERS))
    for (const auto& file : files) cases.push_back({compiler, file});
  return cases;
}

class HeaderCompile : public testing::TestWithParam<Case> {};

TEST_P(HeaderCompile, ReportsWhatTheUserWrote) {
  const Case& c = GetParam();
  Expectation expected = read_expectation(c.file);
  auto result = run_command(compile_command(c.compiler, c.file));
  if (expected.check.empty()) {
    EXPECT_EQ(result.exit_code, 0) << result.output;
    EXPECT_EQ(result.output, "");
    return;
  }
  EXPECT_NE(result.exit_code, 0) << "a bad declaration compiled";
  EXPECT_NE(result.output.find(expected.check), std::string::npos) << result.output;
  std::string location = c.file.filename().string() + ":" + std::to_string(expected.line) + ":";
  EXPECT_NE(result.output.find(location), std::string::npos) << "no error at " << location << "\n" << result.output;
}

TEST_P(HeaderCompile, AnalyzerModeTurnsTheChecksOff) {
  const Case& c = GetParam();
  auto result = run_command(compile_command(c.compiler, c.file, "-DCRONC_ANALYZER"));
  EXPECT_EQ(result.exit_code, 0) << result.output;
}

std::string case_name(const testing::TestParamInfo<Case>& info) {
  std::string name = info.param.file.stem().string() + "_" + fs::path(info.param.compiler).filename().string();
  for (char& ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Cases, HeaderCompile, testing::ValuesIn(all_cases()), case_name);

TEST(Clangd, ShowsABadIntervalOnTheDeclarationLine) {
  fs::path dir = fs::temp_directory_path() / "cronc-clangd-check";
  fs::create_directories(dir);
  fs::copy_file(fs::path(CRONC_HEADER_CASES) / "every_divisor.cpp", dir / "every_divisor.cpp",
                fs::copy_options::overwrite_existing);
  std::ofstream(dir / "compile_flags.txt") << "-std=c++20\n-I" CRONC_INCLUDE_DIR "\n";
  auto result = run_command(std::string(CRONC_CLANGD) + " --check=" + (dir / "every_divisor.cpp").string());
  Expectation expected = read_expectation(dir / "every_divisor.cpp");
  std::string shown = "[invalid_consteval_call] Line " + std::to_string(expected.line) +
                      ": call to consteval function 'cron::CronJob::CronJob' is not a constant expression";
  EXPECT_NE(result.output.find(shown), std::string::npos) << result.output;
}

/// The C++ blocks of README.md that follow a `<!-- compiled-example -->` line, in order.
std::vector<std::string> readme_examples() {
  std::ifstream in(CRONC_README);
  std::vector<std::string> examples;
  bool marked = false;
  bool inside = false;
  for (std::string line; std::getline(in, line);) {
    if (inside && line == "```") {
      inside = false;
    } else if (inside) {
      examples.back() += line + "\n";
    } else if (line == "<!-- compiled-example -->") {
      marked = true;
    } else if (marked && line == "```cpp") {
      examples.emplace_back();
      inside = true;
      marked = false;
    }
  }
  return examples;
}

TEST(Readme, TheMarkedExamplesAreThere) {
  // The jobs, an endpoint, main: a marker lost in an edit would silently stop the test below.
  EXPECT_EQ(readme_examples().size(), 3u);
}

TEST(Readme, EachExampleCompilesWarningFreeWithEveryCompiler) {
  cronc::testing::ScratchDir dir;
  std::vector<std::string> examples = readme_examples();
  for (std::size_t i = 0; i < examples.size(); ++i) {
    std::string file = dir.write("example" + std::to_string(i + 1) + ".cpp", examples[i]);
    for (const auto& compiler : split(CRONC_TEST_COMPILERS)) {
      auto result = run_command(compile_command(compiler, file));
      EXPECT_EQ(result.exit_code, 0) << compiler << ", README example " << i + 1 << ":\n" << examples[i] << "\n"
                                     << result.output;
      EXPECT_EQ(result.output, "") << compiler << ", README example " << i + 1;
    }
  }
}

}  // namespace
