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
  auto told = notice_of(NoticeKind::appreciation_added, ctx.bond->other.id, a.bond_id, a.from.id, a.id, a.created_at);
  auto saved = co_await write(app.store(), [&](store::WriteTx& tx) -> Result<void> {
    // Checked again inside the write: the bond may have ended since the guard looked.
    auto bond = tx.bond_for_member(a.bond_id, a.from.id);
    if (!bond || !*bond || (*bond)->status != BondStatus::active) return std::unexpected(ended());
    if (auto r = tx.insert_appreciation(a); !r) return r;
    return tx.add_notice(told);
  });
  if (!saved) co_return saved.error();
  tell(app, told);
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

namespace {

// The answer's key: {comfort_request} or {space_request}, and the lists' {comfort_requests} ...
std::string one(RequestKind kind) { return std::string(to_string(kind)) + "_request"; }
std::string many(RequestKind kind) { return one(kind) + "s"; }

NoticeKind asked(RequestKind kind) {
  return kind == RequestKind::space ? NoticeKind::space_requested : NoticeKind::comfort_requested;
}
NoticeKind answered(RequestKind kind) {
  return kind == RequestKind::space ? NoticeKind::space_answered : NoticeKind::comfort_answered;
}

// Asking for comfort or for space: the same act, a note and (for space) when.
Awaitable ask(AppContext& app, Context& ctx, RequestKind kind) {
  if (ctx.bond->status != BondStatus::active) co_return ended();
  json::object empty;
  auto body = ctx.req.body().empty() ? Result<json::object>(empty) : parse_body(ctx);
  if (!body) co_return body.error();
  Fields fields(*body);
  auto note = fields.string("note", false);
  Request c;
  c.kind = kind;
  if (auto problem = check_note(note, c.note); !problem.empty()) fields.error("note", problem);
  if (kind == RequestKind::space) {
    auto when = fields.string("when", false);
    c.when = when ? parse_space_when(*when) : SpaceWhen::tonight;
    if (!c.when) fields.error("when", "Choose now, tonight or tomorrow.");
  }
  if (!fields.ok()) co_return fields.failure();
  c.id = crypto::random_id();
  c.bond_id = ctx.bond->id;
  c.from = Person{ctx.user().id, ctx.user().display_name};
  c.created_at = app.now();
  auto told = notice_of(asked(kind), ctx.bond->other.id, c.bond_id, c.from.id, c.id, c.created_at);
  auto saved = co_await write(app.store(), [&](store::WriteTx& tx) -> Result<void> {
    auto bond = tx.bond_for_member(c.bond_id, c.from.id);
    if (!bond || !*bond || (*bond)->status != BondStatus::active) return std::unexpected(ended());
    if (auto r = tx.insert_request(c); !r) return r;
    return tx.add_notice(told);
  });
  if (!saved) co_return saved.error();
  tell(app, told);
  co_return json_created(json::object{{one(kind), to_json(c, ctx.user().id)}});
}

Awaitable list_requests(AppContext& app, Context& ctx, RequestKind kind) {
  auto list = co_await read(app.store(), [&](store::ReadTx& tx) { return tx.requests_in(ctx.bond->id, kind); });
  if (!list) co_return list.error();
  json::array out;
  for (const auto& c : *list)
    if (visible_in_bond(ctx.user().id, c.from.id, ctx.bond->status)) out.push_back(to_json(c, ctx.user().id));
  co_return json_ok(json::object{{many(kind), std::move(out)}});
}

// Answering: for comfort an optional note; for space one of the gentle replies and a note.
Awaitable answer(AppContext& app, Context& ctx, RequestKind kind) {
  if (ctx.bond->status != BondStatus::active) co_return ended();
  json::object empty;
  auto body = ctx.req.body().empty() ? Result<json::object>(empty) : parse_body(ctx);
  if (!body) co_return body.error();
  Fields fields(*body);
  auto note = fields.string("note", false);
  std::optional<std::string> cleaned;
  if (auto problem = check_note(note, cleaned); !problem.empty()) fields.error("note", problem);
  std::optional<SpaceReply> reply;
  if (kind == RequestKind::space) {
    auto text = fields.string("reply", false);
    reply = text ? parse_space_reply(*text) : SpaceReply::of_course;
    if (!reply) fields.error("reply", "Choose enjoy, of_course or here_after.");
  }
  if (!fields.ok()) co_return fields.failure();
  Notice told;
  auto result = co_await write(app.store(), [&](store::WriteTx& tx) -> Result<Request> {
    auto bond = tx.bond_for_member(ctx.bond->id, ctx.user().id);
    if (!bond || !*bond || (*bond)->status != BondStatus::active) return std::unexpected(ended());
    auto request = tx.request(ctx.bond->id, ctx.param("request_id"));
    if (!request) return std::unexpected(request.error());
    if (!*request || (*request)->kind != kind) return fail(Errc::not_found, "There is no such request.");
    if ((*request)->from.id == ctx.user().id)
      return fail(Errc::conflict, "This is your own request; the other person can answer it.");
    auto at = app.now();
    if (auto r = tx.answer_request(ctx.bond->id, (*request)->id, ctx.user().id, at, cleaned, reply); !r)
      return std::unexpected(r.error());
    told = notice_of(answered(kind), (*request)->from.id, ctx.bond->id, ctx.user().id, (*request)->id, at);
    if (auto r = tx.add_notice(told); !r) return std::unexpected(r.error());
    auto reloaded = tx.request(ctx.bond->id, (*request)->id);
    if (!reloaded || !*reloaded) return fail(Errc::internal);
    return std::move(**reloaded);
  });
  if (!result) co_return result.error();
  tell(app, told);
  co_return json_ok(json::object{{one(kind), to_json(*result, ctx.user().id)}});
}

}  // namespace

Awaitable ask_for_comfort(AppContext& app, Context& ctx) { return ask(app, ctx, RequestKind::comfort); }
Awaitable list_comfort_requests(AppContext& app, Context& ctx) { return list_requests(app, ctx, RequestKind::comfort); }
Awaitable answer_comfort_request(AppContext& app, Context& ctx) { return answer(app, ctx, RequestKind::comfort); }
Awaitable ask_for_space(AppContext& app, Context& ctx) { return ask(app, ctx, RequestKind::space); }
Awaitable list_space_requests(AppContext& app, Context& ctx) { return list_requests(app, ctx, RequestKind::space); }
Awaitable answer_space_request(AppContext& app, Context& ctx) { return answer(app, ctx, RequestKind::space); }

}  // namespace pillars::api
