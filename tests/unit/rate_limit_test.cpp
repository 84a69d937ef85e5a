#include "core/rate_limit.h"

#include <gtest/gtest.h>

namespace pillars {
namespace {

constexpr Millis kMinute = 60'000;

TEST(SlidingWindowLimiter, AllowsUpToTheLimitThenAsksToWait) {
  SlidingWindowLimiter limiter(3, 15 * kMinute);
  Millis t = 1'000'000;
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(limiter.retry_after_seconds("a", t), 0);
    limiter.record("a", t);
    t += kMinute;
  }
  // Three events at t0, t0+1m, t0+2m; now t0+3m: the first leaves the window at t0+15m.
  EXPECT_EQ(limiter.retry_after_seconds("a", t), 12 * 60);
  EXPECT_EQ(limiter.retry_after_seconds("b", t), 0) << "keys are independent";
}

TEST(SlidingWindowLimiter, ForgetsEventsOutsideTheWindow) {
  SlidingWindowLimiter limiter(2, 10 * kMinute);
  limiter.record("a", 0);
  limiter.record("a", kMinute);
  EXPECT_GT(limiter.retry_after_seconds("a", 2 * kMinute), 0);
  EXPECT_EQ(limiter.retry_after_seconds("a", 10 * kMinute + 1), 0);
}

TEST(SlidingWindowLimiter, ClearAndPrune) {
  SlidingWindowLimiter limiter(1, kMinute);
  limiter.record("a", 0);
  limiter.record("b", 0);
  EXPECT_GT(limiter.retry_after_seconds("a", 1), 0);
  limiter.clear("a");
  EXPECT_EQ(limiter.retry_after_seconds("a", 1), 0);
  limiter.prune(2 * kMinute);
  EXPECT_EQ(limiter.tracked_keys(), 0u);
}

}  // namespace
}  // namespace pillars
