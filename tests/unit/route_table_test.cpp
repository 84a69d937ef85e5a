// Walks the route table: every route has an access rule, and every route appears in the API
// authorization suite, which checks it for a signed-out caller, a stranger and a member.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "api/app_context.h"

namespace pillars::api {
namespace {

TEST(RouteTable, EveryRouteHasAnAccessRule) {
  auto routes = route_table();
  ASSERT_FALSE(routes.empty());
  for (const auto& r : routes) {
    EXPECT_NE(r.access, http::Access::unset) << r.method << " " << r.path;
    if (r.path.find("/bonds/{id}") != std::string::npos) {
      EXPECT_EQ(r.access, http::Access::bond_member) << r.method << " " << r.path << " reads bond data";
    }
  }
}

TEST(RouteTable, EveryRouteHasAnAuthorizationTest) {
  std::ifstream in(std::string(PILLARS_SOURCE_DIR) + "/tests/api/authz.test.mjs");
  ASSERT_TRUE(in) << "the authorization suite is missing";
  std::stringstream text;
  text << in.rdbuf();
  for (const auto& r : route_table()) {
    std::string key = "'" + r.method + " " + r.path + "'";
    EXPECT_NE(text.str().find(key), std::string::npos) << "no authorization test for " << key;
  }
}

}  // namespace
}  // namespace pillars::api
