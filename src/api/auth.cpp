#include "api/async_store.h"
#include "api/handlers.h"
#include "api/json.h"
#include "core/validation.h"
#include "crypto/crypto.h"
#include "http/run_on.h"

#include <sodium.h>

namespace pillars::api {

namespace {

constexpr Millis kDeviceCookieAge = 365LL * 24 * 3600 * 1000;

// Behind https the cookies carry the __Host- prefix: the browser then accepts them only with Secure,
// Path=/ and no Domain, so no other host (a sibling subdomain, say) can set or replace them.
std::string cookie_name(const AppContext& app, std::string_view name) {
  return app.settings().https ? fmt::format("__Host-{}", name) : std::string(name);
}

std::string cookie(const AppContext& app, std::string_view name, std::string_view value, Millis max_age_ms,
                   std::string_view same_site) {
  return fmt::format("{}={}; Path=/; Max-Age={}; HttpOnly; SameSite={}{}", cookie_name(app, name), value,
                     max_age_ms / 1000, same_site, app.settings().https ? "; Secure" : "");
}

std::string device_associated_data(std::string_view email) { return fmt::format("pillars-device:{}", email); }

}  // namespace

std::string session_cookie_name(const AppContext& app) { return cookie_name(app, kSessionCookie); }

std::string session_cookie(const AppContext& app, const std::string& token, Millis max_age_ms) {
  return cookie(app, kSessionCookie, token, max_age_ms, "Lax");
}

std::string clear_session_cookie(const AppContext& app) { return cookie(app, kSessionCookie, "", 0, "Lax"); }

namespace {

// A device cookie: the server key's seal of nothing, bound to the account's email, in hex. A fresh
// random nonce each time makes each one different; only this server can make one that opens.
std::string device_cookie(const AppContext& app, std::string_view email) {
  const auto& key = app.settings().device_key;
  if (!key) return {};
  std::string sealed = key->seal("", device_associated_data(email));
  std::string hex(sealed.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(sealed.data()), sealed.size());
  hex.pop_back();
  return cookie(app, kDeviceCookie, hex, kDeviceCookieAge, "Strict");
}

std::string known_device(const AppContext& app, const Context& ctx, std::string_view email) {
  const auto& key = app.settings().device_key;
  if (!key) return {};
  auto hex = http::cookie_value(ctx.header("Cookie"), cookie_name(app, kDeviceCookie));
  if (hex.empty() || hex.size() > 256) return {};
  std::string sealed(hex.size() / 2, '\0');
  std::size_t length = 0;
  if (sodium_hex2bin(reinterpret_cast<unsigned char*>(sealed.data()), sealed.size(), hex.data(), hex.size(), nullptr,
                     &length, nullptr) != 0 || length != sealed.size())
    return {};
  if (!key->open(sealed, device_associated_data(email))) return {};
  return std::string(hex);
}

}  // namespace

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
  // This browser is now a known device for the account: its sign-ins are not slowed by guessers.
  if (auto device = device_cookie(app, user.email); !device.empty()) ctx.extra_set_cookies.push_back(device);
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
  if (!body) co_return body.error();
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
    co_return fields.failure();
  }
  if (!weakness.empty()) {
    Error e(Errc::weak_password, weakness);
    e.fields.push_back({"password", weakness});
    co_return e;
  }

  // Each sign-up costs an Argon2id hash: they hash one at a time on their own thread, with a short
  // queue, and each address makes a bounded number per hour.
  if (!app.enter_signup_queue()) {
    Error e(Errc::unavailable, "Many people are signing up right now. Please try again in a few seconds.");
    e.retry_after_seconds = 2;
    co_return e;
  }
  struct Leave {
    AppContext& app;
    ~Leave() { app.leave_signup_queue(); }
  } leave{app};
  auto wait = co_await app.take_signup(ctx.client_address);
  if (auto no = refused(wait, "Too many new accounts from this network. Please try again later.")) co_return *no;
  auto hash = co_await http::run_on(app.signup_cpu().get_executor(), [&] { return crypto::hash_password(*password); });
  user.id = crypto::random_id();
  user.created_at = app.now();
  auto session = make_session(app, user.id, ctx.header("User-Agent"));
  auto saved = co_await write(app.store(), [&](store::WriteTx& tx) -> Result<void> {
    if (auto r = tx.insert_user(user, hash); !r) return r;
    return tx.insert_session(session.session);
  });
  if (!saved) co_return saved.error();
  co_return signed_in_response(app, ctx, user, session, http::bhttp::status::created);
}

Awaitable login(AppContext& app, Context& ctx) {
  auto body = parse_body(ctx);
  if (!body) co_return body.error();
  Fields fields(*body);
  auto email_in = fields.string("email");
  auto password = fields.string("password");
  if (!fields.ok()) co_return fields.failure();
  std::string email = normalize_email(*email_in).value_or(std::string(trim(*email_in)));

  const LoginAttempt attempt{email, ctx.client_address, known_device(app, ctx, email)};
  auto wait = co_await app.take_login(attempt);
  if (auto no = refused(wait, "Too many sign-in attempts. Please wait a little and try again.")) {
    if (wait) app.server_metrics().signin_refused.fetch_add(1, std::memory_order_relaxed);
    co_return *no;
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
  if (!found) co_return found.error();

  bool valid = co_await http::run_on(app.cpu().get_executor(), [&] {
    return found->user ? crypto::verify_password(*password, found->hash)
                       : (crypto::verify_password(*password, dummy_hash()), false);
  });
  if (!valid) {
    app.server_metrics().signin_failures.fetch_add(1, std::memory_order_relaxed);
    co_return Error(Errc::invalid_credentials, "That email and password do not match an account.");
  }
  app.login_succeeded(attempt);

  auto session = make_session(app, found->user->id, ctx.header("User-Agent"));
  bool rehash = crypto::password_needs_rehash(found->hash);
  std::string new_hash;
  if (rehash) new_hash = co_await http::run_on(app.cpu().get_executor(), [&] { return crypto::hash_password(*password); });
  auto saved = co_await write(app.store(), [&](store::WriteTx& tx) -> Result<void> {
    if (rehash)
      if (auto r = tx.set_password_hash(found->user->id, new_hash, session.session.created_at); !r) return r;
    return tx.insert_session(session.session);
  });
  if (!saved) co_return saved.error();
  co_return signed_in_response(app, ctx, *found->user, session, http::bhttp::status::ok);
}

Awaitable logout(AppContext& app, Context& ctx) {
  auto done = co_await write(app.store(), [&](store::WriteTx& tx) {
    return tx.delete_session(ctx.user().id, ctx.auth->session.id);
  });
  if (!done) co_return done.error();
  co_await app.forget_user_everywhere(ctx.user().id);
  app.check_live_sockets(ctx.user().id);
  ctx.extra_set_cookies.push_back(clear_session_cookie(app));
  co_return http::no_content();
}

}  // namespace pillars::api
