#include "api/async_store.h"
#include "api/handlers.h"
#include "api/json.h"
#include "core/validation.h"
#include "crypto/crypto.h"
#include "http/run_on.h"

namespace pillars::api {

namespace {
constexpr std::int64_t kMaxOwnTimeWish = 7 * 24 * 60;  // minutes in a week
}

Awaitable get_me(AppContext&, Context& ctx) {
  co_return json_ok(json::object{{"user", to_json(ctx.user())}, {"csrf", ctx.auth->session.csrf}});
}

Awaitable patch_me(AppContext& app, Context& ctx) {
  auto body = parse_body(ctx);
  if (!body) co_return body.error();
  Fields fields(*body);
  User user = ctx.user();
  if (auto name = fields.string("display_name", false)) {
    if (auto n = clean_display_name(*name)) user.display_name = *n;
    else fields.error("display_name", n.error());
  }
  if (auto zone = fields.string("timezone", false)) {
    if (auto z = clean_timezone(*zone)) user.timezone = *z;
    else fields.error("timezone", z.error());
  }
  if (auto it = body->find("track_affection"); it != body->end() && !it->value().is_null()) {
    if (!it->value().is_bool()) fields.error("track_affection", "This must be true or false.");
    else user.track_affection = it->value().get_bool();
  }
  if (auto it = body->find("own_time_wish_minutes"); it != body->end()) {
    const auto& v = it->value();
    if (v.is_null()) user.own_time_wish.reset();
    else if (v.is_int64() && v.get_int64() >= 0 && v.get_int64() <= kMaxOwnTimeWish)
      user.own_time_wish = static_cast<int>(v.get_int64());
    else if (v.is_uint64() && v.get_uint64() <= kMaxOwnTimeWish)
      user.own_time_wish = static_cast<int>(v.get_uint64());
    else fields.error("own_time_wish_minutes", "Give whole minutes a week, from 0 to 10080, or null.");
  }
  if (auto it = body->find("show_own_time_wish"); it != body->end() && !it->value().is_null()) {
    if (!it->value().is_bool()) fields.error("show_own_time_wish", "This must be true or false.");
    else user.show_own_time_wish = it->value().get_bool();
  }
  if (!fields.ok()) co_return fields.failure();
  auto saved =
      co_await write(app.store(), [&, now = app.now()](store::WriteTx& tx) { return tx.update_user(user, now); });
  if (!saved) co_return saved.error();
  co_await app.forget_user_everywhere(user.id);
  co_await app.forget_bonds_everywhere();  // the other member's view of each bond shows this name
  co_return json_ok(json::object{{"user", to_json(user)}});
}

namespace {

// Checks the caller's current password (limited, like sign-in, so a borrowed session cannot guess
// it); `field` names the form field at fault. On success, the limit's count starts again.
boost::asio::awaitable<Result<void>> confirm_password(AppContext& app, const std::string& user_id, const std::string& password,
                                               std::string_view field) {
  auto wait = co_await app.take_password_check(user_id);
  if (auto no = refused(wait, "Too many tries with the current password. Please wait a little and try again."))
    co_return std::unexpected(*no);
  auto stored = co_await read(app.store(), [&](store::ReadTx& tx) { return tx.password_hash(user_id); });
  if (!stored || !*stored) co_return fail(Errc::internal);
  bool right = co_await http::run_on(app.cpu().get_executor(),
                                     [&] { return crypto::verify_password(password, **stored); });
  if (!right) {
    Error e(Errc::wrong_password, "Your current password is not right.");
    e.fields.push_back({std::string(field), e.detail});
    co_return std::unexpected(e);
  }
  app.password_succeeded(user_id);
  co_return Result<void>{};
}

}  // namespace

Awaitable change_password(AppContext& app, Context& ctx) {
  auto body = parse_body(ctx);
  if (!body) co_return body.error();
  Fields fields(*body);
  auto current = fields.string("current_password");
  auto next = fields.string("new_password");
  if (!fields.ok()) co_return fields.failure();
  if (auto weakness = password_weakness(*next, ctx.user().email); !weakness.empty()) {
    Error e(Errc::weak_password, weakness);
    e.fields.push_back({"new_password", weakness});
    co_return e;
  }
  const std::string& user_id = ctx.user().id;
  if (auto confirmed = co_await confirm_password(app, user_id, *current, "current_password"); !confirmed)
    co_return confirmed.error();
  auto hash = co_await http::run_on(app.cpu().get_executor(), [&] { return crypto::hash_password(*next); });
  // A new password signs out every other device: whoever knew the old one loses access. This
  // browser goes on in a new session (new cookie token, new CSRF token), so nothing read from the
  // old one, a CSRF token in a page, say, is of use after the change.
  auto session = make_session(app, user_id, ctx.header("User-Agent"));
  auto saved = co_await write(app.store(), [&](store::WriteTx& tx) -> Result<void> {
    if (auto r = tx.set_password_hash(user_id, hash, session.session.created_at); !r) return r;
    if (auto r = tx.insert_session(session.session); !r) return r;
    if (auto r = tx.delete_sessions_except(user_id, session.session.id); !r) return std::unexpected(r.error());
    return {};
  });
  if (!saved) co_return saved.error();
  co_await app.forget_user_everywhere(user_id);
  app.check_live_sockets(user_id);  // the old session's sockets end with it; the app reconnects
  ctx.extra_set_cookies.push_back(session_cookie(app, session.token, app.settings().session_ttl));
  co_return json_ok(json::object{{"csrf", session.session.csrf}});
}

// Leaving for good. Each active bond ends first, exactly as "end the bond" ends it (shares
// withdrawn, the other told), then everything the person wrote goes in the same transaction. The
// other keeps their own writing and the ended bond with the name it had.
Awaitable delete_me(AppContext& app, Context& ctx) {
  auto body = parse_body(ctx);
  if (!body) co_return body.error();
  Fields fields(*body);
  auto password = fields.string("password");
  if (!fields.ok()) co_return fields.failure();
  const std::string user_id = ctx.user().id;
  if (auto confirmed = co_await confirm_password(app, user_id, *password, "password"); !confirmed)
    co_return confirmed.error();
  const Millis now = app.now();
  auto told = co_await write(app.store(), [&](store::WriteTx& tx) -> Result<std::vector<Notice>> {
    auto bonds = tx.bonds_of(user_id);
    if (!bonds) return std::unexpected(bonds.error());
    std::vector<Notice> notices;
    for (const auto& b : *bonds) {
      if (b.status != BondStatus::active) continue;
      if (auto r = tx.end_bond(b.id, user_id, now); !r) return std::unexpected(r.error());
      notices.push_back(notice_of(NoticeKind::bond_ended, b.other.id, b.id, user_id, b.id, now));
      if (auto r = tx.add_notice(notices.back()); !r) return std::unexpected(r.error());
    }
    if (auto r = tx.delete_account(user_id, now); !r) return std::unexpected(r.error());
    return notices;
  });
  if (!told) co_return told.error();
  co_await app.forget_user_everywhere(user_id);
  co_await app.forget_bonds_everywhere();
  for (const auto& notice : *told) tell(app, notice);
  app.check_live_sockets(user_id);
  ctx.extra_set_cookies.push_back(clear_session_cookie(app));
  co_return http::no_content();
}

Awaitable list_sessions(AppContext& app, Context& ctx) {
  auto sessions = co_await read(app.store(), [&, now = app.now()](store::ReadTx& tx) {
    return tx.sessions_of(ctx.user().id, now);
  });
  if (!sessions) co_return sessions.error();
  json::array out;
  for (const auto& s : *sessions) out.push_back(to_json(s, s.id == ctx.auth->session.id));
  co_return json_ok(json::object{{"sessions", std::move(out)}});
}

Awaitable revoke_session(AppContext& app, Context& ctx) {
  auto deleted = co_await write(app.store(), [&](store::WriteTx& tx) {
    return tx.delete_session(ctx.user().id, ctx.param("id"));
  });
  if (!deleted) co_return deleted.error();
  co_await app.forget_user_everywhere(ctx.user().id);
  app.check_live_sockets(ctx.user().id);
  if (!*deleted) co_return Error(Errc::not_found, "There is no such session.");
  if (ctx.param("id") == ctx.auth->session.id) ctx.extra_set_cookies.push_back(clear_session_cookie(app));
  co_return http::no_content();
}

}  // namespace pillars::api
