// Signed-in sessions kept in memory for a short while, so most requests skip a store read.
//
// Correctness rule: every change that could make a cached session wrong (sign-out, revocation, a
// new password, a profile change) calls forget_user() after its write has committed. Each
// forget moves an epoch on; a lookup that began before it cannot store what it read (put() checks
// the epoch), so a revoked session is never brought back by a request that was already in flight.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "store/store.h"

namespace pillars::api {

class SessionCache {
 public:
  static constexpr Millis kTtl = 30'000;
  static constexpr std::size_t kMaxEntries = 20'000;

  using Entry = store::ReadTx::SessionWithUser;

  // The cached, unexpired session for the token hash, if any.
  std::optional<Entry> find(const std::string& token_hash, Millis now);

  // The epoch to pass to put() for a lookup that starts now.
  std::uint64_t epoch() const;

  // Caches what a lookup that started at `epoch` read, unless anything was forgotten since.
  void put(const std::string& token_hash, const Entry& entry, std::uint64_t epoch, Millis now);

  // Drops every cached session of the user.
  void forget_user(const std::string& user_id);

  // Records a sliding-expiry touch in the cached copy.
  void touch(const std::string& token_hash, Millis last_seen, Millis expires_at);

 private:
  struct Cached {
    Entry entry;
    Millis cached_at = 0;
  };
  mutable std::mutex mutex_;
  std::uint64_t epoch_ = 0;
  std::unordered_map<std::string, Cached> entries_;
};

}  // namespace pillars::api
