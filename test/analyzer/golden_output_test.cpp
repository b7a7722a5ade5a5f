// Golden-file tests of the reports `cronc` writes for golden/jobs.cpp (several rules, notes in the file and in a
// header, two fix-its): --sarif against golden/jobs.sarif, --export-fixes against golden/jobs.fixes.yaml, and the
// source both fix formats give against golden/jobs.cpp.fixed (docs/design.md: the diff is reviewed like code).
//
// Paths in the golden files are relative to the project's root, or `${ROOT}` where a format wants them absolute.
// After an intended change, rewrite them with
//     CRONC_UPDATE_GOLDEN=1 build/test/cronc_analyzer_tests --gtest_filter='AnalyzerGolden.*'
// and review `git diff test/analyzer/golden`.

#include "analyzer_project.hpp"
#include "rules/rule_registry.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace cronc {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

const fs::path golden_dir = CRONC_GOLDEN_DIR;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

bool updating() {
  const char* update = std::getenv("CRONC_UPDATE_GOLDEN");
  return update != nullptr && std::string(update) != "" && std::string(update) != "0";
}

/// Compares `actual` with the golden file `name`, or rewrites the golden file under CRONC_UPDATE_GOLDEN.
void expect_golden(const std::string& name, const std::string& actual) {
  fs::path golden = golden_dir / name;
  if (updating()) {
    std::ofstream(golden, std::ios::binary) << actual;
    std::cout << "[ golden   ] rewrote " << golden.string() << "\n";
    return;
  }
  ASSERT_TRUE(fs::exists(golden)) << golden << " is missing; create it with CRONC_UPDATE_GOLDEN=1";
  EXPECT_EQ(actual, read_file(golden)) << "differs from " << golden
                                       << "; if the change is intended, rerun with CRONC_UPDATE_GOLDEN=1";
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

/// golden/jobs.cpp and its header in a project of their own, and cronc's reports on it.
class AnalyzerGolden : public ::testing::Test {
 protected:
  void SetUp() override {
    project.write("jobs.cpp", read_file(golden_dir / "jobs.cpp"));
    project.write("include/reports.hpp", read_file(golden_dir / "include" / "reports.hpp"));
    project.add_unit("jobs.cpp");
  }

  /// Runs the real binary from the project's root with `--root .`, so every path in the reports is under it.
  void analyze() {
    auto run = project.cronc({"-p", "build", "--root", ".", "--sarif", "reports/jobs.sarif", "--export-fixes",
                              "reports/fixes/jobs.yaml", "-j1"});
    ASSERT_EQ(run.status, 1) << run.err;
    sarif_text = project.read("reports/jobs.sarif");
    fixes_text = project.read("reports/fixes/jobs.yaml");
    ASSERT_FALSE(sarif_text.empty());
    ASSERT_FALSE(fixes_text.empty());
    sarif = Json::parse(sarif_text);
  }

  /// The SARIF log without what differs between runs: the version of cronc, the root's absolute path.
  std::string normalized_sarif() const {
    Json log = sarif;
    log["runs"][0]["tool"]["driver"]["version"] = "${CRONC_VERSION}";
    return replace_all(log.dump(2) + "\n", project.root().string(), "${ROOT}");
  }

  /// The fixes document with `${ROOT}` for the root's absolute path, which clang-tidy's format requires.
  std::string normalized_fixes() const { return replace_all(fixes_text, project.root().string(), "${ROOT}"); }

  testing::AnalyzerProject project;
  std::string sarif_text;
  std::string fixes_text;
  Json sarif;
};

TEST_F(AnalyzerGolden, SarifMatchesTheGoldenFile) {
  ASSERT_NO_FATAL_FAILURE(analyze());
  expect_golden("jobs.sarif", normalized_sarif());
}

TEST_F(AnalyzerGolden, ExportFixesMatchesTheGoldenFile) {
  ASSERT_NO_FATAL_FAILURE(analyze());
  expect_golden("jobs.fixes.yaml", normalized_fixes());
}

/// A region as SARIF 2.1.0 defines it: 1-based lines and columns, the end column one past the last character.
void expect_region(const Json& region, const std::string& where) {
  SCOPED_TRACE(where);
  for (const char* key : {"startLine", "startColumn", "endLine", "endColumn"}) {
    ASSERT_TRUE(region.contains(key) && region[key].is_number_unsigned()) << key << " in " << region.dump();
    EXPECT_GE(region[key].get<unsigned>(), 1u) << key;
  }
  EXPECT_LE(region["startLine"].get<unsigned>(), region["endLine"].get<unsigned>());
  if (region["startLine"] == region["endLine"]) {
    EXPECT_LE(region["startColumn"].get<unsigned>(), region["endColumn"].get<unsigned>());
  }
}

void expect_physical_location(const Json& location, const std::set<std::string>& files, const std::string& where) {
  ASSERT_TRUE(location.contains("artifactLocation")) << where;
  const Json& artifact = location["artifactLocation"];
  // Under the root: a relative URI against %SRCROOT%, as GitHub code scanning wants it.
  EXPECT_EQ(artifact.value("uriBaseId", ""), "%SRCROOT%") << where;
  EXPECT_TRUE(files.count(artifact.value("uri", ""))) << where << ": " << artifact.dump();
  ASSERT_TRUE(location.contains("region")) << where;
  expect_region(location["region"], where);
}

TEST_F(AnalyzerGolden, SarifIsStructurallyValid) {
  ASSERT_NO_FATAL_FAILURE(analyze());
  EXPECT_EQ(sarif["version"], "2.1.0");
  EXPECT_EQ(sarif["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
  ASSERT_EQ(sarif["runs"].size(), 1u);
  const Json& run = sarif["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "cronc");
  EXPECT_EQ(run["originalUriBaseIds"]["%SRCROOT%"]["uri"], "file://" + project.root().string() + "/");

  // tool.driver.rules: every rule of the catalogue, each with an ID, a short description and help.
  const Json& rules = run["tool"]["driver"]["rules"];
  std::vector<std::string> rule_ids;
  for (const Json& rule : rules) {
    rule_ids.push_back(rule["id"]);
    EXPECT_FALSE(rule["shortDescription"]["text"].get<std::string>().empty()) << rule.dump();
    EXPECT_FALSE(rule["help"]["text"].get<std::string>().empty()) << rule.dump();
  }
  EXPECT_EQ(rule_ids.size(), all_rules().size()) << "every rule of the catalogue";
  EXPECT_EQ(std::set<std::string>(rule_ids.begin(), rule_ids.end()).size(), rule_ids.size()) << "duplicate rule IDs";

  const std::set<std::string> files = {"jobs.cpp", "include/reports.hpp"};
  std::multiset<std::string> seen_rules;
  std::size_t related = 0;
  std::size_t fixes = 0;
  for (const Json& result : run["results"]) {
    std::string where = result.dump();
    ASSERT_TRUE(result.contains("ruleId")) << where;
    std::string rule = result["ruleId"];
    seen_rules.insert(rule);
    ASSERT_TRUE(result.contains("ruleIndex")) << where;
    EXPECT_EQ(rules[result["ruleIndex"].get<std::size_t>()]["id"], rule) << where;
    EXPECT_EQ(result["level"], "error") << where;
    EXPECT_FALSE(result["message"]["text"].get<std::string>().empty()) << where;
    ASSERT_EQ(result["locations"].size(), 1u) << where;
    expect_physical_location(result["locations"][0]["physicalLocation"], files, where);
    for (const Json& location : result.value("relatedLocations", Json::array())) {
      ++related;
      EXPECT_TRUE(location.contains("id")) << where;
      EXPECT_FALSE(location["message"]["text"].get<std::string>().empty()) << where;
      expect_physical_location(location["physicalLocation"], files, where);
    }
    for (const Json& fix : result.value("fixes", Json::array())) {
      ++fixes;
      ASSERT_FALSE(fix["artifactChanges"].empty()) << where;
      for (const Json& change : fix["artifactChanges"]) {
        EXPECT_EQ(change["artifactLocation"]["uri"], "jobs.cpp") << where;
        EXPECT_EQ(change["artifactLocation"]["uriBaseId"], "%SRCROOT%") << where;
        ASSERT_FALSE(change["replacements"].empty()) << where;
        for (const Json& replacement : change["replacements"]) {
          expect_region(replacement["deletedRegion"], where);
          EXPECT_TRUE(replacement["insertedContent"].contains("text")) << where;
        }
      }
    }
  }
  EXPECT_EQ(seen_rules, (std::multiset<std::string>{"cron-every-divisor", "cron-id-invalid", "cron-schedule-syntax",
                                                    "cron-endpoint-params", "cron-id-duplicate"}));
  EXPECT_EQ(related, 4u) << "every diagnostic but cron-schedule-syntax has a note";
  EXPECT_EQ(fixes, 2u) << "the nearest interval and the kebab-case ID";

  // The note of cron-endpoint-params points into the header, the one of cron-id-duplicate at the first declaration.
  for (const Json& result : run["results"]) {
    if (result["ruleId"] == "cron-endpoint-params") {
      const Json& note = result["relatedLocations"][0]["physicalLocation"];
      EXPECT_EQ(note["artifactLocation"]["uri"], "include/reports.hpp");
      EXPECT_EQ(note["region"]["startLine"], 5);
    }
    if (result["ruleId"] == "cron-id-duplicate") {
      EXPECT_EQ(result["locations"][0]["physicalLocation"]["region"]["startLine"], 11);
      EXPECT_EQ(result["relatedLocations"][0]["physicalLocation"]["region"]["startLine"], 8);
    }
  }
}

/// golden/jobs.cpp with every SARIF fix applied: each replacement is within one line, applied from the last.
std::string apply_sarif_fixes(const Json& log, std::string source) {
  std::vector<std::string> lines;
  for (std::size_t begin = 0; begin < source.size();) {
    std::size_t end = source.find('\n', begin);
    end = end == std::string::npos ? source.size() : end + 1;
    lines.push_back(source.substr(begin, end - begin));
    begin = end;
  }
  std::vector<std::tuple<unsigned, unsigned, unsigned, std::string>> edits;  // line, first column, end, text
  for (const Json& result : log["runs"][0]["results"]) {
    for (const Json& fix : result.value("fixes", Json::array())) {
      for (const Json& change : fix["artifactChanges"]) {
        for (const Json& replacement : change["replacements"]) {
          const Json& region = replacement["deletedRegion"];
          EXPECT_EQ(region["startLine"], region["endLine"]);
          edits.emplace_back(region["startLine"], region["startColumn"], region["endColumn"],
                             replacement["insertedContent"]["text"]);
        }
      }
    }
  }
  std::sort(edits.rbegin(), edits.rend());
  for (const auto& [line, first, end, text] : edits) lines.at(line - 1).replace(first - 1, end - first, text);
  std::string fixed;
  for (const std::string& line : lines) fixed += line;
  return fixed;
}

TEST_F(AnalyzerGolden, SarifFixesYieldTheFixedSource) {
  ASSERT_NO_FATAL_FAILURE(analyze());
  std::string fixed = apply_sarif_fixes(sarif, project.read("jobs.cpp"));
  expect_golden("jobs.cpp.fixed", fixed);
}

TEST_F(AnalyzerGolden, ClangApplyReplacementsYieldsTheFixedSource) {
  std::string tool = CRONC_TEST_CLANG_APPLY_REPLACEMENTS;
  if (tool.empty()) GTEST_SKIP() << "clang-apply-replacements not found at configure time";
  ASSERT_NO_FATAL_FAILURE(analyze());
  auto applied = project.shell(testing::AnalyzerProject::quoted(tool) + " reports/fixes");
  ASSERT_EQ(applied.status, 0) << applied.err;
  std::string fixed = project.read("jobs.cpp");
  if (!updating()) {
    EXPECT_EQ(fixed, read_file(golden_dir / "jobs.cpp.fixed"));
  }
  EXPECT_NE(fixed.find(R"(.every = "12h")"), std::string::npos) << fixed;
  EXPECT_NE(fixed.find(R"({"send-welcome-email", )"), std::string::npos) << fixed;

  // The fixed source has exactly the diagnostics the fix-its did not address.
  auto again = project.cronc({"-p", "build", "-j1", "--color=never"});
  EXPECT_EQ(again.status, 1);
  for (const char* gone : {"[cron-every-divisor]", "[cron-id-invalid]"}) {
    EXPECT_EQ(again.err.find(gone), std::string::npos) << again.err;
  }
  for (const char* left : {"[cron-schedule-syntax]", "[cron-endpoint-params]", "[cron-id-duplicate]"}) {
    EXPECT_NE(again.err.find(left), std::string::npos) << again.err;
  }
}

}  // namespace
}  // namespace cronc
