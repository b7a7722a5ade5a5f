#include "diagnostics/text_renderer.hpp"

#include "scratch_dir.hpp"
#include "shell_command.hpp"

#include <gtest/gtest.h>

#include <string>

namespace cronc {
namespace {

SourceLocation at(const std::string& file, unsigned line, unsigned column) { return {file, line, column, 0}; }

/// Columns [begin, end) of one line.
SourceRange columns(const std::string& file, unsigned line, unsigned begin, unsigned end) {
  return {at(file, line, begin), at(file, line, end)};
}

/// The design's example file: line 12 holds the bad interval.
std::string jobs_source() {
  std::string text;
  for (int i = 1; i < 12; ++i) text += "//\n";
  text += "    .every = \"7h\",\n";
  return text;
}

Diagnostic divisor_error(const std::string& file) {
  Diagnostic d;
  d.rule = "cron-every-divisor";
  d.message = "interval '7h' does not divide 24 hours evenly";
  d.range = columns(file, 12, 14, 18);
  d.notes.push_back({"the nearest valid intervals are \"6h\" and \"8h\"", {at(file, 12, 14), at(file, 12, 14)}});
  return d;
}

TEST(TextRenderer, DesignExampleFromAFileOnDisk) {
  testing::ScratchDir dir;
  std::string path = dir.write("jobs.cpp", jobs_source());
  SourceFiles files;
  EXPECT_EQ(render_text({divisor_error(path)}, files, false),
            path + ":12:14: error: interval '7h' does not divide 24 hours evenly [cron-every-divisor]\n"
                   "   12 |     .every = \"7h\",\n"
                   "      |              ^~~~\n" +
                path + ":12:14: note: the nearest valid intervals are \"6h\" and \"8h\"\n"
                       "1 error generated.\n");
}

TEST(TextRenderer, FixItReplacementUnderTheRange) {
  SourceFiles files;
  files.add("jobs.cpp", jobs_source());
  Diagnostic d = divisor_error("jobs.cpp");
  d.fixits.push_back({d.range, "\"6h\""});
  EXPECT_EQ(render_text({d}, files, false),
            "jobs.cpp:12:14: error: interval '7h' does not divide 24 hours evenly [cron-every-divisor]\n"
            "   12 |     .every = \"7h\",\n"
            "      |              ^~~~\n"
            "      |              \"6h\"\n"
            "jobs.cpp:12:14: note: the nearest valid intervals are \"6h\" and \"8h\"\n"
            "1 error generated.\n");
}

TEST(TextRenderer, InsertionFixItAtTheEndOfTheLine) {
  SourceFiles files;
  files.add("a.cpp", "int g(int) { return 1 }\n");
  Diagnostic d;
  d.message = "expected ';' after return statement";
  d.range = {at("a.cpp", 1, 22), at("a.cpp", 1, 22)};
  d.fixits.push_back({{at("a.cpp", 1, 22), at("a.cpp", 1, 22)}, ";"});
  EXPECT_EQ(render_text({d}, files, false),
            "a.cpp:1:22: error: expected ';' after return statement\n"
            "    1 | int g(int) { return 1 }\n"
            "      |                      ^\n"
            "      |                      ;\n"
            "1 error generated.\n");
}

TEST(TextRenderer, NoteElsewhereShowsItsOwnCaret) {
  SourceFiles files;
  files.add("a.cpp", "void f(int);\nconst cron::CronJob j{\"j\", {.every = \"1h\", .endpoint = &f}};\n");
  Diagnostic d;
  d.rule = "cron-endpoint-params";
  d.message = "endpoint 'f' takes parameters; it must take none";
  d.range = columns("a.cpp", 2, 57, 59);
  d.notes.push_back({"'f' declared here", columns("a.cpp", 1, 6, 7)});
  EXPECT_EQ(render_text({d}, files, false),
            "a.cpp:2:57: error: endpoint 'f' takes parameters; it must take none [cron-endpoint-params]\n"
            "    2 | const cron::CronJob j{\"j\", {.every = \"1h\", .endpoint = &f}};\n"
            "      |                                                         ^~\n"
            "a.cpp:1:6: note: 'f' declared here\n"
            "    1 | void f(int);\n"
            "      |      ^\n"
            "1 error generated.\n");
}

TEST(TextRenderer, NoteWithARangeAtTheSamePlaceRepeatsTheSnippet) {
  SourceFiles files;
  files.add("jobs.cpp", jobs_source());
  Diagnostic d = divisor_error("jobs.cpp");
  d.notes[0].range = d.range;
  EXPECT_EQ(render_text({d}, files, false),
            "jobs.cpp:12:14: error: interval '7h' does not divide 24 hours evenly [cron-every-divisor]\n"
            "   12 |     .every = \"7h\",\n"
            "      |              ^~~~\n"
            "jobs.cpp:12:14: note: the nearest valid intervals are \"6h\" and \"8h\"\n"
            "   12 |     .every = \"7h\",\n"
            "      |              ^~~~\n"
            "1 error generated.\n");
}

TEST(TextRenderer, ColourLikeClang) {
  SourceFiles files;
  files.add("jobs.cpp", jobs_source());
  Diagnostic d = divisor_error("jobs.cpp");
  d.fixits.push_back({d.range, "\"6h\""});
  EXPECT_EQ(render_text({d}, files, true),
            "\033[1mjobs.cpp:12:14: \033[0m\033[0;1;31merror: \033[0m"
            "\033[1minterval '7h' does not divide 24 hours evenly [cron-every-divisor]\033[0m\n"
            "   12 |     .every = \"7h\",\033[0m\n"
            "      | \033[0;1;32m             ^~~~\n\033[0m"
            "      | \033[0;32m             \"6h\"\n\033[0m"
            "\033[1mjobs.cpp:12:14: \033[0m\033[0;1;36mnote: \033[0m"
            "the nearest valid intervals are \"6h\" and \"8h\"\033[0m\n"
            "1 error generated.\n");
}

TEST(TextRenderer, WarningColourAndProgramLevelDiagnostics) {
  SourceFiles files;
  Diagnostic warning;
  warning.rule = "cron-id-invalid";
  warning.severity = Severity::warning;
  warning.message = "careful";
  Diagnostic note;
  note.severity = Severity::note;
  note.message = "scanned 3 translation units";
  EXPECT_EQ(render_text({warning, note}, files, true),
            "cronc: \033[0;1;35mwarning: \033[0m\033[1mcareful [cron-id-invalid]\033[0m\n"
            "cronc: \033[0;1;36mnote: \033[0mscanned 3 translation units\033[0m\n"
            "1 warning generated.\n");
}

TEST(TextRenderer, WithoutColourNoEscapes) {
  SourceFiles files;
  files.add("jobs.cpp", jobs_source());
  std::string text = render_text({divisor_error("jobs.cpp")}, files, false);
  EXPECT_EQ(text.find('\033'), std::string::npos);
}

TEST(TextRenderer, DiagnosticWithoutALocation) {
  SourceFiles files;
  Diagnostic d;
  d.rule = "cron-id-duplicate";
  d.message = "no compilation database";
  d.notes.push_back({"pass -p BUILD_DIR", {}});
  Diagnostic unruled;
  unruled.message = "cannot read 'x.cpp'";
  EXPECT_EQ(render_text({d, unruled}, files, false),
            "cronc: error: no compilation database [cron-id-duplicate]\n"
            "cronc: note: pass -p BUILD_DIR\n"
            "cronc: error: cannot read 'x.cpp'\n"
            "2 errors generated.\n");
}

TEST(TextRenderer, MissingFileSkipsTheSnippet) {
  SourceFiles files;
  EXPECT_EQ(render_text({divisor_error("/nonexistent/jobs.cpp")}, files, false),
            "/nonexistent/jobs.cpp:12:14: error: interval '7h' does not divide 24 hours evenly [cron-every-divisor]\n"
            "/nonexistent/jobs.cpp:12:14: note: the nearest valid intervals are \"6h\" and \"8h\"\n"
            "1 error generated.\n");
}

TEST(TextRenderer, Summaries) {
  SourceFiles files;
  Diagnostic error;
  error.message = "e";
  Diagnostic warning;
  warning.severity = Severity::warning;
  warning.message = "w";
  Diagnostic note;
  note.severity = Severity::note;
  note.message = "n";
  auto last_line = [&](const std::vector<Diagnostic>& diagnostics) {
    std::string text = render_text(diagnostics, files, false);
    std::size_t start = text.rfind('\n', text.size() - 2);
    return text.substr(start == std::string::npos ? 0 : start + 1);
  };
  EXPECT_EQ(render_text({}, files, false), "");
  EXPECT_EQ(render_text({note}, files, false), "cronc: note: n\n");
  EXPECT_EQ(last_line({error}), "1 error generated.\n");
  EXPECT_EQ(last_line({error, error}), "2 errors generated.\n");
  EXPECT_EQ(last_line({warning}), "1 warning generated.\n");
  EXPECT_EQ(last_line({warning, warning, note}), "2 warnings generated.\n");
  EXPECT_EQ(last_line({warning, error, error}), "1 warning and 2 errors generated.\n");
  EXPECT_EQ(last_line({warning, warning, error}), "2 warnings and 1 error generated.\n");
}

TEST(TextRenderer, TabsExpandToEightColumns) {
  SourceFiles files;
  files.add("a.cpp", "\t.every =\t\"7h\",\n");
  Diagnostic d;
  d.message = "m";
  d.range = columns("a.cpp", 1, 11, 15);
  d.fixits.push_back({d.range, "\"6h\""});
  EXPECT_EQ(render_text({d}, files, false),
            "a.cpp:1:11: error: m\n"
            "    1 |         .every =        \"7h\",\n"
            "      | " + std::string(24, ' ') + "^~~~\n"
            "      | " + std::string(24, ' ') + "\"6h\"\n"
            "1 error generated.\n");
}

TEST(TextRenderer, RangeOverSeveralLines) {
  SourceFiles files;
  files.add("a.cpp", "const cron::CronJob j{\"j\", {\n  .schedule = \"0 0 \"\n    \"30 2 *\",\n}};\n");
  Diagnostic d;
  d.message = "never fires";
  d.range = {at("a.cpp", 2, 15), at("a.cpp", 3, 13)};
  EXPECT_EQ(render_text({d}, files, false),
            "a.cpp:2:15: error: never fires\n"
            "    2 |   .schedule = \"0 0 \"\n"
            "      |               ^~~~~~\n"
            "    3 |     \"30 2 *\",\n"
            "      |     ~~~~~~~~\n"
            "1 error generated.\n");
}

TEST(TextRenderer, GutterWidensForLargeLineNumbers) {
  SourceFiles files;
  std::string text;
  for (int i = 1; i < 10000; ++i) text += "//\n";
  text += "x;\n";
  files.add("a.cpp", text);
  Diagnostic early;
  early.message = "m";
  early.range = columns("a.cpp", 9984, 1, 2);
  Diagnostic late = early;
  late.range = columns("a.cpp", 10000, 1, 2);
  EXPECT_EQ(render_text({early, late}, files, false),
            "a.cpp:9984:1: error: m\n"
            "  9984 | //\n"
            "       | ^\n"
            "a.cpp:10000:1: error: m\n"
            " 10000 | x;\n"
            "       | ^\n"
            "2 errors generated.\n");
}

TEST(TextRenderer, UnprintableBytesAreEscaped) {
  SourceFiles files;
  files.add("a.cpp", "x = \"\x01\xff\xc3\xa9\"; y;\n");
  Diagnostic d;
  d.message = "m";
  d.range = columns("a.cpp", 1, 13, 14);  // `y`, in display column 22
  const std::string before_y(21, ' ');
  EXPECT_EQ(render_text({d}, files, false),
            "a.cpp:1:13: error: m\n"
            "    1 | x = \"<U+0001><FF>\xc3\xa9\"; y;\n"
            "      | " + before_y + "^\n"
            "1 error generated.\n");
  EXPECT_EQ(render_text({d}, files, true),
            "\033[1ma.cpp:1:13: \033[0m\033[0;1;31merror: \033[0m\033[1mm\033[0m\n"
            "    1 | x = \"\033[7m<U+0001><FF>\033[0m\xc3\xa9\"; y;\033[0m\n"
            "      | \033[0;1;32m" + before_y + "^\n\033[0m"
            "1 error generated.\n");
}

/// A file with diagnostics of every shape cronc's model can express (caret only, caret and range, a range over
/// two lines, tabs, a note, an insertion fix-it).
constexpr std::string_view golden_source =
    "[[deprecated]] void old();\n"
    "void use() {\n"
    "\told();\n"
    "}\n"
    "static_assert(false ||\n"
    "\tfalse, \"no\");\n"
    "int q = (int)\"x\" + 2;\n"
    "int g(int) {\treturn 1 }\n";

/// What clang 19 prints for `golden_source` with -fsyntax-only, captured from clang 19.1.7.
std::string golden_output(const std::string& path) {
  return path + ":3:2: warning: 'old' is deprecated [-Wdeprecated-declarations]\n"
                "    3 |         old();\n"
                "      |         ^\n" +
         path + ":1:3: note: 'old' has been explicitly marked deprecated here\n"
                "    1 | [[deprecated]] void old();\n"
                "      |   ^\n" +
         path + ":5:15: error: static assertion failed due to requirement 'false || false': no\n"
                "    5 | static_assert(false ||\n"
                "      |               ^~~~~~~~\n"
                "    6 |         false, \"no\");\n"
                "      |         ~~~~~\n" +
         path + ":7:9: error: cast from pointer to smaller type 'int' loses information\n"
                "    7 | int q = (int)\"x\" + 2;\n"
                "      |         ^~~~~~~~\n" +
         path + ":8:22: error: expected ';' after return statement\n"
                "    8 | int g(int) {    return 1 }\n"
                "      |                         ^\n"
                "      |                         ;\n"
                "1 warning and 3 errors generated.\n";
}

std::vector<Diagnostic> golden_diagnostics(const std::string& path) {
  Diagnostic deprecated;
  deprecated.rule = "-Wdeprecated-declarations";
  deprecated.severity = Severity::warning;
  deprecated.message = "'old' is deprecated";
  deprecated.range = {at(path, 3, 2), at(path, 3, 2)};
  deprecated.notes.push_back({"'old' has been explicitly marked deprecated here", {at(path, 1, 3), at(path, 1, 3)}});
  Diagnostic assertion;
  assertion.message = "static assertion failed due to requirement 'false || false': no";
  assertion.range = {at(path, 5, 15), at(path, 6, 7)};
  Diagnostic cast;
  cast.message = "cast from pointer to smaller type 'int' loses information";
  cast.range = columns(path, 7, 9, 17);
  Diagnostic semicolon;
  semicolon.message = "expected ';' after return statement";
  semicolon.range = {at(path, 8, 22), at(path, 8, 22)};
  semicolon.fixits.push_back({semicolon.range, ";"});
  return {deprecated, assertion, cast, semicolon};
}

TEST(TextRenderer, ByteForByteWhatClangPrints) {
  testing::ScratchDir dir;
  std::string path = dir.write("golden.cpp", golden_source);
  SourceFiles files;
  EXPECT_EQ(render_text(golden_diagnostics(path), files, false), golden_output(path));
}

TEST(TextRenderer, GoldenTextIsStillWhatTheInstalledClangPrints) {
  std::string clang = CRONC_TEST_CLANG;
  if (clang.empty()) GTEST_SKIP() << "clang not found at configure time";
  testing::ScratchDir dir;
  std::string path = dir.write("golden.cpp", golden_source);
  auto result = testing::run_command(testing::shell_quote(clang) + " -fsyntax-only -fno-color-diagnostics -x c++ " +
                                     testing::shell_quote(path));
  EXPECT_EQ(result.output, golden_output(path));
}

}  // namespace
}  // namespace cronc
