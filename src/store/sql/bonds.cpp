// Bonds and invites: who is bonded to whom, as each member sees it, and the codes that start a bond.
#include "store/sql/tx.h"

namespace pillars::store::sql {

namespace {

// A bond as one member sees it. In an ended bond the other is shown as they were when it ended, so
// a later rename never reaches the former partner. A macro, not a constant: statements are cached
// by the address of their SQL literal, so each query must stay one literal.
#define PILLARS_BOND_VIEW_SELECT                                                                         \
    "SELECT b.id, b.kind, b.status, b.created_at, b.ended_at, u.id, "                                   \
    "CASE WHEN b.status = 'active' THEN u.display_name ELSE them.display_name_at_end END, "         \
    "u.track_affection "                                                                               \
    "FROM bond_members me JOIN bonds b ON b.id = me.bond_id "                                          \
    "JOIN bond_members them ON them.bond_id = b.id AND them.user_id <> me.user_id "

// Columns as in PILLARS_BOND_VIEW_SELECT.
BondView read_bond_view(const Query& q) {
  BondView b;
  b.id = q.text(0);
  b.kind = parse_bond_kind(q.text(1)).value_or(BondKind::partner);
  b.status = parse_bond_status(q.text(2)).value_or(BondStatus::active);
  b.created_at = q.integer(3);
  b.ended_at = q.opt_integer(4);
  b.other = Person{q.text(5), q.text(6)};
  b.other_tracks_affection = q.integer(7) != 0;
  return b;
}

Invite read_invite(const Query& q) {
  Invite i;
  i.code = q.text(0);
  i.creator_id = q.text(1);
  i.kind = parse_bond_kind(q.text(2)).value_or(BondKind::partner);
  i.created_at = q.integer(3);
  i.expires_at = q.integer(4);
  i.used_by = q.opt_text(5);
  i.used_at = q.opt_integer(6);
  return i;
}

}  // namespace

Result<std::optional<Invite>> SqlTx::invite_by_code(const std::string& code) {
  Query q(c_,
          "SELECT code, creator_id, kind, created_at, expires_at, used_by, used_at FROM invites WHERE code = ?");
  q.bind(code);
  if (q.step()) return read_invite(q);
  PILLARS_CHECK(q);
  return std::nullopt;
}

Result<std::vector<Invite>> SqlTx::open_invites_of(const std::string& user_id, Millis now) {
  Query q(c_,
          "SELECT code, creator_id, kind, created_at, expires_at, used_by, used_at FROM invites "
          "WHERE creator_id = ? AND used_at IS NULL AND expires_at > ? ORDER BY created_at DESC, code");
  q.bind(user_id).bind(now);
  std::vector<Invite> out;
  while (q.step()) out.push_back(read_invite(q));
  PILLARS_CHECK(q);
  return out;
}

Result<std::optional<BondView>> SqlTx::bond_for_member(const std::string& bond_id, const std::string& member_id) {
  Query q(c_,
          PILLARS_BOND_VIEW_SELECT
          "JOIN users u ON u.id = them.user_id WHERE me.bond_id = ? AND me.user_id = ?");
  q.bind(bond_id).bind(member_id);
  if (q.step()) return read_bond_view(q);
  PILLARS_CHECK(q);
  return std::nullopt;
}

Result<std::vector<BondView>> SqlTx::bonds_of(const std::string& member_id) {
  Query q(c_,
          PILLARS_BOND_VIEW_SELECT
          "JOIN users u ON u.id = them.user_id WHERE me.user_id = ? "
          "ORDER BY b.status = 'ended', b.created_at DESC, b.id");
  q.bind(member_id);
  std::vector<BondView> out;
  while (q.step()) out.push_back(read_bond_view(q));
  PILLARS_CHECK(q);
  return out;
}

Result<bool> SqlTx::active_bond_between(const std::string& a, const std::string& b) {
  Query q(c_,
          "SELECT 1 FROM bond_members x JOIN bond_members y ON y.bond_id = x.bond_id "
          "JOIN bonds b ON b.id = x.bond_id WHERE x.user_id = ? AND y.user_id = ? AND b.status = 'active' LIMIT 1");
  q.bind(a).bind(b);
  bool found = q.step();
  PILLARS_CHECK(q);
  return found;
}

Result<void> SqlTx::insert_invite(const Invite& i) {
  // A clash of codes is an answer, not a failure: it leaves the transaction usable on every engine.
  Query q(c_, "INSERT INTO invites (code, creator_id, kind, created_at, expires_at) VALUES (?, ?, ?, ?, ?) "
              "ON CONFLICT (code) DO NOTHING");
  q.bind(i.code).bind(i.creator_id).bind(to_string(i.kind)).bind(i.created_at).bind(i.expires_at);
  auto r = q.run();
  if (!r) return r;
  if (q.changes() == 0) return fail(Errc::conflict, "This invite code is taken.");
  return {};
}

Result<void> SqlTx::mark_invite_used(const std::string& code, const std::string& used_by, Millis at,
                                        const std::string& bond_id) {
  Query q(c_, "UPDATE invites SET used_by = ?, used_at = ?, bond_id = ? WHERE code = ? AND used_at IS NULL");
  q.bind(used_by).bind(at).bind(bond_id).bind(code);
  auto r = q.run();
  if (!r) return r;
  if (q.changes() != 1) return fail(Errc::invite_used, "This invite has been used already.");
  return {};
}

Result<void> SqlTx::insert_bond(const std::string& bond_id, BondKind kind, const std::string& a,
                                   const std::string& b, Millis created_at) {
  {
    Query q(c_, "INSERT INTO bonds (id, kind, status, created_at) VALUES (?, ?, 'active', ?)");
    q.bind(bond_id).bind(to_string(kind)).bind(created_at);
    if (auto r = q.run(); !r) return r;
  }
  for (const auto* member : {&a, &b}) {
    Query q(c_, "INSERT INTO bond_members (bond_id, user_id) VALUES (?, ?)");
    q.bind(bond_id).bind(*member);
    if (auto r = q.run(); !r) return r;
  }
  return {};
}

Result<void> SqlTx::end_bond(const std::string& bond_id, const std::string& ended_by, Millis at) {
  Query q(c_, "UPDATE bonds SET status = 'ended', ended_at = ?, ended_by = ? WHERE id = ? AND status = 'active'");
  q.bind(at).bind(ended_by).bind(bond_id);
  auto r = q.run();
  if (!r) return r;
  if (q.changes() != 1) return fail(Errc::bond_ended, "This bond has ended already.");
  Query names(c_,
              "UPDATE bond_members SET display_name_at_end = "
              "(SELECT u.display_name FROM users u WHERE u.id = bond_members.user_id) WHERE bond_id = ?");
  names.bind(bond_id);
  if (auto named = names.run(); !named) return named;
  Query revoke(c_, "DELETE FROM entry_shares WHERE bond_id = ?");
  revoke.bind(bond_id);
  if (auto revoked = revoke.run(); !revoked) return revoked;
  Query unshow(c_, "DELETE FROM needs_shown WHERE bond_id = ?");
  unshow.bind(bond_id);
  if (auto unshown = unshow.run(); !unshown) return unshown;
  // The menus go altogether: each one's wishes were only ever for this bond.
  for (const char* sql : {"DELETE FROM menu_answers WHERE bond_id = ?", "DELETE FROM menu_suggestions WHERE bond_id = ?",
                          "DELETE FROM menu_openings WHERE bond_id = ?"}) {
    Query gone(c_, sql);
    gone.bind(bond_id);
    if (auto done = gone.run(); !done) return done;
  }
  return {};
}

}  // namespace pillars::store::sql
