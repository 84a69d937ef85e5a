// Menus in a bond: the affection menu (every bond kind it suits) and the intimacy menu (partners,
// each opening it for themselves after confirming once that they are an adult). Each member
// answers yes, maybe or no alone; together they see only the matches, recomputed from the answers
// on every read. Nothing a member reads depends on the other's unmatched answers or on whether the
// other opened the intimacy menu: not a field, a count, an order, a status or an event. Events say
// only "matches changed", to both, when the matches as both see them changed. Suggestions show
// their author. After a bond ends everything here is gone.
#include <algorithm>

#include "api/async_store.h"
#include "api/handlers.h"
#include "api/json.h"
#include "core/menus.h"
#include "crypto/crypto.h"

namespace pillars::api {

namespace {

Error no_item() { return Error(Errc::not_found, "There is no such item for this bond."); }
Error no_menu() { return Error(Errc::not_found, "There is no such menu for this bond."); }
Error ended() { return Error(Errc::bond_ended, "This bond has ended; its menus are gone."); }
Error closed() {
  return Error(Errc::menu_closed, "Open this menu for yourself first; until then it is not yours to answer.");
}

// Everything a member's view of the menus depends on, read in one snapshot, from their side only:
// their own opening and answers, the bond's suggestions, and the other's answers to exactly the
// items the member said yes or maybe to (one sealed value opened per such item, stored or not).
// Nothing here looks at whether the other opened the intimacy menu, or at how many items the
// other answered: an answer or a suggestion in an opt-in menu exists only while its member has the
// menu open (closing it deletes them), so the other's side needs no opening of its own.
struct MenuFacts {
  bool opened = false;  // the caller opened the intimacy menu
  std::vector<MenuAnswerRow> mine;
  std::vector<MenuAnswerRow> theirs;  // the other's, to the items the caller wants
  std::vector<MenuSuggestion> suggestions;
  bool adult = false;  // the caller confirmed once
};

// The bond's menus as seen by `me`.
struct Seen {
  const Catalog& catalog;
  const BondView& bond;
  const std::string& me;
  const MenuFacts& facts;

  bool open_to_me(const Menu& m) const { return menu_open(m, bond.kind, facts.opened); }
  bool shown(const MenuSuggestion& s) const {
    const Menu* m = catalog.menu(s.menu);
    return m && suggestion_shown(s, me, open_to_me(*m), open_to_me(*m));
  }
  std::vector<MenuMatch> matches() const {
    std::vector<MenuAnswerRow> answers = facts.mine;
    answers.insert(answers.end(), facts.theirs.begin(), facts.theirs.end());
    MenuMembers members{me, bond.other.id, facts.opened, true};
    return menu_matches(catalog.menus, bond.kind, members, facts.suggestions, answers);
  }
};

const Menu* item_menu(const Seen& seen, std::string_view item_id);

// How much of the facts a view needs: the menus and suggestions only, one's own answers too, or
// the matches (the other's answers to what one wants as well).
enum class Reach { menus, mine, matches };

Result<MenuFacts> menu_facts(store::ReadTx& tx, const Catalog& catalog, const BondView& bond, const std::string& me,
                             Reach reach = Reach::matches) {
  MenuFacts f;
  auto opened = tx.menu_opened(bond.id, me, std::string(kIntimacyMenu));
  if (!opened) return std::unexpected(opened.error());
  f.opened = *opened;
  auto adult = tx.adult_confirmed(me);
  if (!adult) return std::unexpected(adult.error());
  f.adult = *adult;
  auto suggestions = tx.menu_suggestions(bond.id);
  if (!suggestions) return std::unexpected(suggestions.error());
  f.suggestions = std::move(*suggestions);
  if (reach == Reach::menus) return f;
  auto mine = tx.menu_answers_of(bond.id, me);
  if (!mine) return std::unexpected(mine.error());
  f.mine = std::move(*mine);
  if (reach == Reach::mine) return f;
  std::vector<std::string> wanted;
  const Seen seen{catalog, bond, me, f};
  for (const auto& a : f.mine)
    if (a.choice.answer != MenuAnswer::no && item_menu(seen, a.item_id)) wanted.push_back(a.item_id);
  auto theirs = tx.menu_answers_to(bond.id, bond.other.id, wanted);
  if (!theirs) return std::unexpected(theirs.error());
  for (std::size_t i = 0; i < wanted.size(); ++i)
    if ((*theirs)[i]) f.theirs.push_back({bond.other.id, wanted[i], *(*theirs)[i], 0});
  return f;
}

// An item of the bond, as `me` may answer it: a catalog item that suits the bond, or a suggestion
// shown to `me`. Its menu; nullptr when there is no such item for `me` (the same whether it is
// missing or only not shown).
const Menu* item_menu(const Seen& seen, std::string_view item_id) {
  if (const auto* item = seen.catalog.menu_item(item_id)) {
    const Menu* m = seen.catalog.menu(item->menu);
    return m && suits(m->kinds, seen.bond.kind) && suits(item->kinds, seen.bond.kind) ? m : nullptr;
  }
  for (const auto& s : seen.facts.suggestions)
    if (s.id == item_id) return seen.shown(s) ? seen.catalog.menu(s.menu) : nullptr;
  return nullptr;
}

json::object suggestion_json(const MenuSuggestion& s, const BondView& bond, const User& me) {
  const bool mine = s.author.id == me.id;
  return json::object{{"id", s.id},
                      {"menu", s.menu},
                      {"category", s.category},
                      {"text", s.text},
                      {"author", person(mine ? Person{me.id, me.display_name} : bond.other)},
                      {"mine", mine},
                      {"created_at", format_rfc3339(s.created_at)}};
}

json::object answer_json(const MenuAnswerRow& a) {
  return json::object{{"item_id", a.item_id},
                      {"answer", to_string(a.choice.answer)},
                      {"ask_first", a.choice.ask_first},
                      {"updated_at", format_rfc3339(a.updated_at)}};
}

// GET /menus: the menus that suit the bond and whether each is open to the caller, whether the
// caller confirmed being an adult, and the suggestions shown to the caller.
json::object menus_json(const Seen& seen, const User& me) {
  json::array menus, suggestions;
  if (seen.bond.status == BondStatus::active) {
    for (const auto& m : seen.catalog.menus) {
      if (!suits(m.kinds, seen.bond.kind)) continue;
      json::object o{{"id", m.id}, {"open", seen.open_to_me(m)}, {"opt_in", m.opt_in()}};
      menus.push_back(std::move(o));
    }
    for (const auto& s : seen.facts.suggestions)
      if (seen.shown(s)) suggestions.push_back(suggestion_json(s, seen.bond, me));
  }
  return json::object{{"menus", std::move(menus)}, {"adult_confirmed", seen.facts.adult}, {"suggestions", std::move(suggestions)}};
}

json::array matches_json(const std::vector<MenuMatch>& matches) {
  json::array out;
  for (const auto& m : matches)
    out.push_back(json::object{{"item_id", m.item_id}, {"menu", m.menu}, {"both_yes", m.both_yes}, {"ask_first", m.ask_first}});
  return out;
}

// After a change, both members are told "matches changed" when the matches as both see them now
// differ from before; never anything else, and never to anyone when they do not.
void tell_if_matches_changed(AppContext& app, const BondView& bond, const std::string& me, bool changed) {
  if (!changed) return;
  notify(app, bond.other.id, "menu_matches_changed", bond.id, bond.id);
  notify(app, me, "menu_matches_changed", bond.id, bond.id);
}

// A change's outcome: the caller's view afterwards, and whether the matches changed.
struct Changed {
  MenuFacts facts;
  bool matches_changed = false;
};

// Runs `change` in a write job for an active bond, reading the facts before and after it.
template <typename F>
Result<Changed> change_menus(store::WriteTx& tx, const Catalog& catalog, const BondView& bond, const std::string& me,
                             F&& change) {
  auto current = tx.bond_for_member(bond.id, me);
  if (!current) return std::unexpected(current.error());
  if (!*current || (*current)->status != BondStatus::active) return std::unexpected(ended());
  auto before = menu_facts(tx, catalog, bond, me);
  if (!before) return std::unexpected(before.error());
  const auto matched = Seen{catalog, bond, me, *before}.matches();
  if (auto r = change(*before); !r) return std::unexpected(r.error());
  auto after = menu_facts(tx, catalog, bond, me);
  if (!after) return std::unexpected(after.error());
  Changed out{std::move(*after), false};
  out.matches_changed = Seen{catalog, bond, me, out.facts}.matches() != matched;
  return out;
}

// Whether the other member sees what is in `menu`: it suits the bond and, for an opt-in menu, they
// opened it. Read only to decide whom to tell of a suggestion; never part of what anyone reads.
Result<bool> other_sees(store::ReadTx& tx, const BondView& bond, const Menu& menu) {
  if (!suits(menu.kinds, bond.kind)) return false;
  if (!menu.opt_in()) return true;
  return tx.menu_opened(bond.id, bond.other.id, menu.id);
}

}  // namespace

Result<std::vector<MenuMatch>> read_menu_matches(store::ReadTx& tx, const Catalog& catalog, const BondView& bond,
                                                 const std::string& member) {
  auto facts = menu_facts(tx, catalog, bond, member);
  if (!facts) return std::unexpected(facts.error());
  return Seen{catalog, bond, member, *facts}.matches();
}

Awaitable list_menus(AppContext& app, Context& ctx) {
  const BondView& bond = *ctx.bond;
  const std::string& me = ctx.user().id;
  auto facts = co_await read(app.store(), [&](store::ReadTx& tx) { return menu_facts(tx, app.catalog(), bond, me, Reach::menus); });
  if (!facts) co_return facts.error();
  co_return json_ok(menus_json(Seen{app.catalog(), bond, me, *facts}, ctx.user()));
}

Awaitable my_menu_answers(AppContext& app, Context& ctx) {
  const BondView& bond = *ctx.bond;
  const std::string& me = ctx.user().id;
  auto facts = co_await read(app.store(), [&](store::ReadTx& tx) { return menu_facts(tx, app.catalog(), bond, me, Reach::mine); });
  if (!facts) co_return facts.error();
  const Seen seen{app.catalog(), bond, me, *facts};
  json::array answers;
  if (bond.status == BondStatus::active)
    for (const auto& a : facts->mine)
      if (a.user_id == me && item_menu(seen, a.item_id)) answers.push_back(answer_json(a));
  co_return json_ok(json::object{{"answers", std::move(answers)}});
}

Awaitable list_menu_matches(AppContext& app, Context& ctx) {
  const BondView& bond = *ctx.bond;
  const std::string& me = ctx.user().id;
  auto facts = co_await read(app.store(), [&](store::ReadTx& tx) { return menu_facts(tx, app.catalog(), bond, me); });
  if (!facts) co_return facts.error();
  json::array matches;
  if (bond.status == BondStatus::active) matches = matches_json(Seen{app.catalog(), bond, me, *facts}.matches());
  co_return json_ok(json::object{{"matches", std::move(matches)}});
}

Awaitable answer_menu_item(AppContext& app, Context& ctx) {
  const BondView& bond = *ctx.bond;
  if (bond.status != BondStatus::active) co_return ended();
  auto body = parse_body(ctx);
  if (!body) co_return body.error();
  Fields fields(*body);
  MenuChoiceDraft draft;
  draft.answer = fields.string("answer", false);
  draft.ask_first = bool_field(*body, "ask_first", fields);
  if (!fields.ok()) co_return fields.failure();
  MenuAnswerRow row;
  if (auto errors = apply_menu_choice(draft, row.choice); !errors.empty()) co_return Fields::invalid(std::move(errors));
  const std::string& me = ctx.user().id;
  row.user_id = me;
  row.item_id = std::string(ctx.param("item_id"));
  row.updated_at = app.now();
  const Catalog& catalog = app.catalog();
  auto done = co_await write(app.store(), [&](store::WriteTx& tx) {
    return change_menus(tx, catalog, bond, me, [&](const MenuFacts& facts) -> Result<void> {
      const Seen seen{catalog, bond, me, facts};
      const Menu* menu = item_menu(seen, row.item_id);
      if (!menu) return std::unexpected(no_item());
      if (!seen.open_to_me(*menu)) return std::unexpected(closed());
      return tx.put_menu_answer(bond.id, row);
    });
  });
  if (!done) co_return done.error();
  tell_if_matches_changed(app, bond, me, done->matches_changed);
  co_return json_ok(json::object{{"answer", answer_json(row)}});
}

Awaitable clear_menu_answer(AppContext& app, Context& ctx) {
  const BondView& bond = *ctx.bond;
  if (bond.status != BondStatus::active) co_return ended();
  const std::string& me = ctx.user().id;
  const std::string item_id(ctx.param("item_id"));
  const Catalog& catalog = app.catalog();
  auto done = co_await write(app.store(), [&](store::WriteTx& tx) {
    return change_menus(tx, catalog, bond, me, [&](const MenuFacts& facts) -> Result<void> {
      const Seen seen{catalog, bond, me, facts};
      const Menu* menu = item_menu(seen, item_id);
      if (!menu) return std::unexpected(no_item());
      if (!seen.open_to_me(*menu)) return std::unexpected(closed());
      auto r = tx.delete_menu_answer(bond.id, me, item_id);
      if (!r) return std::unexpected(r.error());
      return {};
    });
  });
  if (!done) co_return done.error();
  tell_if_matches_changed(app, bond, me, done->matches_changed);
  co_return http::no_content();
}

Awaitable set_menu_opening(AppContext& app, Context& ctx) {
  const BondView& bond = *ctx.bond;
  const Menu* menu = app.catalog().menu(ctx.param("menu_id"));
  if (!menu || !menu->opt_in() || !suits(menu->kinds, bond.kind)) co_return no_menu();
  if (bond.status != BondStatus::active) co_return ended();
  auto body = parse_body(ctx);
  if (!body) co_return body.error();
  Fields fields(*body);
  auto open = bool_field(*body, "opened", fields);
  auto adult = bool_field(*body, "adult", fields);
  if (fields.ok() && !open) fields.error("opened", "Say true to open the menu for yourself, false to close it.");
  if (!fields.ok()) co_return fields.failure();
  const std::string& me = ctx.user().id;
  const Millis now = app.now();
  const Catalog& catalog = app.catalog();
  const std::string menu_id = menu->id;
  auto done = co_await write(app.store(), [&](store::WriteTx& tx) {
    return change_menus(tx, catalog, bond, me, [&](const MenuFacts& facts) -> Result<void> {
      if (!*open) return tx.close_menu(bond.id, me, menu_id);
      if (!facts.adult) {
        if (!adult || !*adult)
          return std::unexpected(Fields::invalid({{"adult", "Please confirm that you are an adult to open this menu."}}));
        if (auto r = tx.confirm_adult(me, now); !r) return r;
      }
      return tx.open_menu(bond.id, me, menu_id, now);
    });
  });
  if (!done) co_return done.error();
  tell_if_matches_changed(app, bond, me, done->matches_changed);
  co_return json_ok(menus_json(Seen{catalog, bond, me, done->facts}, ctx.user()));
}

Awaitable suggest_menu_item(AppContext& app, Context& ctx) {
  const BondView& bond = *ctx.bond;
  if (bond.status != BondStatus::active) co_return ended();
  auto body = parse_body(ctx);
  if (!body) co_return body.error();
  Fields fields(*body);
  MenuSuggestionDraft draft;
  draft.menu = fields.string("menu", false);
  draft.category = fields.string("category", false);
  draft.text = fields.string("text", false);
  if (!fields.ok()) co_return fields.failure();
  const Catalog& catalog = app.catalog();
  std::vector<Menu> suited;  // only the menus that suit the bond can take a suggestion
  for (const auto& m : catalog.menus)
    if (suits(m.kinds, bond.kind)) suited.push_back(m);
  MenuSuggestion s;
  if (auto errors = apply_menu_suggestion(draft, suited, s); !errors.empty()) co_return Fields::invalid(std::move(errors));
  const std::string& me = ctx.user().id;
  s.id = crypto::random_id();
  s.bond_id = bond.id;
  s.author = Person{me, ctx.user().display_name};
  s.created_at = app.now();
  bool told = false;  // the other sees it: the menu is open to both
  auto done = co_await write(app.store(), [&](store::WriteTx& tx) {
    return change_menus(tx, catalog, bond, me, [&](const MenuFacts& facts) -> Result<void> {
      const Seen seen{catalog, bond, me, facts};
      const Menu& menu = *catalog.menu(s.menu);
      if (!seen.open_to_me(menu)) return std::unexpected(closed());
      const auto own = std::count_if(facts.suggestions.begin(), facts.suggestions.end(), [&](const MenuSuggestion& x) {
        return x.author.id == me && x.menu == s.menu;
      });
      if (static_cast<std::size_t>(own) >= kMaxSuggestions)
        return std::unexpected(Fields::invalid({{"menu", "You have suggested 50 things here already; remove one to add another."}}));
      auto sees = other_sees(tx, bond, menu);
      if (!sees) return std::unexpected(sees.error());
      told = *sees;
      return tx.insert_menu_suggestion(s);
    });
  });
  if (!done) co_return done.error();
  if (told) notify(app, bond.other.id, "menu_suggested", bond.id, s.id);
  co_return json_created(json::object{{"suggestion", suggestion_json(s, bond, ctx.user())}});
}

Awaitable remove_menu_suggestion(AppContext& app, Context& ctx) {
  const BondView& bond = *ctx.bond;
  if (bond.status != BondStatus::active) co_return ended();
  const std::string& me = ctx.user().id;
  const std::string id(ctx.param("suggestion_id"));
  const Catalog& catalog = app.catalog();
  bool told = false;
  auto done = co_await write(app.store(), [&](store::WriteTx& tx) {
    return change_menus(tx, catalog, bond, me, [&](const MenuFacts& facts) -> Result<void> {
      for (const auto& s : facts.suggestions)
        if (s.id == id && s.author.id == me && catalog.menu(s.menu)) {
          auto sees = other_sees(tx, bond, *catalog.menu(s.menu));
          if (!sees) return std::unexpected(sees.error());
          told = *sees;
        }
      auto r = tx.delete_menu_suggestion(bond.id, id, me);
      if (!r) return std::unexpected(r.error());
      if (!*r) return std::unexpected(Error(Errc::not_found, "There is no such suggestion of yours."));
      return {};
    });
  });
  if (!done) co_return done.error();
  if (told) notify(app, bond.other.id, "menu_unsuggested", bond.id, id);
  tell_if_matches_changed(app, bond, me, done->matches_changed);
  co_return http::no_content();
}

}  // namespace pillars::api
