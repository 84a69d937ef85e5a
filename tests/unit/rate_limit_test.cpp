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


TEST(WindowWait, CountsOnlyTheEventsStillInTheWindow) {
  const std::vector<Millis> hits{0, kMinute, 2 * kMinute};
  EXPECT_EQ(window_wait(hits, 4, 15 * kMinute, 3 * kMinute), 0) << "under the limit";
  EXPECT_EQ(window_wait(hits, 3, 15 * kMinute, 3 * kMinute), 12 * 60) << "the oldest leaves at 15 minutes";
  EXPECT_EQ(window_wait(hits, 2, 15 * kMinute, 3 * kMinute), 13 * 60)
      << "with two allowed, the second oldest must leave";
  EXPECT_EQ(window_wait(hits, 3, 15 * kMinute, 15 * kMinute), 0) << "the first has left the window";
  EXPECT_EQ(window_wait(hits, 3, 15 * kMinute, 15 * kMinute - 1), 1) << "rounded up to a whole second";
  EXPECT_EQ(window_wait({}, 1, kMinute, 0), 0);
  EXPECT_EQ(window_wait({}, 0, kMinute, 0), 60) << "no budget at all waits the whole window";
}

TEST(Counters, AnEventIsCountedUnderAllItsLimitsOrNone) {
  Counters counters;
  const Counter narrow{"narrow", "k", 1, kMinute};
  const Counter wide{"wide", "k", 5, kMinute};
  EXPECT_EQ(counters.take({narrow, wide}, 0), 0);
  EXPECT_EQ(counters.take({narrow, wide}, 1), 60) << "the narrow one is full";
  // The refused event was not counted in the wide one: four more fit there.
  for (int i = 0; i < 4; ++i) EXPECT_EQ(counters.take({wide}, 2), 0);
  EXPECT_GT(counters.take({wide}, 2), 0);
  EXPECT_EQ(counters.take({{"narrow", "other", 1, kMinute}}, 2), 0) << "keys are independent";
  counters.undo({{narrow}, {wide}});
  EXPECT_EQ(counters.take({narrow}, 3), 0) << "cleared";
  EXPECT_EQ(counters.take({wide}, 3), 0) << "one given back";
  EXPECT_GT(counters.take({wide}, 3), 0);
}

TEST(LoginCounters, AKnownDeviceIsJudgedAloneAndAnyOtherAttemptThreeWays) {
  LoginLimits limits;
  auto device = login_counters({"ada@example.org", "192.0.2.1", "dev1"}, limits);
  ASSERT_EQ(device.size(), 1u);
  EXPECT_EQ(device[0].limit, limits.per_device);
  EXPECT_NE(device[0].key.find("dev1"), std::string::npos);
  auto unknown = login_counters({"ada@example.org", "192.0.2.1", ""}, limits);
  ASSERT_EQ(unknown.size(), 3u);
  EXPECT_EQ(unknown[0].limit, limits.per_account_and_address);
  EXPECT_EQ(unknown[1].key, "192.0.2.1");
  EXPECT_EQ(unknown[1].limit, limits.per_address);
  EXPECT_EQ(unknown[2].key, "ada@example.org");
  EXPECT_EQ(unknown[2].limit, limits.account_wide);
  for (const auto& c : unknown) EXPECT_EQ(c.window, limits.window);
  // Success clears what it was judged by and only gives back its own event elsewhere.
  Undo undo = login_success({"ada@example.org", "192.0.2.1", ""}, limits);
  ASSERT_EQ(undo.clear.size(), 1u);
  EXPECT_EQ(undo.clear[0].limiter, unknown[0].limiter);
  ASSERT_EQ(undo.give_back.size(), 2u);
  EXPECT_EQ(undo.give_back[0].limiter, unknown[1].limiter);
  EXPECT_EQ(undo.give_back[1].limiter, unknown[2].limiter);
  Undo by_device = login_success({"ada@example.org", "192.0.2.1", "dev1"}, limits);
  ASSERT_EQ(by_device.clear.size(), 1u);
  EXPECT_EQ(by_device.clear[0].key, device[0].key);
  EXPECT_TRUE(by_device.give_back.empty());
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

TEST(SlidingWindowLimiter, TakeChecksAndRecordsAtOnceAndGiveBackUndoesIt) {
  SlidingWindowLimiter limiter(2, kMinute);
  EXPECT_EQ(limiter.take("a", 0), 0);
  EXPECT_EQ(limiter.take("a", 0), 0);
  EXPECT_EQ(limiter.take("a", 0), 60) << "the third is refused and not recorded";
  limiter.give_back("a");
  EXPECT_EQ(limiter.take("a", 0), 0);
  limiter.give_back("a");
  limiter.give_back("a");
  limiter.give_back("a");
  EXPECT_EQ(limiter.tracked_keys(), 0u) << "giving back more than was taken is harmless";
}

TEST(LoginLimiter, LimitsAnAccountFromOneAddressWithoutLimitingOtherAddresses) {
  LoginLimiter limiter(small_limits());
  LoginAttempt guesser{"mara@example.test", "203.0.113.7", ""};
  for (int i = 0; i < 3; ++i) EXPECT_EQ(limiter.take(guesser, i), 0);
  EXPECT_GT(limiter.take(guesser, 3), 0);
  EXPECT_EQ(limiter.take({"mara@example.test", "198.51.100.2", ""}, 3), 0)
      << "the owner at another address is not locked out";
  EXPECT_EQ(limiter.take({"noor@example.test", "203.0.113.7", ""}, 3), 0)
      << "other accounts from the guesser's address are not limited yet";
}

TEST(LoginLimiter, AttemptsCountBeforeTheirOutcomeSoParallelGuessesCannotSlipThrough) {
  LoginLimiter limiter(small_limits());
  LoginAttempt guesser{"mara@example.test", "203.0.113.7", ""};
  // Three attempts in flight at once, none answered yet: the fourth already waits.
  for (int i = 0; i < 3; ++i) EXPECT_EQ(limiter.take(guesser, 0), 0);
  EXPECT_GT(limiter.take(guesser, 0), 0);
}

TEST(LoginLimiter, AKnownDeviceIsCountedOnItsOwn) {
  LoginLimiter limiter(small_limits());
  // Guessers from many addresses use up the account-wide budget for unknown devices.
  for (int i = 0; i < 6; ++i) EXPECT_EQ(limiter.take({"mara@example.test", "203.0.113." + std::to_string(i), ""}, i), 0);
  EXPECT_GT(limiter.take({"mara@example.test", "198.51.100.2", ""}, 10), 0) << "an unknown device anywhere now waits";
  LoginAttempt phone{"mara@example.test", "203.0.113.1", "device-1"};
  EXPECT_EQ(limiter.take(phone, 10), 0) << "the owner's phone is never limited by others' failures";

  // Its own failures do count, and a success clears them.
  EXPECT_EQ(limiter.take(phone, 11), 0);
  EXPECT_EQ(limiter.take(phone, 12), 0);
  EXPECT_GT(limiter.take(phone, 13), 0);
  EXPECT_EQ(limiter.take({"mara@example.test", "203.0.113.1", "device-2"}, 13), 0) << "another device of hers";
  limiter.succeeded(phone);
  EXPECT_EQ(limiter.take(phone, 14), 0);
}

TEST(LoginLimiter, LimitsOneAddressSprayingManyAccounts) {
  LoginLimiter limiter(small_limits());
  for (int i = 0; i < 5; ++i) EXPECT_EQ(limiter.take({"user" + std::to_string(i) + "@example.test", "203.0.113.7", ""}, i), 0);
  EXPECT_GT(limiter.take({"ines@example.test", "203.0.113.7", ""}, 5), 0);
  EXPECT_EQ(limiter.take({"ines@example.test", "203.0.113.7", "device-9"}, 5), 0)
      << "a known device behind the same address still gets in";
  EXPECT_EQ(limiter.take({"ines@example.test", "198.51.100.2", ""}, 5), 0);
}

TEST(LoginLimiter, SuccessesAreNotCountedButCannotResetAGuessersCounters) {
  LoginLimiter limiter(small_limits());
  LoginAttempt owner{"mara@example.test", "198.51.100.2", ""};
  for (int i = 0; i < 20; ++i) {
    ASSERT_EQ(limiter.take(owner, i), 0) << "signing in often is never limited";
    limiter.succeeded(owner);
  }
  // A guesser spends 4 of the address's 5, signs in to an account of their own, then fails once more.
  LoginAttempt own{"guesser@example.test", "203.0.113.7", ""};
  for (int i = 0; i < 4; ++i) EXPECT_EQ(limiter.take({"user" + std::to_string(i) + "@example.test", "203.0.113.7", ""}, 0), 0);
  EXPECT_EQ(limiter.take(own, 0), 0);
  limiter.succeeded(own);
  EXPECT_EQ(limiter.take({"user9@example.test", "203.0.113.7", ""}, 0), 0);
  EXPECT_GT(limiter.take({"user10@example.test", "203.0.113.7", ""}, 0), 0) << "the address's 5 failures stand";
}

TEST(LoginLimiter, EverythingAgesOutOfTheWindow) {
  LoginLimiter limiter(small_limits());
  LoginAttempt guesser{"mara@example.test", "203.0.113.7", ""};
  for (int i = 0; i < 3; ++i) EXPECT_EQ(limiter.take(guesser, 0), 0);
  EXPECT_EQ(limiter.take(guesser, kMinute), 14 * 60);
  limiter.prune(15 * kMinute);
  EXPECT_EQ(limiter.take(guesser, 15 * kMinute), 0);
}

}  // namespace
}  // namespace pillars
