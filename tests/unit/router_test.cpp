#include "http/router.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <stdexcept>

namespace pillars::http {
namespace {

Handler noop() {
  return [](Context&) -> asio::awaitable<Reply> { co_return no_content(); };
}

TEST(Router, MatchesLiteralsAndParameters) {
  Router r;
  r.add({bhttp::verb::get, "/api/v1/bonds", Access::signed_in, noop()});
  r.add({bhttp::verb::get, "/api/v1/bonds/{id}", Access::bond_member, noop()});
  r.add({bhttp::verb::post, "/api/v1/bonds/{id}/end", Access::bond_member, noop()});

  auto m = r.match(bhttp::verb::get, {"api", "v1", "bonds", "abc"});
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->path, "/api/v1/bonds/{id}");
  ASSERT_EQ(m.params.size(), 1u);
  EXPECT_EQ(m.params[0], (std::pair<std::string, std::string>{"id", "abc"}));

  auto head = r.match(bhttp::verb::head, {"api", "v1", "bonds"});
  EXPECT_NE(head.route, nullptr) << "HEAD is answered like GET";

  auto wrong_method = r.match(bhttp::verb::delete_, {"api", "v1", "bonds", "abc"});
  EXPECT_EQ(wrong_method.route, nullptr);
  EXPECT_EQ(wrong_method.allow, "GET");

  auto none = r.match(bhttp::verb::get, {"api", "v1", "nothing"});
  EXPECT_EQ(none.route, nullptr);
  EXPECT_TRUE(none.allow.empty());
}

TEST(Router, PathsAreExactAndOwnedByTheirFirstSegment) {
  Router r;
  r.add({bhttp::verb::get, "/metrics", Access::public_, noop()});
  r.add({bhttp::verb::get, "/api/v1/me", Access::signed_in, noop()});
  EXPECT_NE(r.match(bhttp::verb::get, {"metrics"}).route, nullptr);
  EXPECT_EQ(r.match(bhttp::verb::get, {"metrics", ""}).route, nullptr) << "/metrics/ is another address";
  EXPECT_EQ(r.match(bhttp::verb::get, {"api", "v1", "me", ""}).route, nullptr);
  EXPECT_TRUE(r.owns({"api", "v1", "anything"}));
  EXPECT_TRUE(r.owns({"metrics", ""}));
  EXPECT_FALSE(r.owns({"assets", "app.js"}));
  EXPECT_FALSE(r.owns({}));
}

TEST(Router, RefusesABadTable) {
  Router r;
  EXPECT_THROW(r.add({bhttp::verb::get, "/x", Access::unset, noop()}), std::invalid_argument);
  EXPECT_THROW(r.add({bhttp::verb::get, "/api/v1/things/{thing}", Access::bond_member, noop()}),
               std::invalid_argument)
      << "bond_member needs an {id} to check membership against";
  r.add({bhttp::verb::get, "/x", Access::public_, noop()});
  EXPECT_THROW(r.add({bhttp::verb::get, "/x", Access::public_, noop()}), std::invalid_argument);
}

// Runs one request through dispatch on a private io_context.
Router::Answer dispatch(const Router& r, bhttp::verb method, std::string target) {
  Request req{method, target, 11};
  Context ctx(req, "rid-1");
  std::optional<Router::Answer> answer;
  auto segments = path_segments(target).value();  // outlives the coroutine, which holds a reference
  asio::io_context io;
  asio::co_spawn(io, r.dispatch(ctx, segments), [&](std::exception_ptr e, Router::Answer a) {
    EXPECT_FALSE(e) << "dispatch never throws";
    answer = std::move(a);
  });
  io.run();
  return std::move(answer.value());
}

std::string problem_type(const Response& res) {
  EXPECT_EQ(res[bhttp::field::content_type], "application/problem+json");
  auto body = boost::json::parse(res.body()).as_object();
  EXPECT_EQ(body.at("request_id").as_string(), "rid-1") << "the request id is in every problem";
  return std::string(body.at("type").as_string());
}

TEST(Router, DispatchAloneRendersErrorsAsProblems) {
  Router r;
  r.add({bhttp::verb::get, "/fails", Access::public_,
         [](Context&) -> asio::awaitable<Reply> { co_return Error(Errc::conflict, "Not now."); }});
  r.add({bhttp::verb::get, "/limited", Access::public_, [](Context&) -> asio::awaitable<Reply> {
           Error e(Errc::rate_limited);
           e.retry_after_seconds = 7;
           co_return e;
         }});
  r.add({bhttp::verb::get, "/throws", Access::public_,
         [](Context&) -> asio::awaitable<Reply> { throw std::runtime_error("boom"); }});
  r.add({bhttp::verb::get, "/upgrade", Access::public_,
         [](Context&) -> asio::awaitable<Reply> { co_return Upgrade{{"user-1", "session-1"}}; }});
  r.add({bhttp::verb::get, "/ok", Access::public_, noop()});

  auto fails = dispatch(r, bhttp::verb::get, "/fails");
  EXPECT_EQ(fails.response.result(), bhttp::status::conflict);
  EXPECT_EQ(problem_type(fails.response), "/problems/conflict");
  EXPECT_FALSE(fails.websocket);

  auto limited = dispatch(r, bhttp::verb::get, "/limited");
  EXPECT_EQ(limited.response.result(), bhttp::status::too_many_requests);
  EXPECT_EQ(limited.response[bhttp::field::retry_after], "7");

  auto thrown = dispatch(r, bhttp::verb::get, "/throws");
  EXPECT_EQ(thrown.response.result(), bhttp::status::internal_server_error);
  EXPECT_EQ(thrown.response.body().find("boom"), std::string::npos) << "what went wrong stays in the log";

  auto upgraded = dispatch(r, bhttp::verb::get, "/upgrade");
  EXPECT_EQ(upgraded.response.result(), bhttp::status::switching_protocols);
  ASSERT_TRUE(upgraded.websocket);
  EXPECT_EQ(upgraded.websocket->session_id, "session-1");

  auto wrong = dispatch(r, bhttp::verb::post, "/ok");
  EXPECT_EQ(wrong.response.result(), bhttp::status::method_not_allowed);
  EXPECT_EQ(wrong.response[bhttp::field::allow], "GET");
  EXPECT_EQ(problem_type(wrong.response), "/problems/method-not-allowed");

  EXPECT_EQ(problem_type(dispatch(r, bhttp::verb::get, "/nothing").response), "/problems/not-found");
  EXPECT_EQ(dispatch(r, bhttp::verb::get, "/ok").response.result(), bhttp::status::no_content);
}

TEST(PathSegments, DecodesAndRejects) {
  auto s = path_segments("/api/v1/invites/AB%20CD/accept?x=1");
  ASSERT_TRUE(s);
  EXPECT_EQ(*s, (std::vector<std::string>{"api", "v1", "invites", "AB CD", "accept"}));
  EXPECT_EQ(*path_segments("/"), std::vector<std::string>{});
  EXPECT_EQ(*path_segments("/a/b/"), (std::vector<std::string>{"a", "b", ""})) << "exact: a trailing slash stays";
  EXPECT_EQ(*path_segments("//etc/passwd"), (std::vector<std::string>{"", "etc", "passwd"}));
  EXPECT_EQ(*path_segments("/%2Fetc/passwd"), (std::vector<std::string>{"/etc", "passwd"}));
  EXPECT_FALSE(path_segments("not a path"));
  EXPECT_FALSE(path_segments("http://example.org/a"));
}

TEST(Cookies, FindsTheNamedValue) {
  EXPECT_EQ(cookie_value("a=1; pillars_session=tok; b=2", "pillars_session"), "tok");
  EXPECT_EQ(cookie_value("pillars_session_x=no; pillars_session=yes", "pillars_session"), "yes");
  EXPECT_EQ(cookie_value("a=1", "pillars_session"), "");
  EXPECT_EQ(cookie_value("", "pillars_session"), "");
}

}  // namespace
}  // namespace pillars::http
