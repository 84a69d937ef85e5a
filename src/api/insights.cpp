// Insights: the balance between closeness and space over a window of days. The rules live in
// core/insights; this file gathers the facts from the store and writes the answer.
//
// A bond's insights are the same for both members: members in a fixed order (by id), no "you".
// What belongs to one person alone (a wish they keep to themselves, how well they read the other,
// what they write and keep) is only ever in their own /me/insights, never in a bond's answer.
#include <algorithm>
#include <charconv>
#include <cmath>

#include "api/async_store.h"
#include "api/handlers.h"
#include "api/json.h"
#include "api/insights.h"

namespace pillars::api {

namespace {

constexpr Millis kDayMillis = 86'400'000;

// The window in time: from the first day's start to the end of the last, in UTC.
std::pair<Millis, Millis> millis_of(Window w) {
  return {static_cast<Millis>(w.first) * kDayMillis, static_cast<Millis>(w.last + 1) * kDayMillis};
}

double rounded(double x) { return std::round(x * 100) / 100; }

void put_state(json::object& o, const CardState& s, const std::array<std::string, 2>& ids, const char* who = "who") {
  o["state"] = s.state;
  if (s.who) o[who] = ids[static_cast<std::size_t>(*s.who)];
}

bool names_vulnerable(const Catalog& catalog, const std::vector<std::string>& families) {
  return std::any_of(families.begin(), families.end(), [&](const std::string& f) {
    const auto* family = catalog.family(f);
    return family && family->vulnerable;
  });
}

bool is_hurt(const store::ReadTx::BondFacts::Share& s) {
  return s.kind == EntryKind::hurt || std::find(s.families.begin(), s.families.end(), "hurt") != s.families.end();
}

}  // namespace

// The window from ?days=W (kMinWindowDays..kMaxWindowDays, default kDefaultWindowDays). It ends on
// the latest day anyone's calendar may have reached, as the check-in history does.
std::expected<Window, Error> window_of(AppContext& app, const Context& ctx) {
  int days = kDefaultWindowDays;
  auto params = query_params(ctx);
  if (!params) return std::unexpected(Error(Errc::bad_request, "The address could not be read."));
  Fields fields(json::object{});
  for (const auto& [key, value] : *params) {
    if (key != "days") continue;
    int n = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec != std::errc() || end != value.data() + value.size() || n < kMinWindowDays || n > kMaxWindowDays)
      fields.error("days", "Ask for a window of 7 to 365 days.");
    else
      days = n;
  }
  if (!fields.ok()) return std::unexpected(fields.failure());
  return window_ending(utc_day(app.now()) + 1, days);
}

json::object window_json(Window w) {
  return {{"days", w.last - w.first + 1}, {"from", format_day(w.first)}, {"to", format_day(w.last)}};
}

Result<json::object> bond_insights_of(store::ReadTx& tx, const Catalog& catalog, const User& viewer,
                                      const BondView& bond, Window window, Day today) {
  // Members in a fixed order, so both get the same answer.
  std::array<std::string, 2> ids{viewer.id, bond.other.id};
  std::array<std::string, 2> names{viewer.display_name, bond.other.display_name};
  std::array<bool, 2> tracks{viewer.track_affection, bond.other_tracks_affection};
  if (ids[1] < ids[0]) {
    std::swap(ids[0], ids[1]);
    std::swap(names[0], names[1]);
    std::swap(tracks[0], tracks[1]);
  }
  const std::string& bond_id = bond.id;
  auto [from, to] = millis_of(window);

  struct Facts {
    std::vector<CheckIn> checkins;
    store::ReadTx::BondFacts bond;
    std::array<std::optional<User>, 2> users;
  };
  auto facts = [&]() -> Result<Facts> {
    Facts f;
    auto checkins = tx.checkins_between(bond_id, window.first, window.last);
    if (!checkins) return std::unexpected(checkins.error());
    f.checkins = std::move(*checkins);
    auto b = tx.bond_facts(bond_id, from, to);
    if (!b) return std::unexpected(b.error());
    f.bond = std::move(*b);
    for (int i = 0; i < 2; ++i) {
      auto user = tx.user_by_id(ids[static_cast<std::size_t>(i)]);
      if (!user) return std::unexpected(user.error());
      f.users[static_cast<std::size_t>(i)] = std::move(*user);
    }
    return f;
  }();
  if (!facts) return std::unexpected(facts.error());

  auto member = [&](const std::string& id) -> int { return id == ids[0] ? 0 : id == ids[1] ? 1 : -1; };
  const auto days = answered_days(facts->checkins, ids[0], ids[1], window);
  const int answered = static_cast<int>(days.size());
  std::vector<NamedState> states;
  json::object out{{"bond_id", bond_id}};
  for (const auto& kv : window_json(window)) out[kv.key()] = kv.value();
  json::array members;
  for (int i = 0; i < 2; ++i) members.push_back(json::object{{"id", ids[i]}, {"name", names[i]}});
  out["members"] = std::move(members);

  // Closeness: felt and wanted, and the series for the chart.
  {
    auto c = closeness_insight(days);
    auto state = closeness_state(c);
    states.push_back({"closeness", state.state});
    json::object o;
    put_state(o, state, ids);
    o["days"] = c.days;
    o["needed"] = kMinDaysForCloseness;
    if (c.members) {
      json::array ms;
      for (int i = 0; i < 2; ++i) {
        const auto& m = (*c.members)[static_cast<std::size_t>(i)];
        ms.push_back(json::object{{"member_id", ids[i]},
                                  {"mean_now", rounded(m.mean_now)},
                                  {"mean_wanted", rounded(m.mean_wanted)},
                                  {"gap", rounded(m.gap)},
                                  {"direction", to_string(m.lean)}});
      }
      o["members"] = std::move(ms);
    }
    o["pursue_withdraw"] = c.pursue_withdraw;
    json::array series;
    for (const auto& p : c.series)
      series.push_back(json::object{{"day", format_day(p.day)},
                                    {"now", json::array{p.now[0], p.now[1]}},
                                    {"wanted", json::array{p.wanted[0], p.wanted[1]}}});
    o["series"] = std::move(series);
    out["closeness"] = std::move(o);
  }

  // Needs named in the check-ins.
  {
    auto counts = need_counts(days);
    for (const auto& r : facts->bond.space_requests)
      if (int i = member(r.from_id); i >= 0) ++counts[static_cast<std::size_t>(i)].space_requests;
    for (const auto& r : facts->bond.comfort_requests)
      if (int i = member(r.from_id); i >= 0) ++counts[static_cast<std::size_t>(i)].comfort_requests;
    auto state = needs_state(answered, counts);
    states.push_back({"needs", state.state});
    json::array ms;
    for (int i = 0; i < 2; ++i) {
      const auto& n = counts[static_cast<std::size_t>(i)];
      ms.push_back(json::object{{"member_id", ids[i]}, {"space", n.space}, {"closeness", n.closeness},
                                {"comfort", n.comfort}, {"fine", n.fine}, {"space_requests", n.space_requests},
                                {"comfort_requests", n.comfort_requests}});
    }
    json::object o;
    put_state(o, state, ids);
    o["members"] = std::move(ms);
    out["needs"] = std::move(o);
  }

  // Vulnerability, and the calls it made that were answered.
  {
    std::array<Vulnerability, 2> shown{};
    std::vector<Call> calls;
    for (const auto& s : facts->bond.shares) {
      int i = member(s.author_id);
      if (i >= 0 && names_vulnerable(catalog, s.families)) ++shown[static_cast<std::size_t>(i)].shared_vulnerable;
      if (is_hurt(s)) calls.push_back({s.shared_at, s.first_response});
    }
    for (const auto& r : facts->bond.comfort_requests) {
      if (int i = member(r.from_id); i >= 0) ++shown[static_cast<std::size_t>(i)].comfort_requests;
      calls.push_back({r.asked_at, r.answered_at});
    }
    auto v = vulnerability_insight(shown, days);
    auto state = vulnerability_state(v);
    states.push_back({"vulnerability", state.state});
    json::object o;
    put_state(o, state, ids, "one_sided");
    json::array ms;
    for (int i = 0; i < 2; ++i) {
      const auto& m = v.members[static_cast<std::size_t>(i)];
      ms.push_back(json::object{{"member_id", ids[i]}, {"shared_vulnerable", m.shared_vulnerable},
                                {"comfort_requests", m.comfort_requests}, {"comfort_days", m.comfort_days}});
    }
    o["members"] = std::move(ms);
    out["vulnerability"] = std::move(o);

    auto r = responsiveness(std::move(calls));
    auto rstate = responsiveness_state(r);
    states.push_back({"responsiveness", rstate.state});
    json::object ro;
    put_state(ro, rstate, ids);
    ro["calls"] = r.calls;
    ro["answered"] = r.answered;
    ro["median_wait_minutes"] =
        r.median_wait ? json::value(static_cast<std::int64_t>((*r.median_wait + 30'000) / 60'000)) : json::value(nullptr);
    out["responsiveness"] = std::move(ro);
  }

  // Warm words.
  {
    std::array<std::vector<Sent>, 2> sent;
    for (const auto& a : facts->bond.appreciations)
      if (int i = member(a.from_id); i >= 0) sent[static_cast<std::size_t>(i)].push_back({utc_day(a.at), a.love});
    const Window warm_window{window.first, std::min(window.last, today)};
    std::array<Warmth, 2> w{warmth(sent[0], warm_window), warmth(sent[1], warm_window)};
    auto state = appreciation_state(w);
    states.push_back({"appreciation", state.state});
    json::object o;
    put_state(o, state, ids);
    json::array ms;
    for (int i = 0; i < 2; ++i) {
      const auto& m = w[static_cast<std::size_t>(i)];
      ms.push_back(json::object{{"member_id", ids[i]}, {"sent", m.sent},
                                {"days_since_love", m.days_since_love ? json::value(*m.days_since_love) : json::value(nullptr)}});
    }
    o["members"] = std::move(ms);
    out["appreciation"] = std::move(o);
  }

  // Time apart and together, against each one's wish only where they chose to show it.
  {
    auto t = time_insight(days);
    std::array<std::optional<bool>, 2> under_shown{};
    json::array ms;
    for (int i = 0; i < 2; ++i) {
      const auto& m = t[static_cast<std::size_t>(i)];
      const auto& user = facts->users[static_cast<std::size_t>(i)];
      const bool shows = user && user->show_own_time_wish && user->own_time_wish;
      auto own = own_time_against_wish(m.own_minutes, answered, shows ? user->own_time_wish : std::nullopt);
      json::object mo{{"member_id", ids[i]},
                      {"own_minutes", m.own_minutes},
                      {"together_minutes", m.together_minutes},
                      {"own_share", m.own_share ? json::value(rounded(*m.own_share)) : json::value(nullptr)},
                      {"weekly_own_minutes", own.weekly_minutes}};
      if (shows) {
        mo["wish_per_week"] = *user->own_time_wish;
        mo["under_wish"] = own.under_wish.value_or(false);
        under_shown[static_cast<std::size_t>(i)] = own.under_wish;
      }
      ms.push_back(std::move(mo));
    }
    auto state = space_state(answered, under_shown);
    states.push_back({"space", state.state});
    json::object o;
    put_state(o, state, ids);
    o["members"] = std::move(ms);
    out["space"] = std::move(o);
  }

  // Affection: only where both track it, and then nothing says who ticked what.
  if (auto a = affection_insight(days, tracks[0], tracks[1])) {
    auto state = affection_state(*a);
    states.push_back({"affection", state.state});
    json::object o;
    put_state(o, state, ids);
    o["with_affection"] = a->with_affection;
    o["with_lovemaking"] = a->with_lovemaking;
    o["affection_without_lovemaking"] = a->affection_without_lovemaking;
    json::array wishes;
    for (const auto& w : a->wishes) wishes.push_back(json::object{{"item_id", w.item_id}, {"days", w.days}});
    o["wishes"] = std::move(wishes);
    out["affection"] = std::move(o);
  }

  out["highlight"] = highlight(states);
  return out;
}

Awaitable bond_insights(AppContext& app, Context& ctx) {
  auto window = window_of(app, ctx);
  if (!window) co_return window.error();
  if (ctx.bond->status != BondStatus::active)
    co_return Error(Errc::bond_ended, "This bond has ended, so there is nothing more to show about the two of you.");
  // By reference only: GCC 12 mishandles init-captures of lambdas made inside a coroutine.
  const BondView& bond = *ctx.bond;
  const User& viewer = ctx.user();
  const Day today = utc_day(app.now());
  auto out = co_await read(app.store(), [&](store::ReadTx& tx) {
    return bond_insights_of(tx, app.catalog(), viewer, bond, *window, today);
  });
  if (!out) co_return out.error();
  co_return json_ok(*out);
}

Result<json::object> my_insights_of(store::ReadTx& tx, const User& me, Window window) {
  auto [from, to] = millis_of(window);
  struct Facts {
    std::vector<WrittenEntry> written;
    std::vector<CheckIn> mine;
    std::vector<OwnTimeSpent> logged;
    struct Bond {
      BondView view;
      std::vector<CheckIn> checkins;
    };
    std::vector<Bond> bonds;
  };
  auto facts = [&]() -> Result<Facts> {
    Facts f;
    auto written = tx.written_between(me.id, from, to);
    if (!written) return std::unexpected(written.error());
    f.written = std::move(*written);
    auto mine = tx.own_checkins_between(me.id, window.first, window.last);
    if (!mine) return std::unexpected(mine.error());
    f.mine = std::move(*mine);
    auto logged = tx.own_time_between(me.id, window.first, window.last);
    if (!logged) return std::unexpected(logged.error());
    f.logged = std::move(*logged);
    auto bonds = tx.bonds_of(me.id);
    if (!bonds) return std::unexpected(bonds.error());
    for (auto& b : *bonds) {
      if (b.status != BondStatus::active) continue;  // an ended bond reveals nothing any more
      auto checkins = tx.checkins_between(b.id, window.first, window.last);
      if (!checkins) return std::unexpected(checkins.error());
      f.bonds.push_back({std::move(b), std::move(*checkins)});
    }
    return f;
  }();
  if (!facts) return std::unexpected(facts.error());

  json::object out = window_json(window);
  {
    auto gap = sharing_gap(facts->written);
    json::array families;
    for (const auto& g : gap)
      families.push_back(json::object{{"family", g.family}, {"written", g.written}, {"shared", g.shared}});
    out["sharing_gap"] = json::object{{"state", gap.empty() ? "not_enough" : "told"}, {"families", std::move(families)}};
  }
  {
    auto [days, minutes] = own_minutes_by_day(facts->mine, facts->logged, window);
    auto own = own_time_against_wish(minutes, days, me.own_time_wish);
    out["own_time"] = json::object{
        {"state", own_time_state(days, own).state},
        {"days", days},
        {"weekly_minutes", own.weekly_minutes},
        {"wish_per_week", me.own_time_wish ? json::value(*me.own_time_wish) : json::value(nullptr)}};
  }
  {
    json::array bonds;
    bool any = false;
    for (const auto& b : facts->bonds) {
      auto days = answered_days(b.checkins, me.id, b.view.other.id, window);
      auto m = mind_reading(days, 0);
      if (m.days >= kMinDaysForCloseness) any = true;
      json::array ask;
      for (const auto& f : m.ask_about) ask.push_back(json::string(f));
      bonds.push_back(json::object{{"bond_id", b.view.id},       {"name", b.view.other.display_name},
                                   {"days", m.days},             {"family_right", m.family_right},
                                   {"closeness_right", m.closeness_right}, {"ask_about", std::move(ask)},
                                   {"needed", kMinDaysForCloseness}});
    }
    out["mind_reading"] = json::object{{"state", any ? "told" : "not_enough"}, {"bonds", std::move(bonds)}};
  }
  return out;
}

Awaitable my_insights(AppContext& app, Context& ctx) {
  auto window = window_of(app, ctx);
  if (!window) co_return window.error();
  const User& me = ctx.user();
  auto out = co_await read(app.store(), [&](store::ReadTx& tx) { return my_insights_of(tx, me, *window); });
  if (!out) co_return out.error();
  co_return json_ok(*out);
}

}  // namespace pillars::api
