// The overlap planner: each policy's action for a tick, with and without a run going on and a tick waiting.

#include "scheduler/overlap_policy.hpp"

#include <gtest/gtest.h>

namespace cron::scheduler {
namespace {

TEST(OverlapPolicy, AnIdleJobStartsWhateverThePolicy) {
  for (Overlap policy : {Overlap::skip, Overlap::queue_one, Overlap::allow, Overlap::cancel_running})
    EXPECT_EQ(plan_overlap(policy, /*running=*/false, /*waiting=*/false), OverlapAction::start) << to_string(policy);
}

TEST(OverlapPolicy, SkipRecordsTheTickSkipped) {
  EXPECT_EQ(plan_overlap(Overlap::skip, true, false), OverlapAction::skip);
}

TEST(OverlapPolicy, QueueOneKeepsOneTickWaitingAndSkipsLaterOnes) {
  EXPECT_EQ(plan_overlap(Overlap::queue_one, true, false), OverlapAction::queue);
  EXPECT_EQ(plan_overlap(Overlap::queue_one, true, true), OverlapAction::skip);
}

TEST(OverlapPolicy, AllowRunsSideBySide) {
  EXPECT_EQ(plan_overlap(Overlap::allow, true, false), OverlapAction::start);
}

TEST(OverlapPolicy, CancelRunningStopsTheRunOnceAndTheWaitingTickIsKept) {
  EXPECT_EQ(plan_overlap(Overlap::cancel_running, true, false), OverlapAction::cancel_and_queue);
  EXPECT_EQ(plan_overlap(Overlap::cancel_running, true, true), OverlapAction::skip);
}

}  // namespace
}  // namespace cron::scheduler
