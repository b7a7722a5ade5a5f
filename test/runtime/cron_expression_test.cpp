#include <cron/cron_expression.hpp>

#include <gtest/gtest.h>

namespace cron {
namespace {

TEST(CronExpression, ParsesFiveFields) {
  auto parsed = parse_cron("0 4 15 * *");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed.value().minutes, 1u);
  EXPECT_EQ(parsed.value().hours, 1u << 4);
  EXPECT_EQ(parsed.value().days_of_month, 1u << 15);
  EXPECT_EQ(parsed.value().months, 0x1ffe);
  EXPECT_EQ(parsed.value().days_of_week, 0x7f);
}

}  // namespace
}  // namespace cron
