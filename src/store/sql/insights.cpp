// What insights count, read as structured facts: who shared what kind of entry naming which feeling
// families, when an answer came, who sent warm words. No text is read, so nothing is unsealed.
#include "store/sql/tx.h"

namespace pillars::store::sql {

namespace {

// "hurt,sadness" -> {"hurt", "sadness"}; family ids hold no commas.
std::vector<std::string> split_families(const std::string& joined) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < joined.size()) {
    auto comma = joined.find(',', start);
    if (comma == std::string::npos) comma = joined.size();
    if (comma > start) out.push_back(joined.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

}  // namespace

#define PILLARS_SHARE_FACTS \
  "(SELECT MIN(r.created_at) FROM entry_responses r WHERE r.entry_id = s.entry_id " \
  " AND r.bond_id = s.bond_id AND r.responder_id <> s.author_id) " \
  "FROM entry_shares s JOIN entries e ON e.id = s.entry_id " \
  "WHERE s.bond_id = ? AND s.shared_at >= ? AND s.shared_at < ? ORDER BY s.shared_at"

Result<ReadTx::BondFacts> SqlTx::bond_facts(const std::string& bond_id, Millis from, Millis to) {
  BondFacts out;
  // The families of an entry's feelings, each once, joined by commas.
  Query shares(c_, pick("SELECT s.author_id, s.shared_at, e.kind, "
                        "(SELECT GROUP_CONCAT(DISTINCT f.family) FROM entry_feelings f WHERE f.entry_id = s.entry_id), "
                        PILLARS_SHARE_FACTS,
                        "SELECT s.author_id, s.shared_at, e.kind, "
                        "(SELECT string_agg(DISTINCT f.family, ',') FROM entry_feelings f WHERE f.entry_id = s.entry_id), "
                        PILLARS_SHARE_FACTS));
  shares.bind(bond_id).bind(from).bind(to);
  while (shares.step()) {
    BondFacts::Share s;
    s.author_id = shares.text(0);
    s.shared_at = shares.integer(1);
    s.kind = parse_entry_kind(shares.text(2)).value_or(EntryKind::feeling);
    s.families = split_families(shares.opt_text(3).value_or(""));
    s.first_response = shares.opt_integer(4);
    out.shares.push_back(std::move(s));
  }
  PILLARS_CHECK(shares);

  Query asked(c_,
              "SELECT kind, from_id, created_at, answered_at FROM comfort_requests "
              "WHERE bond_id = ?1 AND kind = 'comfort' AND created_at >= ?2 AND created_at < ?3 "
              "UNION ALL SELECT kind, from_id, created_at, answered_at FROM comfort_requests "
              "WHERE bond_id = ?1 AND kind = 'space' AND created_at >= ?2 AND created_at < ?3 ORDER BY 3");
  asked.bind(bond_id).bind(from).bind(to);
  while (asked.step())
    (asked.text(0) == "space" ? out.space_requests : out.comfort_requests)
        .push_back({asked.text(1), asked.integer(2), asked.opt_integer(3)});
  PILLARS_CHECK(asked);

  // The window's warm words, and each sender's last "I love you" however long ago (by index, not scan).
  Query warm(c_,
             "SELECT from_id, created_at, CASE WHEN kind = 'love' THEN 1 ELSE 0 END FROM appreciations "
             "WHERE bond_id = ?1 AND created_at >= ?2 AND created_at < ?3 "
             "UNION ALL "
             "SELECT from_id, MAX(created_at), 1 FROM appreciations "
             "WHERE bond_id = ?1 AND kind = 'love' AND created_at < ?2 GROUP BY from_id");
  warm.bind(bond_id).bind(from).bind(to);
  while (warm.step()) out.appreciations.push_back({warm.text(0), warm.integer(1), warm.integer(2) != 0});
  PILLARS_CHECK(warm);
  return out;
}

Result<std::vector<WrittenEntry>> SqlTx::written_between(const std::string& author_id, Millis from, Millis to) {
  Query q(c_, pick("SELECT (SELECT GROUP_CONCAT(DISTINCT f.family) FROM entry_feelings f WHERE f.entry_id = e.id), "
                   "EXISTS (SELECT 1 FROM entry_shares s WHERE s.entry_id = e.id) "
                   "FROM entries e WHERE e.author_id = ? AND e.created_at >= ? AND e.created_at < ?",
                   "SELECT (SELECT string_agg(DISTINCT f.family, ',') FROM entry_feelings f WHERE f.entry_id = e.id), "
                   "EXISTS (SELECT 1 FROM entry_shares s WHERE s.entry_id = e.id) "
                   "FROM entries e WHERE e.author_id = ? AND e.created_at >= ? AND e.created_at < ?"));
  q.bind(author_id).bind(from).bind(to);
  std::vector<WrittenEntry> out;
  while (q.step()) out.push_back({split_families(q.opt_text(0).value_or("")), q.integer(1) != 0});
  PILLARS_CHECK(q);
  return out;
}

}  // namespace pillars::store::sql
