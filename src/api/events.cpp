// Live events: a WebSocket per open app, told {type, bond_id, id} when the other member of a bond
// does something. Events carry no text; the app refetches what changed.
#include <boost/beast/websocket/rfc6455.hpp>

#include "api/handlers.h"
#include "api/json.h"

namespace pillars::api {

void notify(AppContext& app, const std::string& to, std::string_view type, const std::string& bond_id,
            const std::string& id) {
  if (to.empty()) return;
  app.publish(to, json::serialize(json::object{{"type", type}, {"bond_id", bond_id}, {"id", id}}));
}

Awaitable open_events(AppContext& app, Context& ctx) {
  // A WebSocket is not covered by CORS: without this check any site could listen in.
  auto origin = ctx.header("Origin");
  if (origin.empty() || origin != expected_origin(app, ctx))
    co_return Error(Errc::csrf, "Live updates are only for Pillars itself.");
  if (!boost::beast::websocket::is_upgrade(ctx.req))
    co_return Error(Errc::bad_request, "This address speaks WebSocket.");
  co_return http::Upgrade{{ctx.user().id, ctx.auth->session.id}};
}

}  // namespace pillars::api
