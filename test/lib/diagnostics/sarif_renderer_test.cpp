#include "diagnostics/sarif_renderer.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <sstream>
#include <string>

namespace cronc {
namespace {

using nlohmann::json;

constexpr std::array<RuleDescription, 3> rules = {{
    {"cron-id-duplicate", "The same job ID is declared twice.", "Give each job its own ID."},
    {"cron-every-divisor", "The interval does not divide 24 hours.", "Use a divisor of 24 hours, such as 6h or 8h."},
    {"cron-schedule-unsupported", "A cron extension cronc does not run.", "Use five fields.", Severity::warning},
}};

SourceLocation at(const std::string& file, unsigned line, unsigned column) { return {file, line, column, 0}; }

Diagnostic divisor_error(const std::string& file) {
  Diagnostic d;
  d.rule = "cron-every-divisor";
  d.message = "interval '7h' does not divide 24 hours evenly";
  d.range = {at(file, 12, 14), at(file, 12, 18)};
  d.notes.push_back({"the nearest valid intervals are \"6h\" and \"8h\"", d.range});
  d.fixits.push_back({d.range, "\"6h\""});
  return d;
}

std::string render(const std::vector<Diagnostic>& diagnostics, std::string_view root = "/src",
                   const SourceFiles* sources = nullptr) {
  std::ostringstream out;
  render_sarif(diagnostics, rules, root, out, sources);
  return out.str();
}

TEST(SarifRenderer, IsASarif210Log) {
  json log = json::parse(render({}));
  EXPECT_EQ(log["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
  EXPECT_EQ(log["version"], "2.1.0");
  ASSERT_EQ(log["runs"].size(), 1u);
  const json& driver = log["runs"][0]["tool"]["driver"];
  EXPECT_EQ(driver["name"], "cronc");
  EXPECT_EQ(driver["version"], "0.1.0");
  EXPECT_FALSE(driver.contains("informationUri"));
  EXPECT_TRUE(log["runs"][0]["results"].is_array());
  EXPECT_TRUE(log["runs"][0]["results"].empty());
}

TEST(SarifRenderer, ListsEveryRule) {
  json driver = json::parse(render({}))["runs"][0]["tool"]["driver"];
  ASSERT_EQ(driver["rules"].size(), 3u);
  EXPECT_EQ(driver["rules"][1],
            json::parse(R"({"id": "cron-every-divisor",
                            "shortDescription": {"text": "The interval does not divide 24 hours."},
                            "help": {"text": "Use a divisor of 24 hours, such as 6h or 8h."},
                            "defaultConfiguration": {"level": "error"}})"));
  EXPECT_EQ(driver["rules"][2]["defaultConfiguration"]["level"], "warning");
}

TEST(SarifRenderer, ResultWithRegionRelativeToTheRoot) {
  json run = json::parse(render({divisor_error("/src/shop/jobs.cpp")}))["runs"][0];
  EXPECT_EQ(run["originalUriBaseIds"], json::parse(R"({"%SRCROOT%": {"uri": "file:///src/"}})"));
  ASSERT_EQ(run["results"].size(), 1u);
  const json& result = run["results"][0];
  EXPECT_EQ(result["ruleId"], "cron-every-divisor");
  EXPECT_EQ(result["ruleIndex"], 1);
  EXPECT_EQ(result["level"], "error");
  EXPECT_EQ(result["message"]["text"], "interval '7h' does not divide 24 hours evenly");
  ASSERT_EQ(result["locations"].size(), 1u);
  EXPECT_EQ(result["locations"][0]["physicalLocation"],
            json::parse(R"({"artifactLocation": {"uri": "shop/jobs.cpp", "uriBaseId": "%SRCROOT%"},
                            "region": {"startLine": 12, "startColumn": 14, "endLine": 12, "endColumn": 18}})"));
}

TEST(SarifRenderer, NotesAreRelatedLocations) {
  Diagnostic d;
  d.rule = "cron-id-duplicate";
  d.message = "job ID 'sync' is already declared";
  d.range = {at("/src/b.cpp", 3, 21), at("/src/b.cpp", 3, 27)};
  d.notes.push_back({"first declared here", {at("/src/a.cpp", 9, 21), at("/src/a.cpp", 9, 27)}});
  d.notes.push_back({"IDs are global to the program", {}});
  json result = json::parse(render({d}))["runs"][0]["results"][0];
  EXPECT_EQ(result["ruleIndex"], 0);
  EXPECT_EQ(result["relatedLocations"],
            json::parse(R"([{"id": 0,
                             "physicalLocation": {
                               "artifactLocation": {"uri": "a.cpp", "uriBaseId": "%SRCROOT%"},
                               "region": {"startLine": 9, "startColumn": 21, "endLine": 9, "endColumn": 27}},
                             "message": {"text": "first declared here"}},
                            {"id": 1, "message": {"text": "IDs are global to the program"}}])"));
}

TEST(SarifRenderer, FixItsAreOneFix) {
  Diagnostic d = divisor_error("/src/jobs.cpp");
  d.fixits.push_back({{at("/src/jobs.cpp", 14, 3), at("/src/jobs.cpp", 14, 3)}, "// every 6 hours\n"});
  d.fixits.push_back({{at("/src/jobs.cpp", 15, 1), at("/src/jobs.cpp", 15, 5)}, ""});
  json fixes = json::parse(render({d}))["runs"][0]["results"][0]["fixes"];
  EXPECT_EQ(fixes, json::parse(R"([{"artifactChanges": [{
      "artifactLocation": {"uri": "jobs.cpp", "uriBaseId": "%SRCROOT%"},
      "replacements": [
        {"deletedRegion": {"startLine": 12, "startColumn": 14, "endLine": 12, "endColumn": 18},
         "insertedContent": {"text": "\"6h\""}},
        {"deletedRegion": {"startLine": 14, "startColumn": 3, "endLine": 14, "endColumn": 3},
         "insertedContent": {"text": "// every 6 hours\n"}},
        {"deletedRegion": {"startLine": 15, "startColumn": 1, "endLine": 15, "endColumn": 5}}]}]}])"));
}

TEST(SarifRenderer, FilesOutsideTheRootGetFileUris) {
  json run = json::parse(render({divisor_error("/elsewhere/my jobs.cpp")}))["runs"][0];
  EXPECT_EQ(run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"],
            json::parse(R"({"uri": "file:///elsewhere/my%20jobs.cpp"})"));
  json sibling = json::parse(render({divisor_error("/src2/jobs.cpp")}))["runs"][0];
  EXPECT_EQ(sibling["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "file:///src2/jobs.cpp")
      << "a directory whose name starts with the root's is not under it";
  json no_root = json::parse(render({divisor_error("/src/jobs.cpp")}, ""))["runs"][0];
  EXPECT_FALSE(no_root.contains("originalUriBaseIds"));
  EXPECT_EQ(no_root["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "file:///src/jobs.cpp");
}

TEST(SarifRenderer, RootWithTrailingSlashOrDots) {
  json run = json::parse(render({divisor_error("/src/a/../jobs.cpp")}, "/src/./"))["runs"][0];
  EXPECT_EQ(run["originalUriBaseIds"]["%SRCROOT%"]["uri"], "file:///src/");
  EXPECT_EQ(run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "jobs.cpp");
}

TEST(SarifRenderer, DiagnosticsWithoutRangeOrKnownRule) {
  Diagnostic program;
  program.message = "no compilation database";
  Diagnostic unknown;
  unknown.rule = "cron-new-rule";
  unknown.severity = Severity::warning;
  unknown.message = "m";
  json results = json::parse(render({program, unknown}))["runs"][0]["results"];
  EXPECT_EQ(results[0], json::parse(R"({"level": "error", "message": {"text": "no compilation database"}})"));
  EXPECT_EQ(results[1], json::parse(R"({"ruleId": "cron-new-rule", "level": "warning", "message": {"text": "m"}})"));
}

TEST(SarifRenderer, ColumnsInUtf16CodeUnitsWhenTheSourceIsKnown) {
  SourceFiles sources;
  sources.add("/src/a.cpp", "const cron::CronJob j{\"\xc3\xa9t\xf0\x9f\x98\x80\", {}};\n");
  Diagnostic d;
  d.rule = "cron-id-invalid";
  d.message = "m";
  d.range = {at("/src/a.cpp", 1, 24), at("/src/a.cpp", 1, 31)};  // bytes of "ét😀"
  json region = json::parse(render({d}, "/src", &sources))["runs"][0]["results"][0]["locations"][0]
                                                                                   ["physicalLocation"]["region"];
  EXPECT_EQ(region, json::parse(R"({"startLine": 1, "startColumn": 24, "endLine": 1, "endColumn": 28})"));
  json bytes = json::parse(render({d}))["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
  EXPECT_EQ(bytes["endColumn"], 31);
}

TEST(SarifRenderer, DeterministicTwoSpaceIndent) {
  std::string first = render({divisor_error("/src/jobs.cpp")});
  EXPECT_EQ(first, render({divisor_error("/src/jobs.cpp")}));
  const std::string start = "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\"";
  EXPECT_EQ(first.substr(0, start.size()), start);
  EXPECT_EQ(first.back(), '\n');
}

TEST(SarifRenderer, InvalidUtf8InAMessageIsReplaced) {
  Diagnostic d;
  d.message = "ID 'caf\xe9' is not kebab-case";
  json result = json::parse(render({d}))["runs"][0]["results"][0];
  EXPECT_EQ(result["message"]["text"], "ID 'caf\xef\xbf\xbd' is not kebab-case");
}

}  // namespace
}  // namespace cronc
