#include "http/router.h"

#include <gtest/gtest.h>

namespace pillars::http {
namespace {

Handler noop() {
  return [](Context&) -> asio::awaitable<Response> { co_return no_content(); };
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
