// Check-ins: each person's daily answers in a bond, one per person and day.
#include <algorithm>
#include <map>
#include <utility>

#include "store/sql/tx.h"

namespace pillars::store::sql {

namespace {

std::optional<bool> opt_bool(const Query& q, int col) {
  auto v = q.opt_integer(col);
  return v ? std::optional<bool>(*v != 0) : std::nullopt;
}

// Binds the owner key of a check-in's feelings: bond, day, person.
BindKey checkin_key(const CheckIn& c) {
  return [&c](Query& q) { q.bind(c.bond_id).bind(c.day).bind(c.from.id); };
}

// What a check-in says, from closeness_now to guess_closeness, in the table's column order.
void bind_checkin_values(Query& q, const CheckIn& c) {
  q.bind(c.closeness_now).bind(c.closeness_wanted).bind(to_string(c.need)).bind(c.own_minutes)
      .bind(c.together_minutes);
  if (c.affection) q.bind(*c.affection ? 1 : 0);
  else q.bind_null();
  if (c.lovemaking) q.bind(*c.lovemaking ? 1 : 0);
  else q.bind_null();
  q.bind(c.guess_family).bind(c.guess_closeness);
}

Result<std::vector<CheckIn>> read_checkins(Query& q) {
  std::vector<CheckIn> out;
  while (q.step()) {
    CheckIn c;
    c.bond_id = q.text(0);
    c.day = static_cast<Day>(q.integer(1));
    c.from = Person{q.text(2), q.text(3)};
    c.closeness_now = static_cast<int>(q.integer(4));
    c.closeness_wanted = static_cast<int>(q.integer(5));
    c.need = parse_need(q.text(6)).value_or(Need::fine);
    c.own_minutes = static_cast<int>(q.integer(7));
    c.together_minutes = static_cast<int>(q.integer(8));
    c.affection = opt_bool(q, 9);
    c.lovemaking = opt_bool(q, 10);
    c.guess_family = q.text(11);
    c.guess_closeness = static_cast<int>(q.integer(12));
    c.created_at = q.integer(13);
    c.updated_at = q.integer(14);
    out.push_back(std::move(c));
  }
  PILLARS_CHECK(q);
  return out;
}

// Adds to each check-in its feelings, from a query selecting day, user_id, word, family and
// intensity in position order: one query for a day or a range, not one per check-in.
Result<std::vector<CheckIn>> attach_feelings(Result<std::vector<CheckIn>> list, Query& f) {
  if (!list) return list;
  std::map<std::pair<Day, std::string>, CheckIn*, std::less<>> by_key;
  for (auto& c : *list) by_key[{c.day, c.from.id}] = &c;
  while (f.step()) {
    auto it = by_key.find(std::pair<Day, std::string>{static_cast<Day>(f.integer(0)), f.text(1)});
    if (it != by_key.end())
      it->second->feelings.push_back({f.text(2), f.text(3), static_cast<int>(f.integer(4))});
  }
  PILLARS_CHECK(f);
  return list;
}

}  // namespace

Result<std::vector<CheckIn>> SqlTx::checkins_on(const std::string& bond_id, Day day) {
  Query q(c_,
          "SELECT c.bond_id, c.day, u.id, u.display_name, c.closeness_now, c.closeness_wanted, c.need, "
          "c.own_minutes, c.together_minutes, c.affection, c.lovemaking, c.guess_family, c.guess_closeness, "
          "c.created_at, c.updated_at FROM checkins c JOIN users u ON u.id = c.user_id "
          "WHERE c.bond_id = ? AND c.day = ? ORDER BY c.user_id");
  q.bind(bond_id).bind(day);
  Query f(c_,
          "SELECT day, user_id, word, family, intensity FROM checkin_feelings WHERE bond_id = ? AND day = ? "
          "ORDER BY user_id, position");
  f.bind(bond_id).bind(day);
  auto list = attach_feelings(read_checkins(q), f);
  if (!list) return list;
  Query w(c_, "SELECT day, user_id, items_sealed FROM checkin_wishes WHERE bond_id = ? AND day = ?");
  w.bind(bond_id).bind(day);
  if (auto r = attach_wishes(*list, w); !r) return std::unexpected(r.error());
  return list;
}

Result<std::vector<CheckIn>> SqlTx::checkins_between(const std::string& bond_id, Day from, Day to) {
  Query q(c_,
          "SELECT c.bond_id, c.day, u.id, u.display_name, c.closeness_now, c.closeness_wanted, c.need, "
          "c.own_minutes, c.together_minutes, c.affection, c.lovemaking, c.guess_family, c.guess_closeness, "
          "c.created_at, c.updated_at FROM checkins c JOIN users u ON u.id = c.user_id "
          "WHERE c.bond_id = ? AND c.day BETWEEN ? AND ? ORDER BY c.day, c.user_id");
  q.bind(bond_id).bind(from).bind(to);
  Query f(c_,
          "SELECT day, user_id, word, family, intensity FROM checkin_feelings WHERE bond_id = ? AND day BETWEEN ? AND ? "
          "ORDER BY day, user_id, position");
  f.bind(bond_id).bind(from).bind(to);
  auto list = attach_feelings(read_checkins(q), f);
  if (!list) return list;
  Query w(c_, "SELECT day, user_id, items_sealed FROM checkin_wishes WHERE bond_id = ? AND day BETWEEN ? AND ?");
  w.bind(bond_id).bind(from).bind(to);
  if (auto r = attach_wishes(*list, w); !r) return std::unexpected(r.error());
  return list;
}

// The wishes lived, sealed as one line per item id with the check-in's key as associated data.
std::string SqlTx::wishes_key(std::string_view bond_id, Day day, std::string_view user_id) {
  return std::string(bond_id) + "/" + std::to_string(day) + "/" + std::string(user_id);
}

Result<void> SqlTx::attach_wishes(std::vector<CheckIn>& list, Query& w) {
  while (w.step()) {
    const auto day = static_cast<Day>(w.integer(0));
    const std::string user = w.text(1);
    auto it = std::find_if(list.begin(), list.end(), [&](const CheckIn& c) { return c.day == day && c.from.id == user; });
    if (it == list.end()) continue;
    auto text = unseal(w.blob(2), "checkin_wishes.items", wishes_key(it->bond_id, day, user));
    if (!text) return std::unexpected(text.error());
    for (std::size_t start = 0; start < text->size();) {
      auto end = text->find('\n', start);
      if (end == std::string::npos) end = text->size();
      if (end > start) it->wishes.push_back(text->substr(start, end - start));
      start = end + 1;
    }
  }
  PILLARS_CHECK(w);
  return {};
}

Result<std::vector<CheckIn>> SqlTx::own_checkins_between(const std::string& user_id, Day from, Day to) {
  Query q(c_,
          "SELECT c.bond_id, c.day, u.id, u.display_name, c.closeness_now, c.closeness_wanted, c.need, "
          "c.own_minutes, c.together_minutes, c.affection, c.lovemaking, c.guess_family, c.guess_closeness, "
          "c.created_at, c.updated_at FROM checkins c JOIN users u ON u.id = c.user_id "
          "WHERE c.user_id = ? AND c.day BETWEEN ? AND ? ORDER BY c.day, c.bond_id");
  q.bind(user_id).bind(from).bind(to);
  return read_checkins(q);
}

Result<void> SqlTx::put_checkin(const CheckIn& c) {
  // The day's first check-in (most are) is inserted with its feelings and wishes as they are; a
  // second one replaces the first.
  Query insert(c_,
               "INSERT INTO checkins (bond_id, day, user_id, closeness_now, closeness_wanted, need, own_minutes, "
               "together_minutes, affection, lovemaking, guess_family, guess_closeness, created_at, updated_at) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (bond_id, day, user_id) DO NOTHING");
  insert.bind(c.bond_id).bind(c.day).bind(c.from.id);
  bind_checkin_values(insert, c);
  insert.bind(c.updated_at).bind(c.updated_at);
  if (auto r = insert.run(); !r) return r;
  const bool first = insert.changes() == 1;
  if (!first) {
    Query q(c_,
            "UPDATE checkins SET closeness_now = ?, closeness_wanted = ?, need = ?, own_minutes = ?, "
            "together_minutes = ?, affection = ?, lovemaking = ?, guess_family = ?, guess_closeness = ?, "
            "updated_at = ? WHERE bond_id = ? AND day = ? AND user_id = ?");
    bind_checkin_values(q, c);
    q.bind(c.updated_at).bind(c.bond_id).bind(c.day).bind(c.from.id);
    if (auto r = q.run(); !r) return r;
  }
  auto feelings = first ? add_feelings(kCheckInFeelings, checkin_key(c), c.feelings)
                        : write_feelings(kCheckInFeelings, checkin_key(c), c.feelings);
  if (!feelings) return feelings;
  if (c.wishes.empty()) {
    if (first) return {};
    Query none(c_, "DELETE FROM checkin_wishes WHERE bond_id = ? AND day = ? AND user_id = ?");
    none.bind(c.bond_id).bind(c.day).bind(c.from.id);
    return none.run();
  }
  std::string items;
  for (const auto& w : c.wishes) items += (items.empty() ? "" : "\n") + w;
  Query w(c_,
          "INSERT INTO checkin_wishes (bond_id, day, user_id, items_sealed) VALUES (?, ?, ?, ?) "
          "ON CONFLICT (bond_id, day, user_id) DO UPDATE SET items_sealed = excluded.items_sealed");
  w.bind(c.bond_id).bind(c.day).bind(c.from.id);
  w.bind_blob(seal(items, "checkin_wishes.items", wishes_key(c.bond_id, c.day, c.from.id)));
  return w.run();
}

}  // namespace pillars::store::sql
