// A fixed-budget sliding-window limiter: at most `limit` events per key within `window`. Pure logic
// with the clock passed in, so tests control time; the caller provides any locking it needs.
#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <unordered_map>

#include "core/types.h"

namespace pillars {

class SlidingWindowLimiter {
 public:
  SlidingWindowLimiter(std::size_t limit, Millis window) : limit_(limit), window_(window) {}

  // Seconds until `key` may act again, or 0 when it may act now. Does not record anything.
  int retry_after_seconds(const std::string& key, Millis now);

  // Records one event for `key` at `now`.
  void record(const std::string& key, Millis now);

  // Forgets `key` (after a successful sign-in, say).
  void clear(const std::string& key) { events_.erase(key); }

  // Drops keys whose events are all older than the window; bounds memory.
  void prune(Millis now);

  std::size_t limit() const { return limit_; }
  std::size_t tracked_keys() const { return events_.size(); }

 private:
  void expire(std::deque<Millis>& events, Millis now) const;

  std::size_t limit_;
  Millis window_;
  std::unordered_map<std::string, std::deque<Millis>> events_;
};

}  // namespace pillars
