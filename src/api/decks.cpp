// Conversation decks in a bond. Each member answers a prompt alone; until both have, the other sees
// only that you answered, so what a member sees of the other's side is the same whatever the other
// wrote, changed or set aside. When the second answer comes both are revealed together and locked.
// "Not now" is one's own and never shown to the other. After a bond ends each sees only their own
// answers. Levels open by core/decks' rule; the prompt of the day is the same for both.
#include <algorithm>

#include "api/async_store.h"
#include "api/handlers.h"
#include "api/json.h"
#include "core/decks.h"

namespace pillars::api {

namespace {

Error no_prompt() { return Error(Errc::not_found, "There is no such question for this bond."); }
Error no_deck() { return Error(Errc::not_found, "There is no such deck for this bond."); }
Error ended() { return Error(Errc::bond_ended, "This bond has ended; its conversations can no longer change."); }

struct Found {
  const Deck* deck = nullptr;
  const DeckPrompt* prompt = nullptr;
};

// The prompt, when it exists and suits the bond's kind.
Found find_prompt(const Catalog& catalog, std::string_view prompt_id, BondKind kind) {
  for (const auto& d : catalog.decks)
    if (const auto* p = d.prompt(prompt_id); p && suits(d.kinds, kind) && suits(p->kinds, kind)) return {&d, p};
  return {};
}

json::array levels_json(const DeckProgress& p) {
  json::array out;
  for (int level = 1; level <= kDeckLevels; ++level) {
    const auto i = static_cast<std::size_t>(level - 1);
    out.push_back(json::object{{"level", level},
                               {"open", level <= p.unlocked},
                               {"available", p.available[i]},
                               {"revealed", p.revealed[i]}});
  }
  return out;
}

// One answer as JSON: words, or a choice and a guess (with whether the guess read the other right,
// once both are revealed).
json::object answer_json(const DeckAnswer& a, const DeckAnswer* other) {
  json::object o;
  if (a.body) o["body"] = *a.body;
  if (a.choice) o["choice"] = *a.choice;
  if (a.guess) o["guess"] = *a.guess;
  if (other && a.guess) o["guess_right"] = guessed_right(a, *other);
  return o;
}

// A prompt as `me` sees it in the bond.
json::object prompt_json(const BondView& bond, const std::string& me, const Deck& deck, const DeckPrompt& prompt,
                         const std::vector<DeckAnswer>& answers, std::optional<Millis> revealed, bool skipped,
                         int unlocked) {
  const DeckAnswer* mine = nullptr;
  const DeckAnswer* theirs = nullptr;
  for (const auto& a : answers) (a.user_id == me ? mine : theirs) = &a;
  const bool active = bond.status == BondStatus::active;
  const bool shown = revealed.has_value() && active;
  json::value my_answer = nullptr;
  if (mine) {
    auto o = answer_json(*mine, shown ? theirs : nullptr);
    o["answered_at"] = format_rfc3339(mine->created_at);
    o["updated_at"] = format_rfc3339(mine->updated_at);
    my_answer = std::move(o);
  }
  json::value other = nullptr;
  if (active) {
    json::object o{{"answered", theirs != nullptr}};
    if (shown && theirs)
      for (auto& kv : answer_json(*theirs, mine)) o[kv.key()] = std::move(kv.value());
    other = std::move(o);
  }
  return {{"prompt_id", prompt.id},
          {"deck", deck.id},
          {"level", prompt.level},
          {"open", prompt.level <= unlocked},
          {"skipped", skipped},
          {"mine", std::move(my_answer)},
          {"other", std::move(other)},
          {"revealed_at", revealed ? json::value(format_rfc3339(*revealed)) : json::value(nullptr)}};
}

// What the bond has revealed, and where each prompt stands for `me`.
struct BondDeckFacts {
  std::vector<std::string> revealed;
  std::vector<store::ReadTx::PromptState> states;
};
Result<BondDeckFacts> bond_deck_facts(store::ReadTx& tx, const std::string& bond_id, const std::string& me) {
  auto revealed = tx.revealed_prompts(bond_id);
  if (!revealed) return std::unexpected(revealed.error());
  auto states = tx.prompt_states(bond_id, me);
  if (!states) return std::unexpected(states.error());
  return BondDeckFacts{std::move(*revealed), std::move(*states)};
}

// Everything a prompt's view needs, read in one snapshot.
struct PromptFacts {
  std::vector<DeckAnswer> answers;
  std::optional<Millis> revealed;
  bool skipped = false;
  int unlocked = 1;
};
Result<PromptFacts> prompt_facts(store::ReadTx& tx, const BondView& bond, const std::string& me, const Deck& deck,
                                 const DeckPrompt& prompt) {
  PromptFacts f;
  auto answers = tx.deck_answers(bond.id, prompt.id);
  if (!answers) return std::unexpected(answers.error());
  f.answers = std::move(*answers);
  auto revealed = tx.revealed_at(bond.id, prompt.id);
  if (!revealed) return std::unexpected(revealed.error());
  f.revealed = *revealed;
  auto skipped = tx.skipped(bond.id, prompt.id, me);
  if (!skipped) return std::unexpected(skipped.error());
  f.skipped = *skipped;
  auto all = tx.revealed_prompts(bond.id);
  if (!all) return std::unexpected(all.error());
  f.unlocked = deck_progress(deck, bond.kind, *all).unlocked;
  return f;
}

// A change to a prompt of an active bond: the prompt (404 when it is not the bond's) and the body.
struct Change {
  Found found;
  json::object body;
};
std::expected<Change, Error> change_of(AppContext& app, const Context& ctx) {
  const BondView& bond = *ctx.bond;
  if (bond.status != BondStatus::active) return std::unexpected(ended());
  auto found = find_prompt(app.catalog(), ctx.param("prompt_id"), bond.kind);
  if (!found.prompt) return std::unexpected(no_prompt());
  auto body = parse_body(ctx);
  if (!body) return std::unexpected(body.error());
  return Change{found, std::move(*body)};
}

}  // namespace

Awaitable list_decks(AppContext& app, Context& ctx) {
  auto day = day_param(app, ctx);
  if (!day) co_return day.error();
  const BondView& bond = *ctx.bond;
  const std::string& me = ctx.user().id;
  auto facts = co_await read(app.store(), [&](store::ReadTx& tx) { return bond_deck_facts(tx, bond.id, me); });
  if (!facts) co_return facts.error();
  const auto& decks = app.catalog().decks;
  json::array list;
  for (const auto& d : decks) {
    if (!suits(d.kinds, bond.kind)) continue;
    auto progress = deck_progress(d, bond.kind, facts->revealed);
    int waiting_for_you = 0, waiting_for_other = 0;
    if (bond.status == BondStatus::active)
      for (const auto& s : facts->states) {
        const auto* p = d.prompt(s.prompt_id);
        if (!p || !suits(p->kinds, bond.kind) || s.revealed) continue;
        if (s.other && !s.mine) ++waiting_for_you;
        if (s.mine && !s.other) ++waiting_for_other;
      }
    list.push_back(json::object{{"id", d.id},
                                {"unlocked", progress.unlocked},
                                {"levels", levels_json(progress)},
                                {"waiting_for_you", waiting_for_you},
                                {"waiting_for_other", waiting_for_other}});
  }
  json::value today = nullptr;
  if (bond.status == BondStatus::active)
    if (auto c = prompt_of_the_day(bond.id, *day, decks, bond.kind, facts->revealed)) {
      const auto& p = decks[c->deck].prompts[c->prompt];
      today = json::object{{"prompt_id", p.id}, {"deck", p.deck}, {"level", p.level}, {"day", format_day(*day)}};
    }
  co_return json_ok(json::object{{"today", std::move(today)}, {"decks", std::move(list)}});
}

Awaitable get_deck(AppContext& app, Context& ctx) {
  const BondView& bond = *ctx.bond;
  const Deck* deck = app.catalog().deck(ctx.param("deck_id"));
  if (!deck || !suits(deck->kinds, bond.kind)) co_return no_deck();
  const std::string& me = ctx.user().id;
  auto facts = co_await read(app.store(), [&](store::ReadTx& tx) { return bond_deck_facts(tx, bond.id, me); });
  if (!facts) co_return facts.error();
  const auto progress = deck_progress(*deck, bond.kind, facts->revealed);
  const bool active = bond.status == BondStatus::active;
  json::array prompts;
  for (const auto& p : deck->prompts) {
    if (!suits(p.kinds, bond.kind)) continue;
    auto s = std::find_if(facts->states.begin(), facts->states.end(),
                          [&](const store::ReadTx::PromptState& x) { return x.prompt_id == p.id; });
    const bool found = s != facts->states.end();
    prompts.push_back(json::object{{"prompt_id", p.id},
                                   {"level", p.level},
                                   {"open", p.level <= progress.unlocked},
                                   {"mine", found && s->mine},
                                   {"other", active && found && s->other},
                                   {"revealed", active && found && s->revealed},
                                   {"skipped", found && s->skipped}});
  }
  co_return json_ok(json::object{{"id", deck->id},
                                 {"unlocked", progress.unlocked},
                                 {"levels", levels_json(progress)},
                                 {"prompts", std::move(prompts)}});
}

Awaitable get_prompt(AppContext& app, Context& ctx) {
  const BondView& bond = *ctx.bond;
  auto found = find_prompt(app.catalog(), ctx.param("prompt_id"), bond.kind);
  if (!found.prompt) co_return no_prompt();
  const std::string& me = ctx.user().id;
  auto facts = co_await read(app.store(), [&](store::ReadTx& tx) {
    return prompt_facts(tx, bond, me, *found.deck, *found.prompt);
  });
  if (!facts) co_return facts.error();
  co_return json_ok(prompt_json(bond, me, *found.deck, *found.prompt, facts->answers, facts->revealed, facts->skipped,
                                facts->unlocked));
}

Awaitable answer_prompt(AppContext& app, Context& ctx) {
  const BondView& bond = *ctx.bond;
  auto target = change_of(app, ctx);
  if (!target) co_return target.error();
  const Found found = target->found;
  const json::object* body = &target->body;
  Fields fields(*body);
  DeckAnswerDraft draft;
  draft.body = fields.string("body", false);
  draft.choice = fields.integer("choice");
  draft.guess = fields.integer("guess");
  if (!fields.ok()) co_return fields.failure();
  const std::string& me = ctx.user().id;
  const Millis now = app.now();
  const Deck& deck = *found.deck;
  const DeckPrompt& prompt = *found.prompt;
  struct Saved {
    PromptFacts facts;
    bool first = false;     // my first answer to it
    bool revealed = false;  // and it revealed both
    std::optional<Notice> told;
  };
  auto saved = co_await write(app.store(), [&](store::WriteTx& tx) -> Result<Saved> {
    auto current = tx.bond_for_member(bond.id, me);
    if (!current || !*current || (*current)->status != BondStatus::active) return std::unexpected(ended());
    auto facts = prompt_facts(tx, bond, me, deck, prompt);
    if (!facts) return std::unexpected(facts.error());
    if (prompt.level > facts->unlocked)
      return fail(Errc::level_locked, "This level opens once you have both revealed five questions of the one before.");
    if (facts->revealed) return fail(Errc::answer_locked, "You have both answered this one, so it can no longer change.");
    auto mine = std::find_if(facts->answers.begin(), facts->answers.end(), [&](const DeckAnswer& a) { return a.user_id == me; });
    Saved s;
    s.first = mine == facts->answers.end();
    DeckAnswer answer = s.first ? DeckAnswer{bond.id, prompt.id, me, std::nullopt, std::nullopt, std::nullopt, now, now} : *mine;
    if (auto errors = apply_deck_answer(draft, prompt, answer); !errors.empty())
      return std::unexpected(Fields::invalid(std::move(errors)));
    answer.updated_at = now;
    if (auto r = tx.put_deck_answer(answer); !r) return std::unexpected(r.error());
    if (s.first && facts->answers.size() == 1) {  // the other answered already: both are revealed now
      if (auto r = tx.reveal_prompt(bond.id, prompt.id, now); !r) return std::unexpected(r.error());
      s.revealed = true;
    }
    // What is new for the other: that one answered (a first answer; an edit is silent), or the
    // reveal, which makes "has answered" old news for both.
    if (s.first) {
      s.told = notice_of(s.revealed ? NoticeKind::deck_revealed : NoticeKind::deck_answered, bond.other.id, bond.id, me,
                         prompt.id, now);
      if (s.revealed)
        if (auto r = tx.remove_notices(bond.id, NoticeKind::deck_answered, prompt.id); !r) return std::unexpected(r.error());
      if (auto r = tx.add_notice(*s.told); !r) return std::unexpected(r.error());
    }
    auto after = prompt_facts(tx, bond, me, deck, prompt);
    if (!after) return std::unexpected(after.error());
    s.facts = std::move(*after);
    return s;
  });
  if (!saved) co_return saved.error();
  // The other learns that you answered (once) and when both are revealed; an edit tells nothing.
  if (saved->told) tell(app, *saved->told);
  const auto& f = saved->facts;
  co_return json_ok(prompt_json(bond, me, deck, prompt, f.answers, f.revealed, f.skipped, f.unlocked));
}

Awaitable skip_prompt(AppContext& app, Context& ctx) {
  const BondView& bond = *ctx.bond;
  auto target = change_of(app, ctx);
  if (!target) co_return target.error();
  const Found found = target->found;
  const json::object* body = &target->body;
  Fields fields(*body);
  auto skipped = bool_field(*body, "skipped", fields);
  if (fields.ok() && !skipped) fields.error("skipped", "Say true to set it aside, false to take it back.");
  if (!fields.ok()) co_return fields.failure();
  const std::string& me = ctx.user().id;
  const Millis now = app.now();
  auto facts = co_await write(app.store(), [&](store::WriteTx& tx) -> Result<PromptFacts> {
    if (auto r = tx.set_skipped(bond.id, found.prompt->id, me, *skipped, now); !r) return std::unexpected(r.error());
    return prompt_facts(tx, bond, me, *found.deck, *found.prompt);
  });
  if (!facts) co_return facts.error();
  // Nobody else is told: "not now" is one's own.
  co_return json_ok(prompt_json(bond, me, *found.deck, *found.prompt, facts->answers, facts->revealed, facts->skipped,
                                facts->unlocked));
}

}  // namespace pillars::api
