// Conversation decks: answers (words sealed with the bond, prompt and member as associated data, so
// an answer cannot be moved to another prompt or person), reveals and one's own "not now".
#include "store/sql/tx.h"

namespace pillars::store::sql {

namespace {
std::string answer_key(std::string_view bond_id, std::string_view prompt_id, std::string_view user_id) {
  return std::string(bond_id) + "/" + std::string(prompt_id) + "/" + std::string(user_id);
}
}  // namespace

Result<std::vector<ReadTx::PromptState>> SqlTx::prompt_states(const std::string& bond_id,
                                                                 const std::string& user_id) {
  Query q(c_,
          "WITH p AS (SELECT prompt_id FROM deck_answers WHERE bond_id = ?1 "
          "UNION SELECT prompt_id FROM deck_skips WHERE bond_id = ?1 AND user_id = ?2) "
          "SELECT p.prompt_id, "
          "EXISTS (SELECT 1 FROM deck_answers a WHERE a.bond_id = ?1 AND a.prompt_id = p.prompt_id AND a.user_id = ?2), "
          "EXISTS (SELECT 1 FROM deck_answers a WHERE a.bond_id = ?1 AND a.prompt_id = p.prompt_id AND a.user_id <> ?2), "
          "EXISTS (SELECT 1 FROM deck_reveals r WHERE r.bond_id = ?1 AND r.prompt_id = p.prompt_id), "
          "EXISTS (SELECT 1 FROM deck_skips s WHERE s.bond_id = ?1 AND s.prompt_id = p.prompt_id AND s.user_id = ?2) "
          "FROM p ORDER BY p.prompt_id");
  q.bind(bond_id).bind(user_id);
  std::vector<PromptState> out;
  while (q.step())
    out.push_back({q.text(0), q.integer(1) != 0, q.integer(2) != 0, q.integer(3) != 0, q.integer(4) != 0});
  PILLARS_CHECK(q);
  return out;
}

Result<std::vector<std::string>> SqlTx::revealed_prompts(const std::string& bond_id) {
  Query q(c_, "SELECT prompt_id FROM deck_reveals WHERE bond_id = ? ORDER BY revealed_at, prompt_id");
  q.bind(bond_id);
  std::vector<std::string> out;
  while (q.step()) out.push_back(q.text(0));
  PILLARS_CHECK(q);
  return out;
}

Result<std::vector<Reveal>> SqlTx::reveals(const std::string& bond_id) {
  Query q(c_, "SELECT prompt_id, revealed_at FROM deck_reveals WHERE bond_id = ? ORDER BY revealed_at, prompt_id");
  q.bind(bond_id);
  std::vector<Reveal> out;
  while (q.step()) out.push_back({q.text(0), q.integer(1)});
  PILLARS_CHECK(q);
  return out;
}

Result<std::vector<DeckAnswer>> SqlTx::deck_answers(const std::string& bond_id, const std::string& prompt_id) {
  Query q(c_,
          "SELECT user_id, body_sealed, choice, guess, created_at, updated_at FROM deck_answers "
          "WHERE bond_id = ? AND prompt_id = ? ORDER BY user_id");
  q.bind(bond_id).bind(prompt_id);
  std::vector<DeckAnswer> out;
  while (q.step()) {
    DeckAnswer a;
    a.bond_id = bond_id;
    a.prompt_id = prompt_id;
    a.user_id = q.text(0);
    auto body = unseal_optional(q, 1, "deck_answers.body", answer_key(bond_id, prompt_id, a.user_id));
    if (!body) return std::unexpected(body.error());
    a.body = std::move(*body);
    if (auto c = q.opt_integer(2)) a.choice = static_cast<int>(*c);
    if (auto g = q.opt_integer(3)) a.guess = static_cast<int>(*g);
    a.created_at = q.integer(4);
    a.updated_at = q.integer(5);
    out.push_back(std::move(a));
  }
  PILLARS_CHECK(q);
  return out;
}

Result<std::optional<Millis>> SqlTx::revealed_at(const std::string& bond_id, const std::string& prompt_id) {
  Query q(c_, "SELECT revealed_at FROM deck_reveals WHERE bond_id = ? AND prompt_id = ?");
  q.bind(bond_id).bind(prompt_id);
  std::optional<Millis> out;
  if (q.step()) out = q.integer(0);
  PILLARS_CHECK(q);
  return out;
}

Result<bool> SqlTx::skipped(const std::string& bond_id, const std::string& prompt_id, const std::string& user_id) {
  Query q(c_, "SELECT 1 FROM deck_skips WHERE bond_id = ? AND user_id = ? AND prompt_id = ?");
  q.bind(bond_id).bind(user_id).bind(prompt_id);
  bool out = q.step();
  PILLARS_CHECK(q);
  return out;
}

Result<void> SqlTx::put_deck_answer(const DeckAnswer& a) {
  Query q(c_,
          "INSERT INTO deck_answers (bond_id, prompt_id, user_id, body_sealed, choice, guess, created_at, updated_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (bond_id, prompt_id, user_id) DO UPDATE SET "
          "body_sealed = excluded.body_sealed, choice = excluded.choice, guess = excluded.guess, "
          "updated_at = excluded.updated_at");
  q.bind(a.bond_id).bind(a.prompt_id).bind(a.user_id);
  bind_sealed(q, a.body, "deck_answers.body", answer_key(a.bond_id, a.prompt_id, a.user_id));
  if (a.choice) q.bind(*a.choice); else q.bind_null();
  if (a.guess) q.bind(*a.guess); else q.bind_null();
  q.bind(a.created_at).bind(a.updated_at);
  return q.run();
}

Result<void> SqlTx::reveal_prompt(const std::string& bond_id, const std::string& prompt_id, Millis at) {
  Query q(c_, "INSERT INTO deck_reveals (bond_id, prompt_id, revealed_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING");
  q.bind(bond_id).bind(prompt_id).bind(at);
  return q.run();
}

Result<void> SqlTx::set_skipped(const std::string& bond_id, const std::string& prompt_id, const std::string& user_id,
                                   bool skipped, Millis at) {
  if (!skipped) {
    Query q(c_, "DELETE FROM deck_skips WHERE bond_id = ? AND user_id = ? AND prompt_id = ?");
    q.bind(bond_id).bind(user_id).bind(prompt_id);
    return q.run();
  }
  Query q(c_, "INSERT INTO deck_skips (bond_id, prompt_id, user_id, skipped_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING");
  q.bind(bond_id).bind(prompt_id).bind(user_id).bind(at);
  return q.run();
}

}  // namespace pillars::store::sql
