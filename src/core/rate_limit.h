// Rate limits as pure rules: at most `limit` events per key within a sliding `window`. The decision
// is made from the times of the events counted (window_wait), wherever they are kept: in memory
// here (SlidingWindowLimiter, Counters), or in the database where instances share one. The clock is
// passed in, so tests control time; the caller provides any locking it needs.
#pragma once

#include <cstddef>
#include <map>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/types.h"

namespace pillars {

// The seconds to wait before one more event, given the times of the events counted for a key,
// oldest first (those at or before now - window have left it and are ignored): 0 while fewer than
// `limit` are within the window, else until the oldest of those that keep the key at its limit
// leaves it.
int window_wait(std::span<const Millis> hits, std::size_t limit, Millis window, Millis now);

// One counter an event is judged by: the limiter's name, the key within it, and its rule.
struct Counter {
  std::string limiter;  // "signup", "login-account", ...: what is counted
  std::string key;      // whose: an address, an account, ...
  std::size_t limit = 0;
  Millis window = 0;
};

// What happens to counters when an attempt they let through turns out not to count against anyone.
struct Undo {
  std::vector<Counter> clear;      // forgotten entirely
  std::vector<Counter> give_back;  // the newest event taken back
};

class SlidingWindowLimiter {
 public:
  SlidingWindowLimiter(std::size_t limit, Millis window) : limit_(limit), window_(window) {}

  // Seconds until `key` may act again, or 0 when it may act now. Does not record anything.
  int retry_after_seconds(const std::string& key, Millis now);

  // Records one event for `key` at `now`.
  void record(const std::string& key, Millis now);

  // Checks and records at once: 0 and one event recorded when `key` may act now, else the seconds
  // to wait and nothing recorded. Counting an attempt before its outcome is known means parallel
  // attempts cannot all pass the check before the first failure is recorded.
  int take(const std::string& key, Millis now);

  // Takes back the newest event of `key` (an attempt that turned out not to be a failure).
  void give_back(const std::string& key);

  // Forgets `key` (after a successful sign-in, say).
  void clear(const std::string& key) { events_.erase(key); }

  // Drops keys whose events are all older than the window; bounds memory.
  void prune(Millis now);

  std::size_t limit() const { return limit_; }
  std::size_t tracked_keys() const { return events_.size(); }

 private:
  void expire(std::vector<Millis>& events, Millis now) const;

  std::size_t limit_;
  Millis window_;
  std::unordered_map<std::string, std::vector<Millis>> events_;  // oldest first, at most limit_
};

// Counters of many limiters in memory, each made on first use with its counter's rule.
class Counters {
 public:
  // Checks every counter and records one event in each at once: 0 when all let it through, else the
  // longest wait and nothing recorded, so an event is counted under all its limits or under none.
  int take(const std::vector<Counter>& counters, Millis now);
  void undo(const Undo& undo);
  void prune(Millis now);

 private:
  SlidingWindowLimiter& limiter(const Counter& counter);
  std::map<std::string, SlidingWindowLimiter, std::less<>> limiters_;
};

// The sign-in rule. Failures slow the guesser down without locking the owner out:
//  - a known device (one that presents a valid device cookie for the account, given after an earlier
//    successful sign-in) is counted on its own: `per_device` failures per window, and nothing that
//    happens elsewhere limits it;
//  - any other attempt is an unknown device, limited three ways at once: `per_account_and_address`
//    failures for the account from that address, `per_address` failures from that address over all
//    accounts, and `account_wide` failures for the account from all addresses together.
// Each attempt is counted as a failure when it is let through (take), so a burst of parallel guesses
// cannot slip past the check; a success clears the counter it was judged by (the device's, or the
// account-and-address pair's) and takes back its own event from the per-address and account-wide
// counters, which otherwise only age out, so a guesser cannot reset them.
struct LoginLimits {
  std::size_t per_device = 5;
  std::size_t per_account_and_address = 5;
  std::size_t per_address = 30;
  std::size_t account_wide = 20;
  Millis window = 15LL * 60 * 1000;
};

struct LoginAttempt {
  std::string account;  // the normalised email, whether or not an account has it
  std::string address;  // the client's address
  std::string device;   // a valid device cookie's id for this account; empty for an unknown device
};

// The sign-in rule as counters: those an attempt is judged by (and counted in when let through),
// and what its success undoes.
std::vector<Counter> login_counters(const LoginAttempt& attempt, const LoginLimits& limits);
Undo login_success(const LoginAttempt& attempt, const LoginLimits& limits);

class LoginLimiter {
 public:
  explicit LoginLimiter(LoginLimits limits);

  // 0 when the attempt may be made now, and it is counted as a failure; else the seconds to wait,
  // and nothing is counted.
  int take(const LoginAttempt& attempt, Millis now);
  // The attempt let through by take() was right.
  void succeeded(const LoginAttempt& attempt);
  // Drops counters whose events are all older than the window; call now and then to bound memory.
  void prune(Millis now);

  Millis window() const { return limits_.window; }

 private:
  LoginLimits limits_;
  Counters counters_;
};

}  // namespace pillars
