#include "http/client_address.h"

#include <fmt/format.h>

#include "core/validation.h"

namespace pillars::http {

namespace ip = boost::asio::ip;

namespace {

ip::address unmapped(const ip::address& a) {
  if (a.is_v6() && a.to_v6().is_v4_mapped()) return ip::make_address_v4(ip::v4_mapped, a.to_v6());
  return a;
}

std::optional<ip::address> plain_address(std::string_view text) {
  boost::system::error_code ec;
  auto a = ip::make_address(text, ec);
  if (ec) return std::nullopt;
  return unmapped(a);
}

}  // namespace

std::optional<ip::address> parse_client_address(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  if (text.front() == '[') {  // "[v6]" or "[v6]:port"
    auto close = text.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    auto a = plain_address(text.substr(1, close - 1));
    return a && a->is_v6() ? a : std::nullopt;
  }
  if (auto a = plain_address(text)) return a;
  // "v4:port": exactly one colon (an IPv6 address without brackets has more).
  auto colon = text.find(':');
  if (colon != std::string_view::npos && text.find(':', colon + 1) == std::string_view::npos) {
    auto a = plain_address(text.substr(0, colon));
    if (a && a->is_v4()) return a;
  }
  return std::nullopt;
}

Result<ProxyList> ProxyList::parse(std::string_view text) {
  ProxyList list;
  while (!text.empty()) {
    auto comma = text.find(',');
    std::string_view item = trim(text.substr(0, comma));
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    if (item.empty()) continue;
    boost::system::error_code ec;
    std::string owned(item);
    if (item.find('/') != std::string_view::npos) {
      if (item.find(':') == std::string_view::npos) {
        auto net = ip::make_network_v4(owned, ec);
        if (!ec) list.v4_.push_back(net.canonical());
      } else {
        auto net = ip::make_network_v6(owned, ec);
        if (!ec) list.v6_.push_back(net.canonical());
      }
    } else if (auto a = plain_address(item)) {
      if (a->is_v4()) list.v4_.emplace_back(a->to_v4(), 32);
      else list.v6_.emplace_back(a->to_v6(), 128);
    } else {
      ec = boost::asio::error::invalid_argument;
    }
    if (ec)
      return fail(Errc::validation,
                  fmt::format("\"{}\" is neither an address nor a network like 10.0.0.0/8 or fd00::/8.", item));
  }
  return list;
}

bool ProxyList::contains(const ip::address& address) const {
  ip::address a = unmapped(address);
  if (a.is_v4()) {
    for (const auto& net : v4_)
      if (ip::network_v4(a.to_v4(), 32).is_subnet_of(net) || net.address() == a.to_v4()) return true;
    return false;
  }
  for (const auto& net : v6_)
    if (ip::network_v6(a.to_v6(), 128).is_subnet_of(net) || net.address() == a.to_v6()) return true;
  return false;
}

bool ProxyList::contains(std::string_view address) const {
  auto a = parse_client_address(address);
  return a && contains(*a);
}

std::string real_client_address(std::string_view peer, std::string_view forwarded_for, const ProxyList& proxies) {
  auto peer_address = parse_client_address(peer);
  if (!peer_address) return std::string(peer);
  std::string client = peer_address->to_string();
  if (proxies.empty() || !proxies.contains(*peer_address)) return client;
  // Walk from the right: each trusted hop vouches for the address to its left.
  while (!forwarded_for.empty()) {
    auto comma = forwarded_for.rfind(',');
    std::string_view item = comma == std::string_view::npos ? forwarded_for : forwarded_for.substr(comma + 1);
    forwarded_for = comma == std::string_view::npos ? std::string_view{} : forwarded_for.substr(0, comma);
    if (trim(item).empty()) continue;
    auto hop = parse_client_address(item);
    if (!hop) break;  // unreadable: keep the last address a trusted hop gave us
    client = hop->to_string();
    if (!proxies.contains(*hop)) break;
  }
  return client;
}

std::string real_client_address(std::string_view peer, const Request& req, const ProxyList& proxies) {
  if (proxies.empty()) return real_client_address(peer, std::string_view{}, proxies);
  std::string forwarded;
  for (auto [it, end] = req.equal_range("X-Forwarded-For"); it != end; ++it) {
    if (!forwarded.empty()) forwarded += ',';
    forwarded += it->value();
  }
  return real_client_address(peer, forwarded, proxies);
}

}  // namespace pillars::http
