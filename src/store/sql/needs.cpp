// The two needs: a person's results with their answers, and where they show the latest one.
#include <map>

#include "store/sql/tx.h"

namespace pillars::store::sql {

Result<std::vector<NeedsResult>> SqlTx::needs_results_of(const std::string& user_id) {
  Query q(c_,
          "SELECT id, taken_at, closeness, independence FROM needs_results WHERE user_id = ? "
          "ORDER BY taken_at DESC, id DESC");
  q.bind(user_id);
  std::vector<NeedsResult> out;
  std::map<std::string, std::size_t, std::less<>> index;
  while (q.step()) {
    index.emplace(q.text(0), out.size());
    out.push_back({q.text(0), user_id, q.integer(1), {q.real(2), q.real(3)}, {}});
  }
  PILLARS_CHECK(q);
  Query a(c_,
          "SELECT a.result_id, a.item, a.value FROM needs_answers a JOIN needs_results r ON r.id = a.result_id "
          "WHERE r.user_id = ? ORDER BY a.result_id, a.position");
  a.bind(user_id);
  while (a.step())
    if (auto it = index.find(a.text(0)); it != index.end())
      out[it->second].answers.emplace_back(a.text(1), static_cast<int>(a.integer(2)));
  PILLARS_CHECK(a);
  return out;
}

Result<std::vector<std::string>> SqlTx::needs_shown_by(const std::string& user_id) {
  Query q(c_, "SELECT bond_id FROM needs_shown WHERE user_id = ? ORDER BY bond_id");
  q.bind(user_id);
  std::vector<std::string> out;
  while (q.step()) out.push_back(q.text(0));
  PILLARS_CHECK(q);
  return out;
}

Result<std::vector<NeedsResult>> SqlTx::needs_shown_in(const std::string& bond_id) {
  Query q(c_,
          "SELECT r.id, r.user_id, r.taken_at, r.closeness, r.independence FROM needs_shown s "
          "JOIN needs_results r ON r.id = (SELECT l.id FROM needs_results l WHERE l.user_id = s.user_id "
          "                               ORDER BY l.taken_at DESC, l.id DESC LIMIT 1) "
          "WHERE s.bond_id = ? ORDER BY r.user_id");
  q.bind(bond_id);
  std::vector<NeedsResult> out;
  while (q.step()) out.push_back({q.text(0), q.text(1), q.integer(2), {q.real(3), q.real(4)}, {}});
  PILLARS_CHECK(q);
  return out;
}

Result<void> SqlTx::insert_needs_result(const NeedsResult& r) {
  Query q(c_, "INSERT INTO needs_results (id, user_id, taken_at, closeness, independence) VALUES (?, ?, ?, ?, ?)");
  q.bind(r.id).bind(r.user_id).bind(r.taken_at).bind(r.scores.closeness).bind(r.scores.independence);
  if (auto done = q.run(); !done) return done;
  int position = 0;
  for (const auto& [item, value] : r.answers) {
    Query a(c_, "INSERT INTO needs_answers (result_id, position, item, value) VALUES (?, ?, ?, ?)");
    a.bind(r.id).bind(position++).bind(item).bind(value);
    if (auto done = a.run(); !done) return done;
  }
  return {};
}

Result<bool> SqlTx::delete_needs_result(const std::string& user_id, const std::string& result_id) {
  Query q(c_, "DELETE FROM needs_results WHERE id = ? AND user_id = ?");
  q.bind(result_id).bind(user_id);
  if (auto done = q.run(); !done) return std::unexpected(done.error());
  return q.changes() == 1;
}

Result<bool> SqlTx::set_needs_shown(const std::string& bond_id, const std::string& user_id, bool shown,
                                       Millis at) {
  Query q(c_, shown ? "INSERT INTO needs_shown (bond_id, user_id, shown_at) VALUES (?, ?, ?) "
                      "ON CONFLICT (bond_id, user_id) DO NOTHING"
                    : "DELETE FROM needs_shown WHERE bond_id = ? AND user_id = ?");
  q.bind(bond_id).bind(user_id);
  if (shown) q.bind(at);
  if (auto done = q.run(); !done) return std::unexpected(done.error());
  return q.changes() == 1;
}

}  // namespace pillars::store::sql
