// A bond's shared space beyond entries: appreciations ("I love you", said, not assumed) and
// requests for comfort that the other person can answer.
#include "api/async_store.h"
#include "api/handlers.h"
#include "api/json.h"
#include "crypto/crypto.h"

namespace pillars::api {

namespace {

Error ended() { return Error(Errc::bond_ended, "This bond has ended; nothing new can be added to it."); }

}  // namespace

Awaitable send_appreciation(AppContext& app, Context& ctx) {
  if (ctx.bond->status != BondStatus::active) co_return ended();
  auto body = parse_body(ctx);
  if (!body) co_return body.error();
  Fields fields(*body);
  auto kind_text = fields.string("kind");
  auto note = fields.string("note", false);
  Appreciation a;
  std::optional<AppreciationKind> kind;
  if (kind_text && !(kind = parse_appreciation_kind(*kind_text)))
    fields.error("kind", "Choose love, thanks or admire.");
  if (auto problem = check_note(note, a.note); !problem.empty()) fields.error("note", problem);
  if (!fields.ok()) co_return fields.failure();
  a.id = crypto::random_id();
  a.bond_id = ctx.bond->id;
  a.from = Person{ctx.user().id, ctx.user().display_name};
  a.kind = *kind;
  a.created_at = app.now();
  auto saved = co_await write(app.store(), [&](store::WriteTx& tx) -> Result<void> {
    // Checked again inside the write: the bond may have ended since the guard looked.
    auto bond = tx.bond_for_member(a.bond_id, a.from.id);
    if (!bond || !*bond || (*bond)->status != BondStatus::active) return std::unexpected(ended());
    return tx.insert_appreciation(a);
  });
  if (!saved) co_return saved.error();
  notify(app, ctx.bond->other.id, "appreciation_added", a.bond_id, a.id);
  co_return json_created(json::object{{"appreciation", to_json(a, ctx.user().id)}});
}

Awaitable list_appreciations(AppContext& app, Context& ctx) {
  auto list = co_await read(app.store(), [&](store::ReadTx& tx) { return tx.appreciations_in(ctx.bond->id); });
  if (!list) co_return list.error();
  json::array out;
  for (const auto& a : *list)
    if (visible_in_bond(ctx.user().id, a.from.id, ctx.bond->status)) out.push_back(to_json(a, ctx.user().id));
  co_return json_ok(json::object{{"appreciations", std::move(out)}});
}

Awaitable ask_for_comfort(AppContext& app, Context& ctx) {
  if (ctx.bond->status != BondStatus::active) co_return ended();
  auto body = parse_body(ctx);
  if (!body) co_return body.error();
  Fields fields(*body);
  auto note = fields.string("note", false);
  ComfortRequest c;
  if (auto problem = check_note(note, c.note); !problem.empty()) fields.error("note", problem);
  if (!fields.ok()) co_return fields.failure();
  c.id = crypto::random_id();
  c.bond_id = ctx.bond->id;
  c.from = Person{ctx.user().id, ctx.user().display_name};
  c.created_at = app.now();
  auto saved = co_await write(app.store(), [&](store::WriteTx& tx) -> Result<void> {
    auto bond = tx.bond_for_member(c.bond_id, c.from.id);
    if (!bond || !*bond || (*bond)->status != BondStatus::active) return std::unexpected(ended());
    return tx.insert_comfort_request(c);
  });
  if (!saved) co_return saved.error();
  notify(app, ctx.bond->other.id, "comfort_requested", c.bond_id, c.id);
  co_return json_created(json::object{{"comfort_request", to_json(c, ctx.user().id)}});
}

Awaitable list_comfort_requests(AppContext& app, Context& ctx) {
  auto list = co_await read(app.store(), [&](store::ReadTx& tx) { return tx.comfort_requests_in(ctx.bond->id); });
  if (!list) co_return list.error();
  json::array out;
  for (const auto& c : *list)
    if (visible_in_bond(ctx.user().id, c.from.id, ctx.bond->status)) out.push_back(to_json(c, ctx.user().id));
  co_return json_ok(json::object{{"comfort_requests", std::move(out)}});
}

Awaitable answer_comfort_request(AppContext& app, Context& ctx) {
  if (ctx.bond->status != BondStatus::active) co_return ended();
  json::object empty;
  auto body = ctx.req.body().empty() ? Result<json::object>(empty) : parse_body(ctx);
  if (!body) co_return body.error();
  Fields fields(*body);
  auto note = fields.string("note", false);
  std::optional<std::string> cleaned;
  if (auto problem = check_note(note, cleaned); !problem.empty()) fields.error("note", problem);
  if (!fields.ok()) co_return fields.failure();
  auto answered = co_await write(app.store(), [&](store::WriteTx& tx) -> Result<ComfortRequest> {
    auto bond = tx.bond_for_member(ctx.bond->id, ctx.user().id);
    if (!bond || !*bond || (*bond)->status != BondStatus::active) return std::unexpected(ended());
    auto request = tx.comfort_request(ctx.bond->id, ctx.param("request_id"));
    if (!request) return std::unexpected(request.error());
    if (!*request) return fail(Errc::not_found, "There is no such request.");
    if ((*request)->from.id == ctx.user().id)
      return fail(Errc::conflict, "This is your own request; the other person can answer it.");
    if (auto r = tx.answer_comfort_request((*request)->id, ctx.user().id, app.now(), cleaned); !r)
      return std::unexpected(r.error());
    auto reloaded = tx.comfort_request(ctx.bond->id, (*request)->id);
    if (!reloaded || !*reloaded) return fail(Errc::internal);
    return std::move(**reloaded);
  });
  if (!answered) co_return answered.error();
  notify(app, answered->from.id, "comfort_answered", answered->bond_id, answered->id);
  co_return json_ok(json::object{{"comfort_request", to_json(*answered, ctx.user().id)}});
}

}  // namespace pillars::api
