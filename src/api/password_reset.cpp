#include "api/password_reset.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include "api/async_store.h"
#include "api/handlers.h"
#include "api/json.h"
#include "core/validation.h"
#include "crypto/crypto.h"
#include "http/run_on.h"
#include "mail/mailer.h"

namespace pillars::api {

std::string reset_link(std::string_view base_url, std::string_view token) {
  while (base_url.ends_with('/')) base_url.remove_suffix(1);
  return fmt::format("{}/reset-password#{}", base_url, token);
}

Result<std::optional<std::string>> issue_reset_token(store::WriteTx& tx, const std::string& email, Millis now) {
  auto user = tx.user_by_email(email);
  if (!user) return std::unexpected(user.error());
  if (!*user) return std::optional<std::string>();
  std::string token = crypto::random_token();
  if (auto r = tx.insert_password_reset(crypto::token_hash(token), (*user)->id, now, now + kResetLinkTtl); !r)
    return std::unexpected(r.error());
  return std::optional<std::string>(std::move(token));
}

namespace {

mail::Message reset_message(const std::string& to, const std::string& link) {
  return mail::Message{
      to, "A new password for Pillars",
      fmt::format("Hello,\n\n"
                  "someone asked for a new password for the Pillars account of this address. If it was you,\n"
                  "open this link within the hour and choose one:\n\n{}\n\n"
                  "The link works once. A new password signs you out on every device.\n\n"
                  "If you did not ask, you can let this email be: nothing changes and your password stays.\n",
                  link)};
}

// After the answer has gone: the answer is the same, and as quick, whether or not the address has
// an account.
boost::asio::awaitable<void> send_reset_link(AppContext& app, std::string email, std::string base_url) {
  const Millis now = app.now();
  auto token = co_await write(app.store(), [&](store::WriteTx& tx) {
    return issue_reset_token(tx, email, now);
  });
  if (!token) {
    spdlog::warn("password reset: cannot store a link: {}", token.error().detail);
    co_return;
  }
  if (!*token) co_return;
  app.settings().mailer->send(reset_message(email, reset_link(base_url, **token)));
}

}  // namespace

Awaitable forgot_password(AppContext& app, Context& ctx) {
  auto body = parse_body(ctx);
  if (!body) co_return body.error();
  Fields fields(*body);
  auto email = fields.string("email");
  std::string normalized;
  if (email) {
    if (auto n = normalize_email(*email)) normalized = *n;
    else fields.error("email", n.error());
  }
  if (!fields.ok()) co_return fields.failure();
  if (!app.settings().mailer)
    co_return Error(Errc::email_not_configured,
                    "This Pillars does not send email. The person who runs it can make you a link to set a new "
                    "password.");
  auto wait = co_await app.take_reset_request(ctx.client_address, normalized);
  if (auto no = refused(wait, "Please wait a little before asking again.")) co_return *no;
  boost::asio::co_spawn(app.cpu(), send_reset_link(app, std::move(normalized), app.link_base),
                        boost::asio::detached);
  co_return http::json_response(http::bhttp::status::accepted, json::object{});
}

Awaitable reset_password(AppContext& app, Context& ctx) {
  auto body = parse_body(ctx);
  if (!body) co_return body.error();
  Fields fields(*body);
  auto token = fields.string("token");
  auto password = fields.string("password");
  if (!fields.ok()) co_return fields.failure();
  const std::string token_hash = crypto::token_hash(*token);
  const Error invalid(Errc::reset_link_invalid,
                      "This link has been used, has expired or was never made. Ask for a new one.");
  const Millis now = app.now();
  auto owner = co_await read(app.store(), [&](store::ReadTx& tx) {
    return tx.password_reset_user(token_hash, now);
  });
  if (!owner) co_return owner.error();
  if (!*owner) co_return invalid;
  // A weak password is refused before the link is used, so the person can try another.
  if (auto weakness = password_weakness(*password, (*owner)->email); !weakness.empty()) {
    Error e(Errc::weak_password, weakness);
    e.fields.push_back({"password", weakness});
    co_return e;
  }
  auto hash = co_await http::run_on(app.cpu().get_executor(), [&] { return crypto::hash_password(*password); });
  const std::string user_id = (*owner)->id;
  auto saved = co_await write(app.store(), [&](store::WriteTx& tx) -> Result<bool> {
    auto taken = tx.take_password_reset(token_hash, now);
    if (!taken) return std::unexpected(taken.error());
    if (*taken != user_id) return false;  // used a moment ago by another request
    if (auto r = tx.set_password_hash(user_id, hash, now); !r) return std::unexpected(r.error());
    if (auto r = tx.delete_sessions_except(user_id, ""); !r) return std::unexpected(r.error());
    return true;
  });
  if (!saved) co_return saved.error();
  if (!*saved) co_return invalid;
  // Whoever knew the old password, or held a session, is out.
  co_await app.forget_user_everywhere(user_id);
  app.check_live_sockets(user_id);
  co_return http::no_content();
}

}  // namespace pillars::api
