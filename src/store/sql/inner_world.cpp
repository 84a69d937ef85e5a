// The inner world: entries with their feelings, shares into bonds, responses, appreciations and
// comfort requests. Free text is sealed at rest, bound to its column and row.
#include <spdlog/spdlog.h>

#include <map>

#include "store/sql/tx.h"

namespace pillars::store::sql {

std::string associated_data(std::string_view column, std::string_view id) {
  return std::string(column) + ":" + std::string(id);
}

std::string SqlTx::seal(std::string_view text, std::string_view column, std::string_view id) const {
  return sealer_->seal(text, associated_data(column, id));
}

// Opens a sealed column; an unopenable value means a wrong key or tampering: fail loudly.
Result<std::string> SqlTx::unseal(std::string_view sealed, std::string_view column, std::string_view id) const {
  auto plain = sealer_->open(sealed, associated_data(column, id));
  if (!plain) {
    spdlog::error("store: a sealed {} value did not open (wrong key or altered data)", column);
    return fail(Errc::internal, "stored text could not be read");
  }
  return std::move(*plain);
}

Result<std::optional<std::string>> SqlTx::unseal_optional(const Query& q, int col, std::string_view column,
                                                             std::string_view id) const {
  if (q.is_null(col)) return std::optional<std::string>();
  auto r = unseal(q.blob(col), column, id);
  if (!r) return std::unexpected(r.error());
  return std::optional<std::string>(std::move(*r));
}

void SqlTx::bind_sealed(Query& q, const std::optional<std::string>& text, std::string_view column,
                           std::string_view id) {
  if (text) q.bind_blob(seal(*text, column, id));
  else q.bind_null();
}

namespace {
BindKey entry_key(const Entry& e) {
  return [&e](Query& q) { q.bind(e.id); };
}
}  // namespace

Result<void> SqlTx::load_feelings(Entry& e) {
  auto feelings = read_feelings(kEntryFeelings, entry_key(e));
  if (!feelings) return std::unexpected(feelings.error());
  e.feelings = std::move(*feelings);
  return {};
}

Result<void> SqlTx::load_shares(Entry& e) {
  Query q(c_, "SELECT bond_id FROM entry_shares WHERE entry_id = ? ORDER BY shared_at, bond_id");
  q.bind(e.id);
  e.shared_with.clear();
  while (q.step()) e.shared_with.push_back(q.text(0));
  PILLARS_CHECK(q);
  return {};
}

// An entry's columns, as read_entry reads them.
#define PILLARS_ENTRY_COLUMNS                                                                          \
  "e.id, e.author_id, e.kind, e.body_sealed, e.created_at, e.updated_at, e.prompt, e.own_day, e.own_minutes, " \
  "e.own_activity"
constexpr int kEntryColumns = 10;

Result<Entry> SqlTx::read_entry(const Query& q, int first) {
  Entry e;
  e.id = q.text(first);
  e.author_id = q.text(first + 1);
  e.kind = parse_entry_kind(q.text(first + 2)).value_or(EntryKind::feeling);
  auto body = unseal(q.blob(first + 3), "entries.body", e.id);
  if (!body) return std::unexpected(body.error());
  e.body = std::move(*body);
  e.created_at = q.integer(first + 4);
  e.updated_at = q.integer(first + 5);
  e.prompt = q.opt_text(first + 6);
  if (auto day = q.opt_integer(first + 7))
    e.own_time = OwnTimeSpent{static_cast<Day>(*day), static_cast<int>(q.integer(first + 8)), q.text(first + 9)};
  return e;
}

Result<std::optional<Entry>> SqlTx::entry_for_author(const std::string& entry_id, const std::string& author_id) {
  std::optional<Entry> out;
  {
    Query q(c_, "SELECT " PILLARS_ENTRY_COLUMNS " FROM entries e WHERE e.id = ? AND e.author_id = ?");
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

Result<std::vector<Entry>> SqlTx::whole_entries(Query& q) {
  std::vector<Entry> out;
  while (q.step()) {
    auto e = read_entry(q, 0);
    if (!e) return std::unexpected(e.error());
    out.push_back(std::move(*e));
  }
  PILLARS_CHECK(q);
  if (out.empty()) return out;
  // Feelings and shares of every entry in two queries, not two per entry.
  std::map<std::string_view, Entry*> by_id;
  std::string ids = "[";
  for (auto& e : out) {
    by_id.emplace(e.id, &e);
    if (ids.size() > 1) ids += ',';
    ids += '"';
    for (char c : e.id) {
      if (c == '"' || c == '\\') ids += '\\';
      ids += c;
    }
    ids += '"';
  }
  ids += ']';
  {
    Query f(c_, pick("SELECT entry_id, word, family, intensity FROM entry_feelings "
                     "WHERE entry_id IN (SELECT value FROM json_each(?)) ORDER BY entry_id, position",
                     "SELECT entry_id, word, family, intensity FROM entry_feelings "
                     "WHERE entry_id IN (SELECT json_array_elements_text(?::json)) ORDER BY entry_id, position"));
    f.bind(ids);
    while (f.step())
      if (auto it = by_id.find(f.text(0)); it != by_id.end())
        it->second->feelings.push_back({f.text(1), f.text(2), static_cast<int>(f.integer(3))});
    PILLARS_CHECK(f);
  }
  {
    Query s(c_, pick("SELECT entry_id, bond_id FROM entry_shares "
                     "WHERE entry_id IN (SELECT value FROM json_each(?)) ORDER BY entry_id, shared_at, bond_id",
                     "SELECT entry_id, bond_id FROM entry_shares "
                     "WHERE entry_id IN (SELECT json_array_elements_text(?::json)) ORDER BY entry_id, shared_at, bond_id"));
    s.bind(ids);
    while (s.step())
      if (auto it = by_id.find(s.text(0)); it != by_id.end()) it->second->shared_with.push_back(s.text(1));
    PILLARS_CHECK(s);
  }
  return out;
}

Result<std::vector<Entry>> SqlTx::entries_of(const std::string& author_id, const EntryFilter& f) {
  Query q(c_,
          "SELECT " PILLARS_ENTRY_COLUMNS " FROM entries e "
          "WHERE e.author_id = ?1 AND (CAST(?2 AS TEXT) IS NULL OR e.kind = ?2) "
          "AND (CAST(?3 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM entry_feelings f WHERE f.entry_id = e.id AND f.family = ?3)) "
          "AND (CAST(?4 AS BIGINT) IS NULL OR e.created_at < ?4 OR (e.created_at = ?4 AND e.id < ?5)) "
          "ORDER BY e.created_at DESC, e.id DESC LIMIT ?6");
  q.bind(author_id);
  if (f.kind) q.bind(to_string(*f.kind)); else q.bind_null();
  q.bind(f.family);
  if (f.before) q.bind(f.before->first).bind(f.before->second); else q.bind_null().bind_null();
  q.bind(f.limit);
  return whole_entries(q);
}

Result<std::vector<OwnTimeSpent>> SqlTx::own_time_between(const std::string& user_id, Day from, Day to) {
  std::vector<OwnTimeSpent> out;
  Query q(c_, "SELECT own_day, own_minutes, own_activity FROM entries "
              "WHERE author_id = ? AND own_day BETWEEN ? AND ? ORDER BY own_day, created_at");
  q.bind(user_id).bind(from).bind(to);
  while (q.step())
    out.push_back({static_cast<Day>(q.integer(0)), static_cast<int>(q.integer(1)), q.text(2)});
  PILLARS_CHECK(q);
  return out;
}

Result<std::vector<Entry>> SqlTx::own_time_entries(const std::string& user_id, Day from, Day to, int limit) {
  Query q(c_, "SELECT " PILLARS_ENTRY_COLUMNS " FROM entries e WHERE e.author_id = ? AND e.own_day BETWEEN ? AND ? "
              "ORDER BY e.own_day DESC, e.created_at DESC, e.id DESC LIMIT ?");
  q.bind(user_id).bind(from).bind(to).bind(limit);
  return whole_entries(q);
}

Result<std::vector<EntryResponse>> SqlTx::read_responses(Query& q) {
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
Result<std::vector<EntryResponse>> SqlTx::responses(const std::string& entry_id,
                                                       const std::optional<std::string>& bond_id) {
  Query q(c_,
          "SELECT r.id, r.entry_id, r.bond_id, u.id, u.display_name, r.kind, r.body_sealed, r.created_at "
          "FROM entry_responses r JOIN entry_shares s ON s.entry_id = r.entry_id AND s.bond_id = r.bond_id "
          "JOIN users u ON u.id = r.responder_id WHERE r.entry_id = ?1 AND (CAST(?2 AS TEXT) IS NULL OR r.bond_id = ?2) "
          "ORDER BY r.created_at, r.id");
  q.bind(entry_id).bind(bond_id);
  return read_responses(q);
}

Result<std::vector<EntryResponse>> SqlTx::responses_to(const std::string& entry_id) {
  return responses(entry_id, std::nullopt);
}

Result<std::vector<EntryResponse>> SqlTx::responses_in_bond(const std::string& entry_id,
                                                               const std::string& bond_id) {
  return responses(entry_id, bond_id);
}

// The entries shared in a bond between two shares, (shared_at, entry_id) from ?2, ?3 (the newest)
// down to ?4, ?5 (the oldest), both included: a page that shared_in_bond has read, so that its
// feelings and responses come in one query each, not one per entry.
#define PILLARS_SHARES_ON_PAGE                                                              \
  "s.bond_id = ?1 AND (s.shared_at < ?2 OR (s.shared_at = ?2 AND s.entry_id <= ?3)) "       \
  "AND (s.shared_at > ?4 OR (s.shared_at = ?4 AND s.entry_id >= ?5)) "

Result<std::vector<SharedEntry>> SqlTx::shared_in_bond(const std::string& bond_id,
                                                          std::optional<std::pair<Millis, std::string>> before,
                                                          int limit) {
  std::vector<SharedEntry> out;
  {
    Query q(c_,
            "SELECT " PILLARS_ENTRY_COLUMNS ", u.display_name, s.shared_at "
            "FROM entry_shares s JOIN entries e ON e.id = s.entry_id JOIN users u ON u.id = e.author_id "
            "WHERE s.bond_id = ?1 AND (CAST(?2 AS BIGINT) IS NULL OR s.shared_at < ?2 OR (s.shared_at = ?2 AND s.entry_id < ?3)) "
            "ORDER BY s.shared_at DESC, s.entry_id DESC LIMIT ?4");
    q.bind(bond_id);
    if (before) q.bind(before->first).bind(before->second); else q.bind_null().bind_null();
    q.bind(limit);
    while (q.step()) {
      auto e = read_entry(q, 0);
      if (!e) return std::unexpected(e.error());
      SharedEntry se{std::move(*e), Person{q.text(1), q.text(kEntryColumns)}, q.integer(kEntryColumns + 1), {}};
      out.push_back(std::move(se));
    }
    PILLARS_CHECK(q);
  }
  if (out.empty()) return out;
  std::map<std::string_view, SharedEntry*> by_id;
  for (auto& se : out) by_id.emplace(se.entry.id, &se);
  auto bind_page = [&](Query& q) {
    q.bind(bond_id).bind(out.front().shared_at).bind(out.front().entry.id);
    q.bind(out.back().shared_at).bind(out.back().entry.id);
  };
  {
    Query f(c_, "SELECT f.entry_id, f.word, f.family, f.intensity FROM entry_shares s "
                "JOIN entry_feelings f ON f.entry_id = s.entry_id WHERE " PILLARS_SHARES_ON_PAGE
                "ORDER BY f.entry_id, f.position");
    bind_page(f);
    while (f.step())
      if (auto it = by_id.find(f.text(0)); it != by_id.end())
        it->second->entry.feelings.push_back({f.text(1), f.text(2), static_cast<int>(f.integer(3))});
    PILLARS_CHECK(f);
  }
  Query r(c_,
          "SELECT r.id, r.entry_id, r.bond_id, u.id, u.display_name, r.kind, r.body_sealed, r.created_at "
          "FROM entry_shares s JOIN entry_responses r ON r.entry_id = s.entry_id AND r.bond_id = s.bond_id "
          "JOIN users u ON u.id = r.responder_id WHERE " PILLARS_SHARES_ON_PAGE "ORDER BY r.created_at, r.id");
  bind_page(r);
  auto responses = read_responses(r);
  if (!responses) return std::unexpected(responses.error());
  for (auto& response : *responses)
    if (auto it = by_id.find(response.entry_id); it != by_id.end()) it->second->responses.push_back(std::move(response));
  return out;
}

Result<std::optional<std::string>> SqlTx::shared_entry_author(const std::string& entry_id,
                                                                 const std::string& bond_id) {
  Query q(c_, "SELECT author_id FROM entry_shares WHERE entry_id = ? AND bond_id = ?");
  q.bind(entry_id).bind(bond_id);
  if (q.step()) return std::optional<std::string>(q.text(0));
  PILLARS_CHECK(q);
  return std::optional<std::string>();
}

Result<std::vector<std::string>> SqlTx::bonds_sharing(const std::string& entry_id) {
  Query q(c_, "SELECT bond_id FROM entry_shares WHERE entry_id = ? ORDER BY bond_id");
  q.bind(entry_id);
  std::vector<std::string> out;
  while (q.step()) out.push_back(q.text(0));
  PILLARS_CHECK(q);
  return out;
}

Result<std::vector<EntryResponse>> SqlTx::responses_by(const std::string& user_id) {
  Query q(c_,
          "SELECT r.id, r.entry_id, r.bond_id, u.id, u.display_name, r.kind, r.body_sealed, r.created_at "
          "FROM entry_responses r JOIN users u ON u.id = r.responder_id WHERE r.responder_id = ? "
          "ORDER BY r.created_at, r.id");
  q.bind(user_id);
  return read_responses(q);
}

Result<std::vector<Appreciation>> SqlTx::appreciations_in(const std::string& bond_id) {
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

// Columns as in kRequestSelect.
Result<Request> SqlTx::read_request(const Query& q) {
  Request c;
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
  c.kind = parse_request_kind(q.text(8)).value_or(RequestKind::comfort);
  if (auto when = q.opt_text(9)) c.when = parse_space_when(*when);
  if (auto reply = q.opt_text(10)) c.reply = parse_space_reply(*reply);
  return c;
}

namespace {
#define PILLARS_REQUEST_SELECT                                                                         \
  "SELECT c.id, c.bond_id, u.id, u.display_name, c.note_sealed, c.created_at, c.answered_at, "        \
  "c.answer_note_sealed, c.kind, c.for_when, c.reply FROM comfort_requests c JOIN users u ON u.id = c.from_id "
}  // namespace

Result<std::vector<Request>> SqlTx::requests_in(const std::string& bond_id, RequestKind kind) {
  Query q(c_, PILLARS_REQUEST_SELECT "WHERE c.bond_id = ? AND c.kind = ? ORDER BY c.created_at DESC, c.id DESC LIMIT 500");
  q.bind(bond_id).bind(to_string(kind));
  std::vector<Request> out;
  while (q.step()) {
    auto c = read_request(q);
    if (!c) return std::unexpected(c.error());
    out.push_back(std::move(*c));
  }
  PILLARS_CHECK(q);
  return out;
}

Result<std::optional<Request>> SqlTx::request(const std::string& bond_id, const std::string& id) {
  Query q(c_, PILLARS_REQUEST_SELECT "WHERE c.bond_id = ? AND c.id = ?");
  q.bind(bond_id).bind(id);
  if (q.step()) {
    auto c = read_request(q);
    if (!c) return std::unexpected(c.error());
    return std::optional<Request>(std::move(*c));
  }
  PILLARS_CHECK(q);
  return std::optional<Request>();
}

namespace {
// Binds a piece of time of one's own's day, minutes and kind of time, or three nulls.
void bind_own_time(Query& q, const std::optional<OwnTimeSpent>& own) {
  if (own) q.bind(static_cast<std::int64_t>(own->day)).bind(own->minutes).bind(own->activity);
  else q.bind_null().bind_null().bind_null();
}
}  // namespace

Result<void> SqlTx::insert_entry(const Entry& e) {
  Query q(c_, "INSERT INTO entries (id, author_id, kind, body_sealed, created_at, updated_at, prompt, own_day, "
              "own_minutes, own_activity) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  q.bind(e.id).bind(e.author_id).bind(to_string(e.kind)).bind_blob(seal(e.body, "entries.body", e.id))
      .bind(e.created_at).bind(e.updated_at).bind(e.prompt);
  bind_own_time(q, e.own_time);
  if (auto r = q.run(); !r) return r;
  return add_feelings(kEntryFeelings, entry_key(e), e.feelings);
}

Result<void> SqlTx::update_entry(const Entry& e) {
  Query q(c_, "UPDATE entries SET kind = ?, body_sealed = ?, updated_at = ?, own_day = ?, own_minutes = ?, "
              "own_activity = ? WHERE id = ? AND author_id = ?");
  q.bind(to_string(e.kind)).bind_blob(seal(e.body, "entries.body", e.id)).bind(e.updated_at);
  bind_own_time(q, e.own_time);
  q.bind(e.id).bind(e.author_id);
  if (auto r = q.run(); !r) return r;
  if (q.changes() != 1) return fail(Errc::not_found, "There is no such entry.");
  return write_feelings(kEntryFeelings, entry_key(e), e.feelings);
}

Result<bool> SqlTx::delete_entry(const std::string& entry_id, const std::string& author_id) {
  Query q(c_, "DELETE FROM entries WHERE id = ? AND author_id = ?");
  q.bind(entry_id).bind(author_id);
  if (auto r = q.run(); !r) return std::unexpected(r.error());
  return q.changes() > 0;
}

Result<bool> SqlTx::share_entry(const std::string& entry_id, const std::string& bond_id,
                                   const std::string& author_id, Millis at) {
  Query q(c_, "INSERT INTO entry_shares (entry_id, bond_id, author_id, shared_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING");
  q.bind(entry_id).bind(bond_id).bind(author_id).bind(at);
  if (auto r = q.run(); !r) return std::unexpected(r.error());
  return q.changes() > 0;
}

Result<bool> SqlTx::withdraw_share(const std::string& entry_id, const std::string& bond_id) {
  Query q(c_, "DELETE FROM entry_shares WHERE entry_id = ? AND bond_id = ?");
  q.bind(entry_id).bind(bond_id);
  if (auto r = q.run(); !r) return std::unexpected(r.error());
  return q.changes() > 0;
}

Result<void> SqlTx::insert_response(const EntryResponse& r) {
  Query q(c_, "INSERT INTO entry_responses (id, entry_id, bond_id, responder_id, kind, body_sealed, created_at) "
              "VALUES (?, ?, ?, ?, ?, ?, ?)");
  q.bind(r.id).bind(r.entry_id).bind(r.bond_id).bind(r.from.id).bind(to_string(r.kind));
  bind_sealed(q, r.body, "entry_responses.body", r.id);
  q.bind(r.created_at);
  return q.run();
}

Result<void> SqlTx::insert_appreciation(const Appreciation& a) {
  Query q(c_, "INSERT INTO appreciations (id, bond_id, from_id, kind, note_sealed, created_at) VALUES (?, ?, ?, ?, ?, ?)");
  q.bind(a.id).bind(a.bond_id).bind(a.from.id).bind(to_string(a.kind));
  bind_sealed(q, a.note, "appreciations.note", a.id);
  q.bind(a.created_at);
  return q.run();
}

Result<void> SqlTx::insert_request(const Request& c) {
  Query q(c_, "INSERT INTO comfort_requests (id, bond_id, from_id, note_sealed, created_at, kind, for_when) "
              "VALUES (?, ?, ?, ?, ?, ?, ?)");
  q.bind(c.id).bind(c.bond_id).bind(c.from.id);
  bind_sealed(q, c.note, "comfort_requests.note", c.id);
  q.bind(c.created_at).bind(to_string(c.kind));
  if (c.when) q.bind(to_string(*c.when));
  else q.bind_null();
  return q.run();
}

Result<void> SqlTx::answer_request(const std::string& bond_id, const std::string& id, const std::string& by, Millis at,
                                      const std::optional<std::string>& note, std::optional<SpaceReply> reply) {
  Query q(c_, "UPDATE comfort_requests SET answered_at = ?, answered_by = ?, answer_note_sealed = ?, reply = ? "
              "WHERE bond_id = ? AND id = ? AND answered_at IS NULL");
  q.bind(at).bind(by);
  bind_sealed(q, note, "comfort_requests.answer_note", id);
  if (reply) q.bind(to_string(*reply));
  else q.bind_null();
  q.bind(bond_id).bind(id);
  if (auto r = q.run(); !r) return r;
  if (q.changes() != 1) return fail(Errc::conflict, "This request has been answered already.");
  return {};
}

}  // namespace pillars::store::sql
