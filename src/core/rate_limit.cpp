#include "core/rate_limit.h"

#include <algorithm>

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

int SlidingWindowLimiter::take(const std::string& key, Millis now) {
  if (int wait = retry_after_seconds(key, now); wait > 0) return wait;
  record(key, now);
  return 0;
}

void SlidingWindowLimiter::give_back(const std::string& key) {
  auto it = events_.find(key);
  if (it == events_.end()) return;
  if (!it->second.empty()) it->second.pop_back();
  if (it->second.empty()) events_.erase(it);
}

void SlidingWindowLimiter::prune(Millis now) {
  for (auto it = events_.begin(); it != events_.end();) {
    expire(it->second, now);
    it = it->second.empty() ? events_.erase(it) : std::next(it);
  }
}

namespace {
// Keys joined with a character that appears in neither emails nor addresses nor device ids.
std::string key(const std::string& a, const std::string& b) { return a + '\n' + b; }
}  // namespace

LoginLimiter::LoginLimiter(LoginLimits limits)
    : limits_(limits),
      device_(limits.per_device, limits.window),
      pair_(limits.per_account_and_address, limits.window),
      address_(limits.per_address, limits.window),
      account_(limits.account_wide, limits.window) {}

int LoginLimiter::take(const LoginAttempt& a, Millis now) {
  if (!a.device.empty()) return device_.take(key(a.account, a.device), now);
  const std::string pair = key(a.account, a.address);
  int wait = std::max({pair_.retry_after_seconds(pair, now), address_.retry_after_seconds(a.address, now),
                       account_.retry_after_seconds(a.account, now)});
  if (wait > 0) return wait;
  pair_.record(pair, now);
  address_.record(a.address, now);
  account_.record(a.account, now);
  return 0;
}

void LoginLimiter::succeeded(const LoginAttempt& a) {
  if (!a.device.empty()) {
    device_.clear(key(a.account, a.device));
    return;
  }
  pair_.clear(key(a.account, a.address));
  address_.give_back(a.address);
  account_.give_back(a.account);
}

void LoginLimiter::prune(Millis now) {
  for (auto* limiter : {&device_, &pair_, &address_, &account_}) limiter->prune(now);
}

}  // namespace pillars
