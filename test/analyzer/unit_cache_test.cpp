// The per-unit cache: a rerun takes unchanged units from it, an edit to any file a unit read or to its flags
// reanalyses that unit alone, and an entry that is corrupt or foreign is ignored (and replaced).

#include "analysis/analyzer.hpp"
#include "analyzer_project.hpp"
#include "model/job_decl_json.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace cronc {
namespace {

namespace fs = std::filesystem;
using testing::AnalyzerProject;

std::string job(const std::string& variable, const std::string& id, const std::string& every) {
  return "const cron::CronJob " + variable + "{\"" + id + "\", {.every = " + every + ", .endpoint = &work}};\n";
}

class UnitCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    project.write("include/app/report_jobs.hpp",
                  "#pragma once\n#include <cron/cron.hpp>\nvoid work();\n" + job("report", "report", "\"1h\""));
    project.write("reports.cpp", "#include \"app/report_jobs.hpp\"\n");
    project.write("cleanup.cpp", "#include <cron/cron.hpp>\nvoid work();\n" + job("cleanup", "cleanup", "EVERY"));
    project.write("plain.cpp", "#include <string>\nstd::string greeting() { return \"hello\"; }\n");
    project.add_unit("reports.cpp");
    project.add_unit("cleanup.cpp", {"-DEVERY=\"30m\""});
    project.add_unit("plain.cpp");
  }

  std::unique_ptr<AnalysisResult> analyze_project() const {
    AnalyzerOptions options;
    options.build_dir = project.build_dir();
    options.cache_dir = cache_dir();
    options.threads = 2;
    auto result = std::make_unique<AnalysisResult>();
    analyze(options, *result);
    EXPECT_EQ(result->fatal_error, "");
    return result;
  }

  std::string cache_dir() const { return project.build_dir() + "/cronc-cache"; }

  std::vector<fs::path> entries() const {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(cache_dir())) files.push_back(entry.path());
    return files;
  }

  /// What a run found, as one comparable value: the jobs every field, the diagnostics, the files read.
  static nlohmann::json summary(const AnalysisResult& result) {
    nlohmann::json jobs = nlohmann::json::array();
    for (const JobDecl& job : result.jobs) jobs.push_back(job_to_json(job));
    nlohmann::json diagnostics = nlohmann::json::array();
    for (const Diagnostic& diagnostic : result.diagnostics.sorted())
      diagnostics.push_back(diagnostic.range.begin.file + ":" + std::to_string(diagnostic.range.begin.line) + " " +
                            diagnostic.message);
    return {{"jobs", jobs},
            {"diagnostics", diagnostics},
            {"files", result.files_read},
            {"output", result.compiler_output},
            {"parsed", result.parsed_units},
            {"skipped", result.skipped_units}};
  }

  AnalyzerProject project;
};

TEST_F(UnitCacheTest, ARerunWithNothingChangedTakesEveryUnitFromTheCache) {
  auto first = analyze_project();
  EXPECT_EQ(first->cached_units, 0u);
  EXPECT_EQ(first->jobs.size(), 2u);
  EXPECT_EQ(entries().size(), 3u);  // the skipped unit too: its scan is what a rerun saves

  auto second = analyze_project();
  EXPECT_EQ(second->cached_units, 3u);
  EXPECT_EQ(summary(*second), summary(*first));
}

TEST_F(UnitCacheTest, EditingAnIncludedHeaderReanalysesTheUnitThatReadIt) {
  analyze_project();
  project.write("include/app/report_jobs.hpp",
                "#pragma once\n#include <cron/cron.hpp>\nvoid work();\n" + job("report", "report", "\"5h\""));
  auto result = analyze_project();
  EXPECT_EQ(result->cached_units, 2u);
  ASSERT_EQ(result->diagnostics.sorted().size(), 1u);
  EXPECT_EQ(result->diagnostics.sorted()[0].message, "interval '5h' does not divide 24 hours evenly");
}

TEST_F(UnitCacheTest, EditingAHeaderOfAUnitThatNamesTheJobTypeReanalysesIt) {
  // Such a unit is parsed without a scan: the list of files that keys its entry comes from the parse.
  project.write("include/app/intervals.hpp", "#pragma once\n#define DIGEST_EVERY \"2h\"\n");
  project.write("digest.cpp", "#include <cron/cron.hpp>\n#include \"app/intervals.hpp\"\nvoid work();\n" +
                                  job("digest", "digest", "DIGEST_EVERY"));
  project.add_unit("digest.cpp");
  analyze_project();
  project.write("include/app/intervals.hpp", "#pragma once\n#define DIGEST_EVERY \"9h\"\n");
  auto result = analyze_project();
  EXPECT_EQ(result->cached_units, 3u);
  ASSERT_EQ(result->diagnostics.sorted().size(), 1u);
  EXPECT_EQ(result->diagnostics.sorted()[0].message, "interval '9h' does not divide 24 hours evenly");
}

TEST_F(UnitCacheTest, ChangingAUnitsFlagsReanalysesIt) {
  analyze_project();
  std::string database = project.read("build/compile_commands.json");
  database.replace(database.find("30m"), 3, "7h");
  project.write("build/compile_commands.json", database);
  auto result = analyze_project();
  EXPECT_EQ(result->cached_units, 2u);
  ASSERT_EQ(result->diagnostics.sorted().size(), 1u);
  EXPECT_EQ(result->diagnostics.sorted()[0].message, "interval '7h' does not divide 24 hours evenly");
}

TEST_F(UnitCacheTest, CorruptOrForeignEntriesAreIgnoredAndReplaced) {
  auto clean = summary(*analyze_project());
  auto entry_files = entries();
  ASSERT_EQ(entry_files.size(), 3u);
  // An entry is its result as one line of JSON, then a "HASH PATH" line per file read. Four ways to be wrong: not
  // JSON, an entry of another key (another command or cronc), a job of the wrong shape, a file list cut short.
  auto rewrite = [&](std::size_t i, const std::function<void(nlohmann::json&, std::string&)>& change) {
    std::string path = fs::relative(entry_files[i], project.root()).string();
    std::string text = project.read(path);
    std::size_t end_of_head = text.find('\n');
    ASSERT_NE(end_of_head, std::string::npos);
    auto head = nlohmann::json::parse(text.substr(0, end_of_head));
    std::string files = text.substr(end_of_head + 1);
    ASSERT_NE(files.find('\n'), files.size() - 1) << "the unit read more than one file";
    change(head, files);
    project.write(path, head.dump() + "\n" + files);
  };
  project.write(fs::relative(entry_files[0], project.root()).string(), "{\"key\": \"trunc");
  rewrite(1, [](nlohmann::json& head, std::string&) { head["key"] = head["key"].get<std::string>() + " of another"; });
  rewrite(2, [](nlohmann::json& head, std::string&) { head["jobs"] = nlohmann::json::array({{{"scope", "not"}}}); });
  auto result = analyze_project();
  EXPECT_EQ(result->cached_units, 0u);
  EXPECT_EQ(summary(*result), clean);
  // The unit's last header line gone, as a list cut short would be: what it no longer names could change unseen.
  entry_files = entries();
  rewrite(0, [](nlohmann::json&, std::string& files) { files.erase(files.rfind('\n', files.size() - 2) + 1); });
  auto rerun = analyze_project();
  EXPECT_EQ(rerun->cached_units, 2u);
  EXPECT_EQ(summary(*rerun), clean);
  auto last = analyze_project();
  EXPECT_EQ(last->cached_units, 3u);
  EXPECT_EQ(summary(*last), clean);
}

TEST_F(UnitCacheTest, AFailedUnitIsNotStored) {
  // The missing header is in no list of files read: a stored failure would survive its creation.
  project.write("generated_user.cpp", "#include \"app/generated.hpp\"\n");
  project.add_unit("generated_user.cpp");
  auto failed = analyze_project();
  EXPECT_TRUE(failed->has_errors());
  project.write("include/app/generated.hpp", "#pragma once\n#include <cron/cron.hpp>\nvoid work();\n" +
                                                 job("generated", "generated", "\"2h\""));
  auto result = analyze_project();
  EXPECT_FALSE(result->has_errors()) << result->compiler_output;
  EXPECT_EQ(result->jobs.size(), 3u);
  EXPECT_EQ(result->cached_units, 3u);
}

}  // namespace
}  // namespace cronc
