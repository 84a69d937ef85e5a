// The pure parts of what keeps the HTTP layer safe: request framing (RFC 9112), static paths that
// cannot leave their folder, and the live-event hub's per-person cap and session endings.
#include <gtest/gtest.h>

#include "http/event_hub.h"
#include "http/request.h"
#include "http/static_files.h"

namespace pillars::http {
namespace {

Request with_headers(std::initializer_list<std::pair<bhttp::field, std::string>> headers, unsigned version = 11) {
  Request r{bhttp::verb::post, "/api/v1/auth/login", version};
  for (const auto& [name, value] : headers) r.insert(name, value);
  return r;
}

TEST(Framing, AcceptsPlainRequestsAndChunked) {
  EXPECT_FALSE(framing_error(with_headers({})));
  EXPECT_FALSE(framing_error(with_headers({{bhttp::field::content_length, "5"}})));
  EXPECT_FALSE(framing_error(with_headers({{bhttp::field::transfer_encoding, "chunked"}})));
  EXPECT_FALSE(framing_error(with_headers({{bhttp::field::transfer_encoding, " Chunked "}})));
  EXPECT_FALSE(framing_error(with_headers({}, 10))) << "HTTP/1.0 without Transfer-Encoding is fine";
}

TEST(Framing, RefusesEverythingThatCouldBeReadTwoWays) {
  for (std::string te : {"xchunked", "gzip", "identity", "chunked, identity", "gzip, chunked", "chunked,chunked", ""}) {
    auto e = framing_error(with_headers({{bhttp::field::transfer_encoding, te}}));
    ASSERT_TRUE(e) << te;
    EXPECT_EQ(e->code, Errc::bad_request) << te;
  }
  EXPECT_TRUE(framing_error(with_headers({{bhttp::field::transfer_encoding, "chunked"},
                                          {bhttp::field::transfer_encoding, "chunked"}})));
  EXPECT_TRUE(framing_error(with_headers({{bhttp::field::transfer_encoding, "chunked"},
                                          {bhttp::field::content_length, "5"}})));
  EXPECT_TRUE(framing_error(with_headers({{bhttp::field::transfer_encoding, "chunked"}}, 10)));
}

TEST(StaticPaths, OnlyPlainNames) {
  using V = std::vector<std::string>;
  EXPECT_EQ(StaticFiles::safe_path(V{}), "/index.html");
  EXPECT_EQ(StaticFiles::safe_path(V{"assets", "app.js"}), "/assets/app.js");
  EXPECT_EQ(StaticFiles::safe_path(V{"bonds", "abc", ""}), "/bonds/abc") << "a trailing slash is the same page";
  for (const V& bad : {V{"", "etc", "passwd"}, V{"/etc", "passwd"}, V{"..", "secret"}, V{"assets", ".", "x"},
                       V{"a\\..\\b"}, V{std::string("x\0.js", 5)}, V{"assets", "", "x"}, V{""}})
    EXPECT_FALSE(StaticFiles::safe_path(bad)) << ::testing::PrintToString(bad);
}

class FakeSink final : public EventSink {
 public:
  void deliver(std::shared_ptr<const std::string> message) override { got.push_back(*message); }
  void close() override { closed = true; }
  std::vector<std::string> got;
  bool closed = false;
};

TEST(EventHub, OneMoreSocketThanAllowedClosesTheOldest) {
  EventHub hub(2);
  auto a = std::make_shared<FakeSink>(), b = std::make_shared<FakeSink>(), c = std::make_shared<FakeSink>();
  hub.subscribe("ana", "s1", a);
  hub.subscribe("ana", "s1", b);
  hub.subscribe("ana", "s2", c);
  EXPECT_TRUE(a->closed);
  EXPECT_FALSE(b->closed);
  EXPECT_FALSE(c->closed);
  EXPECT_EQ(hub.publish("ana", "hello"), 2u);
  EXPECT_TRUE(a->got.empty());
  auto other = std::make_shared<FakeSink>();
  hub.subscribe("ben", "s9", other);
  EXPECT_FALSE(other->closed) << "the cap is per person";
}

TEST(EventHub, SocketsOfEndedSessionsClose) {
  EventHub hub;
  auto phone = std::make_shared<FakeSink>(), laptop = std::make_shared<FakeSink>(), ben = std::make_shared<FakeSink>();
  hub.subscribe("ana", "phone", phone);
  hub.subscribe("ana", "laptop", laptop);
  hub.subscribe("ben", "b", ben);
  EXPECT_EQ(hub.sessions_of("ana"), (std::vector<std::string>{"phone", "laptop"}));
  EXPECT_EQ(hub.close_sessions_except("ana", {"laptop"}), 1u);
  EXPECT_TRUE(phone->closed);
  EXPECT_FALSE(laptop->closed);
  EXPECT_FALSE(ben->closed);
  EXPECT_EQ(hub.publish("ana", "x"), 1u);
  EXPECT_EQ(hub.closed_for_session_end(), 1u);
  EXPECT_EQ(hub.close_sessions_except("ana", {}), 1u);
  EXPECT_TRUE(laptop->closed);
  EXPECT_EQ(hub.publish("ana", "y"), 0u);
  EXPECT_EQ(hub.people(), (std::vector<std::string>{"ben"}));
}

}  // namespace
}  // namespace pillars::http
