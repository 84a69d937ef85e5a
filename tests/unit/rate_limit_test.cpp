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


LoginLimits small_limits() {
  LoginLimits l;
  l.per_device = 3;
  l.per_account_and_address = 3;
  l.per_address = 5;
  l.account_wide = 6;
  l.window = 15 * kMinute;
  return l;
}

TEST(LoginLimiter, LimitsAnAccountFromOneAddressWithoutLimitingOtherAddresses) {
  LoginLimiter limiter(small_limits());
  LoginAttempt guesser{"mara@example.test", "203.0.113.7", ""};
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(limiter.retry_after_seconds(guesser, i), 0);
    limiter.failed(guesser, i);
  }
  EXPECT_GT(limiter.retry_after_seconds(guesser, 3), 0);
  EXPECT_EQ(limiter.retry_after_seconds({"mara@example.test", "198.51.100.2", ""}, 3), 0)
      << "the owner at another address is not locked out";
  EXPECT_EQ(limiter.retry_after_seconds({"noor@example.test", "203.0.113.7", ""}, 3), 0)
      << "other accounts from the guesser's address are not limited yet";
}

TEST(LoginLimiter, AKnownDeviceIsCountedOnItsOwn) {
  LoginLimiter limiter(small_limits());
  // Guessers from many addresses use up the account-wide budget for unknown devices.
  for (int i = 0; i < 6; ++i) limiter.failed({"mara@example.test", "203.0.113." + std::to_string(i), ""}, i);
  EXPECT_GT(limiter.retry_after_seconds({"mara@example.test", "198.51.100.2", ""}, 10), 0)
      << "an unknown device anywhere now waits";
  LoginAttempt phone{"mara@example.test", "203.0.113.1", "device-1"};
  EXPECT_EQ(limiter.retry_after_seconds(phone, 10), 0) << "the owner's phone is never limited by others' failures";

  // Its own failures do count, and a success clears them.
  for (int i = 0; i < 3; ++i) limiter.failed(phone, 20);
  EXPECT_GT(limiter.retry_after_seconds(phone, 21), 0);
  EXPECT_EQ(limiter.retry_after_seconds({"mara@example.test", "203.0.113.1", "device-2"}, 21), 0);
  limiter.succeeded(phone);
  EXPECT_EQ(limiter.retry_after_seconds(phone, 22), 0);
}

TEST(LoginLimiter, LimitsOneAddressSprayingManyAccounts) {
  LoginLimiter limiter(small_limits());
  for (int i = 0; i < 5; ++i) limiter.failed({"user" + std::to_string(i) + "@example.test", "203.0.113.7", ""}, i);
  EXPECT_GT(limiter.retry_after_seconds({"ines@example.test", "203.0.113.7", ""}, 5), 0);
  EXPECT_EQ(limiter.retry_after_seconds({"ines@example.test", "203.0.113.7", "device-9"}, 5), 0)
      << "a known device behind the same address still gets in";
  EXPECT_EQ(limiter.retry_after_seconds({"ines@example.test", "198.51.100.2", ""}, 5), 0);
}

TEST(LoginLimiter, ASuccessClearsThePairButNotWhatAGuesserCouldReset) {
  LoginLimiter limiter(small_limits());
  LoginAttempt owner{"mara@example.test", "198.51.100.2", ""};
  limiter.failed(owner, 0);
  limiter.failed(owner, 0);
  limiter.succeeded(owner);
  limiter.failed(owner, 1);
  limiter.failed(owner, 1);
  EXPECT_EQ(limiter.retry_after_seconds(owner, 2), 0) << "the pair restarted at the success";
  limiter.failed({"other@example.test", "198.51.100.2", ""}, 2);
  // Five failures from this address so far: the per-address budget is spent whatever the successes.
  EXPECT_GT(limiter.retry_after_seconds({"third@example.test", "198.51.100.2", ""}, 3), 0);
}

TEST(LoginLimiter, EverythingAgesOutOfTheWindow) {
  LoginLimiter limiter(small_limits());
  LoginAttempt guesser{"mara@example.test", "203.0.113.7", ""};
  for (int i = 0; i < 6; ++i) limiter.failed(guesser, 0);
  int wait = limiter.retry_after_seconds(guesser, kMinute);
  EXPECT_EQ(wait, 14 * 60);
  EXPECT_EQ(limiter.retry_after_seconds(guesser, 15 * kMinute), 0);
  limiter.prune(15 * kMinute);
  EXPECT_EQ(limiter.retry_after_seconds(guesser, 15 * kMinute), 0);
}

}  // namespace
}  // namespace pillars
