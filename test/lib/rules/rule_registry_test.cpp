#include "rules/rule_registry.hpp"

#include "diagnostic_text.hpp"
#include "job_builder.hpp"

#include <gtest/gtest.h>

#include <set>

namespace cronc {
namespace {

TEST(RuleRegistry, ListsTheCatalogueInOrder) {
  std::vector<std::string_view> ids;
  for (const Rule& rule : all_rules()) {
    ids.push_back(rule.id);
    EXPECT_FALSE(rule.summary.empty()) << rule.id;
    EXPECT_FALSE(rule.help.empty()) << rule.id;
    EXPECT_EQ(rule.check == nullptr, rule.id == "cron-id-duplicate") << rule.id;
  }
  EXPECT_EQ(ids, (std::vector<std::string_view>{
                     "cron-id-invalid", "cron-id-duplicate", "cron-schedule-missing", "cron-schedule-conflict",
                     "cron-every-syntax", "cron-every-range", "cron-every-divisor", "cron-schedule-syntax",
                     "cron-schedule-unsupported", "cron-schedule-never", "cron-endpoint-missing",
                     "cron-endpoint-params", "cron-endpoint-kind", "cron-endpoint-linkage", "cron-endpoint-return",
                     "cron-not-top-level", "cron-not-constant", "cron-time-zone-unknown", "cron-time-zone-every",
                     "cron-timeout-invalid", "cron-retries-range", "cron-jitter-invalid", "cron-schedule-dst"}));
}

/// Valid declarations of each form, with distinct IDs: `every` text, `schedule`, a macro, a static member endpoint
/// returning void, a chrono `every`.
std::vector<JobDecl> clean_jobs() {
  JobDecl schedule =
      test::build_job({.id = "accounting-sync", .every = std::nullopt, .schedule = "0 4 15 * *", .line = 20});
  JobDecl macro = test::build_job({.id = "hourly", .every = std::nullopt, .schedule = "@hourly", .line = 30});
  JobDecl static_member = test::build_job({.id = "nightly-report", .every = "24h", .line = 40});
  static_member.endpoint.kind = EndpointKind::static_member;
  static_member.endpoint.returns = ReturnKind::void_type;
  static_member.endpoint.return_type = "void";
  static_member.endpoint.declaring_header = "\"shop/reports.hpp\"";
  JobDecl chrono = test::build_chrono_job(90 * 60'000'000'000);
  chrono.id = test::literal("ninety-minutes", 10, 34, "chrono.cpp");
  JobDecl zoned = test::build_zoned_job("0 4 * * *", "Europe/Berlin");
  zoned.id = test::literal("berlin-report", 10, 34, "zoned.cpp");
  return {test::build_job(), schedule, macro, static_member, chrono, zoned};
}

TEST(RuleRegistry, CleanDeclarationsProduceNothingFromAnyRule) {
  std::vector<JobDecl> jobs = clean_jobs();
  for (const JobDecl& job : jobs) EXPECT_EQ(test::diagnose(check_declaration, job), "") << job.id.value;
  DiagnosticSink sink;
  check_duplicate_ids(jobs, sink);
  EXPECT_EQ(sink.error_count(), 0u);
}

TEST(RuleRegistry, CheckDeclarationRunsEveryPerDeclarationRule) {
  JobDecl job = test::build_job({.id = "Bad_Id", .every = std::nullopt});
  job.title = test::not_constant(test::columns(11, 14, 20));
  job.scope = DeclarationScope::local_variable;
  job.endpoint.kind = EndpointKind::lambda;
  job.time_zone = test::literal("Europe/Berln", 13, 40);
  DiagnosticSink sink;
  check_declaration(job, sink);
  std::set<std::string> rules;
  for (const Diagnostic& d : sink.sorted()) rules.insert(d.rule);
  EXPECT_EQ(rules, (std::set<std::string>{"cron-id-invalid", "cron-schedule-missing", "cron-endpoint-kind",
                                          "cron-not-top-level", "cron-not-constant", "cron-time-zone-unknown"}));
}

}  // namespace
}  // namespace cronc
