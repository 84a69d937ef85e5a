// Small in-memory caches for what nearly every request looks up: the signed-in session and the
// caller's view of a bond. They let most requests skip a trip to a store thread.
//
// Correctness rule: every change that could make a cached value wrong calls forget...() after its
// write has committed. Each forget moves an epoch on; a lookup that began before it cannot store
// what it read (put() checks the epoch), so a revoked session or an ended bond is never brought
// back by a request that was already in flight. Entries also expire after kTtl.
#pragma once

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "store/store.h"

namespace pillars::api {

template <class Value>
class EpochCache {
 public:
  static constexpr Millis kTtl = 30'000;
  static constexpr std::size_t kMaxEntries = 20'000;

  // The cached value for `key` if it is younger than kTtl and `valid` accepts it.
  std::optional<Value> find(const std::string& key, Millis now,
                            const std::function<bool(const Value&)>& valid = {}) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end()) return std::nullopt;
    if (now - it->second.cached_at > kTtl || (valid && !valid(it->second.value))) {
      entries_.erase(it);
      return std::nullopt;
    }
    return it->second.value;
  }

  // The epoch to pass to put() for a lookup that starts now.
  std::uint64_t epoch() const {
    std::lock_guard lock(mutex_);
    return epoch_;
  }

  // Caches what a lookup that started at `epoch` read, unless anything was forgotten since.
  void put(const std::string& key, const Value& value, std::uint64_t epoch, Millis now) {
    std::lock_guard lock(mutex_);
    if (epoch != epoch_) return;
    if (entries_.size() >= kMaxEntries) entries_.clear();  // crude, but bounded and rare
    entries_[key] = Cached{value, now};
  }

  // Drops every entry `match` accepts.
  void forget_if(const std::function<bool(const Value&)>& match) {
    std::lock_guard lock(mutex_);
    ++epoch_;
    std::erase_if(entries_, [&](const auto& kv) { return match(kv.second.value); });
  }

  // Changes a cached value in place (no effect when absent).
  void update(const std::string& key, const std::function<void(Value&)>& change) {
    std::lock_guard lock(mutex_);
    if (auto it = entries_.find(key); it != entries_.end()) change(it->second.value);
  }

 private:
  struct Cached {
    Value value;
    Millis cached_at = 0;
  };
  mutable std::mutex mutex_;
  std::uint64_t epoch_ = 0;
  std::unordered_map<std::string, Cached> entries_;
};

// Sessions by token hash.
class SessionCache : public EpochCache<store::ReadTx::SessionWithUser> {
 public:
  using Entry = store::ReadTx::SessionWithUser;

  std::optional<Entry> find(const std::string& token_hash, Millis now) {
    return EpochCache::find(token_hash, now, [now](const Entry& e) { return e.session.expires_at > now; });
  }
  // Sign-out, revocation, a new password or a profile change.
  void forget_user(const std::string& user_id) {
    forget_if([&](const Entry& e) { return e.user.id == user_id; });
  }
  // Records a sliding-expiry touch in the cached copy.
  void touch(const std::string& token_hash, Millis last_seen, Millis expires_at) {
    update(token_hash, [&](Entry& e) {
      e.session.last_seen_at = last_seen;
      e.session.expires_at = expires_at;
    });
  }
};

// A member's view of a bond, keyed by bond id and member id.
class BondCache : public EpochCache<BondView> {
 public:
  static std::string key(const std::string& bond_id, const std::string& member_id) {
    return bond_id + "/" + member_id;
  }
  // A bond ended, or a member's name changed: views of every bond may hold it, so drop them all.
  void forget_all() {
    forget_if([](const BondView&) { return true; });
  }
};

}  // namespace pillars::api
