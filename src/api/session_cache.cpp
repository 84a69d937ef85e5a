#include "api/session_cache.h"

namespace pillars::api {

std::optional<SessionCache::Entry> SessionCache::find(const std::string& token_hash, Millis now) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(token_hash);
  if (it == entries_.end()) return std::nullopt;
  if (now - it->second.cached_at > kTtl || it->second.entry.session.expires_at <= now) {
    entries_.erase(it);
    return std::nullopt;
  }
  return it->second.entry;
}

std::uint64_t SessionCache::epoch() const {
  std::lock_guard lock(mutex_);
  return epoch_;
}

void SessionCache::put(const std::string& token_hash, const Entry& entry, std::uint64_t epoch, Millis now) {
  std::lock_guard lock(mutex_);
  if (epoch != epoch_) return;
  if (entries_.size() >= kMaxEntries) entries_.clear();  // crude, but bounded and rare
  entries_[token_hash] = Cached{entry, now};
}

void SessionCache::forget_user(const std::string& user_id) {
  std::lock_guard lock(mutex_);
  ++epoch_;
  std::erase_if(entries_, [&](const auto& kv) { return kv.second.entry.user.id == user_id; });
}

void SessionCache::touch(const std::string& token_hash, Millis last_seen, Millis expires_at) {
  std::lock_guard lock(mutex_);
  if (auto it = entries_.find(token_hash); it != entries_.end()) {
    it->second.entry.session.last_seen_at = last_seen;
    it->second.entry.session.expires_at = expires_at;
  }
}

}  // namespace pillars::api
