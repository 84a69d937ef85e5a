// Accounts and sessions: users, their password hashes and their signed-in sessions.
#include "store/sql/tx.h"

namespace pillars::store::sql {

namespace {

// Columns: id, email, display_name, timezone, created_at, track_affection, own_time_wish,
// show_own_time_wish
User read_user(const Query& q, int first) {
  auto wish = q.opt_integer(first + 6);
  return User{q.text(first),         q.text(first + 1),
              q.text(first + 2),     q.text(first + 3),
              q.integer(first + 4),  q.integer(first + 5) != 0,
              wish ? std::optional<int>(static_cast<int>(*wish)) : std::nullopt,
              q.integer(first + 7) != 0};
}

}  // namespace

Result<std::optional<User>> SqlTx::user_by_id(const std::string& id) {
  Query q(c_, "SELECT id, email, display_name, timezone, created_at, track_affection, own_time_wish, show_own_time_wish "
              "FROM users WHERE id = ?");
  q.bind(id);
  if (q.step()) return read_user(q, 0);
  PILLARS_CHECK(q);
  return std::nullopt;
}

Result<std::optional<User>> SqlTx::user_by_email(const std::string& email) {
  Query q(c_, "SELECT id, email, display_name, timezone, created_at, track_affection, own_time_wish, show_own_time_wish "
              "FROM users WHERE email = ?");
  q.bind(email);
  if (q.step()) return read_user(q, 0);
  PILLARS_CHECK(q);
  return std::nullopt;
}

Result<std::optional<std::string>> SqlTx::password_hash(const std::string& user_id) {
  Query q(c_, "SELECT password_hash FROM users WHERE id = ?");
  q.bind(user_id);
  if (q.step()) return q.text(0);
  PILLARS_CHECK(q);
  return std::nullopt;
}

Result<std::optional<ReadTx::SessionWithUser>> SqlTx::session_by_token_hash(const std::string& token_hash,
                                                                               Millis now) {
  Query q(c_,
          "SELECT s.id, s.user_id, s.token_hash, s.csrf, s.user_agent, s.created_at, s.last_seen_at, "
          "s.expires_at, u.id, u.email, u.display_name, u.timezone, u.created_at, u.track_affection, "
          "u.own_time_wish, u.show_own_time_wish "
          "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ?");
  q.bind(token_hash).bind(now);
  if (q.step()) {
    Session s{q.text(0), q.text(1), q.text(2), q.text(3), q.text(4), q.integer(5), q.integer(6), q.integer(7)};
    return SessionWithUser{std::move(s), read_user(q, 8)};
  }
  PILLARS_CHECK(q);
  return std::nullopt;
}

Result<std::vector<Session>> SqlTx::sessions_of(const std::string& user_id, Millis now) {
  Query q(c_,
          "SELECT id, user_id, token_hash, csrf, user_agent, created_at, last_seen_at, expires_at "
          "FROM sessions WHERE user_id = ? AND expires_at > ? ORDER BY last_seen_at DESC, id");
  q.bind(user_id).bind(now);
  std::vector<Session> out;
  while (q.step())
    out.push_back({q.text(0), q.text(1), q.text(2), q.text(3), q.text(4), q.integer(5), q.integer(6), q.integer(7)});
  PILLARS_CHECK(q);
  return out;
}

Result<void> SqlTx::insert_user(const User& u, const std::string& hash) {
  Query q(c_,
          "INSERT INTO users (id, email, display_name, timezone, password_hash, created_at, updated_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?)");
  q.bind(u.id).bind(u.email).bind(u.display_name).bind(u.timezone).bind(hash).bind(u.created_at).bind(u.created_at);
  auto r = q.run();
  if (!r && q.is_constraint()) return fail(Errc::email_taken, "An account with this email exists already.");
  return r;
}

Result<void> SqlTx::update_user(const User& u, Millis at) {
  Query q(c_,
          "UPDATE users SET email = ?, display_name = ?, timezone = ?, track_affection = ?, own_time_wish = ?, "
          "show_own_time_wish = ?, updated_at = ? WHERE id = ?");
  q.bind(u.email).bind(u.display_name).bind(u.timezone).bind(u.track_affection ? 1 : 0);
  if (u.own_time_wish) q.bind(*u.own_time_wish);
  else q.bind_null();
  q.bind(u.show_own_time_wish ? 1 : 0).bind(at).bind(u.id);
  auto r = q.run();
  if (!r && q.is_constraint()) return fail(Errc::email_taken, "An account with this email exists already.");
  return r;
}

Result<void> SqlTx::set_password_hash(const std::string& user_id, const std::string& hash, Millis at) {
  Query q(c_, "UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?");
  q.bind(hash).bind(at).bind(user_id);
  return q.run();
}

Result<void> SqlTx::insert_session(const Session& s) {
  Query q(c_,
          "INSERT INTO sessions (id, user_id, token_hash, csrf, user_agent, created_at, last_seen_at, expires_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  q.bind(s.id).bind(s.user_id).bind(s.token_hash).bind(s.csrf).bind(s.user_agent).bind(s.created_at)
      .bind(s.last_seen_at).bind(s.expires_at);
  return q.run();
}

Result<std::optional<User>> SqlTx::password_reset_user(const std::string& token_hash, Millis now) {
  Query q(c_, "SELECT u.id, u.email, u.display_name, u.timezone, u.created_at, u.track_affection, u.own_time_wish, "
              "u.show_own_time_wish FROM password_resets r JOIN users u ON u.id = r.user_id "
              "WHERE r.token_hash = ? AND r.expires_at > ?");
  q.bind(token_hash).bind(now);
  if (q.step()) return read_user(q, 0);
  PILLARS_CHECK(q);
  return std::nullopt;
}

Result<void> SqlTx::insert_password_reset(const std::string& token_hash, const std::string& user_id,
                                             Millis created_at, Millis expires_at) {
  Query older(c_, "DELETE FROM password_resets WHERE user_id = ?");
  older.bind(user_id);
  if (auto r = older.run(); !r) return r;
  Query q(c_, "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)");
  q.bind(token_hash).bind(user_id).bind(created_at).bind(expires_at);
  return q.run();
}

Result<std::optional<std::string>> SqlTx::take_password_reset(const std::string& token_hash, Millis now) {
  std::optional<std::string> user_id;
  Millis expires_at = 0;
  {
    Query q(c_, "SELECT user_id, expires_at FROM password_resets WHERE token_hash = ?");
    q.bind(token_hash);
    if (q.step()) {
      user_id = q.text(0);
      expires_at = q.integer(1);
    }
    PILLARS_CHECK(q);
  }
  if (!user_id) return std::nullopt;
  Query gone(c_, "DELETE FROM password_resets WHERE user_id = ?");
  gone.bind(*user_id);
  if (auto r = gone.run(); !r) return std::unexpected(r.error());
  if (now >= expires_at) return std::nullopt;
  return user_id;
}

Result<void> SqlTx::delete_account(const std::string& user_id, Millis at) {
  // In an order that lets the foreign keys cascade to what hangs off each row: an entry's feelings,
  // shares, the answers to it and the notices about it; a check-in's feelings and wishes; a needs
  // result's answers.
  static constexpr const char* kWritten[] = {
      "DELETE FROM sessions WHERE user_id = ?1",
      "DELETE FROM password_resets WHERE user_id = ?1",
      "DELETE FROM push_devices WHERE user_id = ?1",
      "DELETE FROM notify_settings WHERE user_id = ?1",
      "DELETE FROM invites WHERE creator_id = ?1",
      "DELETE FROM entries WHERE author_id = ?1",
      "DELETE FROM entry_responses WHERE responder_id = ?1",
      "DELETE FROM appreciations WHERE from_id = ?1",
      "DELETE FROM comfort_requests WHERE from_id = ?1",
      "UPDATE comfort_requests SET answer_note_sealed = NULL WHERE answered_by = ?1",
      "DELETE FROM checkins WHERE user_id = ?1",
      "DELETE FROM needs_results WHERE user_id = ?1",
      "DELETE FROM needs_shown WHERE user_id = ?1",
      "DELETE FROM moments WHERE author_id = ?1",
      "DELETE FROM deck_answers WHERE user_id = ?1",
      "DELETE FROM deck_skips WHERE user_id = ?1",
      "DELETE FROM menu_answers WHERE user_id = ?1 OR item_id IN (SELECT id FROM menu_suggestions WHERE author_id = ?1)",
      "DELETE FROM menu_suggestions WHERE author_id = ?1",
      "DELETE FROM menu_openings WHERE user_id = ?1",
      "DELETE FROM adult_confirmations WHERE user_id = ?1",
      "DELETE FROM notices WHERE user_id = ?1 OR (from_id = ?1 AND kind <> 'bond_ended')",
      "DELETE FROM users WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM bond_members WHERE user_id = ?1)",
  };
  for (const char* sql : kWritten) {
    Query q(c_, sql);
    q.bind(user_id);
    if (auto r = q.run(); !r) return r;
  }
  Query empty(c_,
              "UPDATE users SET email = 'deleted:' || id, display_name = '', password_hash = '', timezone = 'UTC', "
              "track_affection = 0, own_time_wish = NULL, show_own_time_wish = 0, updated_at = ? WHERE id = ?");
  empty.bind(at).bind(user_id);
  return empty.run();
}

Result<void> SqlTx::touch_session(const std::string& id, Millis last_seen, Millis expires_at) {
  Query q(c_, "UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE id = ?");
  q.bind(last_seen).bind(expires_at).bind(id);
  return q.run();
}

Result<bool> SqlTx::delete_session(const std::string& user_id, const std::string& session_id) {
  Query q(c_, "DELETE FROM sessions WHERE id = ? AND user_id = ?");
  q.bind(session_id).bind(user_id);
  auto r = q.run();
  if (!r) return std::unexpected(r.error());
  return q.changes() > 0;
}

Result<int> SqlTx::delete_sessions_except(const std::string& user_id, const std::string& keep_id) {
  Query q(c_, "DELETE FROM sessions WHERE user_id = ? AND id <> ?");
  q.bind(user_id).bind(keep_id);
  auto r = q.run();
  if (!r) return std::unexpected(r.error());
  return q.changes();
}

Result<int> SqlTx::delete_expired_sessions(Millis now) {
  Query q(c_, "DELETE FROM sessions WHERE expires_at <= ?");
  q.bind(now);
  auto r = q.run();
  if (!r) return std::unexpected(r.error());
  return q.changes();
}

}  // namespace pillars::store::sql
