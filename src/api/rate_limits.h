// Where rate limits are counted. The rules are core's (core/rate_limit.h): an event is judged by
// its counters and counted in all of them or none. One instance on its own counts in memory; when
// instances share the database (store().shared()), each check is one write job that takes a lock,
// reads the counters' events, decides with core's rule and records the event, so every instance
// counts the same events and two cannot both pass the last place under a limit.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/rate_limit.h"
#include "crypto/seal.h"
#include "store/store.h"

namespace pillars::api {

class RateLimits {
 public:
  virtual ~RateLimits() = default;
  // 0 when the event is let through (and counted in every counter), else the seconds to wait and
  // nothing counted; an error when the counters cannot be read. (By reference, as every coroutine's
  // parameters here: the caller's frame outlives the call.)
  virtual boost::asio::awaitable<Result<int>> take(const std::vector<Counter>& counters, Millis now) = 0;
  // Clears or gives back counts (an attempt that turned out right). Returns at once; any write the
  // caller makes afterwards commits after it.
  virtual void undo(Undo undo) = 0;
};

// Counted in this instance's memory, thread-safe; pruned now and then as time passes.
std::unique_ptr<RateLimits> memory_rate_limits();
// Counted in the store's rate_hits, each key replaced by its keyed hash under `key` (so no email
// or address is stored). Old rows go with the store's sweep (delete_rate_hits_before).
std::unique_ptr<RateLimits> store_rate_limits(store::Store& store, std::shared_ptr<const crypto::Sealer> key);

// What a handler answers after a check: nothing when the event was let through, else 429 with
// Retry-After and `message`, or the error that kept it from being counted.
std::optional<Error> refused(const Result<int>& wait, std::string_view message);

// Every limit's window is at most this long; events older than it count for nothing.
inline constexpr Millis kLongestRateWindow = 3600LL * 1000;

}  // namespace pillars::api
