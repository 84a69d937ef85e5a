// A list of feelings is stored one way, wherever it was named: a row per feeling with its position,
// word, family and intensity, in a table of its owner's (entry_feelings, checkin_feelings).
#include "store/sql/tx.h"

namespace pillars::store::sql {

const FeelingsTable kEntryFeelings{
    "SELECT word, family, intensity FROM entry_feelings WHERE entry_id = ? ORDER BY position",
    "DELETE FROM entry_feelings WHERE entry_id = ?",
    "INSERT INTO entry_feelings (entry_id, position, word, family, intensity) VALUES (?, ?, ?, ?, ?)",
};

// Check-ins are read a day or a range at a time, with their feelings in one query (checkins.cpp).
const FeelingsTable kCheckInFeelings{
    nullptr,
    "DELETE FROM checkin_feelings WHERE bond_id = ? AND day = ? AND user_id = ?",
    "INSERT INTO checkin_feelings (bond_id, day, user_id, position, word, family, intensity) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)",
};

Result<Feelings> SqlTx::read_feelings(const FeelingsTable& table, const BindKey& bind_key) {
  Query q(c_, table.select);
  bind_key(q);
  Feelings out;
  while (q.step()) out.push_back({q.text(0), q.text(1), static_cast<int>(q.integer(2))});
  PILLARS_CHECK(q);
  return out;
}

Result<void> SqlTx::write_feelings(const FeelingsTable& table, const BindKey& bind_key, const Feelings& feelings) {
  {
    Query q(c_, table.remove);
    bind_key(q);
    if (auto r = q.run(); !r) return r;
  }
  return add_feelings(table, bind_key, feelings);
}

Result<void> SqlTx::add_feelings(const FeelingsTable& table, const BindKey& bind_key, const Feelings& feelings) {
  for (std::size_t i = 0; i < feelings.size(); ++i) {
    Query q(c_, table.insert);
    bind_key(q);
    q.bind(static_cast<int>(i)).bind(feelings[i].word).bind(feelings[i].family).bind(feelings[i].intensity);
    if (auto r = q.run(); !r) return r;
  }
  return {};
}

}  // namespace pillars::store::sql
