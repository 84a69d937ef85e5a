// Rate limits counted in the database (store.h): one row per event counted, by limiter and a keyed
// hash of whose event it is. Only instances sharing PostgreSQL count here; one SQLite instance
// counts in memory.
#include "store/sql/tx.h"

namespace pillars::store::sql {

Result<void> SqlTx::lock_rate_limits() {
  // One lock for every limit, not one per key: a check takes several counters at once and a write
  // group holds its locks until it commits, so locks per key could be taken in opposite orders by
  // two instances' groups and deadlock. Checks are a small part of any group, so waiting for one
  // lock costs little.
  if (!c_.postgres()) return {};
  Query q(c_, "SELECT pg_advisory_xact_lock(7316002)");
  while (q.step()) {
  }
  PILLARS_CHECK(q);
  return {};
}

Result<std::vector<Millis>> SqlTx::rate_hits(const std::string& limiter, const std::string& key, Millis since) {
  Query q(c_, "SELECT at FROM rate_hits WHERE limiter = ? AND key = ? AND at > ? ORDER BY at");
  q.bind(limiter).bind(key).bind(since);
  std::vector<Millis> out;
  while (q.step()) out.push_back(q.integer(0));
  PILLARS_CHECK(q);
  return out;
}

Result<void> SqlTx::add_rate_hit(const std::string& limiter, const std::string& key, Millis at) {
  Query q(c_, "INSERT INTO rate_hits (limiter, key, at) VALUES (?, ?, ?)");
  q.bind(limiter).bind(key).bind(at);
  return q.run();
}

Result<void> SqlTx::give_back_rate_hit(const std::string& limiter, const std::string& key) {
  // One row, even when two events share a millisecond: by the row's own address in each engine.
  Query q(c_, pick("DELETE FROM rate_hits WHERE rowid = (SELECT rowid FROM rate_hits WHERE limiter = ? AND key = ? "
                   "ORDER BY at DESC LIMIT 1)",
                   "DELETE FROM rate_hits WHERE ctid = (SELECT ctid FROM rate_hits WHERE limiter = ? AND key = ? "
                   "ORDER BY at DESC LIMIT 1)"));
  q.bind(limiter).bind(key);
  return q.run();
}

Result<void> SqlTx::clear_rate_hits(const std::string& limiter, const std::string& key) {
  Query q(c_, "DELETE FROM rate_hits WHERE limiter = ? AND key = ?");
  q.bind(limiter).bind(key);
  return q.run();
}

Result<int> SqlTx::delete_rate_hits_before(Millis before) {
  Query q(c_, "DELETE FROM rate_hits WHERE at < ?");
  q.bind(before);
  if (auto r = q.run(); !r) return std::unexpected(r.error());
  return q.changes();
}

}  // namespace pillars::store::sql
