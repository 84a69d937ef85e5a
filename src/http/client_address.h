// Which address a request came from. Behind a TLS proxy every connection comes from the proxy, so
// the proxy's X-Forwarded-For header names the client; but anyone can send that header, so it is
// believed only from proxies the operator listed (--trusted-proxies). Pure: no I/O.
#pragma once

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/network_v4.hpp>
#include <boost/asio/ip/network_v6.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "http/request.h"

namespace pillars::http {

// A list of addresses and networks ("10.0.0.1, 192.168.0.0/16, ::1, fd00::/8").
class ProxyList {
 public:
  // Parses a comma-separated list; blanks around items are ignored, an empty text is an empty list.
  // Fails (Errc::validation) naming the first item that is neither an address nor a network.
  static Result<ProxyList> parse(std::string_view text);

  // True when `address` is one of the listed addresses or inside one of the listed networks.
  // An IPv4 address seen as IPv6 (::ffff:10.0.0.1) counts as the IPv4 address.
  bool contains(const boost::asio::ip::address& address) const;
  // The same for an address in text; false when the text is not an address.
  bool contains(std::string_view address) const;

  bool empty() const { return v4_.empty() && v6_.empty(); }

 private:
  std::vector<boost::asio::ip::network_v4> v4_;
  std::vector<boost::asio::ip::network_v6> v6_;
};

// An address from text, with IPv4-mapped IPv6 turned into IPv4. Accepts the forms proxies write in
// X-Forwarded-For: "203.0.113.7", "203.0.113.7:5123", "2001:db8::1", "[2001:db8::1]:5123".
std::optional<boost::asio::ip::address> parse_client_address(std::string_view text);

// The address to treat as the client's. `peer` is the connection's address; `forwarded_for` is the
// X-Forwarded-For value (several headers joined with ","). From a peer that is not a trusted proxy
// the header is ignored and the peer is the client. From a trusted proxy, the right-most address in
// the header that is not itself a trusted proxy is the client (everything left of it was written by
// the client and may be made up). When every address is a trusted proxy, the left-most one; when the
// header is absent or an item cannot be read, the last trusted hop before it.
std::string real_client_address(std::string_view peer, std::string_view forwarded_for, const ProxyList& proxies);
// The same for a request: every X-Forwarded-For header it carries, in order.
std::string real_client_address(std::string_view peer, const Request& req, const ProxyList& proxies);

}  // namespace pillars::http
