#include "http/router.h"

#include <boost/url/parse.hpp>

#include <spdlog/spdlog.h>

#include <stdexcept>

namespace pillars::http {

namespace {

bool is_param(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

std::optional<std::vector<std::string>> path_segments(std::string_view target) {
  auto parsed = boost::urls::parse_origin_form(target);
  if (!parsed) return std::nullopt;
  std::vector<std::string> out;
  for (auto seg : parsed->segments()) out.push_back(seg);
  return out;
}

void Router::add(Route route) {
  if (route.access == Access::unset)
    throw std::invalid_argument("route without an access rule: " + route.path);
  if (route.path.empty() || route.path.front() != '/') throw std::invalid_argument("bad route path: " + route.path);
  if (route.body_limit) has_own_body_limits_ = true;
  largest_body_limit_ = std::max(largest_body_limit_, route.body_limit);
  // Patterns are split by hand: "{" is not allowed in a URL path, so the URL parser would refuse them.
  auto segs = std::optional<std::vector<std::string>>(std::vector<std::string>{});
  for (std::size_t pos = 1; pos <= route.path.size();) {
    auto next = route.path.find('/', pos);
    if (next == std::string::npos) next = route.path.size();
    segs->push_back(route.path.substr(pos, next - pos));
    pos = next + 1;
  }
  if (!segs->empty() && segs->back().empty()) segs->pop_back();
  if (route.access == Access::bond_member &&
      std::find(segs->begin(), segs->end(), std::string("{id}")) == segs->end())
    throw std::invalid_argument("a bond_member route needs an {id} parameter: " + route.path);
  for (const auto& r : routes_)
    if (r.method == route.method && r.path == route.path)
      throw std::invalid_argument("duplicate route: " + route.path);
  if (!segs->empty() && std::find(roots_.begin(), roots_.end(), segs->front()) == roots_.end())
    roots_.push_back(segs->front());
  compiled_.push_back({std::move(*segs)});
  routes_.push_back(std::move(route));
}

bool Router::owns(const std::vector<std::string>& segments) const {
  return !segments.empty() && std::find(roots_.begin(), roots_.end(), segments.front()) != roots_.end();
}

Router::Match Router::match(bhttp::verb method, const std::vector<std::string>& segments) const {
  Match result;
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    const auto& pattern = compiled_[i].segments;
    if (pattern.size() != segments.size()) continue;
    std::vector<std::pair<std::string, std::string>> params;
    bool ok = true;
    for (std::size_t j = 0; j < pattern.size() && ok; ++j) {
      if (is_param(pattern[j])) {
        if (segments[j].empty()) ok = false;
        else params.emplace_back(pattern[j].substr(1, pattern[j].size() - 2), segments[j]);
      } else {
        ok = pattern[j] == segments[j];
      }
    }
    if (!ok) continue;
    bool method_ok = routes_[i].method == method ||
                     (method == bhttp::verb::head && routes_[i].method == bhttp::verb::get);
    if (method_ok) {
      result.route = &routes_[i];
      result.params = std::move(params);
      return result;
    }
    auto name = std::string(bhttp::to_string(routes_[i].method));
    if (result.allow.find(name) == std::string::npos) result.allow += (result.allow.empty() ? "" : ", ") + name;
  }
  return result;
}

std::size_t Router::body_limit(bhttp::verb method, const std::vector<std::string>& segments,
                               std::size_t fallback) const {
  if (!has_own_body_limits_) return fallback;
  auto m = match(method, segments);
  return m.route && m.route->body_limit ? m.route->body_limit : fallback;
}

asio::awaitable<Router::Answer> Router::dispatch(Context& ctx, const std::vector<std::string>& segments) const {
  std::size_t route = no_route;
  auto reply = co_await run(ctx, segments, route);
  if (const Error* error = reply.error())
    co_return Answer{problem_response(*error, ctx.request_id), std::nullopt, nullptr, route};
  if (Upgrade* upgrade = reply.upgrade())
    co_return Answer{Response{bhttp::status::switching_protocols, 11}, std::move(upgrade->grant), nullptr, route};
  if (Streamed* streamed = reply.streamed())
    co_return Answer{std::move(streamed->head), std::nullopt, std::move(streamed->body), route};
  co_return Answer{std::move(*reply.response()), std::nullopt, nullptr, route};
}

asio::awaitable<Reply> Router::run(Context& ctx, const std::vector<std::string>& segments,
                                   std::size_t& route) const {
  auto m = match(ctx.req.method(), segments);
  if (!m.route) {
    if (!m.allow.empty()) {
      Error error(Errc::method_not_allowed, "This address does not accept that method.");
      error.allow = std::move(m.allow);
      co_return error;
    }
    co_return Error(Errc::not_found, "There is nothing at this address.");
  }
  ctx.route_path = m.route->path;
  route = static_cast<std::size_t>(m.route - routes_.data());
  ctx.params = std::move(m.params);
  try {
    if (guard_) {
      if (auto denied = co_await guard_(*m.route, ctx)) co_return std::move(*denied);
    }
    co_return co_await m.route->handler(ctx);
  } catch (const std::exception& e) {
    spdlog::error("rid={} route=\"{}\" handler failed: {}", ctx.request_id, m.route->path, e.what());
  }
  co_return Errc::internal;
}

}  // namespace pillars::http
