// Moments: a bond's journey of highs and lows. Either member adds one; only its author edits or
// deletes it. The milestones (the bond's start, the first day both checked in, every 50th day both
// did, each conversation level opened) are computed from what is stored, never kept. After a bond ends each sees only their own.
#include <algorithm>

#include "api/async_store.h"
#include "api/handlers.h"
#include "api/json.h"
#include "core/moments.h"
#include "crypto/crypto.h"

namespace pillars::api {

namespace {

Error ended() { return Error(Errc::bond_ended, "This bond has ended; its journey can no longer change."); }
Error no_moment() { return Error(Errc::not_found, "There is no such moment of yours."); }

// The draft in a body: day, kind, title and note, each text when present; a null note clears it.
MomentDraft read_draft(const json::object& body, Fields& fields) {
  MomentDraft d;
  d.day = fields.string("day", false);
  d.kind = fields.string("kind", false);
  d.title = fields.string("title", false);
  if (auto it = body.find("note"); it != body.end() && it->value().is_null()) d.clear_note = true;
  else d.note = fields.string("note", false);
  return d;
}

}  // namespace

Awaitable list_moments(AppContext& app, Context& ctx) {
  const BondView& bond = *ctx.bond;
  struct Journey {
    std::vector<Moment> moments;
    std::vector<Day> both;
    std::vector<Reveal> reveals;
  };
  auto journey = co_await read(app.store(), [&](store::ReadTx& tx) -> Result<Journey> {
    auto moments = tx.moments_in(bond.id);
    if (!moments) return std::unexpected(moments.error());
    auto both = tx.days_both_checked_in(bond.id);
    if (!both) return std::unexpected(both.error());
    auto reveals = tx.reveals(bond.id);
    if (!reveals) return std::unexpected(reveals.error());
    return Journey{std::move(*moments), std::move(*both), std::move(*reveals)};
  });
  if (!journey) co_return journey.error();
  const std::string& me = ctx.user().id;
  json::array moments, marks;
  for (const auto& m : journey->moments)
    if (visible_in_bond(me, m.author.id, bond.status)) moments.push_back(to_json(m, me));
  const auto opened = levels_opened(app.catalog().decks, bond.kind, journey->reveals);
  for (const auto& m : milestones(utc_day(bond.created_at), journey->both, opened)) {
    json::object mark{{"kind", to_string(m.kind)}, {"day", format_day(m.day)}, {"count", m.count}};
    if (m.kind == MilestoneKind::deck_level) {
      mark["deck"] = m.deck;
      mark["level"] = m.level;
    }
    marks.push_back(std::move(mark));
  }
  co_return json_ok(json::object{{"moments", std::move(moments)}, {"milestones", std::move(marks)}});
}

Awaitable add_moment(AppContext& app, Context& ctx) {
  if (ctx.bond->status != BondStatus::active) co_return ended();
  auto body = parse_body(ctx);
  if (!body) co_return body.error();
  Fields fields(*body);
  auto draft = read_draft(*body, fields);
  Moment m;
  if (fields.ok())
    for (auto& e : apply_moment_draft(draft, utc_day(app.now()), m, true)) fields.error(e.field, e.message);
  if (!fields.ok()) co_return fields.failure();
  m.id = crypto::random_id();
  m.bond_id = ctx.bond->id;
  m.author = Person{ctx.user().id, ctx.user().display_name};
  m.created_at = m.updated_at = app.now();
  auto told = notice_of(NoticeKind::moment_added, ctx.bond->other.id, m.bond_id, m.author.id, m.id, m.created_at);
  auto saved = co_await write(app.store(), [&](store::WriteTx& tx) -> Result<void> {
    // Checked again inside the write: the bond may have ended since the guard looked.
    auto bond = tx.bond_for_member(m.bond_id, m.author.id);
    if (!bond || !*bond || (*bond)->status != BondStatus::active) return std::unexpected(ended());
    if (auto r = tx.put_moment(m); !r) return r;
    return tx.add_notice(told);
  });
  if (!saved) co_return saved.error();
  tell(app, told);
  co_return json_created(json::object{{"moment", to_json(m, m.author.id)}});
}

Awaitable edit_moment(AppContext& app, Context& ctx) {
  if (ctx.bond->status != BondStatus::active) co_return ended();
  auto body = parse_body(ctx);
  if (!body) co_return body.error();
  Fields fields(*body);
  auto draft = read_draft(*body, fields);
  if (!fields.ok()) co_return fields.failure();
  const std::string bond_id = ctx.bond->id;
  const std::string moment_id(ctx.param("moment_id"));
  const std::string& me = ctx.user().id;
  const Day today = utc_day(app.now());
  const Millis now = app.now();
  auto edited = co_await write(app.store(), [&](store::WriteTx& tx) -> Result<Moment> {
    auto bond = tx.bond_for_member(bond_id, me);
    if (!bond || !*bond || (*bond)->status != BondStatus::active) return std::unexpected(ended());
    auto all = tx.moments_in(bond_id);
    if (!all) return std::unexpected(all.error());
    auto it = std::find_if(all->begin(), all->end(), [&](const Moment& x) { return x.id == moment_id && x.author.id == me; });
    if (it == all->end()) return std::unexpected(no_moment());
    Moment m = *it;
    auto errors = apply_moment_draft(draft, today, m, false);
    if (!errors.empty()) {
      return std::unexpected(Fields::invalid(std::move(errors)));
    }
    m.updated_at = now;
    if (auto r = tx.put_moment(m); !r) return std::unexpected(r.error());
    return m;
  });
  if (!edited) co_return edited.error();
  notify(app, ctx.bond->other.id, "moment_updated", bond_id, moment_id);
  co_return json_ok(json::object{{"moment", to_json(*edited, me)}});
}

Awaitable delete_moment(AppContext& app, Context& ctx) {
  // One's own moment may be deleted even after the bond ended: what one wrote stays one's own.
  const std::string bond_id = ctx.bond->id;
  const std::string moment_id(ctx.param("moment_id"));
  const std::string& me = ctx.user().id;
  auto deleted = co_await write(app.store(), [&](store::WriteTx& tx) -> Result<bool> {
    auto gone = tx.delete_moment(bond_id, moment_id, me);
    if (!gone || !*gone) return gone;
    // What was new about it goes with it.
    if (auto r = tx.remove_notices(bond_id, NoticeKind::moment_added, moment_id); !r) return std::unexpected(r.error());
    return true;
  });
  if (!deleted) co_return deleted.error();
  if (!*deleted) co_return no_moment();
  if (ctx.bond->status == BondStatus::active) notify(app, ctx.bond->other.id, "moment_deleted", bond_id, moment_id);
  co_return http::no_content();
}

}  // namespace pillars::api
