#include "rules/checks.hpp"

#include "diagnostic_text.hpp"
#include "job_builder.hpp"

#include <gtest/gtest.h>

namespace cronc {
namespace {

using test::build_job;
using test::diagnose;

constexpr const char* kHowTo = "write hours and minutes such as \"30m\", \"2h\" or \"1h30m\" [cron-every-syntax]\n";

TEST(EverySyntax, CaretOnTheUnknownUnit) {
  EXPECT_EQ(diagnose(check_every_syntax, build_job({.every = "2x"})),
            std::string("jobs.cpp:12:16-12:17: error: invalid interval '2x': unexpected 'x'; ") + kHowTo);
  // The unexpected byte is the whole value, but the caret still belongs on it, not on the opening quote.
  EXPECT_EQ(diagnose(check_every_syntax, build_job({.every = "x"})),
            std::string("jobs.cpp:12:15-12:16: error: invalid interval 'x': unexpected 'x'; ") + kHowTo);
}

TEST(EverySyntax, MissingUnitPointsWhereItBelongs) {
  EXPECT_EQ(diagnose(check_every_syntax, build_job({.every = "10"})),
            std::string("jobs.cpp:12:17-12:17: error: invalid interval '10'; ") + kHowTo);
}

TEST(EverySyntax, EmptyInterval) {
  EXPECT_EQ(diagnose(check_every_syntax, build_job({.every = ""})),
            std::string("jobs.cpp:12:14-12:16: error: invalid interval ''; ") + kHowTo);
}

TEST(EverySyntax, ConstantVariablePointsAtTheArgument) {
  JobDecl job = build_job();
  job.every.text = test::named_constant("two hours", test::columns(12, 14, 23));
  EXPECT_EQ(diagnose(check_every_syntax, job),
            std::string("jobs.cpp:12:14-12:23: error: invalid interval 'two hours': unexpected 't'; ") + kHowTo);
}

TEST(EverySyntax, OtherProblemsAreNotItsConcern) {
  for (std::string every : {"2h", "1h30m", "1.5h", "7h", "90s", "25h"})
    EXPECT_EQ(diagnose(check_every_syntax, build_job({.every = every})), "") << every;
  JobDecl job = build_job();
  job.every.text = test::not_constant(test::columns(12, 14, 23));
  EXPECT_EQ(diagnose(check_every_syntax, job), "");
  EXPECT_EQ(diagnose(check_every_syntax, build_job({.every = "2x", .schedule = "0 4 * * *"})), "");
}

}  // namespace
}  // namespace cronc
