#include "core/rate_limit.h"

#include <algorithm>

namespace pillars {

int window_wait(std::span<const Millis> hits, std::size_t limit, Millis window, Millis now) {
  auto first = std::find_if(hits.begin(), hits.end(), [&](Millis at) { return at > now - window; });
  const auto within = static_cast<std::size_t>(hits.end() - first);
  if (within < limit) return 0;
  // The oldest event that keeps the key at its limit must leave the window first (with no budget
  // at all, the whole window).
  const Millis free_at = limit == 0 ? now + window : *(first + static_cast<std::ptrdiff_t>(within - limit)) + window;
  return static_cast<int>((free_at - now + 999) / 1000);
}

void SlidingWindowLimiter::expire(std::vector<Millis>& events, Millis now) const {
  auto first = std::find_if(events.begin(), events.end(), [&](Millis at) { return at > now - window_; });
  events.erase(events.begin(), first);
}

int SlidingWindowLimiter::retry_after_seconds(const std::string& key, Millis now) {
  auto it = events_.find(key);
  if (it == events_.end()) return 0;
  expire(it->second, now);
  return window_wait(it->second, limit_, window_, now);
}

void SlidingWindowLimiter::record(const std::string& key, Millis now) {
  auto& events = events_[key];
  expire(events, now);
  events.push_back(now);
  // Keep no more history than the decision needs.
  if (limit_ > 0 && events.size() > limit_)
    events.erase(events.begin(), events.begin() + static_cast<std::ptrdiff_t>(events.size() - limit_));
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

SlidingWindowLimiter& Counters::limiter(const Counter& c) {
  auto it = limiters_.find(c.limiter);
  if (it == limiters_.end()) it = limiters_.emplace(c.limiter, SlidingWindowLimiter(c.limit, c.window)).first;
  return it->second;
}

int Counters::take(const std::vector<Counter>& counters, Millis now) {
  int wait = 0;
  for (const auto& c : counters) wait = std::max(wait, limiter(c).retry_after_seconds(c.key, now));
  if (wait > 0) return wait;
  for (const auto& c : counters) limiter(c).record(c.key, now);
  return 0;
}

void Counters::undo(const Undo& undo) {
  for (const auto& c : undo.clear) limiter(c).clear(c.key);
  for (const auto& c : undo.give_back) limiter(c).give_back(c.key);
}

void Counters::prune(Millis now) {
  for (auto& [name, limiter] : limiters_) limiter.prune(now);
}

namespace {
// Keys joined with a character that appears in neither emails nor addresses nor device ids.
std::string key(const std::string& a, const std::string& b) { return a + '\n' + b; }
}  // namespace

std::vector<Counter> login_counters(const LoginAttempt& a, const LoginLimits& l) {
  if (!a.device.empty()) return {{"login-device", key(a.account, a.device), l.per_device, l.window}};
  return {{"login-pair", key(a.account, a.address), l.per_account_and_address, l.window},
          {"login-address", a.address, l.per_address, l.window},
          {"login-account", a.account, l.account_wide, l.window}};
}

Undo login_success(const LoginAttempt& a, const LoginLimits& l) {
  // A success clears the counter it was judged by; the per-address and account-wide ones only get
  // its own event back, so a guesser cannot reset them by signing in to an account of their own.
  auto counters = login_counters(a, l);
  Undo undo;
  undo.clear.push_back(counters.front());
  undo.give_back.assign(counters.begin() + 1, counters.end());
  return undo;
}

LoginLimiter::LoginLimiter(LoginLimits limits) : limits_(limits) {}

int LoginLimiter::take(const LoginAttempt& a, Millis now) { return counters_.take(login_counters(a, limits_), now); }

void LoginLimiter::succeeded(const LoginAttempt& a) { counters_.undo(login_success(a, limits_)); }

void LoginLimiter::prune(Millis now) { counters_.prune(now); }

}  // namespace pillars
