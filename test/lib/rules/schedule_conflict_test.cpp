#include "rules/checks.hpp"
#include "rules/rule_registry.hpp"

#include "diagnostic_text.hpp"
#include "job_builder.hpp"

#include <gtest/gtest.h>

namespace cronc {
namespace {

using test::build_job;
using test::diagnose;

TEST(ScheduleConflict, ErrorAtTheScheduleWithANoteAtEvery) {
  EXPECT_EQ(diagnose(check_schedule_conflict, build_job({.schedule = "0 4 * * *"})),
            "jobs.cpp:13:17-13:28: error: job 'welcome-email' sets both .every and .schedule; keep one of them "
            "[cron-schedule-conflict]\n"
            "jobs.cpp:12:14-12:18: note: .every is set here\n");
}

TEST(ScheduleConflict, NeitherValueIsCheckedWhenBothAreSet) {
  EXPECT_EQ(diagnose(check_declaration, build_job({.every = "7h", .schedule = "60 * * * *"})),
            "jobs.cpp:13:17-13:29: error: job 'welcome-email' sets both .every and .schedule; keep one of them "
            "[cron-schedule-conflict]\n"
            "jobs.cpp:12:14-12:18: note: .every is set here\n");
}

TEST(ScheduleConflict, OneOfThemIsFine) {
  EXPECT_EQ(diagnose(check_schedule_conflict, build_job()), "");
  EXPECT_EQ(diagnose(check_schedule_conflict, test::build_schedule_job("0 4 * * *")), "");
  EXPECT_EQ(diagnose(check_schedule_conflict, build_job({.every = std::nullopt})), "");
}

}  // namespace
}  // namespace cronc
