// The route table and the guard that enforces each route's access rule before its handler runs.
#include <boost/asio/use_awaitable.hpp>

#include "api/async_store.h"
#include "api/handlers.h"
#include "core/decks.h"
#include "core/menus.h"
#include "core/moments.h"
#include "core/needs.h"
#include "crypto/crypto.h"

namespace pillars::api {

std::string expected_origin(const AppContext& app, const Context& ctx) {
  if (!app.settings().public_url.empty()) {
    std::string url = app.settings().public_url;
    while (!url.empty() && url.back() == '/') url.pop_back();
    return url;
  }
  return "http://" + std::string(ctx.header("Host"));
}

namespace {

using http::Access;
using V = http::bhttp::verb;

bool is_mutating(V method) { return method == V::post || method == V::put || method == V::patch || method == V::delete_; }

boost::asio::awaitable<std::optional<Error>> guard(AppContext& app, const http::Route& route, Context& ctx) {
  bool mutating = is_mutating(ctx.req.method());
  auto origin = ctx.header("Origin");
  if (mutating && !origin.empty() && origin != expected_origin(app, ctx))
    co_return Error(Errc::csrf, "This request came from another site.");
  if (route.access == Access::public_) co_return std::nullopt;

  auto token = http::cookie_value(ctx.header("Cookie"), session_cookie_name(app));
  if (token.empty()) co_return Error(Errc::unauthenticated, "Please sign in.");
  Millis now = app.now();
  const std::string hash = crypto::token_hash(token);
  const bool bond_route = route.access == Access::bond_member;

  // One trip to the store at most, and none when both the session and the bond are cached.
  struct Found {
    std::optional<store::ReadTx::SessionWithUser> session;
    std::optional<BondView> bond;
  };
  Found found;
  found.session = app.sessions().find(hash, now);
  if (found.session && bond_route)
    found.bond = app.bonds().find(BondCache::key(ctx.param("id"), found.session->user.id), now);
  if (!found.session || (bond_route && !found.bond)) {
    const bool cached = found.session.has_value();
    const std::uint64_t session_epoch = app.sessions().epoch();
    const std::uint64_t bond_epoch = app.bonds().epoch();
    auto loaded = co_await read(app.store(), [&](store::ReadTx& tx) -> Result<Found> {
      Found f;
      if (cached) {
        f.session = found.session;
      } else {
        auto s = tx.session_by_token_hash(hash, now);
        if (!s) return std::unexpected(s.error());
        f.session = std::move(*s);
      }
      if (f.session && bond_route) {
        auto b = tx.bond_for_member(ctx.param("id"), f.session->user.id);
        if (!b) return std::unexpected(b.error());
        f.bond = std::move(*b);
      }
      return f;
    });
    if (!loaded) co_return loaded.error();
    found = std::move(*loaded);
    if (found.session && !cached) app.sessions().put(hash, *found.session, session_epoch, now);
    if (found.bond)
      app.bonds().put(BondCache::key(found.bond->id, found.session->user.id), *found.bond, bond_epoch, now);
  }
  if (!found.session) {
    ctx.extra_set_cookies.push_back(clear_session_cookie(app));
    co_return Error(Errc::unauthenticated, "Your session has ended; please sign in again.");
  }
  if (mutating) {
    if (origin.empty()) co_return Error(Errc::csrf, "This request is missing its Origin header.");
    if (!crypto::constant_time_equal(ctx.header("X-CSRF-Token"), found.session->session.csrf))
      co_return Error(Errc::csrf, "This request is missing its CSRF token; please reload the page.");
  }
  ctx.auth = http::Auth{std::move(found.session->session), std::move(found.session->user)};

  // Sliding expiry, written at most once an hour per session and without waiting for it.
  auto& session = ctx.auth->session;
  if (now - session.last_seen_at > 3600LL * 1000) {
    Millis expires = now + app.settings().session_ttl;
    app.sessions().touch(hash, now, expires);
    app.store().submit_write(
        [id = session.id, now, expires](store::WriteTx& tx) { return tx.touch_session(id, now, expires).has_value(); },
        nullptr);
  }

  if (bond_route) {
    if (!found.bond) co_return Error(Errc::not_found, "There is no such bond.");
    ctx.bond = std::move(*found.bond);
  }
  co_return std::nullopt;
}

using HandlerFn = Awaitable (*)(AppContext&, Context&);
struct RouteSpec {
  V method;
  std::string_view path;
  Access access;
  HandlerFn handler;
  std::size_t body_limit = 0;  // 0: the server's default, kBodyFrameBytes
};

// The longest valid request of each route with text fits its limit, however the text is written
// (json_text_bytes): the journal's routes carry kJournalTextLimit, the others the default.
static_assert(http::kDefaultBodyLimit == kBodyFrameBytes);
static_assert(json_text_bytes(kMaxMomentTitle + kMaxMomentNote) + 4 * 1024 <= kBodyFrameBytes);
static_assert(json_text_bytes(kMaxDeckAnswer) + 4 * 1024 <= kBodyFrameBytes);
static_assert(json_text_bytes(kMaxNote) + 4 * 1024 <= kBodyFrameBytes);
static_assert(json_text_bytes(kMaxItemText + kMaxItemDetail) + 4 * 1024 <= kBodyFrameBytes);
// Needs are limited in bytes, not characters: six bytes a byte at most, as \u00XX.
static_assert(kMaxNeedItems * kMaxStatementBytes * 6 + 4 * 1024 <= kBodyFrameBytes);

// clang-format off
constexpr RouteSpec kRoutes[] = {
  {V::get,     "/healthz",                       Access::public_,     healthz},
  {V::get,     "/readyz",                        Access::public_,     readyz},
  {V::post,    "/api/v1/auth/register",          Access::public_,     register_account},
  {V::post,    "/api/v1/auth/login",             Access::public_,     login},
  {V::post,    "/api/v1/auth/logout",            Access::signed_in,   logout},
  {V::post,    "/api/v1/auth/forgot-password",   Access::public_,     forgot_password},
  {V::post,    "/api/v1/auth/reset-password",    Access::public_,     reset_password},
  {V::get,     "/api/v1/me",                     Access::signed_in,   get_me},
  {V::patch,   "/api/v1/me",                     Access::signed_in,   patch_me},
  {V::post,    "/api/v1/me/password",            Access::signed_in,   change_password},
  {V::delete_, "/api/v1/me",                     Access::signed_in,   delete_me},
  {V::get,     "/api/v1/me/export",              Access::signed_in,   export_me},
  {V::post,    "/api/v1/me/import",              Access::signed_in,   import_me,   kImportLimit},
  {V::get,     "/api/v1/me/sessions",            Access::signed_in,   list_sessions},
  {V::delete_, "/api/v1/me/sessions/{id}",       Access::signed_in,   revoke_session},
  {V::get,     "/api/v1/me/notifications",       Access::signed_in,   get_notifications},
  {V::put,     "/api/v1/me/notifications",       Access::signed_in,   put_notifications},
  {V::post,    "/api/v1/me/push-devices",        Access::signed_in,   add_push_device},
  {V::delete_, "/api/v1/me/push-devices/{id}",   Access::signed_in,   remove_push_device},
  {V::post,    "/api/v1/invites",                Access::signed_in,   create_invite},
  {V::get,     "/api/v1/invites",                Access::signed_in,   list_invites},
  {V::post,    "/api/v1/invites/{code}/accept",  Access::signed_in,   accept_invite},
  {V::get,     "/api/v1/bonds",                  Access::signed_in,   list_bonds},
  {V::get,     "/api/v1/bonds/{id}",             Access::bond_member, get_bond},
  {V::post,    "/api/v1/bonds/{id}/end",         Access::bond_member, end_bond},
  {V::get,     "/api/v1/catalog",                Access::public_,     get_catalog},
  {V::post,    "/api/v1/entries",                Access::signed_in,   create_entry, kJournalTextLimit},
  {V::get,     "/api/v1/entries",                Access::signed_in,   list_entries},
  {V::get,     "/api/v1/entries/{id}",           Access::author_scoped, get_entry},
  {V::patch,   "/api/v1/entries/{id}",           Access::author_scoped, patch_entry, kJournalTextLimit},
  {V::delete_, "/api/v1/entries/{id}",           Access::author_scoped, delete_entry},
  {V::post,    "/api/v1/entries/{id}/shares",    Access::author_scoped, share_entry},
  {V::delete_, "/api/v1/entries/{id}/shares/{bond_id}", Access::author_scoped, withdraw_share},
  // Not author: the other member of a bond the entry is shared in responds; the handler checks it.
  {V::post,    "/api/v1/entries/{id}/responses", Access::signed_in,   respond_to_entry},
  {V::get,     "/api/v1/bonds/{id}/entries",     Access::bond_member, bond_entries},
  {V::post,    "/api/v1/bonds/{id}/appreciations", Access::bond_member, send_appreciation},
  {V::get,     "/api/v1/bonds/{id}/appreciations", Access::bond_member, list_appreciations},
  {V::post,    "/api/v1/bonds/{id}/comfort-requests", Access::bond_member, ask_for_comfort},
  {V::get,     "/api/v1/bonds/{id}/comfort-requests", Access::bond_member, list_comfort_requests},
  {V::post,    "/api/v1/bonds/{id}/comfort-requests/{request_id}/answer", Access::bond_member, answer_comfort_request},
  {V::post,    "/api/v1/bonds/{id}/space-requests", Access::bond_member, ask_for_space},
  {V::get,     "/api/v1/bonds/{id}/space-requests", Access::bond_member, list_space_requests},
  {V::post,    "/api/v1/bonds/{id}/space-requests/{request_id}/answer", Access::bond_member, answer_space_request},
  {V::put,     "/api/v1/bonds/{id}/checkins/{day}", Access::bond_member, put_checkin},
  {V::get,     "/api/v1/bonds/{id}/checkins/{day}", Access::bond_member, get_checkin},
  {V::get,     "/api/v1/bonds/{id}/checkins",    Access::bond_member, list_checkins},
  {V::get,     "/api/v1/bonds/{id}/insights",    Access::bond_member, bond_insights},
  {V::get,     "/api/v1/me/insights",            Access::signed_in,   my_insights},
  {V::get,     "/api/v1/me/needs",               Access::signed_in,   my_needs},
  {V::post,    "/api/v1/me/needs",               Access::signed_in,   take_needs},
  {V::delete_, "/api/v1/me/needs/{id}",          Access::signed_in,   delete_needs},
  {V::get,     "/api/v1/bonds/{id}/needs",       Access::bond_member, bond_needs},
  {V::put,     "/api/v1/bonds/{id}/needs",       Access::bond_member, show_needs},
  {V::get,     "/api/v1/reflections",            Access::signed_in,   list_reflections},
  {V::put,     "/api/v1/reflections/{id}/answer", Access::signed_in,  answer_reflection, kJournalTextLimit},
  {V::get,     "/api/v1/me/own-time",            Access::signed_in,   list_own_time},
  {V::post,    "/api/v1/me/own-time",            Access::signed_in,   log_own_time, kJournalTextLimit},
  {V::patch,   "/api/v1/me/own-time/{id}",       Access::author_scoped, edit_own_time, kJournalTextLimit},
  {V::get,     "/api/v1/bonds/{id}/moments",     Access::bond_member, list_moments},
  {V::post,    "/api/v1/bonds/{id}/moments",     Access::bond_member, add_moment},
  // Only its author changes a moment; the handler checks it (the other member gets 404).
  {V::patch,   "/api/v1/bonds/{id}/moments/{moment_id}", Access::bond_member, edit_moment},
  {V::delete_, "/api/v1/bonds/{id}/moments/{moment_id}", Access::bond_member, delete_moment},
  {V::get,     "/api/v1/bonds/{id}/decks",       Access::bond_member, list_decks},
  {V::get,     "/api/v1/bonds/{id}/decks/{deck_id}", Access::bond_member, get_deck},
  {V::get,     "/api/v1/bonds/{id}/prompts/{prompt_id}", Access::bond_member, get_prompt},
  {V::put,     "/api/v1/bonds/{id}/prompts/{prompt_id}/answer", Access::bond_member, answer_prompt},
  {V::put,     "/api/v1/bonds/{id}/prompts/{prompt_id}/skip", Access::bond_member, skip_prompt},
  {V::get,     "/api/v1/bonds/{id}/menus",       Access::bond_member, list_menus},
  {V::get,     "/api/v1/bonds/{id}/menus/mine",  Access::bond_member, my_menu_answers},
  {V::get,     "/api/v1/bonds/{id}/menus/matches", Access::bond_member, list_menu_matches},
  {V::put,     "/api/v1/bonds/{id}/menus/items/{item_id}", Access::bond_member, answer_menu_item},
  {V::delete_, "/api/v1/bonds/{id}/menus/items/{item_id}", Access::bond_member, clear_menu_answer},
  {V::post,    "/api/v1/bonds/{id}/menus/suggestions", Access::bond_member, suggest_menu_item},
  {V::delete_, "/api/v1/bonds/{id}/menus/suggestions/{suggestion_id}", Access::bond_member, remove_menu_suggestion},
  {V::put,     "/api/v1/bonds/{id}/menus/{menu_id}/opening", Access::bond_member, set_menu_opening},
  {V::get,     "/api/v1/notices",                Access::signed_in,   list_notices},
  {V::post,    "/api/v1/notices/seen",           Access::signed_in,   mark_notices_seen},
  {V::get,     "/api/v1/events",                 Access::signed_in,   open_events},
};
// clang-format on

}  // namespace

std::vector<RouteInfo> route_table() {
  std::vector<RouteInfo> out;
  for (const auto& r : kRoutes)
    out.push_back({std::string(http::bhttp::to_string(r.method)), std::string(r.path), r.access,
                   r.body_limit ? r.body_limit : kBodyFrameBytes});
  return out;
}

http::Router make_router(AppContext& app) {
  http::Router router;
  for (const auto& r : kRoutes) {
    auto handler = r.handler;
    router.add({r.method, std::string(r.path), r.access, [&app, handler](Context& ctx) { return handler(app, ctx); },
                r.body_limit});
  }
  router.set_guard([&app](const http::Route& route, Context& ctx) { return guard(app, route, ctx); });
  return router;
}

http::Router make_metrics_router(AppContext& app) {
  http::Router router;
  router.add({V::get, "/metrics", Access::public_, [&app](Context& ctx) { return metrics(app, ctx); }});
  return router;
}

}  // namespace pillars::api
