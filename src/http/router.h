// The route table: each route names its method, path pattern, access rule and handler, on one line.
// Path patterns are literal segments and {name} parameters: "/api/v1/bonds/{id}/end".
#pragma once

#include <boost/asio/awaitable.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "http/request.h"

namespace pillars::http {

using Handler = std::function<asio::awaitable<Reply>(Context&)>;

struct Route {
  bhttp::verb method;
  std::string path;
  Access access = Access::unset;
  Handler handler;
  std::size_t body_limit = 0;  // the largest body this route takes; 0: the server's default
};

// Decides whether the caller may use a route (authentication, membership, CSRF). Fills ctx.auth
// and ctx.bond on success; returns the error to answer with otherwise.
using Guard = std::function<asio::awaitable<std::optional<Error>>(const Route&, Context&)>;

class Router {
 public:
  // Adds a route. Throws std::invalid_argument for a route without an access rule, a malformed
  // pattern, or a duplicate method and pattern: the table is wrong, the binary must not start.
  void add(Route route);

  void set_guard(Guard guard) { guard_ = std::move(guard); }

  const std::vector<Route>& routes() const { return routes_; }

  // True when the path belongs to the routes (its first segment starts one of their patterns), so a
  // miss is answered as a problem rather than with the web app.
  bool owns(const std::vector<std::string>& segments) const;

  struct Match {
    const Route* route = nullptr;  // null when nothing matched
    std::vector<std::pair<std::string, std::string>> params;
    std::string allow;  // when the path matched under other methods only: their names, for Allow
  };
  // The body limit of the route `method` and `segments` name, or `fallback` when it has none of its
  // own (or nothing matches).
  std::size_t body_limit(bhttp::verb method, const std::vector<std::string>& segments, std::size_t fallback) const;

  // The largest body any route takes, and at least `fallback`.
  std::size_t largest_body_limit(std::size_t fallback) const { return std::max(fallback, largest_body_limit_); }

  // Finds the route for `method` and the decoded path `segments`.
  Match match(bhttp::verb method, const std::vector<std::string>& segments) const;

  // What dispatch answers: the response to write and, for a 101, whose WebSocket the connection
  // becomes.
  struct Answer {
    Response response;
    std::optional<WebSocketGrant> websocket;
    std::shared_ptr<ChunkSource> stream;  // the body, when made while it is sent
    std::size_t route = no_route;          // the matched route's place in routes(), for /metrics
  };
  static constexpr std::size_t no_route = static_cast<std::size_t>(-1);
  // Matches, guards and runs the handler, and renders any Error as problem+json: the one place that
  // does. Never throws: a handler's exception is logged and becomes a 500.
  asio::awaitable<Answer> dispatch(Context& ctx, const std::vector<std::string>& segments) const;

 private:
  struct Compiled {
    std::vector<std::string> segments;  // "{name}" marks a parameter
  };
  asio::awaitable<Reply> run(Context& ctx, const std::vector<std::string>& segments, std::size_t& route) const;

  std::vector<Route> routes_;
  std::vector<Compiled> compiled_;
  std::vector<std::string> roots_;  // the first segments of all patterns
  Guard guard_;
  bool has_own_body_limits_ = false;
  std::size_t largest_body_limit_ = 0;
};

// Splits a request target's path into percent-decoded segments; nullopt for a malformed target.
// Exact: "/a/b/" keeps its trailing empty segment, so it is not the same address as "/a/b".
std::optional<std::vector<std::string>> path_segments(std::string_view target);

}  // namespace pillars::http
