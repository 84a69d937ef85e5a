// Handlers, one file per resource. Each is parse -> core/store -> JSON.
#pragma once

#include "api/app_context.h"
#include "http/request.h"

namespace pillars::api {

using http::Context;
using http::Response;
using Awaitable = boost::asio::awaitable<Response>;

// health.cpp
Awaitable healthz(AppContext&, Context&);
Awaitable readyz(AppContext&, Context&);
Awaitable metrics(AppContext&, Context&);

// auth.cpp
Awaitable register_account(AppContext&, Context&);
Awaitable login(AppContext&, Context&);
Awaitable logout(AppContext&, Context&);

// me.cpp
Awaitable get_me(AppContext&, Context&);
Awaitable patch_me(AppContext&, Context&);
Awaitable change_password(AppContext&, Context&);
Awaitable list_sessions(AppContext&, Context&);
Awaitable revoke_session(AppContext&, Context&);

// invites.cpp
Awaitable create_invite(AppContext&, Context&);
Awaitable list_invites(AppContext&, Context&);
Awaitable accept_invite(AppContext&, Context&);

// bonds.cpp
Awaitable list_bonds(AppContext&, Context&);
Awaitable get_bond(AppContext&, Context&);
Awaitable end_bond(AppContext&, Context&);

// Session cookie handling shared by auth.cpp and me.cpp.
inline constexpr std::string_view kSessionCookie = "pillars_session";
std::string session_cookie(const AppContext& app, const std::string& token, Millis max_age_ms);
std::string clear_session_cookie(const AppContext& app);
// Creates a session for `user` (a write) and returns the cookie token and the session.
struct NewSession {
  std::string token;
  Session session;
};
NewSession make_session(const AppContext& app, const std::string& user_id, std::string_view user_agent);

}  // namespace pillars::api
