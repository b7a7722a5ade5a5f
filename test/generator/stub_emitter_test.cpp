#include "emit/stub_emitter.hpp"

#include "golden_file.hpp"
#include "sample_jobs.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace cronc {
namespace {

using testing::sample_jobs;

TEST(StubEmitter, MatchesTheGoldenFile) { testing::expect_matches_golden("jobs.cron.cpp", render_stub(sample_jobs())); }

TEST(StubEmitter, NoJobsIsAnEmptyTable) { testing::expect_matches_golden("empty.cron.cpp", render_stub({})); }

TEST(StubEmitter, TheSameJobsInAnyOrderGiveTheSameBytes) {
  std::vector<JobDecl> jobs = sample_jobs();
  std::string first = render_stub(jobs);
  std::reverse(jobs.begin(), jobs.end());
  EXPECT_EQ(render_stub(jobs), first);
}

TEST(StubEmitter, EachNamespaceIsOpenedOnceAndEachFunctionDeclaredOnce) {
  std::vector<JobDecl> jobs = sample_jobs();
  JobDecl again = jobs.front();
  again.id.value = "welcome-email-again";
  jobs.push_back(again);
  std::string stub = render_stub(jobs);
  auto count = [&](const std::string& text) {
    std::size_t n = 0;
    for (auto at = stub.find(text); at != std::string::npos; at = stub.find(text, at + 1)) ++n;
    return n;
  };
  EXPECT_EQ(count("namespace shop {\n"), 1u) << stub;
  EXPECT_EQ(count("cron::Status sendWelcomeEmail();"), 1u) << stub;
  EXPECT_EQ(count("::shop::sendWelcomeEmail()"), 2u) << stub;
}

TEST(EscapeCppString, PrintableAsciiIsKept) {
  EXPECT_EQ(escape_cpp_string("Send welcome emails: 100% {done} $x 'a' /* not a comment */ // nor this"),
            "Send welcome emails: 100% {done} $x 'a' /* not a comment */ // nor this");
  EXPECT_EQ(escape_cpp_string(""), "");
}

TEST(EscapeCppString, QuotesAndBackslashes) {
  EXPECT_EQ(escape_cpp_string(R"(say "hi")"), R"(say \"hi\")");
  EXPECT_EQ(escape_cpp_string(R"(C:\jobs\new)"), R"(C:\\jobs\\new)");
  EXPECT_EQ(escape_cpp_string("\\"), R"(\\)");
  EXPECT_EQ(escape_cpp_string("\\\""), R"(\\\")");
}

TEST(EscapeCppString, NewlinesTabsAndOtherControlCharacters) {
  EXPECT_EQ(escape_cpp_string("one\ntwo"), R"(one\ntwo)");
  EXPECT_EQ(escape_cpp_string("a\tb"), R"(a\tb)");
  EXPECT_EQ(escape_cpp_string("\r\n"), R"(\015\n)");
  EXPECT_EQ(escape_cpp_string(std::string("\0", 1)), R"(\000)");
  EXPECT_EQ(escape_cpp_string("\x1b[1m\x7f"), R"(\033[1m\177)");
}

TEST(EscapeCppString, AnOctalEscapeNeverSwallowsTheDigitsAfterIt) {
  // Three octal digits end the escape; a hex escape would run on into "7f".
  EXPECT_EQ(escape_cpp_string("\x01" "234"), R"(\001234)");
  EXPECT_EQ(escape_cpp_string("\xc3\xa9" "7f"), R"(\303\2517f)");
}

TEST(EscapeCppString, NoTrigraphSurvives) {
  // The inputs are raw strings: in an ordinary literal, this very file would hold the trigraphs.
  EXPECT_EQ(escape_cpp_string(R"(??=)"), R"(?\?=)");
  EXPECT_EQ(escape_cpp_string(R"(What??!)"), R"(What?\?!)");
  EXPECT_EQ(escape_cpp_string(R"(???/)"), R"(?\?\?/)");
  EXPECT_EQ(escape_cpp_string("a?b?"), "a?b?");
  for (std::string text : {R"(??=)", R"(??/)", R"(??')", R"(??()", R"(??))", R"(??!)", R"(??<)", R"(??>)", R"(??-)",
                           R"(????????)"})
    EXPECT_EQ(escape_cpp_string(text).find("??"), std::string::npos) << text;
}

TEST(EscapeCppString, EveryNonAsciiByteIsEscaped) {
  EXPECT_EQ(escape_cpp_string("Caf\u00e9 \u2615"), R"(Caf\303\251 \342\230\225)");
  EXPECT_EQ(escape_cpp_string("\xff\xfe"), R"(\377\376)");  // not UTF-8: the bytes all the same
}

TEST(StubEmitter, AnEmbeddedNulKeepsTheWholeString) {
  JobDecl job = sample_jobs().front();
  job.title.value = std::string("before\0after", 12);
  std::string stub = render_stub({job});
  EXPECT_NE(stub.find(R"(std::string_view("before\000after", 12))"), std::string::npos) << stub;
}

}  // namespace
}  // namespace cronc
