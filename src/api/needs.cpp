// The two needs: a private questionnaire scored in core, kept with its date, shown in a bond only
// by its owner's choice. The other member sees a shown profile (the latest result, without its
// answers) and, when both show theirs, the dance between the two; nothing else, not even whether
// an unshown person has ever taken it.
#include <algorithm>

#include "api/async_store.h"
#include "api/handlers.h"
#include "api/json.h"
#include "core/needs.h"
#include "crypto/crypto.h"

namespace pillars::api {

namespace {

// A result's date and scores: what a shown profile gives the other member (no id, no answers).
json::object scores_json(const NeedsResult& r) {
  return {{"taken_at", format_rfc3339(r.taken_at)},
          {"closeness", r.scores.closeness},
          {"independence", r.scores.independence},
          {"bands", json::object{{"closeness", need_band(r.scores.closeness)},
                                 {"independence", need_band(r.scores.independence)}}}};
}

// A result for its owner: the scores and the answers they came from.
json::object own_result_json(const NeedsResult& r) {
  auto o = scores_json(r);
  o["id"] = r.id;
  json::object answers;
  for (const auto& [item, value] : r.answers) answers[item] = value;
  o["answers"] = std::move(answers);
  return o;
}

// The bond's view, the same shape for both members: each member in id order, shown or not, and
// the dance when both show theirs. `mine_shown` is the viewer's own choice, which they may make
// before they have a result to show.
json::object bond_needs_json(const std::string& viewer, const std::string& other,
                             const std::vector<NeedsResult>& shown, bool mine_shown) {
  std::array<std::string, 2> ids{viewer, other};
  std::sort(ids.begin(), ids.end());
  std::array<const NeedsResult*, 2> results{nullptr, nullptr};
  json::array members;
  for (std::size_t i = 0; i < 2; ++i) {
    for (const auto& r : shown)
      if (r.user_id == ids[i]) results[i] = &r;
    json::object m{{"member_id", ids[i]},
                   {"shown", ids[i] == viewer ? mine_shown : results[i] != nullptr},
                   {"result", results[i] ? json::value(scores_json(*results[i])) : json::value(nullptr)}};
    members.push_back(std::move(m));
  }
  json::value dance = nullptr;
  if (results[0] && results[1]) {
    auto d = needs_dance(results[0]->scores, results[1]->scores);
    auto who = [&](int i) { return i < 0 ? json::value(nullptr) : json::value(ids[static_cast<std::size_t>(i)]); };
    dance = json::object{{"state", d.state}, {"closer", who(d.closer)}, {"roomier", who(d.roomier)}, {"other", who(d.other)}};
  }
  return {{"members", std::move(members)}, {"dance", std::move(dance)}};
}

Error ended() { return Error(Errc::bond_ended, "This bond has ended, so nothing is shown in it any more."); }

// The other members of the bonds where `user` shows their needs, for a live "needs_changed".
Result<std::vector<std::pair<std::string, std::string>>> watchers(store::ReadTx& tx, const std::string& user) {
  auto shown = tx.needs_shown_by(user);
  if (!shown) return std::unexpected(shown.error());
  auto bonds = tx.bonds_of(user);
  if (!bonds) return std::unexpected(bonds.error());
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& b : *bonds)
    if (b.status == BondStatus::active && std::find(shown->begin(), shown->end(), b.id) != shown->end())
      out.emplace_back(b.id, b.other.id);
  return out;
}

}  // namespace

Awaitable my_needs(AppContext& app, Context& ctx) {
  struct Mine {
    std::vector<NeedsResult> results;
    std::vector<std::string> shown_in;
  };
  const std::string& me = ctx.user().id;
  auto mine = co_await read(app.store(), [&](store::ReadTx& tx) -> Result<Mine> {
    auto results = tx.needs_results_of(me);
    if (!results) return std::unexpected(results.error());
    auto shown = watchers(tx, me);
    if (!shown) return std::unexpected(shown.error());
    Mine m{std::move(*results), {}};
    for (const auto& [bond, other] : *shown) m.shown_in.push_back(bond);
    return m;
  });
  if (!mine) co_return mine.error();
  json::array results, shown_in;
  for (const auto& r : mine->results) results.push_back(own_result_json(r));
  for (const auto& b : mine->shown_in) shown_in.push_back(json::value(b));
  co_return json_ok(json::object{{"results", std::move(results)}, {"shown_in", std::move(shown_in)}});
}

Awaitable take_needs(AppContext& app, Context& ctx) {
  auto body = parse_body(ctx);
  if (!body) co_return body.error();
  Fields fields(*body);
  std::vector<NeedAnswer> given;
  auto it = body->find("answers");
  if (it == body->end() || !it->value().is_object()) {
    fields.error("answers", "Answer every statement, each from 1 to 7.");
  } else {
    for (const auto& kv : it->value().as_object()) {
      const auto& v = kv.value();
      // A value that is not a whole number reads as 0, which the range check refuses.
      long long n = v.is_int64() ? v.get_int64() : v.is_uint64() ? static_cast<long long>(std::min<std::uint64_t>(v.get_uint64(), 1000)) : 0;
      given.emplace_back(std::string(kv.key()), n);
    }
  }
  const auto& items = app.catalog().need_items;
  std::vector<int> values;
  if (fields.ok())
    for (auto& e : check_need_answers(items, given, values)) fields.error(std::move(e.field), std::move(e.message));
  if (!fields.ok()) co_return fields.failure();

  NeedsResult result{crypto::random_id(), ctx.user().id, app.now(), score_needs(items, values), {}};
  for (std::size_t i = 0; i < items.size(); ++i) result.answers.emplace_back(items[i].id, values[i]);
  auto tell = co_await write(app.store(), [&](store::WriteTx& tx) -> Result<std::vector<std::pair<std::string, std::string>>> {
    if (auto r = tx.insert_needs_result(result); !r) return std::unexpected(r.error());
    return watchers(tx, result.user_id);
  });
  if (!tell) co_return tell.error();
  for (const auto& [bond, other] : *tell) notify(app, other, "needs_changed", bond, bond);
  co_return json_created(json::object{{"result", own_result_json(result)}});
}

Awaitable delete_needs(AppContext& app, Context& ctx) {
  const std::string& me = ctx.user().id;
  const std::string id(ctx.param("id"));
  struct Outcome {
    bool deleted = false;
    std::vector<std::pair<std::string, std::string>> tell;
  };
  auto outcome = co_await write(app.store(), [&](store::WriteTx& tx) -> Result<Outcome> {
    auto deleted = tx.delete_needs_result(me, id);
    if (!deleted) return std::unexpected(deleted.error());
    if (!*deleted) return Outcome{};
    auto tell = watchers(tx, me);
    if (!tell) return std::unexpected(tell.error());
    return Outcome{true, std::move(*tell)};
  });
  if (!outcome) co_return outcome.error();
  if (!outcome->deleted) co_return Error(Errc::not_found, "There is no such result.");
  for (const auto& [bond, other] : outcome->tell) notify(app, other, "needs_changed", bond, bond);
  co_return http::no_content();
}

Awaitable bond_needs(AppContext& app, Context& ctx) {
  if (ctx.bond->status != BondStatus::active) co_return ended();
  const BondView& bond = *ctx.bond;
  const std::string& me = ctx.user().id;
  struct View {
    std::vector<NeedsResult> shown;
    bool mine = false;
  };
  auto view = co_await read(app.store(), [&](store::ReadTx& tx) -> Result<View> {
    auto shown = tx.needs_shown_in(bond.id);
    if (!shown) return std::unexpected(shown.error());
    auto mine = tx.needs_shown_by(me);
    if (!mine) return std::unexpected(mine.error());
    return View{std::move(*shown), std::find(mine->begin(), mine->end(), bond.id) != mine->end()};
  });
  if (!view) co_return view.error();
  co_return json_ok(bond_needs_json(me, bond.other.id, view->shown, view->mine));
}

Awaitable show_needs(AppContext& app, Context& ctx) {
  if (ctx.bond->status != BondStatus::active) co_return ended();
  auto body = parse_body(ctx);
  if (!body) co_return body.error();
  Fields fields(*body);
  bool shown = false;
  if (auto it = body->find("shown"); it == body->end() || !it->value().is_bool())
    fields.error("shown", "This must be true or false.");
  else
    shown = it->value().get_bool();
  if (!fields.ok()) co_return fields.failure();
  const BondView& bond = *ctx.bond;
  const std::string& me = ctx.user().id;
  const Millis now = app.now();
  struct Outcome {
    bool changed = false;
    std::vector<NeedsResult> shown;
  };
  auto outcome = co_await write(app.store(), [&](store::WriteTx& tx) -> Result<Outcome> {
    // Checked again inside the write: the bond may have ended since the guard looked.
    auto current = tx.bond_for_member(bond.id, me);
    if (!current || !*current || (*current)->status != BondStatus::active) return std::unexpected(ended());
    auto changed = tx.set_needs_shown(bond.id, me, shown, now);
    if (!changed) return std::unexpected(changed.error());
    auto all = tx.needs_shown_in(bond.id);
    if (!all) return std::unexpected(all.error());
    return Outcome{*changed, std::move(*all)};
  });
  if (!outcome) co_return outcome.error();
  if (outcome->changed) notify(app, bond.other.id, "needs_changed", bond.id, bond.id);
  co_return json_ok(bond_needs_json(me, bond.other.id, outcome->shown, shown));
}

}  // namespace pillars::api
