// The app context owns the one clock: now() and the rate limiters read the time it is given.
#include "api/app_context.h"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include <atomic>
#include <functional>
#include <optional>

namespace pillars::api {
namespace {

// A store no test here submits to.
class UnusedStore final : public store::Store {
 public:
  void submit_read(ReadJob) override { ADD_FAILURE() << "unexpected read"; }
  void submit_write(WriteJob, Committed) override { ADD_FAILURE() << "unexpected write"; }
  void close() override {}
};

class AppContextClockTest : public ::testing::Test {
 protected:
  AppContext make(Settings settings = {}) {
    return AppContext(store_, [this] { return time_.load(); }, cpu_, std::move(settings), metrics_, events_,
                      catalog_, "{}");
  }

  std::atomic<Millis> time_{1'764'072'000'000};
  UnusedStore store_;
  boost::asio::thread_pool cpu_{1};
  http::ServerMetrics metrics_;
  http::EventHub events_;
  Catalog catalog_;
};

TEST_F(AppContextClockTest, NowIsTheTimeOfTheGivenClock) {
  AppContext app = make();
  EXPECT_EQ(app.now(), 1'764'072'000'000);
  time_ = 42;
  EXPECT_EQ(app.now(), 42) << "now() reads the clock each time, not the system's";
}

// Runs a rate-limit check to its end; the wait it answers (on a store nobody shares, it is counted
// in memory, so the unused store is never asked).
int run(const std::function<boost::asio::awaitable<Result<int>>()>& check) {
  boost::asio::io_context io;
  std::optional<Result<int>> out;
  boost::asio::co_spawn(
      io, [&]() -> boost::asio::awaitable<void> { out = co_await check(); }, boost::asio::detached);
  io.run();
  EXPECT_TRUE(out && *out);
  return out && *out ? **out : -1;
}

TEST_F(AppContextClockTest, RateLimitsCountTimeOnTheGivenClock) {
  Settings settings;
  settings.signup_limit_per_address = 2;
  AppContext app = make(settings);
  const std::string address = "192.0.2.1";
  auto signup = [&] { return run([&] { return app.take_signup(address); }); };
  EXPECT_EQ(signup(), 0);
  EXPECT_EQ(signup(), 0);
  EXPECT_GT(signup(), 0) << "the third sign-up within the hour waits";
  time_ += 30LL * 60 * 1000;
  EXPECT_GT(signup(), 0) << "half an hour later it still waits";
  time_ += 31LL * 60 * 1000;
  EXPECT_EQ(signup(), 0) << "once the hour has passed on the clock, it is let through";
}

}  // namespace
}  // namespace pillars::api
