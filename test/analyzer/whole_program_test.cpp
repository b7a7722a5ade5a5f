// The analysis over a whole compilation database: the pre-filter (which units need a Clang parse), jobs declared
// in headers, duplicate IDs across files, --root, and output that is the same whatever the number of threads and
// coloured only when asked.

#include "analysis/analyzer.hpp"
#include "analyzer_project.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace cronc {
namespace {

namespace fs = std::filesystem;
using testing::AnalyzerProject;

std::set<std::string> job_ids(const AnalysisResult& result) {
  std::set<std::string> ids;
  for (const JobDecl& job : result.jobs) ids.insert(job.id.value);
  return ids;
}

/// The analysis in-process, for what only AnalysisResult tells (which units were parsed). It holds a mutex, so it
/// lives on the heap to be returned.
std::unique_ptr<AnalysisResult> analyze_project(const AnalyzerProject& project, unsigned threads,
                                                const std::vector<std::string>& files = {},
                                                const std::string& root = "") {
  AnalyzerOptions options;
  options.build_dir = project.build_dir();
  options.threads = threads;
  options.root = root;
  options.files = files;
  auto result = std::make_unique<AnalysisResult>();
  analyze(options, *result);
  EXPECT_EQ(result->fatal_error, "");
  return result;
}

std::string job(const std::string& variable, const std::string& id, const std::string& every = "1h") {
  return "const cron::CronJob " + variable + "{\"" + id + "\", {.every = \"" + every + "\", .endpoint = &work}};\n";
}

/// Units that name CronJob in different ways, or only through cronc's own headers, or not at all.
class PreFilter : public ::testing::Test {
 protected:
  void SetUp() override {
    project.write("include/app/strings.hpp",
                  "#pragma once\n#include <string>\ninline std::string shout(std::string s) { return s + '!'; }\n");
    project.write("include/app/job_macros.hpp",
                  "#pragma once\n#include <cron/cron.hpp>\n"
                  "#define HOURLY_JOB(variable, id, function) \\\n"
                  "  const cron::CronJob variable{id, {.every = \"1h\", .endpoint = &function}}\n");
    project.write("include/app/module.hpp", "#pragma once\n#include \"app/module_jobs.hpp\"\n");
    project.write("include/app/module_jobs.hpp",
                  "#pragma once\n#include <cron/cron.hpp>\nvoid work();\n" + job("nested", "nested-in-header"));
    units = {
        // name, source, flags, needs a parse
        {"plain.cpp", "#include \"app/strings.hpp\"\n#include <vector>\nstd::vector<std::string> words;\n", {}, false},
        {"status_only.cpp", "#include <cron/cron.hpp>\ncron::Status ok() { return {}; }\n", {}, false},
        {"direct.cpp", "#include <cron/cron.hpp>\nvoid work();\n" + job("direct", "direct"), {}, true},
        {"macro.cpp", "#include \"app/job_macros.hpp\"\nvoid work();\nHOURLY_JOB(hidden, \"via-macro\", work);\n", {},
         true},
        {"nested.cpp", "#include \"app/module.hpp\"\n", {}, true},
        {"flag.cpp",
         "#include <cron/cron.hpp>\nvoid work();\n"
         "JOB_TYPE flagged{\"via-flag\", {.every = \"2h\", .endpoint = &work}};\n",
         {"-DJOB_TYPE=const cron::CronJob"}, true},
        // A mention in a comment costs a parse, never a missed job.
        {"comment.cpp", "// Not a CronJob.\nint answer() { return 42; }\n", {}, true},
    };
    for (const Unit& unit : units) {
      project.write(unit.name, unit.source);
      project.add_unit(unit.name, unit.flags);
    }
  }

  struct Unit {
    std::string name;
    std::string source;
    std::vector<std::string> flags;
    bool parsed;
  };

  AnalyzerProject project;
  std::vector<Unit> units;
  const std::set<std::string> all_ids = {"direct", "via-macro", "nested-in-header", "via-flag"};
};

TEST_F(PreFilter, ParsesOnlyTheUnitsThatNameTheJobType) {
  for (const Unit& unit : units) {
    SCOPED_TRACE(unit.name);
    auto result = analyze_project(project, 1, {project.path(unit.name)});
    EXPECT_EQ(result->parsed_units, unit.parsed ? 1u : 0u);
    EXPECT_EQ(result->skipped_units, unit.parsed ? 0u : 1u);
    EXPECT_EQ(result->compiler_output, "");
  }
}

TEST_F(PreFilter, NoJobIsLost) {
  for (unsigned threads : {1u, 2u, 3u}) {
    SCOPED_TRACE(threads);
    auto result = analyze_project(project, threads);
    EXPECT_EQ(result->parsed_units, 5u);
    EXPECT_EQ(result->skipped_units, 2u);
    EXPECT_EQ(job_ids(*result), all_ids);
    EXPECT_EQ(result->jobs.size(), all_ids.size());
    EXPECT_FALSE(result->has_errors()) << result->compiler_output;
  }
}

TEST_F(PreFilter, SkippedUnitsStillListTheFilesTheyRead) {
  auto result = analyze_project(project, 2);
  // For the depfile: editing a skipped unit or its headers must rerun cronc, it may now declare a job.
  for (const char* file : {"plain.cpp", "include/app/strings.hpp", "status_only.cpp", "include/app/module_jobs.hpp"}) {
    EXPECT_TRUE(result->files_read.count(project.path(file))) << file;
  }
  EXPECT_TRUE(std::any_of(result->files_read.begin(), result->files_read.end(),
                          [](const std::string& file) { return file.ends_with("/cron/cron.hpp"); }));
}

TEST(WholeProgram, AUnitParsedWithoutAScanListsTheFilesAScanWould) {
  // A unit whose own text names CronJob is parsed without a scan; its parse lists what it read. The same code
  // behind an include is scanned first: both lists must agree but for the files that differ.
  AnalyzerProject project;
  std::string jobs = "#include <cron/cron.hpp>\n#include \"app/strings.hpp\"\n#include <vector>\nvoid work();\n" +
                     job("listed", "listed");
  project.write("include/app/strings.hpp", "#pragma once\n#include <string>\n");
  project.write("include/app/jobs.hpp", "#pragma once\n" + jobs);
  project.write("direct.cpp", jobs);
  project.write("via_header.cpp", "#include \"app/jobs.hpp\"\n");
  project.add_unit("direct.cpp");
  project.add_unit("via_header.cpp");
  auto direct = analyze_project(project, 1, {project.path("direct.cpp")});
  auto via_header = analyze_project(project, 1, {project.path("via_header.cpp")});
  ASSERT_EQ(direct->jobs.size(), 1u);
  ASSERT_EQ(via_header->jobs.size(), 1u);
  auto without = [](std::set<std::string> files, std::initializer_list<std::string> these) {
    for (const std::string& file : these) EXPECT_EQ(files.erase(file), 1u) << file;
    return files;
  };
  std::set<std::string> common =
      without(direct->files_read, {project.path("direct.cpp"), project.path("include/app/strings.hpp")});
  EXPECT_TRUE(std::any_of(common.begin(), common.end(), [](const std::string& f) { return f.ends_with("/vector"); }));
  EXPECT_EQ(common, without(via_header->files_read, {project.path("via_header.cpp"),
                                                     project.path("include/app/jobs.hpp"),
                                                     project.path("include/app/strings.hpp")}));
}

TEST(WholeProgram, JobInAHeaderIsOneDeclaration) {
  AnalyzerProject project;
  project.write("include/app/shared_jobs.hpp",
                "#pragma once\n#include <cron/cron.hpp>\nvoid work();\n" + job("shared", "Shared"));
  for (const char* name : {"a.cpp", "b.cpp", "c.cpp"}) {
    project.write(name, "#include \"app/shared_jobs.hpp\"\n");
    project.add_unit(name);
  }
  project.write("own.cpp", "#include \"app/shared_jobs.hpp\"\n" + job("own", "own-job"));
  project.add_unit("own.cpp");

  auto result = analyze_project(project, 2);
  EXPECT_EQ(result->parsed_units, 4u);
  ASSERT_EQ(result->jobs.size(), 2u);
  EXPECT_EQ(job_ids(*result), (std::set<std::string>{"Shared", "own-job"}));
  std::vector<Diagnostic> diagnostics = result->diagnostics.sorted();
  ASSERT_EQ(diagnostics.size(), 1u) << "one cron-id-invalid, and no cron-id-duplicate";
  EXPECT_EQ(diagnostics[0].rule, "cron-id-invalid");
  EXPECT_EQ(diagnostics[0].range.begin.file, project.path("include/app/shared_jobs.hpp"));

  auto run = project.cronc({"-p", "build", "-j2", "--color=never"});
  EXPECT_EQ(run.status, 1);
  EXPECT_EQ(run.err.find("job ID 'Shared' is not kebab-case"), run.err.rfind("job ID 'Shared' is not kebab-case"))
      << run.err;
  EXPECT_EQ(run.err.find("cron-id-duplicate"), std::string::npos) << run.err;
  EXPECT_TRUE(run.err.ends_with("\n1 error generated.\n")) << run.err;
}

TEST(WholeProgram, DuplicateIdAcrossFilesErrsAtTheLaterFile) {
  AnalyzerProject project;
  // The first declaration in (path, line) order is a.cpp, though it is on a later line and comes second in the
  // database.
  project.write("b_second.cpp", "#include <cron/cron.hpp>\nvoid work();\n" + job("second", "sync"));
  project.write("a_first.cpp", "#include <cron/cron.hpp>\n\n\n\nvoid work();\n" + job("first", "sync", "2h"));
  project.add_unit("b_second.cpp");
  project.add_unit("a_first.cpp");
  for (const char* threads : {"-j1", "-j2"}) {
    SCOPED_TRACE(threads);
    auto run = project.cronc({"-p", "build", threads, "--color=never"});
    EXPECT_EQ(run.status, 1);
    EXPECT_EQ(run.err,
              project.path("b_second.cpp") +
                  ":3:28: error: job ID 'sync' is already used by another job; give each job its own ID "
                  "[cron-id-duplicate]\n"
              "    3 | const cron::CronJob second{\"sync\", {.every = \"1h\", .endpoint = &work}};\n"
              "      |                            ^~~~~~\n" +
              project.path("a_first.cpp") + ":6:27: note: 'sync' is first declared here\n"
              "    6 | const cron::CronJob first{\"sync\", {.every = \"2h\", .endpoint = &work}};\n"
              "      |                           ^~~~~~\n"
              "1 error generated.\n");
  }
}

TEST(WholeProgram, UnitsInSeveralFoldersWithRelativePaths) {
  AnalyzerProject project;
  const std::vector<std::string> folders = {"one", "two", "three", "four"};
  for (const std::string& folder : folders) {
    project.write(folder + "/inc/work.hpp", "#pragma once\n#include <cron/cron.hpp>\nvoid work();\n");
    project.write(folder + "/main.cpp", "#include \"work.hpp\"\n" + job("job", "job-" + folder));
    project.add_relative_unit(folder, "main.cpp", {"-Iinc"});  // `main.cpp` and `-Iinc` mean a different file each
  }
  // Threads must not share a working directory: each unit's relative paths are its own, and the process's working
  // directory, against which the reports' paths are resolved, stays where it was.
  fs::path working_directory = fs::current_path();
  for (int attempt = 0; attempt < 3; ++attempt) {
    auto result = analyze_project(project, 2);
    EXPECT_EQ(result->compiler_output, "");
    EXPECT_EQ(job_ids(*result), (std::set<std::string>{"job-one", "job-two", "job-three", "job-four"}));
    for (const JobDecl& declaration : result->jobs) {
      EXPECT_EQ(declaration.name_range.begin.file, project.path(declaration.id.value.substr(4) + "/main.cpp"));
    }
    EXPECT_EQ(fs::current_path(), working_directory);
  }
  for (int attempt = 0; attempt < 3; ++attempt) {
    auto run = project.cronc({"-p", "build", "-j2", "--sarif", "out.sarif", "--manifest", "out/jobs.json"});
    EXPECT_EQ(run.status, 0) << run.err;
    EXPECT_EQ(run.err, "");
  }
  EXPECT_TRUE(fs::exists(project.path("out.sarif")));
  EXPECT_TRUE(fs::exists(project.path("out/jobs.json")));
  for (const std::string& folder : folders) EXPECT_FALSE(fs::exists(project.path(folder + "/out.sarif"))) << folder;
}

/// A unit with a C++ error, which names CronJob so that the pre-filter lets Clang see it.
const std::string broken_source =
    "#include <cron/cron.hpp>\nvoid work();\n" + job("broken", "broken") + "int broken = ;\n";

/// A project with a bit of everything: rule errors with notes and fix-its in several units, a C++ error, a job in
/// a header seen from two units, clean units, units the pre-filter skips.
void write_mixed_project(AnalyzerProject& project, bool with_errors) {
  project.write("include/app/shared_jobs.hpp",
                "#pragma once\n#include <cron/cron.hpp>\nvoid work();\n" + job("shared", "shared-job", "30m"));
  std::vector<std::pair<std::string, std::string>> units = {
      {"clean.cpp", "#include <cron/cron.hpp>\nvoid work();\n" + job("clean", "clean-job", "2h")},
      {"shared_a.cpp", "#include \"app/shared_jobs.hpp\"\n"},
      {"shared_b.cpp", "#include \"app/shared_jobs.hpp\"\n" + job("local", "local-job", "15m")},
      {"nothing.cpp", "#include <string>\nstd::string nothing;\n"},
      {"status.cpp", "#include <cron/cron.hpp>\ncron::Status ok() { return {}; }\n"},
  };
  if (with_errors) {
    units.push_back({"divisor.cpp", "#include <cron/cron.hpp>\nvoid work();\n" + job("eleven", "eleven", "11h")});
    units.push_back({"kebab.cpp", "#include <cron/cron.hpp>\nvoid work();\n" + job("camel", "camelCase")});
    units.push_back({"dup.cpp", "#include <cron/cron.hpp>\nvoid work();\n" + job("again", "clean-job", "4h")});
    units.push_back({"broken.cpp", broken_source});
  }
  for (const auto& [name, source] : units) {
    project.write(name, source);
    project.add_unit(name);
  }
}

TEST(WholeProgram, AnyNumberOfThreadsPrintsTheSameBytes) {
  AnalyzerProject project;
  write_mixed_project(project, /*with_errors=*/true);
  auto reference = project.cronc({"-p", "build", "--root", ".", "-j1", "--sarif", "j1.sarif", "--export-fixes",
                                  "j1.yaml"});
  ASSERT_EQ(reference.status, 1);
  for (const char* needle :
       {"[cron-every-divisor]", "[cron-id-invalid]", "[cron-id-duplicate]", "expected expression"}) {
    ASSERT_NE(reference.err.find(needle), std::string::npos) << needle << " in\n" << reference.err;
  }
  for (const char* threads : {"-j2", "-j2", "-j3", "-j8"}) {
    SCOPED_TRACE(threads);
    auto run = project.cronc({"-p", "build", "--root", ".", threads, "--sarif", "jN.sarif", "--export-fixes",
                              "jN.yaml"});
    EXPECT_EQ(run.status, reference.status);
    EXPECT_EQ(run.err, reference.err);
    EXPECT_EQ(project.read("jN.sarif"), project.read("j1.sarif"));
    EXPECT_EQ(project.read("jN.yaml"), project.read("j1.yaml"));
  }
}

TEST(WholeProgram, AnyNumberOfThreadsWritesTheSameFiles) {
  AnalyzerProject project;
  write_mixed_project(project, /*with_errors=*/false);
  auto outputs = [&](const std::string& threads) {
    std::string folder = "out" + threads;
    auto run = project.cronc({"-p", "build", "--root", ".", threads, "--manifest", folder + "/jobs.json", "--stub",
                              folder + "/jobs.cron.cpp", "--depfile", folder + "/jobs.d"});
    EXPECT_EQ(run.status, 0) << run.err;
    EXPECT_EQ(run.err, "");
    return std::vector<std::string>{project.read(folder + "/jobs.json"), project.read(folder + "/jobs.cron.cpp"),
                                    project.read(folder + "/jobs.d")};
  };
  std::vector<std::string> reference = outputs("-j1");
  for (const std::string& content : reference) EXPECT_FALSE(content.empty());
  EXPECT_NE(reference[0].find("\"shared-job\""), std::string::npos) << reference[0];
  // The depfile names the target after the folder, which differs; compare what follows the target.
  auto dependencies = [](const std::string& depfile) { return depfile.substr(depfile.find(':')); };
  for (const char* threads : {"-j2", "-j3"}) {
    std::vector<std::string> run = outputs(threads);
    EXPECT_EQ(run[0], reference[0]) << threads;
    EXPECT_EQ(run[1], reference[1]) << threads;
    EXPECT_EQ(dependencies(run[2]), dependencies(reference[2])) << threads;
  }
}

/// Clang's and cronc's own diagnostics: a rule error with a fix-it, and a C++ error.
void write_colour_project(AnalyzerProject& project) {
  project.write("divisor.cpp", "#include <cron/cron.hpp>\nvoid work();\n" + job("eleven", "eleven", "11h"));
  project.write("broken.cpp", broken_source);
  project.add_unit("divisor.cpp");
  project.add_unit("broken.cpp");
}

std::string without_ansi_escapes(const std::string& text) {
  return std::regex_replace(text, std::regex("\x1b\\[[0-9;]*m"), "");
}

TEST(WholeProgram, ColourOnlyWhenAsked) {
  AnalyzerProject project;
  write_colour_project(project);
  auto never = project.cronc({"-p", "build", "--color=never"});
  auto always = project.cronc({"-p", "build", "--color=always"});
  auto automatic = project.cronc({"-p", "build"});  // standard error is a file here, not a terminal
  EXPECT_EQ(never.status, 1);
  EXPECT_EQ(always.status, 1);
  EXPECT_EQ(never.err.find('\x1b'), std::string::npos) << never.err;
  EXPECT_EQ(automatic.err, never.err);
  EXPECT_EQ(without_ansi_escapes(always.err), never.err);

  // Both Clang's diagnostics and cronc's are coloured: bold location, red "error:", as clang does.
  auto line_of = [&](const std::string& needle) {
    std::size_t at = always.err.find(needle);
    EXPECT_NE(at, std::string::npos) << needle;
    std::size_t begin = always.err.rfind('\n', at);
    return always.err.substr(begin == std::string::npos ? 0 : begin + 1, always.err.find('\n', at) - begin);
  };
  for (const char* message : {"expected expression", "does not divide 24 hours evenly"}) {
    std::string line = line_of(message);
    EXPECT_NE(line.find("\x1b[0;1;31merror: "), std::string::npos) << message << ": " << line;
  }
}

TEST(WholeProgram, RootSelectsTheEntriesUnderIt) {
  AnalyzerProject project;
  const std::vector<std::pair<std::string, std::string>> units = {
      {"app/a.cpp", job("app_job", "app-job")},
      {"app/sub/b.cpp", job("seven", "seven", "7h")},
      {"vendor/c.cpp", job("vendor", "Vendor")},
      {"app2/d.cpp", job("other", "AppTwo")},  // shares a prefix with app/, is not under it
  };
  for (const auto& [name, jobs] : units) {
    project.write(name, "#include <cron/cron.hpp>\nvoid work();\n" + jobs);
    project.add_unit(name);
  }

  auto app = analyze_project(project, 2, {}, project.path("app"));
  EXPECT_EQ(app->parsed_units + app->skipped_units, 2u);
  EXPECT_EQ(job_ids(*app), (std::set<std::string>{"app-job", "seven"}));

  // From the binary, with a root relative to the current folder, with or without a trailing slash.
  for (const char* root : {"app", "app/", "./app"}) {
    SCOPED_TRACE(root);
    auto run = project.cronc({"-p", "build", "--root", root, "--color=never", "--sarif", "app.sarif"});
    EXPECT_EQ(run.status, 1);
    EXPECT_NE(run.err.find(project.path("app/sub/b.cpp") + ":3:"), std::string::npos) << run.err;
    EXPECT_TRUE(run.err.ends_with("\n1 error generated.\n")) << run.err;
    EXPECT_NE(project.read("app.sarif").find("\"uri\": \"sub/b.cpp\""), std::string::npos) << "relative to the root";
  }
  auto vendor = project.cronc({"-p", "build", "--root", "vendor", "--color=never"});
  EXPECT_NE(vendor.err.find("job ID 'Vendor' is not kebab-case"), std::string::npos) << vendor.err;
  EXPECT_TRUE(vendor.err.ends_with("\n1 error generated.\n")) << vendor.err;
  auto everything = project.cronc({"-p", "build", "--color=never"});
  EXPECT_TRUE(everything.err.ends_with("\n3 errors generated.\n")) << everything.err;
  // Named files are analysed wherever they are; --root then only makes paths relative.
  auto named = project.cronc({"-p", "build", "--root", "app", "--color=never", "vendor/c.cpp"});
  EXPECT_TRUE(named.err.ends_with("\n1 error generated.\n")) << named.err;
  EXPECT_NE(named.err.find("'Vendor'"), std::string::npos) << named.err;
  // An empty selection is clean.
  fs::create_directories(project.path("empty"));
  auto empty = project.cronc({"-p", "build", "--root", "empty"});
  EXPECT_EQ(empty.status, 0);
  EXPECT_EQ(empty.err, "");
}

}  // namespace
}  // namespace cronc
