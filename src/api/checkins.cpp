// Daily check-ins. Nobody has to go first: until both members have checked in for a day, the other
// sees only that you have (and only while the day can still be answered); then both see both, with
// each guess scored, and the day is locked. In an ended bond each sees only their own.
#include "api/async_store.h"
#include "api/handlers.h"
#include "api/json.h"
#include "core/checkin.h"
#include "core/menus.h"
#include "core/time.h"

namespace pillars::api {

namespace {

constexpr int kMaxRangeDays = 366;

CheckInDraft read_draft(const json::object& body, Fields& fields) {
  CheckInDraft d;
  d.feelings = fields.feelings().value_or(std::vector<FeelingPick>{});
  d.closeness_now = integer_field(body, "closeness_now", fields, "closeness_now");
  d.closeness_wanted = integer_field(body, "closeness_wanted", fields, "closeness_wanted");
  d.own_minutes = integer_field(body, "own_minutes", fields, "own_minutes");
  d.together_minutes = integer_field(body, "together_minutes", fields, "together_minutes");
  d.need = fields.string("need", false);
  d.affection = bool_field(body, "affection", fields);
  d.lovemaking = bool_field(body, "lovemaking", fields);
  if (auto it = body.find("wishes"); it != body.end() && !it->value().is_null()) {
    if (!it->value().is_array()) {
      fields.error("wishes", "Wishes are a list of the menu's items.");
    } else {
      d.wishes.emplace();
      for (const auto& w : it->value().as_array()) {
        if (!w.is_string()) {
          fields.error("wishes", "Wishes are a list of the menu's items.");
          break;
        }
        d.wishes->emplace_back(w.get_string());
      }
    }
  }
  if (auto it = body.find("guess"); it != body.end() && it->value().is_object()) {
    const auto& g = it->value().as_object();
    if (auto f = g.find("family"); f != g.end() && f->value().is_string()) d.guess_family = std::string(f->value().get_string());
    d.guess_closeness = integer_field(g, "closeness_now", fields, "guess.closeness_now");
  }
  return d;
}

json::value optional_bool(const std::optional<bool>& b) { return b ? json::value(*b) : json::value(nullptr); }

// A check-in as JSON; `other` is the partner's check-in of the same day once revealed, to score the guess.
// `edit_time` adds updated_at, which only one's own unrevealed check-in carries (see `day_shown`).
// `ticks` adds the affection and love-making ticks: on one's own while one tracks them, on the
// other's only where both turned tracking on (`ticks_shared`); otherwise the keys are absent, so
// the answer is the same whoever has it off.
json::object checkin_json(const CheckIn& c, const CheckIn* other, bool edit_time, bool ticks) {
  json::object guess{{"family", c.guess_family}, {"closeness_now", c.guess_closeness},
                     {"family_right", nullptr}, {"closeness_right", nullptr}};
  if (other) {
    auto score = score_guess(c, *other);
    guess["family_right"] = score.family_right;
    guess["closeness_right"] = score.closeness_right;
  }
  json::object out{{"day", format_day(c.day)},
                    {"from", json::object{{"id", c.from.id}, {"display_name", c.from.display_name}}},
                    {"feelings", to_json(c.feelings)},
                    {"primary_family", primary_family(c.feelings)},
                    {"closeness_now", c.closeness_now},
                    {"closeness_wanted", c.closeness_wanted},
                    {"need", to_string(c.need)},
                    {"own_minutes", c.own_minutes},
                    {"together_minutes", c.together_minutes},
                    {"guess", std::move(guess)},
                    {"created_at", format_rfc3339(c.created_at)}};
  if (ticks) {
    out["affection"] = optional_bool(c.affection);
    out["lovemaking"] = optional_bool(c.lovemaking);
    json::array wishes;
    for (const auto& w : c.wishes) wishes.push_back(json::value(w));
    out["wishes"] = std::move(wishes);
  }
  if (edit_time) out["updated_at"] = format_rfc3339(c.updated_at);
  return out;
}

// Who is looking at a day: the person, the bond's state, and whether ticks are shared in it.
struct Viewer {
  std::string id;
  BondStatus bond = BondStatus::active;
  bool my_ticks = false;      // the viewer tracks affection
  bool ticks_shared = false;  // both do
};
Viewer viewer_of(const Context& ctx) {
  bool mine = ctx.user().track_affection;
  return {ctx.user().id, ctx.bond->status, mine, ticks_shared(mine, ctx.bond->other_tracks_affection)};
}

// Splits one day's check-ins into the caller's and the other's.
std::pair<const CheckIn*, const CheckIn*> split(const std::vector<CheckIn>& day, const std::string& me) {
  const CheckIn* mine = nullptr;
  const CheckIn* theirs = nullptr;
  for (const auto& c : day) (c.from.id == me ? mine : theirs) = &c;
  return {mine, theirs};
}

// One day as `me` sees it, in the day view and in the history alike: `day_shown` decides what of
// the other's check-in appears (all of it, only a status, or no `partner` key at all). Only what it
// allows is read from `theirs`, so nothing else of the other's can slip into the answer.
json::object day_json(Day day, const std::vector<CheckIn>& checkins, const Viewer& viewer, Millis now) {
  auto [mine, theirs] = split(checkins, viewer.id);
  auto shown = day_shown(viewer.bond, mine != nullptr, theirs != nullptr, day, now);
  json::object out{{"day", format_day(day)}, {"revealed", shown.revealed}};
  out["mine"] = mine ? json::value(checkin_json(*mine, shown.revealed ? theirs : nullptr, shown.edit_times, viewer.my_ticks))
                     : json::value(nullptr);
  if (shown.revealed) {
    auto note = reveal_note(*mine, *theirs);
    out["reflection"] = note ? json::value(json::object{{"kind", to_string(note->reflection)}, {"who", to_string(note->who)}})
                             : json::value(nullptr);
  }
  switch (shown.other) {
    case OtherPart::full: out["partner"] = checkin_json(*theirs, mine, false, viewer.ticks_shared); break;
    case OtherPart::status: out["partner"] = json::object{{"status", theirs ? "checked_in" : "waiting"}}; break;
    case OtherPart::none: break;
  }
  return out;
}

Error bad_day() {
  Error e(Errc::validation, "A day looks like 2026-11-25.");
  e.fields.push_back({"day", e.detail});
  return e;
}

}  // namespace

Awaitable put_checkin(AppContext& app, Context& ctx) {
  auto day = parse_day(ctx.param("day"));
  if (!day) co_return bad_day();
  if (!day_is_current(*day, app.now())) {
    Error e(Errc::validation, "Check-ins are for today; a day before or after is allowed for time zones.");
    e.fields.push_back({"day", e.detail});
    co_return e;
  }
  if (ctx.bond->status != BondStatus::active)
    co_return Error(Errc::bond_ended, "This bond has ended.");
  auto body = parse_body(ctx);
  if (!body) co_return body.error();
  Fields fields(*body);
  auto draft = read_draft(*body, fields);
  CheckIn mine;
  for (auto& e : apply_checkin_draft(draft, app.catalog(), ctx.bond->kind, ctx.user().track_affection, mine))
    fields.error(e.field, e.message);
  if (!fields.ok()) co_return fields.failure();
  mine.bond_id = ctx.bond->id;
  mine.from = Person{ctx.user().id, ctx.user().display_name};
  mine.day = *day;
  mine.created_at = mine.updated_at = app.now();

  struct Outcome {
    CheckInSave save;
    std::vector<CheckIn> day;
    std::optional<Notice> told;
  };
  const Catalog& catalog = app.catalog();
  auto outcome = co_await write(app.store(), [&](store::WriteTx& tx) -> Result<Outcome> {
    auto bond = tx.bond_for_member(mine.bond_id, mine.from.id);
    if (!bond || !*bond || (*bond)->status != BondStatus::active) return fail(Errc::bond_ended, "This bond has ended.");
    auto existing = tx.checkins_on(mine.bond_id, mine.day);
    if (!existing) return std::unexpected(existing.error());
    auto [before, theirs] = split(*existing, mine.from.id);
    Outcome o{checkin_save(before != nullptr, theirs != nullptr), {}, std::nullopt};
    if (o.save.locked)
      return fail(Errc::checkin_locked, "You have both checked in for this day, so it can no longer change.");
    if (!mine.wishes.empty()) {  // only the affection both said they would like
      auto matches = read_menu_matches(tx, catalog, **bond, mine.from.id);
      if (!matches) return std::unexpected(matches.error());
      if (auto errors = check_wishes_lived(mine.wishes, *matches); !errors.empty())
        return std::unexpected(Fields::invalid(std::move(errors)));
    }
    if (auto r = tx.put_checkin(mine); !r) return std::unexpected(r.error());
    // What is new for the other: that one has checked in (a first answer; an edit is silent), or
    // the reveal, which makes "has checked in" old news for both.
    std::string subject = format_day(mine.day);
    if (o.save.reveals || o.save.first)
      o.told = notice_of(o.save.reveals ? NoticeKind::checkin_revealed : NoticeKind::checkin_added, (*bond)->other.id,
                         mine.bond_id, mine.from.id, subject, mine.updated_at, std::nullopt, mine.day);
    if (o.save.reveals)
      if (auto r = tx.remove_notices(mine.bond_id, NoticeKind::checkin_added, subject); !r) return std::unexpected(r.error());
    if (o.told)
      if (auto r = tx.add_notice(*o.told); !r) return std::unexpected(r.error());
    // The day as stored now, without reading it again: an edit keeps the first answer's time.
    if (before) mine.created_at = before->created_at;
    if (theirs) o.day.push_back(*theirs);
    o.day.push_back(mine);
    return o;
  });
  if (!outcome) co_return outcome.error();
  if (outcome->told) tell(app, *outcome->told);
  if (outcome->save.reveals) notify(app, mine.from.id, "checkin_revealed", mine.bond_id, format_day(mine.day));
  // The write job checked that the bond is active, so the day is shown as in an active bond.
  auto [me, theirs] = split(outcome->day, mine.from.id);
  auto shown = day_shown(BondStatus::active, true, theirs != nullptr, mine.day, app.now());
  co_return json_ok(json::object{{"checkin", checkin_json(*me, shown.revealed ? theirs : nullptr, shown.edit_times, ctx.user().track_affection)},
                                 {"revealed", shown.revealed}});
}

Awaitable get_checkin(AppContext& app, Context& ctx) {
  auto day = parse_day(ctx.param("day"));
  if (!day) co_return bad_day();
  auto checkins = co_await read(app.store(), [&](store::ReadTx& tx) { return tx.checkins_on(ctx.bond->id, *day); });
  if (!checkins) co_return checkins.error();
  co_return json_ok(day_json(*day, *checkins, viewer_of(ctx), app.now()));
}

Awaitable list_checkins(AppContext& app, Context& ctx) {
  Day to = utc_day(app.now()) + 1;
  Day from = to - 27;  // 28 days, today's possible local days included
  Fields fields(json::object{});
  auto params = query_params(ctx);
  if (!params) co_return Error(Errc::bad_request, "The address could not be read.");
  for (const auto& [key, value] : *params) {
    if (key != "from" && key != "to") continue;
    auto d = parse_day(value);
    if (!d) fields.error(key, "A day looks like 2026-11-25.");
    else (key == "from" ? from : to) = *d;
  }
  if (fields.ok() && from > to) fields.error("from", "The range must start before it ends.");
  if (fields.ok() && to - from >= kMaxRangeDays) fields.error("from", "Ask for at most 366 days at a time.");
  if (!fields.ok()) co_return fields.failure();
  auto checkins = co_await read(app.store(), [&](store::ReadTx& tx) { return tx.checkins_between(ctx.bond->id, from, to); });
  if (!checkins) co_return checkins.error();

  // The days the caller checked in on, each exactly as the day view shows it; a day only the other
  // answered is not listed, so the list itself says nothing of the other.
  json::array days;
  const auto viewer = viewer_of(ctx);
  const Millis now = app.now();
  for (std::size_t i = 0; i < checkins->size();) {
    std::size_t j = i;
    while (j < checkins->size() && (*checkins)[j].day == (*checkins)[i].day) ++j;
    std::vector<CheckIn> one(checkins->begin() + static_cast<std::ptrdiff_t>(i), checkins->begin() + static_cast<std::ptrdiff_t>(j));
    if (split(one, viewer.id).first) days.push_back(day_json(one.front().day, one, viewer, now));
    i = j;
  }
  co_return json_ok(json::object{{"days", std::move(days)}});
}

}  // namespace pillars::api
