// Menus: who opened the intimacy menu, each member's answers (sealed, one character whatever the
// answer, with the bond, member and item as associated data, so an answer cannot be moved to
// another item or person and its length never tells yes from no) and the bond's suggestions (their
// words sealed with the bond and the suggestion's id).
#include "store/sql/tx.h"

namespace pillars::store::sql {

namespace {
std::string answer_key(std::string_view bond_id, std::string_view user_id, std::string_view item_id) {
  return std::string(bond_id) + "/" + std::string(user_id) + "/" + std::string(item_id);
}
std::string suggestion_key(std::string_view bond_id, std::string_view id) {
  return std::string(bond_id) + "/" + std::string(id);
}
}  // namespace

Result<bool> SqlTx::menu_opened(const std::string& bond_id, const std::string& user_id, const std::string& menu) {
  Query q(c_, "SELECT 1 FROM menu_openings WHERE bond_id = ? AND user_id = ? AND menu = ?");
  q.bind(bond_id).bind(user_id).bind(menu);
  bool out = q.step();
  PILLARS_CHECK(q);
  return out;
}

Result<bool> SqlTx::adult_confirmed(const std::string& user_id) {
  Query q(c_, "SELECT 1 FROM adult_confirmations WHERE user_id = ?");
  q.bind(user_id);
  bool out = q.step();
  PILLARS_CHECK(q);
  return out;
}

Result<std::vector<MenuAnswerRow>> SqlTx::menu_answers_of(const std::string& bond_id, const std::string& user_id) {
  Query q(c_, "SELECT item_id, choice_sealed, updated_at FROM menu_answers WHERE bond_id = ? AND user_id = ? ORDER BY item_id");
  q.bind(bond_id).bind(user_id);
  std::vector<MenuAnswerRow> out;
  while (q.step()) {
    MenuAnswerRow row;
    row.user_id = user_id;
    row.item_id = q.text(0);
    auto opened = unseal(q.blob(1), "menu_answers.choice", answer_key(bond_id, user_id, row.item_id));
    if (!opened) return std::unexpected(opened.error());
    auto choice = decode_choice(*opened);
    if (!choice) return fail(Errc::internal, "a stored menu answer cannot be read");
    row.choice = *choice;
    row.updated_at = q.integer(2);
    out.push_back(std::move(row));
  }
  PILLARS_CHECK(q);
  return out;
}

Result<std::vector<std::optional<MenuChoice>>> SqlTx::menu_answers_to(const std::string& bond_id,
                                                                         const std::string& user_id,
                                                                         const std::vector<std::string>& item_ids) {
  // Where nothing is stored, a stand-in sealed the same way is opened instead, so each item asked
  // costs one lookup and one opening whatever that member answered.
  const std::string stand_in = seal("n", "menu_answers.choice", "stand-in");
  std::vector<std::optional<MenuChoice>> out;
  out.reserve(item_ids.size());
  for (const auto& item : item_ids) {
    Query q(c_, "SELECT choice_sealed FROM menu_answers WHERE bond_id = ? AND user_id = ? AND item_id = ?");
    q.bind(bond_id).bind(user_id).bind(item);
    const bool found = q.step();
    PILLARS_CHECK(q);
    auto opened = found ? unseal(q.blob(0), "menu_answers.choice", answer_key(bond_id, user_id, item))
                        : unseal(stand_in, "menu_answers.choice", "stand-in");
    if (!opened) return std::unexpected(opened.error());
    auto choice = decode_choice(*opened);
    if (!choice) return fail(Errc::internal, "a stored menu answer cannot be read");
    out.push_back(found ? std::optional<MenuChoice>(*choice) : std::nullopt);
  }
  return out;
}

Result<std::vector<MenuSuggestion>> SqlTx::menu_suggestions(const std::string& bond_id) {
  Query q(c_,
          "SELECT id, author_id, menu, category, text_sealed, created_at FROM menu_suggestions WHERE bond_id = ? "
          "ORDER BY created_at, id");
  q.bind(bond_id);
  std::vector<MenuSuggestion> out;
  while (q.step()) {
    MenuSuggestion s;
    s.id = q.text(0);
    s.bond_id = bond_id;
    s.author.id = q.text(1);
    s.menu = q.text(2);
    s.category = q.text(3);
    auto text = unseal(q.blob(4), "menu_suggestions.text", suggestion_key(bond_id, s.id));
    if (!text) return std::unexpected(text.error());
    s.text = std::move(*text);
    s.created_at = q.integer(5);
    out.push_back(std::move(s));
  }
  PILLARS_CHECK(q);
  return out;
}

Result<void> SqlTx::confirm_adult(const std::string& user_id, Millis at) {
  Query q(c_, "INSERT INTO adult_confirmations (user_id, confirmed_at) VALUES (?, ?) ON CONFLICT DO NOTHING");
  q.bind(user_id).bind(at);
  return q.run();
}

Result<void> SqlTx::open_menu(const std::string& bond_id, const std::string& user_id, const std::string& menu,
                                 Millis at) {
  Query q(c_, "INSERT INTO menu_openings (bond_id, user_id, menu, opened_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING");
  q.bind(bond_id).bind(user_id).bind(menu).bind(at);
  return q.run();
}

Result<void> SqlTx::close_menu(const std::string& bond_id, const std::string& user_id, const std::string& menu) {
  const std::string prefix = menu + ".";
  // Everyone's answers to the member's own suggestions in the menu, then the suggestions, then the
  // member's answers to the menu's items and to the other's suggestions in it, then the opening.
  Query theirs(c_,
               "DELETE FROM menu_answers WHERE bond_id = ?1 AND item_id IN "
               "(SELECT id FROM menu_suggestions WHERE bond_id = ?1 AND author_id = ?2 AND menu = ?3)");
  theirs.bind(bond_id).bind(user_id).bind(menu);
  if (auto r = theirs.run(); !r) return r;
  Query suggestions(c_, "DELETE FROM menu_suggestions WHERE bond_id = ? AND author_id = ? AND menu = ?");
  suggestions.bind(bond_id).bind(user_id).bind(menu);
  if (auto r = suggestions.run(); !r) return r;
  Query mine(c_,
             "DELETE FROM menu_answers WHERE bond_id = ?1 AND user_id = ?2 AND (substr(item_id, 1, length(CAST(?3 AS TEXT))) = ?3 "
             "OR item_id IN (SELECT id FROM menu_suggestions WHERE bond_id = ?1 AND menu = ?4))");
  mine.bind(bond_id).bind(user_id).bind(prefix).bind(menu);
  if (auto r = mine.run(); !r) return r;
  Query opening(c_, "DELETE FROM menu_openings WHERE bond_id = ? AND user_id = ? AND menu = ?");
  opening.bind(bond_id).bind(user_id).bind(menu);
  return opening.run();
}

Result<void> SqlTx::put_menu_answer(const std::string& bond_id, const MenuAnswerRow& a) {
  Query q(c_,
          "INSERT INTO menu_answers (bond_id, user_id, item_id, choice_sealed, updated_at) VALUES (?, ?, ?, ?, ?) "
          "ON CONFLICT (bond_id, user_id, item_id) DO UPDATE SET choice_sealed = excluded.choice_sealed, "
          "updated_at = excluded.updated_at");
  q.bind(bond_id).bind(a.user_id).bind(a.item_id);
  q.bind_blob(seal(std::string(1, encode_choice(a.choice)), "menu_answers.choice", answer_key(bond_id, a.user_id, a.item_id)));
  q.bind(a.updated_at);
  return q.run();
}

Result<bool> SqlTx::delete_menu_answer(const std::string& bond_id, const std::string& user_id,
                                          const std::string& item_id) {
  Query q(c_, "DELETE FROM menu_answers WHERE bond_id = ? AND user_id = ? AND item_id = ?");
  q.bind(bond_id).bind(user_id).bind(item_id);
  if (auto r = q.run(); !r) return std::unexpected(r.error());
  return q.changes() > 0;
}

Result<void> SqlTx::insert_menu_suggestion(const MenuSuggestion& s) {
  Query q(c_,
          "INSERT INTO menu_suggestions (id, bond_id, author_id, menu, category, text_sealed, created_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?)");
  q.bind(s.id).bind(s.bond_id).bind(s.author.id).bind(s.menu).bind(s.category);
  q.bind_blob(seal(s.text, "menu_suggestions.text", suggestion_key(s.bond_id, s.id)));
  q.bind(s.created_at);
  return q.run();
}

Result<bool> SqlTx::delete_menu_suggestion(const std::string& bond_id, const std::string& suggestion_id,
                                              const std::string& author_id) {
  Query q(c_, "DELETE FROM menu_suggestions WHERE bond_id = ? AND id = ? AND author_id = ?");
  q.bind(bond_id).bind(suggestion_id).bind(author_id);
  if (auto r = q.run(); !r) return std::unexpected(r.error());
  if (q.changes() == 0) return false;
  Query answers(c_, "DELETE FROM menu_answers WHERE bond_id = ? AND item_id = ?");
  answers.bind(bond_id).bind(suggestion_id);
  if (auto r = answers.run(); !r) return std::unexpected(r.error());
  return true;
}

}  // namespace pillars::store::sql
