#include "store/sqlite/sqlite_store.h"

#include <sqlite3.h>

#include <algorithm>
#include <charconv>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <span>
#include <thread>
#include <unordered_map>
#include <vector>

#include <spdlog/spdlog.h>

#include "core/embedded_file.h"

namespace pillars {
std::span<const EmbeddedFile> migration_files();  // generated from src/store/migrations
}

namespace pillars::store {

namespace {

// ---------------------------------------------------------------------------------------------
// A connection with a cache of prepared statements. Statements are keyed by the address of their
// SQL literal, so each call site prepares once per connection.

class Conn {
 public:
  explicit Conn(sqlite3* db) : db_(db) {}
  Conn(const Conn&) = delete;
  Conn& operator=(const Conn&) = delete;
  ~Conn() {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }

  sqlite3* db() const { return db_; }

  bool exec(const char* sql) {
    char* message = nullptr;
    int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
      spdlog::error("store: statement failed: {}", message ? message : sqlite3_errstr(rc));
      sqlite3_free(message);
      return false;
    }
    return true;
  }

  sqlite3_stmt* prepare(const char* sql) {
    auto it = cache_.find(sql);
    if (it != cache_.end()) {
      sqlite3_reset(it->second);
      sqlite3_clear_bindings(it->second);
      return it->second;
    }
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
      spdlog::error("store: prepare failed: {}", sqlite3_errmsg(db_));
      return nullptr;
    }
    cache_.emplace(sql, stmt);
    return stmt;
  }

 private:
  sqlite3* db_;
  std::unordered_map<const char*, sqlite3_stmt*> cache_;
};

Result<std::unique_ptr<Conn>> open_conn(const std::string& path, bool read_only) {
  sqlite3* db = nullptr;
  int flags = (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
              SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  auto conn = std::make_unique<Conn>(db);
  if (rc != SQLITE_OK) {
    spdlog::error("store: cannot open the database: {}", sqlite3_errstr(rc));
    return fail(Errc::internal, "cannot open the database");
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, 5000);
  const char* pragmas = read_only ? "PRAGMA foreign_keys=ON; PRAGMA query_only=ON;"
                                  : "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;";
  if (!conn->exec(pragmas)) return fail(Errc::internal, "cannot configure the database");
  return conn;
}

// ---------------------------------------------------------------------------------------------
// One statement execution: bind, step, read columns.

class Query {
 public:
  Query(Conn& conn, const char* sql) : conn_(conn), stmt_(conn.prepare(sql)) {}
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  ~Query() {
    if (stmt_) sqlite3_reset(stmt_);
  }

  bool ok() const { return stmt_ != nullptr && !failed_; }

  Query& bind(const std::string& value) {
    if (stmt_) sqlite3_bind_text(stmt_, ++index_, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Query& bind(std::string_view value) {
    if (stmt_) sqlite3_bind_text(stmt_, ++index_, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Query& bind(const char* value) { return bind(std::string_view(value)); }
  Query& bind(std::int64_t value) {
    if (stmt_) sqlite3_bind_int64(stmt_, ++index_, value);
    return *this;
  }
  Query& bind(int value) { return bind(static_cast<std::int64_t>(value)); }
  // Binds bytes as a BLOB (sealed text).
  Query& bind_blob(std::string_view bytes) {
    if (stmt_) sqlite3_bind_blob(stmt_, ++index_, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Query& bind_null() {
    if (stmt_) sqlite3_bind_null(stmt_, ++index_);
    return *this;
  }
  Query& bind(const std::optional<std::string>& value) {
    if (!value) {
      if (stmt_) sqlite3_bind_null(stmt_, ++index_);
      return *this;
    }
    return bind(*value);
  }
  Query& bind(const std::optional<std::int64_t>& value) {
    if (!value) {
      if (stmt_) sqlite3_bind_null(stmt_, ++index_);
      return *this;
    }
    return bind(*value);
  }

  // Advances to the next row: true when there is one. Sets the error code on failure.
  bool step() {
    if (!stmt_) return false;
    last_ = sqlite3_step(stmt_);
    if (last_ == SQLITE_ROW) return true;
    if (last_ != SQLITE_DONE) {
      failed_ = true;
      // A constraint failure is an expected answer (a taken email, say) that the caller turns into
      // a clear error; anything else is a fault worth an error line.
      if (is_constraint()) spdlog::debug("store: constraint failed ({})", last_);
      else spdlog::error("store: step failed: {} ({})", sqlite3_errmsg(conn_.db()), last_);
    }
    return false;
  }

  // Runs a statement that returns no rows.
  Result<void> run() {
    step();
    if (!ok()) return fail(is_constraint() ? Errc::conflict : Errc::internal, "storage failed");
    return {};
  }

  bool is_constraint() const { return (last_ & 0xFF) == SQLITE_CONSTRAINT; }
  int changes() const { return sqlite3_changes(conn_.db()); }

  std::string_view blob(int col) const {
    auto p = static_cast<const char*>(sqlite3_column_blob(stmt_, col));
    return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : std::string_view();
  }
  std::string text(int col) const {
    auto p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : std::string();
  }
  std::int64_t integer(int col) const { return sqlite3_column_int64(stmt_, col); }
  bool is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::optional<std::string> opt_text(int col) const {
    return is_null(col) ? std::nullopt : std::optional(text(col));
  }
  std::optional<std::int64_t> opt_integer(int col) const {
    return is_null(col) ? std::nullopt : std::optional(integer(col));
  }

  Error error() const { return Error(Errc::internal, "storage failed"); }

 private:
  Conn& conn_;
  sqlite3_stmt* stmt_;
  int index_ = 0;
  int last_ = SQLITE_OK;
  bool failed_ = false;
};

#define PILLARS_CHECK(q) \
  if (!(q).ok()) return std::unexpected((q).error())

// Columns: id, email, display_name, timezone, created_at, track_affection
User read_user(const Query& q, int first) {
  return User{q.text(first), q.text(first + 1), q.text(first + 2), q.text(first + 3), q.integer(first + 4),
              q.integer(first + 5) != 0};
}

// A bond as one member sees it. In an ended bond the other is shown as they were when it ended, so
// a later rename never reaches the former partner. A macro, not a constant: statements are cached
// by the address of their SQL literal, so each query must stay one literal.
#define PILLARS_BOND_VIEW_SELECT                                                                         \
    "SELECT b.id, b.kind, b.status, b.created_at, b.ended_at, u.id, "                                   \
    "CASE WHEN b.status = 'active' THEN u.display_name ELSE them.display_name_at_end END "           \
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
  return b;
}

// ---------------------------------------------------------------------------------------------
// The domain operations in SQL.

class SqliteTx final : public WriteTx {
 public:
  SqliteTx(Conn& conn, const crypto::Sealer* sealer) : c_(conn), sealer_(sealer) {}

  Result<std::optional<User>> user_by_id(const std::string& id) override {
    Query q(c_, "SELECT id, email, display_name, timezone, created_at, track_affection FROM users WHERE id = ?");
    q.bind(id);
    if (q.step()) return read_user(q, 0);
    PILLARS_CHECK(q);
    return std::nullopt;
  }

  Result<std::optional<User>> user_by_email(const std::string& email) override {
    Query q(c_, "SELECT id, email, display_name, timezone, created_at, track_affection FROM users WHERE email = ?");
    q.bind(email);
    if (q.step()) return read_user(q, 0);
    PILLARS_CHECK(q);
    return std::nullopt;
  }

  Result<std::optional<std::string>> password_hash(const std::string& user_id) override {
    Query q(c_, "SELECT password_hash FROM users WHERE id = ?");
    q.bind(user_id);
    if (q.step()) return q.text(0);
    PILLARS_CHECK(q);
    return std::nullopt;
  }

  Result<std::optional<SessionWithUser>> session_by_token_hash(const std::string& token_hash,
                                                               Millis now) override {
    Query q(c_,
            "SELECT s.id, s.user_id, s.token_hash, s.csrf, s.user_agent, s.created_at, s.last_seen_at, "
            "s.expires_at, u.id, u.email, u.display_name, u.timezone, u.created_at, u.track_affection "
            "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ?");
    q.bind(token_hash).bind(now);
    if (q.step()) {
      Session s{q.text(0), q.text(1), q.text(2), q.text(3), q.text(4), q.integer(5), q.integer(6), q.integer(7)};
      return SessionWithUser{std::move(s), read_user(q, 8)};
    }
    PILLARS_CHECK(q);
    return std::nullopt;
  }

  Result<std::vector<Session>> sessions_of(const std::string& user_id, Millis now) override {
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

  static Invite read_invite(const Query& q) {
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

  Result<std::optional<Invite>> invite_by_code(const std::string& code) override {
    Query q(c_,
            "SELECT code, creator_id, kind, created_at, expires_at, used_by, used_at FROM invites WHERE code = ?");
    q.bind(code);
    if (q.step()) return read_invite(q);
    PILLARS_CHECK(q);
    return std::nullopt;
  }

  Result<std::vector<Invite>> open_invites_of(const std::string& user_id, Millis now) override {
    Query q(c_,
            "SELECT code, creator_id, kind, created_at, expires_at, used_by, used_at FROM invites "
            "WHERE creator_id = ? AND used_at IS NULL AND expires_at > ? ORDER BY created_at DESC, code");
    q.bind(user_id).bind(now);
    std::vector<Invite> out;
    while (q.step()) out.push_back(read_invite(q));
    PILLARS_CHECK(q);
    return out;
  }

  Result<std::optional<BondView>> bond_for_member(const std::string& bond_id, const std::string& member_id) override {
    Query q(c_,
            PILLARS_BOND_VIEW_SELECT
            "JOIN users u ON u.id = them.user_id WHERE me.bond_id = ? AND me.user_id = ?");
    q.bind(bond_id).bind(member_id);
    if (q.step()) return read_bond_view(q);
    PILLARS_CHECK(q);
    return std::nullopt;
  }

  Result<std::vector<BondView>> bonds_of(const std::string& member_id) override {
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

  Result<bool> active_bond_between(const std::string& a, const std::string& b) override {
    Query q(c_,
            "SELECT 1 FROM bond_members x JOIN bond_members y ON y.bond_id = x.bond_id "
            "JOIN bonds b ON b.id = x.bond_id WHERE x.user_id = ? AND y.user_id = ? AND b.status = 'active' LIMIT 1");
    q.bind(a).bind(b);
    bool found = q.step();
    PILLARS_CHECK(q);
    return found;
  }

  Result<int> schema_version() override {
    Query q(c_, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    if (q.step()) return static_cast<int>(q.integer(0));
    PILLARS_CHECK(q);
    return 0;
  }

  Result<void> insert_user(const User& u, const std::string& hash) override {
    Query q(c_,
            "INSERT INTO users (id, email, display_name, timezone, password_hash, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)");
    q.bind(u.id).bind(u.email).bind(u.display_name).bind(u.timezone).bind(hash).bind(u.created_at).bind(u.created_at);
    auto r = q.run();
    if (!r && q.is_constraint()) return fail(Errc::email_taken, "An account with this email exists already.");
    return r;
  }

  Result<void> update_user(const User& u) override {
    Query q(c_, "UPDATE users SET email = ?, display_name = ?, timezone = ?, track_affection = ?, updated_at = ? "
                "WHERE id = ?");
    q.bind(u.email).bind(u.display_name).bind(u.timezone).bind(u.track_affection ? 1 : 0).bind(now_ms()).bind(u.id);
    auto r = q.run();
    if (!r && q.is_constraint()) return fail(Errc::email_taken, "An account with this email exists already.");
    return r;
  }

  Result<void> set_password_hash(const std::string& user_id, const std::string& hash) override {
    Query q(c_, "UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?");
    q.bind(hash).bind(now_ms()).bind(user_id);
    return q.run();
  }

  Result<void> insert_session(const Session& s) override {
    Query q(c_,
            "INSERT INTO sessions (id, user_id, token_hash, csrf, user_agent, created_at, last_seen_at, expires_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    q.bind(s.id).bind(s.user_id).bind(s.token_hash).bind(s.csrf).bind(s.user_agent).bind(s.created_at)
        .bind(s.last_seen_at).bind(s.expires_at);
    return q.run();
  }

  Result<void> touch_session(const std::string& id, Millis last_seen, Millis expires_at) override {
    Query q(c_, "UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE id = ?");
    q.bind(last_seen).bind(expires_at).bind(id);
    return q.run();
  }

  Result<bool> delete_session(const std::string& user_id, const std::string& session_id) override {
    Query q(c_, "DELETE FROM sessions WHERE id = ? AND user_id = ?");
    q.bind(session_id).bind(user_id);
    auto r = q.run();
    if (!r) return std::unexpected(r.error());
    return q.changes() > 0;
  }

  Result<int> delete_sessions_except(const std::string& user_id, const std::string& keep_id) override {
    Query q(c_, "DELETE FROM sessions WHERE user_id = ? AND id <> ?");
    q.bind(user_id).bind(keep_id);
    auto r = q.run();
    if (!r) return std::unexpected(r.error());
    return q.changes();
  }

  Result<int> delete_expired_sessions(Millis now) override {
    Query q(c_, "DELETE FROM sessions WHERE expires_at <= ?");
    q.bind(now);
    auto r = q.run();
    if (!r) return std::unexpected(r.error());
    return q.changes();
  }

  Result<void> insert_invite(const Invite& i) override {
    Query q(c_, "INSERT INTO invites (code, creator_id, kind, created_at, expires_at) VALUES (?, ?, ?, ?, ?)");
    q.bind(i.code).bind(i.creator_id).bind(to_string(i.kind)).bind(i.created_at).bind(i.expires_at);
    return q.run();
  }

  Result<void> mark_invite_used(const std::string& code, const std::string& used_by, Millis at,
                                const std::string& bond_id) override {
    Query q(c_, "UPDATE invites SET used_by = ?, used_at = ?, bond_id = ? WHERE code = ? AND used_at IS NULL");
    q.bind(used_by).bind(at).bind(bond_id).bind(code);
    auto r = q.run();
    if (!r) return r;
    if (q.changes() != 1) return fail(Errc::invite_used, "This invite has been used already.");
    return {};
  }

  Result<void> insert_bond(const std::string& bond_id, BondKind kind, const std::string& a, const std::string& b,
                           Millis created_at) override {
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

  Result<void> end_bond(const std::string& bond_id, const std::string& ended_by, Millis at) override {
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
    return revoke.run();
  }


  // ---- the inner world ---------------------------------------------------------------------

  static std::string ad(std::string_view column, std::string_view id) {
    return std::string(column) + ":" + std::string(id);
  }
  std::string seal(std::string_view text, std::string_view column, std::string_view id) const {
    return sealer_->seal(text, ad(column, id));
  }
  // Opens a sealed column; an unopenable value means a wrong key or tampering: fail loudly.
  Result<std::string> unseal(std::string_view sealed, std::string_view column, std::string_view id) const {
    auto plain = sealer_->open(sealed, ad(column, id));
    if (!plain) {
      spdlog::error("store: a sealed {} value did not open (wrong key or altered data)", column);
      return fail(Errc::internal, "stored text could not be read");
    }
    return std::move(*plain);
  }
  Result<std::optional<std::string>> unseal_optional(const Query& q, int col, std::string_view column,
                                                     std::string_view id) const {
    if (q.is_null(col)) return std::optional<std::string>();
    auto r = unseal(q.blob(col), column, id);
    if (!r) return std::unexpected(r.error());
    return std::optional<std::string>(std::move(*r));
  }
  void bind_sealed(Query& q, const std::optional<std::string>& text, std::string_view column, std::string_view id) {
    if (text) q.bind_blob(seal(*text, column, id));
    else q.bind_null();
  }

  Result<void> load_feelings(Entry& e) {
    Query q(c_, "SELECT word, family, intensity FROM entry_feelings WHERE entry_id = ? ORDER BY position");
    q.bind(e.id);
    e.feelings.clear();
    while (q.step()) e.feelings.push_back({q.text(0), q.text(1), static_cast<int>(q.integer(2))});
    PILLARS_CHECK(q);
    return {};
  }

  Result<void> load_shares(Entry& e) {
    Query q(c_, "SELECT bond_id FROM entry_shares WHERE entry_id = ? ORDER BY shared_at, bond_id");
    q.bind(e.id);
    e.shared_with.clear();
    while (q.step()) e.shared_with.push_back(q.text(0));
    PILLARS_CHECK(q);
    return {};
  }

  // Columns: id, author_id, kind, body_sealed, created_at, updated_at
  Result<Entry> read_entry(const Query& q, int first) {
    Entry e;
    e.id = q.text(first);
    e.author_id = q.text(first + 1);
    e.kind = parse_entry_kind(q.text(first + 2)).value_or(EntryKind::feeling);
    auto body = unseal(q.blob(first + 3), "entries.body", e.id);
    if (!body) return std::unexpected(body.error());
    e.body = std::move(*body);
    e.created_at = q.integer(first + 4);
    e.updated_at = q.integer(first + 5);
    return e;
  }

  Result<std::optional<Entry>> entry_for_author(const std::string& entry_id, const std::string& author_id) override {
    std::optional<Entry> out;
    {
      Query q(c_, "SELECT id, author_id, kind, body_sealed, created_at, updated_at FROM entries "
                  "WHERE id = ? AND author_id = ?");
      q.bind(entry_id).bind(author_id);
      if (q.step()) {
        auto e = read_entry(q, 0);
        if (!e) return std::unexpected(e.error());
        out = std::move(*e);
      }
      PILLARS_CHECK(q);
    }
    if (out) {
      if (auto r = load_feelings(*out); !r) return std::unexpected(r.error());
      if (auto r = load_shares(*out); !r) return std::unexpected(r.error());
    }
    return out;
  }

  Result<std::vector<Entry>> entries_of(const std::string& author_id, const EntryFilter& f) override {
    std::vector<Entry> out;
    {
      Query q(c_,
              "SELECT e.id, e.author_id, e.kind, e.body_sealed, e.created_at, e.updated_at FROM entries e "
              "WHERE e.author_id = ?1 AND (?2 IS NULL OR e.kind = ?2) "
              "AND (?3 IS NULL OR EXISTS (SELECT 1 FROM entry_feelings f WHERE f.entry_id = e.id AND f.family = ?3)) "
              "AND (?4 IS NULL OR e.created_at < ?4 OR (e.created_at = ?4 AND e.id < ?5)) "
              "ORDER BY e.created_at DESC, e.id DESC LIMIT ?6");
      q.bind(author_id);
      if (f.kind) q.bind(to_string(*f.kind)); else q.bind_null();
      q.bind(f.family);
      if (f.before) q.bind(f.before->first).bind(f.before->second); else q.bind_null().bind_null();
      q.bind(f.limit);
      while (q.step()) {
        auto e = read_entry(q, 0);
        if (!e) return std::unexpected(e.error());
        out.push_back(std::move(*e));
      }
      PILLARS_CHECK(q);
    }
    for (auto& e : out) {
      if (auto r = load_feelings(e); !r) return std::unexpected(r.error());
      if (auto r = load_shares(e); !r) return std::unexpected(r.error());
    }
    return out;
  }

  Result<std::vector<EntryResponse>> read_responses(Query& q) {
    std::vector<EntryResponse> out;
    while (q.step()) {
      EntryResponse r;
      r.id = q.text(0);
      r.entry_id = q.text(1);
      r.bond_id = q.text(2);
      r.from = Person{q.text(3), q.text(4)};
      r.kind = parse_response_kind(q.text(5)).value_or(ResponseKind::hear);
      auto body = unseal_optional(q, 6, "entry_responses.body", r.id);
      if (!body) return std::unexpected(body.error());
      r.body = std::move(*body);
      r.created_at = q.integer(7);
      out.push_back(std::move(r));
    }
    PILLARS_CHECK(q);
    return out;
  }

  // Responses to the entry in the bonds it is still shared in; one bond's only when `bond_id` is set.
  Result<std::vector<EntryResponse>> responses(const std::string& entry_id, const std::optional<std::string>& bond_id) {
    Query q(c_,
            "SELECT r.id, r.entry_id, r.bond_id, u.id, u.display_name, r.kind, r.body_sealed, r.created_at "
            "FROM entry_responses r JOIN entry_shares s ON s.entry_id = r.entry_id AND s.bond_id = r.bond_id "
            "JOIN users u ON u.id = r.responder_id WHERE r.entry_id = ?1 AND (?2 IS NULL OR r.bond_id = ?2) "
            "ORDER BY r.created_at, r.id");
    q.bind(entry_id).bind(bond_id);
    return read_responses(q);
  }

  Result<std::vector<EntryResponse>> responses_to(const std::string& entry_id) override {
    return responses(entry_id, std::nullopt);
  }

  Result<std::vector<EntryResponse>> responses_in_bond(const std::string& entry_id, const std::string& bond_id) override {
    return responses(entry_id, bond_id);
  }

  Result<std::vector<SharedEntry>> shared_in_bond(const std::string& bond_id,
                                                  std::optional<std::pair<Millis, std::string>> before,
                                                  int limit) override {
    std::vector<SharedEntry> out;
    {
      Query q(c_,
              "SELECT e.id, e.author_id, e.kind, e.body_sealed, e.created_at, e.updated_at, u.display_name, s.shared_at "
              "FROM entry_shares s JOIN entries e ON e.id = s.entry_id JOIN users u ON u.id = e.author_id "
              "WHERE s.bond_id = ?1 AND (?2 IS NULL OR s.shared_at < ?2 OR (s.shared_at = ?2 AND s.entry_id < ?3)) "
              "ORDER BY s.shared_at DESC, s.entry_id DESC LIMIT ?4");
      q.bind(bond_id);
      if (before) q.bind(before->first).bind(before->second); else q.bind_null().bind_null();
      q.bind(limit);
      while (q.step()) {
        auto e = read_entry(q, 0);
        if (!e) return std::unexpected(e.error());
        SharedEntry se{std::move(*e), Person{q.text(1), q.text(6)}, q.integer(7)};
        out.push_back(std::move(se));
      }
      PILLARS_CHECK(q);
    }
    for (auto& se : out)
      if (auto r = load_feelings(se.entry); !r) return std::unexpected(r.error());
    return out;
  }

  Result<std::optional<std::string>> shared_entry_author(const std::string& entry_id, const std::string& bond_id) override {
    Query q(c_, "SELECT author_id FROM entry_shares WHERE entry_id = ? AND bond_id = ?");
    q.bind(entry_id).bind(bond_id);
    if (q.step()) return std::optional<std::string>(q.text(0));
    PILLARS_CHECK(q);
    return std::optional<std::string>();
  }

  Result<std::vector<std::string>> bonds_sharing(const std::string& entry_id) override {
    Query q(c_, "SELECT bond_id FROM entry_shares WHERE entry_id = ? ORDER BY bond_id");
    q.bind(entry_id);
    std::vector<std::string> out;
    while (q.step()) out.push_back(q.text(0));
    PILLARS_CHECK(q);
    return out;
  }

  Result<std::vector<Appreciation>> appreciations_in(const std::string& bond_id) override {
    Query q(c_,
            "SELECT a.id, a.bond_id, u.id, u.display_name, a.kind, a.note_sealed, a.created_at FROM appreciations a "
            "JOIN users u ON u.id = a.from_id WHERE a.bond_id = ? ORDER BY a.created_at DESC, a.id DESC LIMIT 500");
    q.bind(bond_id);
    std::vector<Appreciation> out;
    while (q.step()) {
      Appreciation a;
      a.id = q.text(0);
      a.bond_id = q.text(1);
      a.from = Person{q.text(2), q.text(3)};
      a.kind = parse_appreciation_kind(q.text(4)).value_or(AppreciationKind::love);
      auto note = unseal_optional(q, 5, "appreciations.note", a.id);
      if (!note) return std::unexpected(note.error());
      a.note = std::move(*note);
      a.created_at = q.integer(6);
      out.push_back(std::move(a));
    }
    PILLARS_CHECK(q);
    return out;
  }

  Result<ComfortRequest> read_comfort(const Query& q) {
    ComfortRequest c;
    c.id = q.text(0);
    c.bond_id = q.text(1);
    c.from = Person{q.text(2), q.text(3)};
    auto note = unseal_optional(q, 4, "comfort_requests.note", c.id);
    if (!note) return std::unexpected(note.error());
    c.note = std::move(*note);
    c.created_at = q.integer(5);
    c.answered_at = q.opt_integer(6);
    auto answer = unseal_optional(q, 7, "comfort_requests.answer_note", c.id);
    if (!answer) return std::unexpected(answer.error());
    c.answer_note = std::move(*answer);
    return c;
  }

  Result<std::vector<ComfortRequest>> comfort_requests_in(const std::string& bond_id) override {
    Query q(c_,
            "SELECT c.id, c.bond_id, u.id, u.display_name, c.note_sealed, c.created_at, c.answered_at, "
            "c.answer_note_sealed FROM comfort_requests c JOIN users u ON u.id = c.from_id WHERE c.bond_id = ? "
            "ORDER BY c.created_at DESC, c.id DESC LIMIT 500");
    q.bind(bond_id);
    std::vector<ComfortRequest> out;
    while (q.step()) {
      auto c = read_comfort(q);
      if (!c) return std::unexpected(c.error());
      out.push_back(std::move(*c));
    }
    PILLARS_CHECK(q);
    return out;
  }

  Result<std::optional<ComfortRequest>> comfort_request(const std::string& bond_id, const std::string& id) override {
    Query q(c_,
            "SELECT c.id, c.bond_id, u.id, u.display_name, c.note_sealed, c.created_at, c.answered_at, "
            "c.answer_note_sealed FROM comfort_requests c JOIN users u ON u.id = c.from_id "
            "WHERE c.bond_id = ? AND c.id = ?");
    q.bind(bond_id).bind(id);
    if (q.step()) {
      auto c = read_comfort(q);
      if (!c) return std::unexpected(c.error());
      return std::optional<ComfortRequest>(std::move(*c));
    }
    PILLARS_CHECK(q);
    return std::optional<ComfortRequest>();
  }

  Result<void> write_feelings(const Entry& e) {
    {
      Query q(c_, "DELETE FROM entry_feelings WHERE entry_id = ?");
      q.bind(e.id);
      if (auto r = q.run(); !r) return r;
    }
    for (std::size_t i = 0; i < e.feelings.size(); ++i) {
      Query q(c_, "INSERT INTO entry_feelings (entry_id, position, word, family, intensity) VALUES (?, ?, ?, ?, ?)");
      q.bind(e.id).bind(static_cast<int>(i)).bind(e.feelings[i].word).bind(e.feelings[i].family).bind(e.feelings[i].intensity);
      if (auto r = q.run(); !r) return r;
    }
    return {};
  }

  Result<void> insert_entry(const Entry& e) override {
    Query q(c_, "INSERT INTO entries (id, author_id, kind, body_sealed, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)");
    q.bind(e.id).bind(e.author_id).bind(to_string(e.kind)).bind_blob(seal(e.body, "entries.body", e.id))
        .bind(e.created_at).bind(e.updated_at);
    if (auto r = q.run(); !r) return r;
    return write_feelings(e);
  }

  Result<void> update_entry(const Entry& e) override {
    Query q(c_, "UPDATE entries SET kind = ?, body_sealed = ?, updated_at = ? WHERE id = ? AND author_id = ?");
    q.bind(to_string(e.kind)).bind_blob(seal(e.body, "entries.body", e.id)).bind(e.updated_at).bind(e.id).bind(e.author_id);
    if (auto r = q.run(); !r) return r;
    if (q.changes() != 1) return fail(Errc::not_found, "There is no such entry.");
    return write_feelings(e);
  }

  Result<bool> delete_entry(const std::string& entry_id, const std::string& author_id) override {
    Query q(c_, "DELETE FROM entries WHERE id = ? AND author_id = ?");
    q.bind(entry_id).bind(author_id);
    if (auto r = q.run(); !r) return std::unexpected(r.error());
    return q.changes() > 0;
  }

  Result<bool> share_entry(const std::string& entry_id, const std::string& bond_id, const std::string& author_id,
                           Millis at) override {
    Query q(c_, "INSERT OR IGNORE INTO entry_shares (entry_id, bond_id, author_id, shared_at) VALUES (?, ?, ?, ?)");
    q.bind(entry_id).bind(bond_id).bind(author_id).bind(at);
    if (auto r = q.run(); !r) return std::unexpected(r.error());
    return q.changes() > 0;
  }

  Result<bool> withdraw_share(const std::string& entry_id, const std::string& bond_id) override {
    Query q(c_, "DELETE FROM entry_shares WHERE entry_id = ? AND bond_id = ?");
    q.bind(entry_id).bind(bond_id);
    if (auto r = q.run(); !r) return std::unexpected(r.error());
    return q.changes() > 0;
  }

  Result<void> insert_response(const EntryResponse& r) override {
    Query q(c_, "INSERT INTO entry_responses (id, entry_id, bond_id, responder_id, kind, body_sealed, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)");
    q.bind(r.id).bind(r.entry_id).bind(r.bond_id).bind(r.from.id).bind(to_string(r.kind));
    bind_sealed(q, r.body, "entry_responses.body", r.id);
    q.bind(r.created_at);
    return q.run();
  }

  Result<void> insert_appreciation(const Appreciation& a) override {
    Query q(c_, "INSERT INTO appreciations (id, bond_id, from_id, kind, note_sealed, created_at) VALUES (?, ?, ?, ?, ?, ?)");
    q.bind(a.id).bind(a.bond_id).bind(a.from.id).bind(to_string(a.kind));
    bind_sealed(q, a.note, "appreciations.note", a.id);
    q.bind(a.created_at);
    return q.run();
  }

  Result<void> insert_comfort_request(const ComfortRequest& c) override {
    Query q(c_, "INSERT INTO comfort_requests (id, bond_id, from_id, note_sealed, created_at) VALUES (?, ?, ?, ?, ?)");
    q.bind(c.id).bind(c.bond_id).bind(c.from.id);
    bind_sealed(q, c.note, "comfort_requests.note", c.id);
    q.bind(c.created_at);
    return q.run();
  }

  Result<void> answer_comfort_request(const std::string& id, const std::string& by, Millis at,
                                      const std::optional<std::string>& note) override {
    Query q(c_, "UPDATE comfort_requests SET answered_at = ?, answered_by = ?, answer_note_sealed = ? "
                "WHERE id = ? AND answered_at IS NULL");
    q.bind(at).bind(by);
    bind_sealed(q, note, "comfort_requests.answer_note", id);
    q.bind(id);
    if (auto r = q.run(); !r) return r;
    if (q.changes() != 1) return fail(Errc::conflict, "This request has been answered already.");
    return {};
  }

  // ---- check-ins -------------------------------------------------------------------------------

  static std::string encode_feelings(const std::vector<EntryFeeling>& feelings) {
    std::string out;
    for (const auto& f : feelings) {
      if (!out.empty()) out += ',';
      out += f.word + ':' + f.family + ':' + std::to_string(f.intensity);
    }
    return out;
  }

  static std::vector<EntryFeeling> decode_feelings(std::string_view text) {
    std::vector<EntryFeeling> out;
    while (!text.empty()) {
      auto comma = text.find(',');
      std::string_view item = text.substr(0, comma);
      text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
      auto a = item.find(':');
      auto b = item.rfind(':');
      if (a == std::string_view::npos || a == b) continue;
      out.push_back({std::string(item.substr(0, a)), std::string(item.substr(a + 1, b - a - 1)),
                     std::atoi(std::string(item.substr(b + 1)).c_str())});
    }
    return out;
  }

  static std::optional<bool> opt_bool(const Query& q, int col) {
    auto v = q.opt_integer(col);
    return v ? std::optional<bool>(*v != 0) : std::nullopt;
  }

  Result<std::vector<CheckIn>> read_checkins(Query& q) {
    std::vector<CheckIn> out;
    while (q.step()) {
      CheckIn c;
      c.bond_id = q.text(0);
      c.day = static_cast<Day>(q.integer(1));
      c.from = Person{q.text(2), q.text(3)};
      c.feelings = decode_feelings(q.text(4));
      c.closeness_now = static_cast<int>(q.integer(5));
      c.closeness_wanted = static_cast<int>(q.integer(6));
      c.need = parse_need(q.text(7)).value_or(Need::fine);
      c.own_minutes = static_cast<int>(q.integer(8));
      c.together_minutes = static_cast<int>(q.integer(9));
      c.affection = opt_bool(q, 10);
      c.lovemaking = opt_bool(q, 11);
      c.guess_family = q.text(12);
      c.guess_closeness = static_cast<int>(q.integer(13));
      c.created_at = q.integer(14);
      c.updated_at = q.integer(15);
      out.push_back(std::move(c));
    }
    PILLARS_CHECK(q);
    return out;
  }

  Result<std::vector<CheckIn>> checkins_on(const std::string& bond_id, Day day) override {
    Query q(c_,
            "SELECT c.bond_id, c.day, u.id, u.display_name, c.feelings, c.closeness_now, c.closeness_wanted, c.need, "
            "c.own_minutes, c.together_minutes, c.affection, c.lovemaking, c.guess_family, c.guess_closeness, "
            "c.created_at, c.updated_at FROM checkins c JOIN users u ON u.id = c.user_id "
            "WHERE c.bond_id = ? AND c.day = ? ORDER BY c.user_id");
    q.bind(bond_id).bind(day);
    return read_checkins(q);
  }

  Result<std::vector<CheckIn>> checkins_between(const std::string& bond_id, Day from, Day to) override {
    Query q(c_,
            "SELECT c.bond_id, c.day, u.id, u.display_name, c.feelings, c.closeness_now, c.closeness_wanted, c.need, "
            "c.own_minutes, c.together_minutes, c.affection, c.lovemaking, c.guess_family, c.guess_closeness, "
            "c.created_at, c.updated_at FROM checkins c JOIN users u ON u.id = c.user_id "
            "WHERE c.bond_id = ? AND c.day BETWEEN ? AND ? ORDER BY c.day, c.user_id");
    q.bind(bond_id).bind(from).bind(to);
    return read_checkins(q);
  }

  Result<void> put_checkin(const CheckIn& c) override {
    Query q(c_,
            "INSERT INTO checkins (bond_id, day, user_id, feelings, closeness_now, closeness_wanted, need, own_minutes, "
            "together_minutes, affection, lovemaking, guess_family, guess_closeness, created_at, updated_at) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14) "
            "ON CONFLICT (bond_id, day, user_id) DO UPDATE SET feelings = ?4, closeness_now = ?5, "
            "closeness_wanted = ?6, need = ?7, own_minutes = ?8, together_minutes = ?9, affection = ?10, "
            "lovemaking = ?11, guess_family = ?12, guess_closeness = ?13, updated_at = ?14");
    q.bind(c.bond_id).bind(c.day).bind(c.from.id).bind(encode_feelings(c.feelings)).bind(c.closeness_now)
        .bind(c.closeness_wanted).bind(to_string(c.need)).bind(c.own_minutes).bind(c.together_minutes);
    if (c.affection) q.bind(*c.affection ? 1 : 0); else q.bind_null();
    if (c.lovemaking) q.bind(*c.lovemaking ? 1 : 0); else q.bind_null();
    q.bind(c.guess_family).bind(c.guess_closeness).bind(c.updated_at);
    return q.run();
  }

 private:
  static Millis now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }

  Conn& c_;
  const crypto::Sealer* sealer_;
};

// ---------------------------------------------------------------------------------------------
// Migrations: files named NNNN_name.sql, applied in order, each in its own transaction.

int migration_number(std::string_view path) {
  int n = 0;
  auto [ptr, ec] = std::from_chars(path.data(), path.data() + path.size(), n);
  return ec == std::errc() ? n : -1;
}

Result<int> apply_migrations(Conn& conn) {
  if (!conn.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                 "applied_at INTEGER NOT NULL) STRICT"))
    return fail(Errc::internal, "cannot create the migrations table");
  SqliteTx tx(conn, nullptr);
  auto current = tx.schema_version();
  if (!current) return std::unexpected(current.error());
  int version = *current;
  for (const auto& file : migration_files()) {
    int n = migration_number(file.path);
    if (n <= version) continue;
    std::string sql(file.data);
    if (!conn.exec("BEGIN IMMEDIATE")) return fail(Errc::internal, "cannot start a migration");
    bool ok = conn.exec(sql.c_str());
    if (ok) {
      Query q(conn, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, strftime('%s','now') * 1000)");
      q.bind(n).bind(file.path);
      ok = q.run().has_value();
    }
    if (!ok || !conn.exec("COMMIT")) {
      conn.exec("ROLLBACK");
      return fail(Errc::internal, "migration failed");
    }
    spdlog::info("store: applied migration {}", file.path);
    version = n;
  }
  return version;
}

}  // namespace

// ---------------------------------------------------------------------------------------------

struct SqliteStore::Impl {
  SqliteOptions options;
  std::shared_ptr<const crypto::Sealer> sealer;
  std::unique_ptr<Conn> writer;
  std::vector<std::unique_ptr<Conn>> readers;

  std::mutex mutex;       // guards writes and closing
  std::mutex read_mutex;  // guards reads, so readers and the writer do not contend
  std::condition_variable wake_writer;
  std::condition_variable wake_readers;
  std::deque<std::pair<WriteJob, Committed>> writes;
  std::deque<ReadJob> reads;
  bool closing = false;  // written under both mutexes, read under either
  std::vector<std::thread> threads;

  std::atomic<std::uint64_t> read_count{0}, write_count{0}, commit_count{0};

  void reader_loop(Conn& conn) {
    for (;;) {
      ReadJob job;
      {
        std::unique_lock lock(read_mutex);
        wake_readers.wait(lock, [&] { return closing || !reads.empty(); });
        if (reads.empty()) return;  // closing and drained
        job = std::move(reads.front());
        reads.pop_front();
      }
      // One snapshot for the whole job; BEGIN and COMMIT are prepared once per connection.
      Query(conn, "BEGIN").step();
      SqliteTx tx(conn, sealer.get());
      try {
        job(tx);
      } catch (const std::exception& e) {
        spdlog::error("store: read job threw: {}", e.what());
      }
      Query(conn, "COMMIT").step();
      read_count.fetch_add(1, std::memory_order_relaxed);
    }
  }

  void writer_loop() {
    std::vector<std::pair<WriteJob, Committed>> batch;
    for (;;) {
      {
        std::unique_lock lock(mutex);
        wake_writer.wait(lock, [&] { return closing || !writes.empty(); });
        if (writes.empty()) return;
        while (!writes.empty() && batch.size() < options.max_batch) {
          batch.push_back(std::move(writes.front()));
          writes.pop_front();
        }
      }
      run_batch(batch);
      batch.clear();
    }
  }

  // Runs each job in its own savepoint inside one transaction, then commits once. A job that
  // returns false (or throws) is rolled back alone; the others still commit.
  void run_batch(std::vector<std::pair<WriteJob, Committed>>& batch) {
    Conn& conn = *writer;
    std::vector<bool> kept(batch.size(), false);
    bool began = conn.exec("BEGIN IMMEDIATE");
    SqliteTx tx(conn, sealer.get());
    for (std::size_t i = 0; began && i < batch.size(); ++i) {
      conn.exec("SAVEPOINT job");
      bool keep = false;
      try {
        keep = batch[i].first(tx);
      } catch (const std::exception& e) {
        spdlog::error("store: write job threw: {}", e.what());
      }
      if (sqlite3_get_autocommit(conn.db())) {
        // The engine rolled the whole transaction back (disk full, I/O error): nothing so far holds.
        spdlog::error("store: transaction aborted by the engine");
        std::fill(kept.begin(), kept.end(), false);
        began = false;
        break;
      }
      if (!keep) conn.exec("ROLLBACK TO job");
      conn.exec("RELEASE job");
      kept[i] = keep;
    }
    bool durable = began && conn.exec("COMMIT");
    if (began && !durable) conn.exec("ROLLBACK");
    if (durable) commit_count.fetch_add(1, std::memory_order_relaxed);
    write_count.fetch_add(batch.size(), std::memory_order_relaxed);
    for (std::size_t i = 0; i < batch.size(); ++i) {
      // A rolled-back job's own result already says why; its changes were undone, which is durable.
      bool ok = durable || !kept[i];
      if (!began) ok = false;
      if (batch[i].second) batch[i].second(ok);
    }
  }
};

SqliteStore::SqliteStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

SqliteStore::~SqliteStore() { close(); }

int SqliteStore::latest_schema_version() {
  int latest = 0;
  for (const auto& f : migration_files()) latest = std::max(latest, migration_number(f.path));
  return latest;
}

Result<int> SqliteStore::migrate(const std::string& path) {
  auto conn = open_conn(path, false);
  if (!conn) return std::unexpected(conn.error());
  return apply_migrations(**conn);
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path,
                                                       std::shared_ptr<const crypto::Sealer> sealer,
                                                       SqliteOptions options) {
  if (!sealer) return fail(Errc::internal, "the store needs a sealer for text at rest");
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->sealer = std::move(sealer);
  auto writer = open_conn(path, false);
  if (!writer) return std::unexpected(writer.error());
  auto version = apply_migrations(**writer);
  if (!version) return std::unexpected(version.error());
  impl->writer = std::move(*writer);
  for (int i = 0; i < std::max(1, options.readers); ++i) {
    auto reader = open_conn(path, true);
    if (!reader) return std::unexpected(reader.error());
    impl->readers.push_back(std::move(*reader));
  }
  Impl* raw = impl.get();
  impl->threads.emplace_back([raw] { raw->writer_loop(); });
  for (auto& reader : impl->readers) {
    Conn* conn = reader.get();
    impl->threads.emplace_back([raw, conn] { raw->reader_loop(*conn); });
  }
  return std::unique_ptr<SqliteStore>(new SqliteStore(std::move(impl)));
}

void SqliteStore::submit_read(ReadJob job) {
  {
    std::lock_guard lock(impl_->read_mutex);
    if (impl_->closing) {
      spdlog::warn("store: read submitted after close");
      return;
    }
    impl_->reads.push_back(std::move(job));
  }
  impl_->wake_readers.notify_one();  // after unlocking: the woken reader need not wait for the lock
}

void SqliteStore::submit_write(WriteJob job, Committed done) {
  {
    std::lock_guard lock(impl_->mutex);
    if (!impl_->closing) {
      impl_->writes.emplace_back(std::move(job), std::move(done));
      job = nullptr;
    }
  }
  if (!job) {
    impl_->wake_writer.notify_one();
    return;
  }
  if (done) done(false);
}

void SqliteStore::close() {
  if (!impl_) return;
  {
    std::scoped_lock lock(impl_->mutex, impl_->read_mutex);
    if (impl_->closing && impl_->threads.empty()) return;
    impl_->closing = true;
  }
  impl_->wake_writer.notify_all();
  impl_->wake_readers.notify_all();
  for (auto& t : impl_->threads) t.join();
  impl_->threads.clear();
  impl_->readers.clear();
  if (impl_->writer) {
    // Fold the WAL back into the main file so the data folder is one file at rest.
    impl_->writer->exec("PRAGMA wal_checkpoint(TRUNCATE)");
    impl_->writer.reset();
  }
}

StoreStats SqliteStore::stats() const {
  return {impl_->read_count.load(), impl_->write_count.load(), impl_->commit_count.load(),
          static_cast<std::uint64_t>(sqlite3_memory_used())};
}

}  // namespace pillars::store
