#include "api/async_store.h"
#include "api/handlers.h"
#include "api/json.h"
#include "core/validation.h"
#include "crypto/crypto.h"
#include "http/run_on.h"

namespace pillars::api {

std::string session_cookie(const AppContext& app, const std::string& token, Millis max_age_ms) {
  return fmt::format("{}={}; Path=/; Max-Age={}; HttpOnly; SameSite=Lax{}", kSessionCookie, token, max_age_ms / 1000,
                     app.settings().https ? "; Secure" : "");
}

std::string clear_session_cookie(const AppContext& app) {
  return fmt::format("{}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{}", kSessionCookie,
                     app.settings().https ? "; Secure" : "");
}

NewSession make_session(const AppContext& app, const std::string& user_id, std::string_view user_agent) {
  NewSession out;
  out.token = crypto::random_token();
  Millis now = app.now();
  std::string agent(user_agent.substr(0, 200));
  out.session = Session{crypto::random_id(), user_id, crypto::token_hash(out.token), crypto::random_token(24),
                        std::move(agent), now, now, now + app.settings().session_ttl};
  return out;
}

namespace {

Response signed_in_response(AppContext& app, Context& ctx, const User& user, const NewSession& s,
                            http::bhttp::status status) {
  auto res = http::json_response(status, json::object{{"user", to_json(user)}, {"csrf", s.session.csrf}});
  ctx.extra_set_cookies.push_back(session_cookie(app, s.token, app.settings().session_ttl));
  return res;
}

// A hash to verify against when the email is unknown, so both paths take the same time.
const std::string& dummy_hash() {
  static const std::string hash = crypto::hash_password("not a real password, only for timing");
  return hash;
}

}  // namespace

Awaitable register_account(AppContext& app, Context& ctx) {
  auto body = parse_body(ctx);
  if (!body) co_return http::problem_response(body.error(), ctx.request_id);
  Fields fields(*body);
  auto email = fields.string("email");
  auto password = fields.string("password");
  auto name = fields.string("display_name");
  auto zone = fields.string("timezone", false);

  User user;
  if (email) {
    if (auto e = normalize_email(*email)) user.email = *e;
    else fields.error("email", e.error());
  }
  if (name) {
    if (auto n = clean_display_name(*name)) user.display_name = *n;
    else fields.error("display_name", n.error());
  }
  user.timezone = "UTC";
  if (zone) {
    if (auto z = clean_timezone(*zone)) user.timezone = *z;
    else fields.error("timezone", z.error());
  }
  std::string weakness = password ? password_weakness(*password, user.email) : std::string();
  if (!fields.ok()) {
    if (!weakness.empty()) fields.error("password", weakness);
    co_return http::problem_response(fields.failure(), ctx.request_id);
  }
  if (!weakness.empty()) {
    Error e(Errc::weak_password, weakness);
    e.fields.push_back({"password", weakness});
    co_return http::problem_response(e, ctx.request_id);
  }

  auto hash = co_await http::run_on(app.cpu().get_executor(), [&] { return crypto::hash_password(*password); });
  user.id = crypto::random_id();
  user.created_at = app.now();
  auto session = make_session(app, user.id, ctx.header("User-Agent"));
  auto saved = co_await write(app.store(), [&](store::WriteTx& tx) -> Result<void> {
    if (auto r = tx.insert_user(user, hash); !r) return r;
    return tx.insert_session(session.session);
  });
  if (!saved) co_return http::problem_response(saved.error(), ctx.request_id);
  co_return signed_in_response(app, ctx, user, session, http::bhttp::status::created);
}

Awaitable login(AppContext& app, Context& ctx) {
  auto body = parse_body(ctx);
  if (!body) co_return http::problem_response(body.error(), ctx.request_id);
  Fields fields(*body);
  auto email_in = fields.string("email");
  auto password = fields.string("password");
  if (!fields.ok()) co_return http::problem_response(fields.failure(), ctx.request_id);
  std::string email = normalize_email(*email_in).value_or(std::string(trim(*email_in)));

  if (int wait = app.login_retry_after(email, ctx.client_address); wait > 0) {
    Error e(Errc::rate_limited, "Too many sign-in attempts. Please wait a little and try again.");
    e.retry_after_seconds = wait;
    co_return http::problem_response(e, ctx.request_id);
  }

  struct Found {
    std::optional<User> user;
    std::string hash;
  };
  auto found = co_await read(app.store(), [&](store::ReadTx& tx) -> Result<Found> {
    auto user = tx.user_by_email(email);
    if (!user) return std::unexpected(user.error());
    Found f{*user, {}};
    if (f.user) {
      auto hash = tx.password_hash(f.user->id);
      if (!hash) return std::unexpected(hash.error());
      f.hash = hash->value_or("");
    }
    return f;
  });
  if (!found) co_return http::problem_response(found.error(), ctx.request_id);

  bool valid = co_await http::run_on(app.cpu().get_executor(), [&] {
    return found->user ? crypto::verify_password(*password, found->hash)
                       : (crypto::verify_password(*password, dummy_hash()), false);
  });
  if (!valid) {
    app.login_failed(email, ctx.client_address);
    co_return http::problem_response(
        Error(Errc::invalid_credentials, "That email and password do not match an account."), ctx.request_id);
  }
  app.login_succeeded(email);

  auto session = make_session(app, found->user->id, ctx.header("User-Agent"));
  bool rehash = crypto::password_needs_rehash(found->hash);
  std::string new_hash;
  if (rehash) new_hash = co_await http::run_on(app.cpu().get_executor(), [&] { return crypto::hash_password(*password); });
  auto saved = co_await write(app.store(), [&](store::WriteTx& tx) -> Result<void> {
    if (rehash)
      if (auto r = tx.set_password_hash(found->user->id, new_hash); !r) return r;
    return tx.insert_session(session.session);
  });
  if (!saved) co_return http::problem_response(saved.error(), ctx.request_id);
  co_return signed_in_response(app, ctx, *found->user, session, http::bhttp::status::ok);
}

Awaitable logout(AppContext& app, Context& ctx) {
  auto done = co_await write(app.store(), [&](store::WriteTx& tx) {
    return tx.delete_session(ctx.user().id, ctx.auth->session.id);
  });
  if (!done) co_return http::problem_response(done.error(), ctx.request_id);
  app.sessions().forget_user(ctx.user().id);
  app.check_live_sockets(ctx.user().id);
  ctx.extra_set_cookies.push_back(clear_session_cookie(app));
  co_return http::no_content();
}

}  // namespace pillars::api
