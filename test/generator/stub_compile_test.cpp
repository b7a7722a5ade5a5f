// Compiles generated stubs with every configured compiler as a user's build would (-std=c++20 -Wall -Wextra
// -Wpedantic -Werror), links them with cronc::runtime and runs the program: the table it reads must hold exactly
// the bytes the analyzer saw, and each thunk must reach its endpoint.

#include "emit/stub_emitter.hpp"

#include "sample_jobs.hpp"
#include "scratch_dir.hpp"
#include "shell_command.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace cronc {
namespace {

using testing::run_command;
using testing::shell_quote;

std::vector<std::string> compilers() {
  std::vector<std::string> list;
  std::stringstream stream(CRONC_TEST_COMPILERS);
  for (std::string compiler; std::getline(stream, compiler, ':');)
    if (!compiler.empty()) list.push_back(compiler);
  return list;
}

/// Compiles `stub` and `main_source` in `dir` with `compiler`, expecting no diagnostic at all, and returns what
/// the program prints.
std::string build_and_run(const std::string& compiler, const testing::ScratchDir& dir, const std::string& stub,
                          const std::string& main_source) {
  std::string name = std::filesystem::path(compiler).filename().string();
  std::string stub_file = dir.write(name + "/jobs.cron.cpp", stub);
  std::string main_file = dir.write(name + "/main.cpp", main_source);
  std::string program = (dir.path() / name / "program").string();
  testing::CommandResult build = run_command(
      shell_quote(compiler) + " -std=c++20 -Wall -Wextra -Wpedantic -Werror -I" + shell_quote(CRONC_INCLUDE_DIR) +
      " -I" + shell_quote((dir.path() / "include").string()) + " " + shell_quote(stub_file) + " " +
      shell_quote(main_file) + " " + shell_quote(CRONC_RUNTIME_LIBRARY) + " " +
      shell_quote(CRONC_SCHEDULE_LIBRARY) + " " CRONC_RUNTIME_LINK_FLAGS " -o " +
      shell_quote(program));
  EXPECT_EQ(build.exit_code, 0) << build.output << "\n--- the stub:\n" << stub;
  EXPECT_EQ(build.output, "") << "the stub is not warning-free";
  if (build.exit_code != 0) return "";
  testing::CommandResult run = run_command(shell_quote(program));
  EXPECT_EQ(run.exit_code, 0) << run.output;
  return run.output;
}

TEST(StubCompile, TheSampleJobsRunThroughTheirThunks) {
  testing::ScratchDir dir;
  dir.write("include/shop/invoices.hpp", R"(#pragma once
#include <cron/status.hpp>
namespace shop {
class Invoices {
 public:
  static cron::Status sendDue();
};
}  // namespace shop
)");
  const std::string main_source = R"(#include <cron/job_table.hpp>
#include <shop/invoices.hpp>

#include <chrono>
#include <iostream>

namespace shop {
cron::Status sendWelcomeEmail() { std::cout << "  ran shop::sendWelcomeEmail\n"; return cron::Status::success(); }
void syncAccounts() { std::cout << "  ran shop::syncAccounts\n"; }
void purgeCarts() noexcept { std::cout << "  ran shop::purgeCarts\n"; }
void rotateAuditLog() { std::cout << "  ran shop::rotateAuditLog\n"; }
cron::Status buildNightlyReport() { std::cout << "  ran shop::buildNightlyReport\n"; return cron::Status(); }
cron::Status Invoices::sendDue() {
  std::cout << "  ran shop::Invoices::sendDue\n";
  return cron::Status::failure("none due");
}
inline namespace v2 {
cron::Status closeLedger() { std::cout << "  ran shop::v2::closeLedger\n"; return cron::Status(); }
}  // namespace v2
}  // namespace shop
extern "C" void send_weekly_report() { std::cout << "  ran send_weekly_report\n"; }

int main() {
  std::chrono::sys_seconds from{};
  cron::parse_utc("2026-03-01T10:00:00Z", from);
  for (const cron::JobDefinition& job : cron::registered_jobs()) {
    std::cout << job.id << " | " << job.title << " | " << job.schedule_text << " | " << job.endpoint << " | next "
              << cron::format_utc(job.schedule.next(from)) << (job.time_zone.empty() ? "" : " in UTC, zone ")
              << job.time_zone << "\n";
    cron::Status status = job.run();
    std::cout << "  " << (status.ok() ? "ok" : "failed: " + status.message()) << "\n";
  }
}
)";
  const std::string expected =
      "accounting-sync | Cron Job Example | schedule:0 4 15 * * | shop::syncAccounts | next 2026-03-15T04:00:00Z\n"
      "  ran shop::syncAccounts\n  ok\n"
      "audit-log | Rotate the audit log | every:1440 | shop::rotateAuditLog | next 2026-03-02T00:00:00Z\n"
      "  ran shop::rotateAuditLog\n  ok\n"
      "cart-purge | cart-purge | every:90 | shop::purgeCarts | next 2026-03-01T10:30:00Z\n"
      "  ran shop::purgeCarts\n  ok\n"
      "due-invoices | Send due invoices | schedule:30 9 * * mon-fri | shop::Invoices::sendDue"
      " | next 2026-03-02T09:30:00Z\n"
      "  ran shop::Invoices::sendDue\n  failed: none due\n"
      "ledger-close | ledger-close | schedule:@daily | shop::v2::closeLedger | next 2026-03-02T00:00:00Z\n"
      "  ran shop::v2::closeLedger\n  ok\n"
      "nightly-report | nightly-report | schedule:30 2 * * * | shop::buildNightlyReport | next 2026-03-02T02:30:00Z"
      " in UTC, zone Europe/Berlin\n"
      "  ran shop::buildNightlyReport\n  ok\n"
      "weekly-report | Weekly report | schedule:@weekly | send_weekly_report | next 2026-03-08T00:00:00Z\n"
      "  ran send_weekly_report\n  ok\n"
      "welcome-email | Send welcome emails | every:120 | shop::sendWelcomeEmail | next 2026-03-01T12:00:00Z\n"
      "  ran shop::sendWelcomeEmail\n  ok\n";
  std::string stub = render_stub(testing::sample_jobs());
  for (const std::string& compiler : compilers()) {
    SCOPED_TRACE(compiler);
    EXPECT_EQ(build_and_run(compiler, dir, stub, main_source), expected);
  }
}

/// Texts that break a careless escaper: each becomes a job's title, and the program prints it back in hex.
const std::vector<std::string>& tricky_titles() {
  static const std::vector<std::string> titles = {
      R"(say "hi")",
      R"(C:\jobs\new\)",
      "line one\nline two\r\n",
      "tab\there",
      R"(??= ??/ ??' ??( ??) ??! ??< ??> ??- ???=)",
      "end of a comment */ and /* the start of one // and a line comment",
      "Caf\u00e9 \u2615 \u65e5\u672c",
      "\x01\x02\x1b\x1f\x7f",
      "\x01" "234 \x7f" "789",
      std::string("nul\0inside", 10),
      "\xff\xfe not UTF-8",
      "%s {} {{}} $(HOME) ${x} 'single' `tick` #include <x>",
      "\\\"\\\"",
  };
  return titles;
}

std::string hex(std::string_view bytes) {
  static const char* digits = "0123456789abcdef";
  std::string text;
  for (char c : bytes) {
    text += digits[static_cast<unsigned char>(c) >> 4];
    text += digits[static_cast<unsigned char>(c) & 15];
  }
  return text;
}

TEST(StubCompile, EscapedStringsKeepEveryByte) {
  std::vector<JobDecl> jobs;
  std::string expected;
  for (std::size_t i = 0; i < tricky_titles().size(); ++i) {
    std::string id = std::string("escape-") + static_cast<char>('a' + i);
    JobDecl job = testing::sample_job(id, "1h", "", testing::sample_endpoint("escapes", "touch", ReturnKind::void_type),
                                      "/src/jobs.cpp", 10 + 10 * static_cast<unsigned>(i));
    job.title = test::literal(tricky_titles()[i], 11, 14, "/src/jobs.cpp");
    jobs.push_back(job);
    expected += id + " " + hex(tricky_titles()[i]) + "\n";
  }
  std::string stub = render_stub(jobs);
  for (char c : stub) {
    auto byte = static_cast<unsigned char>(c);
    ASSERT_TRUE(byte == '\n' || (byte >= 0x20 && byte < 0x7f)) << "raw byte " << int(byte) << " in the stub";
  }
  EXPECT_EQ(stub.find("??"), std::string::npos) << stub;

  const std::string main_source = R"(#include <cron/job_table.hpp>

#include <cstdio>

namespace escapes {
void touch() {}
}  // namespace escapes

int main() {
  for (const cron::JobDefinition& job : cron::registered_jobs()) {
    std::printf("%.*s ", static_cast<int>(job.id.size()), job.id.data());
    for (char c : job.title) std::printf("%02x", static_cast<unsigned char>(c));
    std::printf("\n");
  }
}
)";
  testing::ScratchDir dir;
  for (const std::string& compiler : compilers()) {
    SCOPED_TRACE(compiler);
    EXPECT_EQ(build_and_run(compiler, dir, stub, main_source), expected);
  }
}

TEST(StubCompile, NoJobsIsAnEmptyTable) {
  const std::string main_source = R"(#include <cron/job_table.hpp>

#include <cstdio>

int main() { std::printf("%zu jobs\n", cron::registered_jobs().size()); }
)";
  testing::ScratchDir dir;
  for (const std::string& compiler : compilers()) {
    SCOPED_TRACE(compiler);
    EXPECT_EQ(build_and_run(compiler, dir, render_stub({}), main_source), "0 jobs\n");
  }
}

}  // namespace
}  // namespace cronc
