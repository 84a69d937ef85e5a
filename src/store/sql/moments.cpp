// Moments: a bond's highs and lows, title and note sealed with the moment's id as associated data.
#include "store/sql/tx.h"

namespace pillars::store::sql {

Result<std::vector<Moment>> SqlTx::moments_in(const std::string& bond_id) {
  Query q(c_,
          "SELECT m.id, m.author_id, u.display_name, m.day, m.kind, m.title_sealed, m.note_sealed, m.created_at, "
          "m.updated_at FROM moments m JOIN users u ON u.id = m.author_id WHERE m.bond_id = ? "
          "ORDER BY m.day, m.created_at, m.id LIMIT 5000");
  q.bind(bond_id);
  std::vector<Moment> out;
  while (q.step()) {
    Moment m;
    m.id = q.text(0);
    m.bond_id = bond_id;
    m.author = Person{q.text(1), q.text(2)};
    m.day = static_cast<Day>(q.integer(3));
    m.kind = parse_moment_kind(q.text(4)).value_or(MomentKind::high);
    auto title = unseal(q.blob(5), "moments.title", m.id);
    if (!title) return std::unexpected(title.error());
    m.title = std::move(*title);
    auto note = unseal_optional(q, 6, "moments.note", m.id);
    if (!note) return std::unexpected(note.error());
    m.note = std::move(*note);
    m.created_at = q.integer(7);
    m.updated_at = q.integer(8);
    out.push_back(std::move(m));
  }
  PILLARS_CHECK(q);
  return out;
}

Result<std::vector<Day>> SqlTx::days_both_checked_in(const std::string& bond_id) {
  Query q(c_, "SELECT day FROM checkins WHERE bond_id = ? GROUP BY day HAVING COUNT(*) = 2 ORDER BY day");
  q.bind(bond_id);
  std::vector<Day> out;
  while (q.step()) out.push_back(static_cast<Day>(q.integer(0)));
  PILLARS_CHECK(q);
  return out;
}

Result<void> SqlTx::put_moment(const Moment& m) {
  Query q(c_,
          "INSERT INTO moments (id, bond_id, author_id, day, kind, title_sealed, note_sealed, created_at, updated_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (bond_id, id) DO UPDATE SET day = excluded.day, kind = excluded.kind, "
          "title_sealed = excluded.title_sealed, note_sealed = excluded.note_sealed, updated_at = excluded.updated_at "
          "WHERE moments.bond_id = excluded.bond_id AND moments.author_id = excluded.author_id");
  q.bind(m.id).bind(m.bond_id).bind(m.author.id).bind(m.day).bind(to_string(m.kind));
  q.bind_blob(seal(m.title, "moments.title", m.id));
  bind_sealed(q, m.note, "moments.note", m.id);
  q.bind(m.created_at).bind(m.updated_at);
  if (auto done = q.run(); !done) return done;
  if (q.changes() != 1) return fail(Errc::not_found, "There is no such moment.");
  return {};
}

Result<bool> SqlTx::delete_moment(const std::string& bond_id, const std::string& moment_id,
                                     const std::string& author_id) {
  Query q(c_, "DELETE FROM moments WHERE id = ? AND bond_id = ? AND author_id = ?");
  q.bind(moment_id).bind(bond_id).bind(author_id);
  if (auto done = q.run(); !done) return std::unexpected(done.error());
  return q.changes() == 1;
}

}  // namespace pillars::store::sql
