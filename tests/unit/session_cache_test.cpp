// The session cache must never serve a session after it was revoked, even to a request that was
// already looking it up when the revocation happened.
#include "api/session_cache.h"

#include <gtest/gtest.h>

namespace pillars::api {
namespace {

SessionCache::Entry entry(const std::string& user, Millis expires = 1'000'000) {
  SessionCache::Entry e;
  e.session.id = "s-" + user;
  e.session.expires_at = expires;
  e.user.id = user;
  return e;
}

TEST(SessionCache, ServesWhatWasPutUntilItsTtl) {
  SessionCache cache;
  cache.put("h1", entry("ann"), cache.epoch(), 1000);
  ASSERT_TRUE(cache.find("h1", 1000 + SessionCache::kTtl));
  EXPECT_FALSE(cache.find("h1", 1001 + SessionCache::kTtl));
  EXPECT_FALSE(cache.find("h2", 1000));
}

TEST(SessionCache, NeverServesAnExpiredSession) {
  SessionCache cache;
  cache.put("h1", entry("ann", 1500), cache.epoch(), 1000);
  EXPECT_TRUE(cache.find("h1", 1499));
  EXPECT_FALSE(cache.find("h1", 1500));
}

TEST(SessionCache, ForgettingAUserDropsAllTheirSessions) {
  SessionCache cache;
  cache.put("h1", entry("ann"), cache.epoch(), 1000);
  cache.put("h2", entry("ann"), cache.epoch(), 1000);
  cache.put("h3", entry("ben"), cache.epoch(), 1000);
  cache.forget_user("ann");
  EXPECT_FALSE(cache.find("h1", 1000));
  EXPECT_FALSE(cache.find("h2", 1000));
  EXPECT_TRUE(cache.find("h3", 1000));
}

TEST(SessionCache, ALookupThatStartedBeforeARevocationCannotCacheWhatItRead) {
  SessionCache cache;
  auto epoch = cache.epoch();  // a request starts reading the session from the store...
  cache.forget_user("ann");    // ...meanwhile the session is revoked and forgotten...
  cache.put("h1", entry("ann"), epoch, 1000);  // ...then the request tries to cache its stale read
  EXPECT_FALSE(cache.find("h1", 1000));
}

TEST(SessionCache, TouchUpdatesTheCachedExpiry) {
  SessionCache cache;
  cache.put("h1", entry("ann", 2000), cache.epoch(), 1000);
  cache.touch("h1", 1900, 5000);
  auto found = cache.find("h1", 3000);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->session.last_seen_at, 1900);
}

}  // namespace
}  // namespace pillars::api

namespace pillars::api {
namespace {

TEST(BondCache, AnEndedBondIsForgottenAndAnInFlightLookupCannotBringItBack) {
  BondCache cache;
  BondView view;
  view.id = "b1";
  auto key = BondCache::key("b1", "ann");
  auto before_end = cache.epoch();
  cache.put(key, view, cache.epoch(), 1000);
  ASSERT_TRUE(cache.find(key, 1000));
  cache.forget_all();  // the bond ended
  EXPECT_FALSE(cache.find(key, 1000));
  cache.put(key, view, before_end, 1000);  // a lookup that read the active bond before the end
  EXPECT_FALSE(cache.find(key, 1000));
  EXPECT_NE(BondCache::key("b1", "ann"), BondCache::key("b1", "ben")) << "each member has their own view";
}

}  // namespace
}  // namespace pillars::api
