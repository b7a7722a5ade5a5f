#include "rules/checks.hpp"

#include "diagnostic_text.hpp"
#include "job_builder.hpp"

#include <gtest/gtest.h>

namespace cronc {
namespace {

using test::build_job;

std::string check(std::vector<JobDecl> jobs) {
  DiagnosticSink sink;
  check_duplicate_ids(std::move(jobs), sink);
  return test::render(sink.sorted());
}

constexpr const char* kAlreadyUsed =
    "error: job ID 'welcome-email' is already used by another job; give each job its own ID [cron-id-duplicate]\n";

TEST(IdDuplicate, ErrorAtTheLaterFileWithANoteAtTheFirst) {
  EXPECT_EQ(check({build_job({.line = 3, .file = "b.cpp"}), build_job({.line = 20, .file = "a.cpp"})}),
            std::string("b.cpp:3:34-3:49: ") + kAlreadyUsed +
                "a.cpp:20:34-20:49: note: 'welcome-email' is first declared here\n");
}

TEST(IdDuplicate, ThreeDeclarationsGiveTwoErrorsInLineAndColumnOrder) {
  JobDecl same_line = build_job({.line = 10});
  same_line.id = test::literal("welcome-email", 10, 80);
  EXPECT_EQ(check({build_job({.line = 30}), same_line, build_job({.line = 10})}),
            std::string("jobs.cpp:10:80-10:95: ") + kAlreadyUsed +
                "jobs.cpp:10:34-10:49: note: 'welcome-email' is first declared here\n"
                "jobs.cpp:30:34-30:49: " +
                kAlreadyUsed + "jobs.cpp:10:34-10:49: note: 'welcome-email' is first declared here\n");
}

TEST(IdDuplicate, OneDeclarationSeenFromSeveralTranslationUnitsCountsOnce) {
  JobDecl in_header = build_job({.file = "jobs.hpp"});
  EXPECT_EQ(check({in_header, in_header, in_header}), "");
  EXPECT_EQ(check({in_header, build_job({.file = "other.cpp"}), in_header}),
            std::string("other.cpp:10:34-10:49: ") + kAlreadyUsed +
                "jobs.hpp:10:34-10:49: note: 'welcome-email' is first declared here\n");
}

TEST(IdDuplicate, DistinctIdsAreFine) {
  EXPECT_EQ(check({build_job({.id = "a"}), build_job({.id = "b", .line = 20}), build_job({.id = "c", .line = 30})}),
            "");
  EXPECT_EQ(check({}), "");
}

TEST(IdDuplicate, EmptyAndNonConstantIdsAreLeftToOtherRules) {
  JobDecl not_constant = build_job();
  not_constant.id = test::not_constant(test::columns(10, 34, 37));
  JobDecl other_not_constant = not_constant;
  other_not_constant.id.range = test::columns(20, 34, 37);
  EXPECT_EQ(check({not_constant, other_not_constant}), "");
  EXPECT_EQ(check({build_job({.id = ""}), build_job({.id = "", .line = 20})}), "");
}

}  // namespace
}  // namespace cronc
