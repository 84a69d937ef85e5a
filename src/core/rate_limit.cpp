#include "core/rate_limit.h"

namespace pillars {

void SlidingWindowLimiter::expire(std::deque<Millis>& events, Millis now) const {
  while (!events.empty() && events.front() <= now - window_) events.pop_front();
}

int SlidingWindowLimiter::retry_after_seconds(const std::string& key, Millis now) {
  auto it = events_.find(key);
  if (it == events_.end()) return 0;
  expire(it->second, now);
  if (it->second.size() < limit_) return 0;
  // The oldest event that keeps the key at its limit must leave the window first.
  Millis free_at = it->second[it->second.size() - limit_] + window_;
  Millis wait = free_at - now;
  return static_cast<int>((wait + 999) / 1000);
}

void SlidingWindowLimiter::record(const std::string& key, Millis now) {
  auto& events = events_[key];
  expire(events, now);
  events.push_back(now);
  // Keep no more history than the decision needs.
  while (events.size() > limit_ && limit_ > 0) events.pop_front();
}

void SlidingWindowLimiter::prune(Millis now) {
  for (auto it = events_.begin(); it != events_.end();) {
    expire(it->second, now);
    it = it->second.empty() ? events_.erase(it) : std::next(it);
  }
}

}  // namespace pillars
