#include "http/client_address.h"

#include <gtest/gtest.h>

namespace pillars::http {
namespace {

ProxyList proxies(std::string_view text) {
  auto list = ProxyList::parse(text);
  EXPECT_TRUE(list.has_value()) << text;
  return list.value_or(ProxyList{});
}

TEST(ProxyList, ParsesAddressesAndNetworks) {
  auto list = proxies(" 10.0.0.1, 192.168.0.0/16 ,::1, fd00::/8,");
  EXPECT_TRUE(list.contains("10.0.0.1"));
  EXPECT_FALSE(list.contains("10.0.0.2"));
  EXPECT_TRUE(list.contains("192.168.44.3"));
  EXPECT_TRUE(list.contains("192.168.0.0"));
  EXPECT_FALSE(list.contains("192.169.0.1"));
  EXPECT_TRUE(list.contains("::1"));
  EXPECT_TRUE(list.contains("fd12:3456::9"));
  EXPECT_FALSE(list.contains("fe80::1"));
  EXPECT_FALSE(list.contains("not an address"));
}

TEST(ProxyList, EmptyTextIsAnEmptyList) {
  EXPECT_TRUE(proxies("").empty());
  EXPECT_TRUE(proxies(" , ").empty());
  EXPECT_FALSE(proxies("127.0.0.1").empty());
  EXPECT_FALSE(proxies("").contains("127.0.0.1"));
}

TEST(ProxyList, IPv4MappedAddressesMatchTheirIPv4Entry) {
  auto list = proxies("127.0.0.0/8");
  EXPECT_TRUE(list.contains("::ffff:127.0.0.1"));
  EXPECT_FALSE(proxies("::1").contains("127.0.0.1"));
}

TEST(ProxyList, RefusesWhatIsNotAnAddressOrNetwork) {
  for (std::string_view bad : {"proxy.example", "10.0.0.0/33", "300.1.1.1", "::1/129", "10.0.0.1 10.0.0.2"}) {
    auto list = ProxyList::parse(bad);
    ASSERT_FALSE(list.has_value()) << bad;
    EXPECT_EQ(list.error().code, Errc::validation);
    EXPECT_NE(list.error().detail.find(std::string(bad)), std::string::npos) << "names the item: " << bad;
  }
}

TEST(ParseClientAddress, ReadsTheFormsProxiesWrite) {
  EXPECT_EQ(parse_client_address("203.0.113.7")->to_string(), "203.0.113.7");
  EXPECT_EQ(parse_client_address(" 203.0.113.7:5123 ")->to_string(), "203.0.113.7");
  EXPECT_EQ(parse_client_address("2001:db8::1")->to_string(), "2001:db8::1");
  EXPECT_EQ(parse_client_address("[2001:db8::1]:5123")->to_string(), "2001:db8::1");
  EXPECT_EQ(parse_client_address("::ffff:198.51.100.2")->to_string(), "198.51.100.2");
  EXPECT_FALSE(parse_client_address("unknown"));
  EXPECT_FALSE(parse_client_address(""));
  EXPECT_FALSE(parse_client_address("[203.0.113.7]"));
  EXPECT_FALSE(parse_client_address("[2001:db8::1"));
}

TEST(RealClientAddress, IgnoresTheHeaderFromAnUntrustedPeer) {
  EXPECT_EQ(real_client_address("198.51.100.9", "203.0.113.7", ProxyList{}), "198.51.100.9");
  EXPECT_EQ(real_client_address("198.51.100.9", "203.0.113.7", proxies("10.0.0.1")), "198.51.100.9");
}

TEST(RealClientAddress, TakesTheRightMostAddressThatIsNotATrustedProxy) {
  auto list = proxies("10.0.0.0/8");
  // The client made up the first two entries; the proxy 10.0.0.2 appended what it saw.
  EXPECT_EQ(real_client_address("10.0.0.1", "1.2.3.4, 10.9.9.9, 203.0.113.7, 10.0.0.2", list), "203.0.113.7");
  EXPECT_EQ(real_client_address("10.0.0.1", "203.0.113.7", list), "203.0.113.7");
  EXPECT_EQ(real_client_address("::ffff:10.0.0.1", "203.0.113.7:443", list), "203.0.113.7");
}

TEST(RealClientAddress, FallsBackToTheLastTrustedHop) {
  auto list = proxies("10.0.0.0/8");
  EXPECT_EQ(real_client_address("10.0.0.1", "", list), "10.0.0.1") << "no header";
  EXPECT_EQ(real_client_address("10.0.0.1", " , ", list), "10.0.0.1") << "empty items";
  EXPECT_EQ(real_client_address("10.0.0.1", "10.0.0.7, 10.0.0.3", list), "10.0.0.7") << "every hop a proxy";
  EXPECT_EQ(real_client_address("10.0.0.1", "203.0.113.7, garbage", list), "10.0.0.1") << "unreadable last item";
  EXPECT_EQ(real_client_address("10.0.0.1", "garbage, 10.0.0.5", list), "10.0.0.5");
}

TEST(RealClientAddress, NormalisesThePeer) {
  EXPECT_EQ(real_client_address("::ffff:127.0.0.1", "", ProxyList{}), "127.0.0.1");
  EXPECT_EQ(real_client_address("", "203.0.113.7", proxies("10.0.0.0/8")), "");
}

TEST(RealClientAddress, JoinsEveryForwardedForHeaderOfARequest) {
  Request req;
  req.insert("X-Forwarded-For", "1.2.3.4");
  req.insert("X-Forwarded-For", "203.0.113.7, 10.0.0.2");
  EXPECT_EQ(real_client_address("10.0.0.1", req, proxies("10.0.0.0/8")), "203.0.113.7");
  EXPECT_EQ(real_client_address("10.0.0.1", req, ProxyList{}), "10.0.0.1");
}

}  // namespace
}  // namespace pillars::http
