#include "api/rate_limits.h"

#include <mutex>

#include "api/async_store.h"

namespace pillars::api {

namespace {

class MemoryRateLimits final : public RateLimits {
 public:
  boost::asio::awaitable<Result<int>> take(const std::vector<Counter>& counters, Millis now) override {
    std::lock_guard lock(mutex_);
    if (now - last_prune_ > kLongestRateWindow) {
      counters_.prune(now);
      last_prune_ = now;
    }
    co_return counters_.take(counters, now);
  }

  void undo(Undo undo) override {
    std::lock_guard lock(mutex_);
    counters_.undo(undo);
  }

 private:
  std::mutex mutex_;
  Counters counters_;
  Millis last_prune_ = 0;
};

class StoreRateLimits final : public RateLimits {
 public:
  StoreRateLimits(store::Store& store, std::shared_ptr<const crypto::Sealer> key) : store_(store), key_(std::move(key)) {}

  boost::asio::awaitable<Result<int>> take(const std::vector<Counter>& given, Millis now) override {
    std::vector<Counter> counters = given;
    hash_keys(counters);
    co_return co_await write(store_, [&](store::WriteTx& tx) -> Result<int> {
      if (auto locked = tx.lock_rate_limits(); !locked) return std::unexpected(locked.error());
      int wait = 0;
      for (const auto& c : counters) {
        auto hits = tx.rate_hits(c.limiter, c.key, now - c.window);
        if (!hits) return std::unexpected(hits.error());
        wait = std::max(wait, window_wait(*hits, c.limit, c.window, now));
      }
      if (wait > 0) return wait;
      for (const auto& c : counters)
        if (auto added = tx.add_rate_hit(c.limiter, c.key, now); !added) return std::unexpected(added.error());
      return 0;
    });
  }

  void undo(Undo undo) override {
    hash_keys(undo.clear);
    hash_keys(undo.give_back);
    store_.submit_write(
        [undo = std::move(undo)](store::WriteTx& tx) {
          for (const auto& c : undo.clear)
            if (!tx.clear_rate_hits(c.limiter, c.key)) return false;
          for (const auto& c : undo.give_back)
            if (!tx.give_back_rate_hit(c.limiter, c.key)) return false;
          return true;
        },
        nullptr);
  }

 private:
  void hash_keys(std::vector<Counter>& counters) const {
    for (auto& c : counters) c.key = key_->keyed_hash("ratelimt", c.limiter + '\n' + c.key);
  }

  store::Store& store_;
  std::shared_ptr<const crypto::Sealer> key_;
};

}  // namespace

std::optional<Error> refused(const Result<int>& wait, std::string_view message) {
  if (!wait) return wait.error();
  if (*wait == 0) return std::nullopt;
  Error e(Errc::rate_limited, std::string(message));
  e.retry_after_seconds = *wait;
  return e;
}

std::unique_ptr<RateLimits> memory_rate_limits() { return std::make_unique<MemoryRateLimits>(); }

std::unique_ptr<RateLimits> store_rate_limits(store::Store& store, std::shared_ptr<const crypto::Sealer> key) {
  return std::make_unique<StoreRateLimits>(store, std::move(key));
}

}  // namespace pillars::api
