#include "diagnostics/fixes_yaml_renderer.hpp"

#include "scratch_dir.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <sstream>
#include <stdexcept>
#include <string>

namespace cronc {
namespace {

/// A location with its byte offset, computed from the file's text as the extractor would from Clang's.
SourceLocation at(const SourceFiles& files, const std::string& file, unsigned line, unsigned column) {
  return {file, line, column, files.offset(file, line, column).value()};
}

std::string render(const std::vector<Diagnostic>& diagnostics, const SourceFiles& files) {
  std::ostringstream out;
  render_fixes_yaml(diagnostics, files, out);
  return out.str();
}

constexpr std::string_view jobs_source =
    "const cron::CronJob sync{\"sync\", {\n"
    "    .every = \"7h\",\n"
    "    .endpoint = &syncAccounts,\n"
    "}};\n";

Diagnostic divisor_error(const SourceFiles& files, const std::string& path) {
  Diagnostic d;
  d.rule = "cron-every-divisor";
  d.message = "interval '7h' does not divide 24 hours evenly";
  d.range = {at(files, path, 2, 14), at(files, path, 2, 18)};
  d.notes.push_back({"the nearest valid intervals are \"6h\" and \"8h\"", d.range});
  d.fixits.push_back({d.range, "\"6h\""});
  return d;
}

TEST(FixesYamlRenderer, ClangTidyExportFixesFormat) {
  testing::ScratchDir dir;
  std::string path = dir.write("jobs.cpp", jobs_source);
  SourceFiles files;
  Diagnostic program;
  program.severity = Severity::warning;
  program.message = "no jobs found";
  std::string directory = std::filesystem::current_path().string();
  EXPECT_EQ(render({divisor_error(files, path), program}, files),
            "---\n"
            "MainSourceFile:  ''\n"
            "Diagnostics:\n"
            "  - DiagnosticName:  cron-every-divisor\n"
            "    DiagnosticMessage:\n"
            "      Message:         'interval ''7h'' does not divide 24 hours evenly'\n"
            "      FilePath:        '" + path + "'\n"
            "      FileOffset:      48\n"
            "      Replacements:\n"
            "        - FilePath:        '" + path + "'\n"
            "          Offset:          48\n"
            "          Length:          4\n"
            "          ReplacementText: '\"6h\"'\n"
            "      Ranges:\n"
            "        - FilePath:        '" + path + "'\n"
            "          FileOffset:      48\n"
            "          Length:          4\n"
            "    Notes:\n"
            "      - Message:         'the nearest valid intervals are \"6h\" and \"8h\"'\n"
            "        FilePath:        '" + path + "'\n"
            "        FileOffset:      48\n"
            "        Replacements:    []\n"
            "        Ranges:\n"
            "          - FilePath:        '" + path + "'\n"
            "            FileOffset:      48\n"
            "            Length:          4\n"
            "    Level:           Error\n"
            "    BuildDirectory:  '" + directory + "'\n"
            "  - DiagnosticName:  ''\n"
            "    DiagnosticMessage:\n"
            "      Message:         no jobs found\n"
            "      FilePath:        ''\n"
            "      FileOffset:      0\n"
            "      Replacements:    []\n"
            "    Level:           Warning\n"
            "    BuildDirectory:  '" + directory + "'\n"
            "...\n");
}

TEST(FixesYamlRenderer, NothingToReport) {
  SourceFiles files;
  EXPECT_EQ(render({}, files), "---\nMainSourceFile:  ''\nDiagnostics:     []\n...\n");
}

TEST(FixesYamlRenderer, OffsetLeftAtZeroIsComputedFromLineAndColumn) {
  SourceFiles files;
  files.add("/src/jobs.cpp", std::string(jobs_source));
  Diagnostic d = divisor_error(files, "/src/jobs.cpp");
  d.range.begin.offset = 0;
  d.range.end.offset = 0;
  d.fixits[0].range = d.range;
  d.notes.clear();
  std::string yaml = render({d}, files);
  EXPECT_NE(yaml.find("          Offset:          48\n          Length:          4\n"), std::string::npos) << yaml;
}

TEST(FixesYamlRenderer, OverlappingFixItsAreABug) {
  SourceFiles files;
  files.add("/src/jobs.cpp", std::string(jobs_source));
  Diagnostic d = divisor_error(files, "/src/jobs.cpp");
  d.fixits.push_back({{at(files, "/src/jobs.cpp", 2, 15), at(files, "/src/jobs.cpp", 2, 17)}, "8h"});
  EXPECT_THROW(render({d}, files), std::invalid_argument);
}

TEST(FixesYamlRenderer, ClangApplyReplacementsAppliesTheFixes) {
  std::string tool = CRONC_TEST_CLANG_APPLY_REPLACEMENTS;
  if (tool.empty()) GTEST_SKIP() << "clang-apply-replacements not found at configure time";
  testing::ScratchDir dir;
  std::string path = dir.write("src/jobs.cpp", jobs_source);
  SourceFiles files;
  Diagnostic divisor = divisor_error(files, path);
  Diagnostic title;
  title.rule = "cron-title";
  title.severity = Severity::warning;
  title.message = "a job without a title";
  title.range = {at(files, path, 2, 5), at(files, path, 2, 5)};
  title.fixits.push_back({title.range, ".title = \"Sync accounts\",\n    "});
  Diagnostic removal;
  removal.rule = "cron-endpoint-kind";
  removal.message = "drop the '&'";
  removal.range = {at(files, path, 3, 17), at(files, path, 3, 18)};
  removal.fixits.push_back({removal.range, ""});
  dir.write("fixes/jobs.yaml", render({divisor, title, removal}, files));

  std::string command = "'" + tool + "' '" + (dir.path() / "fixes").string() + "' 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  EXPECT_EQ(dir.read("src/jobs.cpp"),
            "const cron::CronJob sync{\"sync\", {\n"
            "    .title = \"Sync accounts\",\n"
            "    .every = \"6h\",\n"
            "    .endpoint = syncAccounts,\n"
            "}};\n");
}

}  // namespace
}  // namespace cronc
