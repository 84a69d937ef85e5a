// Check-ins: each person's daily answers in a bond, one per person and day.
#include <cstdlib>

#include "store/sqlite/tx.h"

namespace pillars::store::sqlite {

namespace {

std::string encode_feelings(const std::vector<EntryFeeling>& feelings) {
  std::string out;
  for (const auto& f : feelings) {
    if (!out.empty()) out += ',';
    out += f.word + ':' + f.family + ':' + std::to_string(f.intensity);
  }
  return out;
}

std::vector<EntryFeeling> decode_feelings(std::string_view text) {
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

std::optional<bool> opt_bool(const Query& q, int col) {
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

}  // namespace

Result<std::vector<CheckIn>> SqliteTx::checkins_on(const std::string& bond_id, Day day) {
  Query q(c_,
          "SELECT c.bond_id, c.day, u.id, u.display_name, c.feelings, c.closeness_now, c.closeness_wanted, c.need, "
          "c.own_minutes, c.together_minutes, c.affection, c.lovemaking, c.guess_family, c.guess_closeness, "
          "c.created_at, c.updated_at FROM checkins c JOIN users u ON u.id = c.user_id "
          "WHERE c.bond_id = ? AND c.day = ? ORDER BY c.user_id");
  q.bind(bond_id).bind(day);
  return read_checkins(q);
}

Result<std::vector<CheckIn>> SqliteTx::checkins_between(const std::string& bond_id, Day from, Day to) {
  Query q(c_,
          "SELECT c.bond_id, c.day, u.id, u.display_name, c.feelings, c.closeness_now, c.closeness_wanted, c.need, "
          "c.own_minutes, c.together_minutes, c.affection, c.lovemaking, c.guess_family, c.guess_closeness, "
          "c.created_at, c.updated_at FROM checkins c JOIN users u ON u.id = c.user_id "
          "WHERE c.bond_id = ? AND c.day BETWEEN ? AND ? ORDER BY c.day, c.user_id");
  q.bind(bond_id).bind(from).bind(to);
  return read_checkins(q);
}

Result<void> SqliteTx::put_checkin(const CheckIn& c) {
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

}  // namespace pillars::store::sqlite
