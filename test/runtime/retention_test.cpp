// CRON_HISTORY_KEEP and CRON_HISTORY_MAX_AGE as text: what they accept, and the one line that says why not.

#include <cron/retention.hpp>

#include <gtest/gtest.h>

namespace cron {
namespace {

using namespace std::chrono_literals;

TEST(RetentionTest, DefaultsToAThousandPerJobAndThirtyDays) {
  HistoryRetention retention;
  EXPECT_EQ(retention.keep_per_job, 1000u);
  EXPECT_EQ(retention.max_age, std::chrono::days(30));
}

TEST(RetentionTest, ParsesTheNumberToKeep) {
  EXPECT_EQ(parse_history_keep("1000").value, 1000u);
  EXPECT_EQ(parse_history_keep("1").value, 1u);
  for (std::string_view bad : {"", "0", "-5", "10k", " 10", "1e3", "99999999999999999999999"}) {
    auto parsed = parse_history_keep(bad);
    EXPECT_FALSE(parsed.value) << bad;
    EXPECT_EQ(parsed.error, "CRON_HISTORY_KEEP='" + std::string(bad) +
                                "' is not a number of executions to keep per job (a whole number from 1, such as "
                                "1000)");
  }
}

TEST(RetentionTest, ParsesAnAge) {
  EXPECT_EQ(parse_history_max_age("30d").value, std::chrono::days(30));
  EXPECT_EQ(parse_history_max_age("12h").value, 12h);
  EXPECT_EQ(parse_history_max_age("90m").value, 90min);
  EXPECT_EQ(parse_history_max_age("3600s").value, 1h);
  EXPECT_EQ(parse_history_max_age("1d12h").value, 36h);
  for (std::string_view bad : {"", "30", "d", "30 d", "30y", "59s", "0d", "1d-2h", "99999999999999999999d"}) {
    auto parsed = parse_history_max_age(bad);
    EXPECT_FALSE(parsed.value) << bad;
    EXPECT_EQ(parsed.error, "CRON_HISTORY_MAX_AGE='" + std::string(bad) +
                                "' is not an age of at least a minute (such as 30d, 12h, 90m or 1d12h)");
  }
}

}  // namespace
}  // namespace cron
