#include "rules/checks.hpp"

#include "diagnostic_text.hpp"
#include "job_builder.hpp"

#include <gtest/gtest.h>

#include <ostream>

namespace cronc {
namespace {

using test::build_job;
using test::diagnose;

constexpr const char* kNotKebab =
    "is not kebab-case; use lowercase letters, digits and dashes, starting with a letter [cron-id-invalid]\n";

TEST(IdInvalid, EmptyIdPointsAtTheWholeArgument) {
  EXPECT_EQ(diagnose(check_id_invalid, build_job({.id = ""})),
            "jobs.cpp:10:34-10:36: error: job ID is empty; use 1-63 characters of lowercase letters, digits and "
            "dashes, such as 'send-welcome-email' [cron-id-invalid]\n");
}

TEST(IdInvalid, TooLongPointsPastTheLimit) {
  std::string id(64, 'a');
  EXPECT_EQ(
      diagnose(check_id_invalid, build_job({.id = id})),
      "jobs.cpp:10:98-10:99: error: job ID '" + id + "' is 64 characters long; the limit is 63 [cron-id-invalid]\n");
}

TEST(IdInvalid, CamelCaseSuggestsKebabCaseWithAFixIt) {
  EXPECT_EQ(diagnose(check_id_invalid, build_job({.id = "sendWelcomeEmail"})),
            std::string("jobs.cpp:10:39-10:51: error: job ID 'sendWelcomeEmail' ") + kNotKebab +
                "jobs.cpp:10:34-10:34: note: did you mean 'send-welcome-email'?\n"
                "jobs.cpp:10:35-10:51: fix-it: \"send-welcome-email\"\n");
}

struct Spelling {
  std::string id;
  std::string range;  ///< the caret's, from the first offending character
  std::string kebab;
};

/// Names a case by its ID in test output.
void PrintTo(const Spelling& spelling, std::ostream* out) { *out << '"' << spelling.id << '"'; }

class IdSuggestion : public testing::TestWithParam<Spelling> {};

TEST_P(IdSuggestion, SuggestsTheKebabForm) {
  const auto& [id, range, kebab] = GetParam();
  std::string content = "10:35-10:" + std::to_string(35 + id.size());
  EXPECT_EQ(diagnose(check_id_invalid, build_job({.id = id})),
            "jobs.cpp:" + range + ": error: job ID '" + id + "' " + kNotKebab +
                "jobs.cpp:10:34-10:34: note: did you mean '" + kebab + "'?\njobs.cpp:" + content + ": fix-it: \"" +
                kebab + "\"\n");
}

INSTANTIATE_TEST_SUITE_P(Spellings, IdSuggestion,
                         testing::Values(Spelling{"Send_Welcome__Email", "10:35-10:54", "send-welcome-email"},
                                         Spelling{"HTTPServer", "10:35-10:45", "http-server"},
                                         Spelling{"welcome-", "10:42-10:43", "welcome"},
                                         Spelling{"-welcome", "10:35-10:43", "welcome"},
                                         Spelling{"v2Api", "10:37-10:40", "v2-api"},
                                         Spelling{"welcome.email2", "10:42-10:49", "welcome-email2"},
                                         Spelling{"welcome email", "10:42-10:48", "welcome-email"}));

TEST(IdInvalid, NoSuggestionWhenTheKebabFormIsStillInvalid) {
  EXPECT_EQ(diagnose(check_id_invalid, build_job({.id = "9lives"})),
            std::string("jobs.cpp:10:35-10:41: error: job ID '9lives' ") + kNotKebab);
  EXPECT_EQ(diagnose(check_id_invalid, build_job({.id = "__"})),
            std::string("jobs.cpp:10:35-10:37: error: job ID '__' ") + kNotKebab);
  EXPECT_EQ(diagnose(check_id_invalid, build_job({.id = "caf\xC3\xA9"})),
            std::string("jobs.cpp:10:38-10:40: error: job ID 'caf\xC3\xA9' ") + kNotKebab);
  std::string id(64, 'A');
  EXPECT_EQ(
      diagnose(check_id_invalid, build_job({.id = id})),
      "jobs.cpp:10:98-10:99: error: job ID '" + id + "' is 64 characters long; the limit is 63 [cron-id-invalid]\n");
}

TEST(IdInvalid, ConstantVariableGetsTheNoteButNoFixIt) {
  JobDecl job = build_job();
  job.id = test::named_constant("sendWelcomeEmail", test::columns(10, 34, 37));
  EXPECT_EQ(diagnose(check_id_invalid, job),
            std::string("jobs.cpp:10:34-10:37: error: job ID 'sendWelcomeEmail' ") + kNotKebab +
                "jobs.cpp:10:34-10:34: note: did you mean 'send-welcome-email'?\n");
}

TEST(IdInvalid, ValidOrNonConstantIdsAreNotItsConcern) {
  EXPECT_EQ(diagnose(check_id_invalid, build_job({.id = "a"})), "");
  EXPECT_EQ(diagnose(check_id_invalid, build_job({.id = "send-2-emails--now"})), "");
  EXPECT_EQ(diagnose(check_id_invalid, build_job({.id = std::string(63, 'a')})), "");
  JobDecl job = build_job();
  job.id = test::not_constant(test::columns(10, 34, 37));
  EXPECT_EQ(diagnose(check_id_invalid, job), "");
}

}  // namespace
}  // namespace cronc
