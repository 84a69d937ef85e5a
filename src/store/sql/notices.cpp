// What is new for each person (core/notices.h): notices are written in the same transaction as
// the thing they tell of, and read with what decides whether each is still shown.
#include "store/sql/tx.h"

namespace pillars::store::sql {

Result<std::vector<NoticeRow>> SqlTx::notices_for(const std::string& user_id, Millis since) {
  Query q(c_,
          "SELECT n.id, n.bond_id, n.kind, n.subject_id, n.entry_id, n.day, n.from_id, n.created_at, n.seen_at, "
          "b.status, "
          "n.entry_id IS NULL OR EXISTS (SELECT 1 FROM entry_shares s WHERE s.entry_id = n.entry_id "
          "AND s.bond_id = n.bond_id), "
          "EXISTS (SELECT 1 FROM comfort_requests r WHERE r.id = n.subject_id AND r.bond_id = n.bond_id "
          "AND r.answered_at IS NULL) "
          "FROM notices n JOIN bonds b ON b.id = n.bond_id "
          "WHERE n.user_id = ? AND n.created_at >= ? ORDER BY n.created_at DESC, n.id DESC LIMIT 500");
  q.bind(user_id).bind(since);
  std::vector<NoticeRow> out;
  while (q.step()) {
    NoticeRow row;
    auto& n = row.notice;
    n.id = q.text(0);
    n.user_id = user_id;
    n.bond_id = q.text(1);
    n.kind = parse_notice_kind(q.text(2)).value_or(NoticeKind::entry_shared);
    n.subject_id = q.text(3);
    n.entry_id = q.opt_text(4);
    if (auto day = q.opt_integer(5)) n.day = static_cast<Day>(*day);
    n.from_id = q.text(6);
    n.created_at = q.integer(7);
    n.seen_at = q.opt_integer(8);
    row.bond = parse_bond_status(q.text(9)).value_or(BondStatus::ended);
    row.still_shared = q.integer(10) != 0;
    row.request_open = q.integer(11) != 0;
    out.push_back(std::move(row));
  }
  PILLARS_CHECK(q);
  return out;
}

Result<void> SqlTx::add_notice(const Notice& n) {
  Query q(c_,
          "INSERT INTO notices (id, user_id, bond_id, kind, subject_id, entry_id, day, from_id, created_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
          "ON CONFLICT (user_id, bond_id, kind, subject_id) DO UPDATE SET id = excluded.id, "
          "created_at = excluded.created_at, seen_at = NULL");
  q.bind(n.id).bind(n.user_id).bind(n.bond_id).bind(to_string(n.kind)).bind(n.subject_id).bind(n.entry_id);
  if (n.day) q.bind(*n.day);
  else q.bind_null();
  q.bind(n.from_id).bind(n.created_at);
  return q.run();
}

Result<void> SqlTx::remove_notices(const std::string& bond_id, NoticeKind kind, const std::string& subject_id) {
  Query q(c_, "DELETE FROM notices WHERE bond_id = ? AND kind = ? AND subject_id = ?");
  q.bind(bond_id).bind(to_string(kind)).bind(subject_id);
  return q.run();
}

Result<int> SqlTx::mark_notices_seen(const std::string& user_id, const std::vector<std::string>& ids, Millis at) {
  if (ids.empty()) {
    Query q(c_, "UPDATE notices SET seen_at = ? WHERE user_id = ? AND seen_at IS NULL");
    q.bind(at).bind(user_id);
    if (auto r = q.run(); !r) return std::unexpected(r.error());
    return q.changes();
  }
  int changed = 0;
  for (const auto& id : ids) {
    Query q(c_, "UPDATE notices SET seen_at = ? WHERE user_id = ? AND id = ? AND seen_at IS NULL");
    q.bind(at).bind(user_id).bind(id);
    if (auto r = q.run(); !r) return std::unexpected(r.error());
    changed += q.changes();
  }
  return changed;
}

Result<int> SqlTx::delete_notices_before(Millis before) {
  Query q(c_, "DELETE FROM notices WHERE created_at < ?");
  q.bind(before);
  if (auto r = q.run(); !r) return std::unexpected(r.error());
  return q.changes();
}

}  // namespace pillars::store::sql
