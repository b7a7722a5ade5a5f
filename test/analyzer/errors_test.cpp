// How the real `cronc` binary fails (docs/design.md): C++ errors in the user's code are printed exactly as
// clang prints them, with exit status 1; a missing or malformed compile_commands.json, a file that is not in it
// and a source that cannot be read are one line `cronc: error: ...` with exit status 2. Never a crash, and on any
// error no output file is written.

#include "analyzer_project.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

namespace cronc {
namespace {

namespace fs = std::filesystem;
using testing::AnalyzerProject;

constexpr std::string_view good_source =
    "#include <cron/cron.hpp>\n"
    "\n"
    "void sync_accounts();\n"
    "\n"
    "const cron::CronJob sync{\"sync-accounts\", {.every = \"1h\", .endpoint = &sync_accounts}};\n";

constexpr std::string_view syntax_error_source =
    "#include <cron/cron.hpp>\n"
    "\n"
    "void sync_accounts();\n"
    "\n"
    "const cron::CronJob broken{\"broken\", {.every = \"1h\", .endpoint = &sync_accounts}}\n"
    "int after = ;\n";

/// What `clang -fsyntax-only` prints for `unit`, run as the database runs it: same folder, same flags.
std::string clang_output(const AnalyzerProject& project, const std::string& unit) {
  std::string command = "cd build && " + AnalyzerProject::quoted(CRONC_TEST_CLANG) + " -fsyntax-only";
  for (const std::string& flag : project.flags_of(unit)) command += " " + AnalyzerProject::quoted(flag);
  command += " " + AnalyzerProject::quoted(project.path(unit));
  auto run = project.shell(command);
  EXPECT_EQ(run.status, 1) << "clang accepted " << unit;
  return run.err;
}

/// Exactly one line, `cronc: error: ...`.
void expect_one_line_error(const AnalyzerProject::Run& run, const std::string& expected) {
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.err, "cronc: error: " + expected + "\n");
  EXPECT_EQ(run.out, "");
}

TEST(AnalyzerErrors, CxxSyntaxErrorIsPrintedAsClangPrintsIt) {
  AnalyzerProject project;
  project.write("good.cpp", good_source);
  project.write("broken.cpp", syntax_error_source);
  project.add_unit("good.cpp");
  project.add_unit("broken.cpp");
  std::string expected = clang_output(project, "broken.cpp");
  ASSERT_NE(expected.find("error: expected ';' after top level declarator"), std::string::npos) << expected;
  ASSERT_NE(expected.find("2 errors generated.\n"), std::string::npos) << expected;

  for (const char* threads : {"-j1", "-j2"}) {
    SCOPED_TRACE(threads);
    auto run = project.cronc({"-p", "build", threads, "--color=never", "--manifest", "out/jobs.json"});
    EXPECT_EQ(run.status, 1);
    EXPECT_EQ(run.err, expected);  // the summary after the errors, as clang prints it
    EXPECT_FALSE(fs::exists(project.path("out/jobs.json"))) << "no output on an error";
  }
}

TEST(AnalyzerErrors, CxxErrorsThenRuleDiagnostics) {
  AnalyzerProject project;
  project.write("broken.cpp", syntax_error_source);
  project.write("seven.cpp",
                "#include <cron/cron.hpp>\n"
                "void work();\n"
                "const cron::CronJob seven{\"seven\", {.every = \"7h\", .endpoint = &work}};\n");
  project.add_unit("seven.cpp");
  project.add_unit("broken.cpp");
  auto run = project.cronc({"-p", "build", "-j2", "--color=never"});
  EXPECT_EQ(run.status, 1);
  std::string clang = clang_output(project, "broken.cpp");
  EXPECT_EQ(run.err.substr(0, clang.size()), clang);
  EXPECT_EQ(run.err.substr(clang.size()),
            project.path("seven.cpp") +
                ":3:46: error: interval '7h' does not divide 24 hours evenly [cron-every-divisor]\n"
            "    3 | const cron::CronJob seven{\"seven\", {.every = \"7h\", .endpoint = &work}};\n"
            "      |                                              ^~~~\n" +
            project.path("seven.cpp") + ":3:46: note: the nearest valid intervals are \"6h\" and \"8h\"\n"
            "1 error generated.\n");
}

TEST(AnalyzerErrors, MissingHeaderIsPrintedAsClangPrintsIt) {
  AnalyzerProject project;
  project.write("lost.cpp", "#include \"lost/header.hpp\"\n#include <cron/cron.hpp>\n");
  project.add_unit("lost.cpp");
  auto run = project.cronc({"-p", "build", "--color=never"});
  EXPECT_EQ(run.status, 1);
  EXPECT_EQ(run.err, clang_output(project, "lost.cpp"));
  EXPECT_NE(run.err.find("fatal error: 'lost/header.hpp' file not found"), std::string::npos) << run.err;
}

TEST(AnalyzerErrors, MissingCompilationDatabase) {
  AnalyzerProject project;
  expect_one_line_error(project.cronc({"-p", "no-build", "--manifest", "jobs.json"}),
                        "cannot read 'no-build/compile_commands.json': No such file or directory");
  EXPECT_FALSE(fs::exists(project.path("jobs.json")));
}

TEST(AnalyzerErrors, MalformedCompilationDatabase) {
  AnalyzerProject project;
  project.write("good.cpp", good_source);
  const std::string prefix = "malformed compilation database 'build/compile_commands.json': ";
  struct Case {
    const char* json;
    const char* reason;  ///< a regular expression: LLVM's JSON parser words the syntax errors
  };
  const std::vector<Case> cases = {
      {"[{\"directory\": \"/tmp\", ", R"(line 1, column 23: Expected object key)"},
      {"[{\"file\": \"good.cpp\",\n  \"arguments\": [\"clang\" \"-c\"]}]",
       R"(line 2, column 25: Expected , or \] after array element)"},
      {"", R"(line 1, column 1: Unexpected EOF)"},
      {"{\"directory\": \"/tmp\"}", R"(Expected array)"},
      {"[42]", R"(Expected object)"},
      {"[{\"file\": \"good.cpp\", \"arguments\": [\"clang\"]}]", R"(Missing key: "directory")"},
      {"[{\"directory\": \"/tmp\", \"arguments\": [\"clang\"]}]", R"(Missing key: "file")"},
      {"[{\"directory\": \"/tmp\", \"file\": \"good.cpp\"}]", R"(Missing key: "command" or "arguments")"},
      {"[{\"directory\": \"/tmp\", \"file\": \"good.cpp\", \"arguments\": []}]",
       R"(the entry of 'good.cpp' has no command)"},
      {"[{\"directory\": \"/tmp\", \"file\": \"good.cpp\", \"command\": \" \"}]",
       R"(the entry of 'good.cpp' has no command)"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.json);
    project.write("build/compile_commands.json", c.json);
    auto run = project.cronc({"-p", "build", "--stub", "jobs.cron.cpp"});
    EXPECT_EQ(run.status, 2);
    ASSERT_TRUE(run.err.starts_with("cronc: error: " + prefix)) << run.err;
    std::string reason = run.err.substr(("cronc: error: " + prefix).size());
    EXPECT_TRUE(std::regex_match(reason, std::regex(std::string(c.reason) + "\n"))) << run.err;
    EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.err;
    EXPECT_FALSE(fs::exists(project.path("jobs.cron.cpp")));
  }
}

TEST(AnalyzerErrors, FileNotInTheDatabase) {
  AnalyzerProject project;
  project.write("good.cpp", good_source);
  project.write("other.cpp", good_source);  // on disk, so nothing can be guessed from a missing file
  project.add_unit("good.cpp");
  expect_one_line_error(project.cronc({"-p", "build", "other.cpp"}),
                        "'other.cpp' is not in the compilation database in 'build'");
  // Named relative to the current folder, a file of the database is found.
  EXPECT_EQ(project.cronc({"-p", "build", "good.cpp"}).status, 0);
}

TEST(AnalyzerErrors, UnreadableSourceFile) {
  AnalyzerProject project;
  project.write("good.cpp", good_source);
  project.add_unit("good.cpp");
  project.add_unit("gone.cpp");  // in the database, not on disk
  expect_one_line_error(project.cronc({"-p", "build", "--manifest", "jobs.json"}),
                        "cannot read '" + project.path("gone.cpp") + "': No such file or directory");
  expect_one_line_error(project.cronc({"-p", "build", "gone.cpp"}),
                        "cannot read '" + project.path("gone.cpp") + "': No such file or directory");
  EXPECT_FALSE(fs::exists(project.path("jobs.json")));

  fs::create_directory(project.path("gone.cpp"));
  expect_one_line_error(project.cronc({"-p", "build", "gone.cpp"}),
                        "cannot read '" + project.path("gone.cpp") + "': Is a directory");
}

TEST(AnalyzerErrors, SourceFileWithoutReadPermission) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads files whatever their permissions";
  AnalyzerProject project;
  project.write("secret.cpp", good_source);
  project.add_unit("secret.cpp");
  fs::permissions(project.path("secret.cpp"), fs::perms::none);
  expect_one_line_error(project.cronc({"-p", "build"}),
                        "cannot read '" + project.path("secret.cpp") + "': Permission denied");
  fs::permissions(project.path("secret.cpp"), fs::perms::owner_all);
}

TEST(AnalyzerErrors, NoBuildFolder) {
  AnalyzerProject project;
  expect_one_line_error(project.cronc({}), "no build folder; run 'cronc -p BUILD_DIR [FILES...]' (see --help)");
}

}  // namespace
}  // namespace cronc
