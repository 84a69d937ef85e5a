// The HTTP request path: raw bytes -> Beast's request parser with the server's limits -> request
// framing checks -> path_segments -> Router::match on the real route table -> query parameters and
// the session cookie. The first byte sets how many bytes each read hands the parser (1..255, or all
// at once for 0), as a socket delivering the request in pieces would.
#include <boost/asio/buffer.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "api/app_context.h"
#include "api/handlers.h"
#include "api/json.h"
#include "check.h"
#include "http/router.h"

using namespace pillars;
namespace bhttp = boost::beast::http;

namespace {

// The server's limits (src/http/server.h, ServerOptions).
constexpr std::uint32_t kHeaderLimit = 8 * 1024;
constexpr std::uint64_t kBodyLimit = 64 * 1024;

http::Router make_noop_router() {
  http::Router router;
  for (const auto& r : api::route_table()) {
    router.add({bhttp::string_to_verb(r.method), r.path, r.access,
                [](http::Context&) -> boost::asio::awaitable<http::Reply> { co_return http::no_content(); }});
  }
  return router;
}

std::size_t parameters_in(std::string_view pattern) { return static_cast<std::size_t>(std::count(pattern.begin(), pattern.end(), '{')); }

// The server refuses a request whose header breaks the RFC 9112 framing rules (Transfer-Encoding
// and Content-Length) before it reads the body. What it lets through must be framed one way only.
std::optional<Error> framing(const bhttp::request_parser<bhttp::string_body>& parser) {
  const http::Request& header = parser.get();
  auto refused = http::framing_error(header);
  if (!refused && header.count(bhttp::field::transfer_encoding) > 0) {
    FUZZ_CHECK(header.version() >= 11);
    FUZZ_CHECK(header.count(bhttp::field::content_length) == 0);
    FUZZ_CHECK(parser.chunked());  // Beast reads the body as chunks, as the rule promised
  }
  if (refused) FUZZ_CHECK(refused->code == Errc::bad_request && !refused->detail.empty());
  return refused;
}

// Feeds `input` to the parser `step` bytes at a time, as the server reads it: the header, the
// framing check, then the body. True when a whole acceptable request was read.
bool parse(std::string_view input, std::size_t step, bhttp::request_parser<bhttp::string_body>& parser) {
  boost::beast::error_code ec;
  std::size_t used = 0;
  std::size_t available = std::min(step, input.size());
  bool framing_checked = false;
  while (!parser.is_done()) {
    std::size_t n = parser.put(boost::asio::const_buffer(input.data() + used, available - used), ec);
    FUZZ_CHECK(n <= available - used);
    used += n;
    if (ec == bhttp::error::need_more || (!ec && n == 0)) {
      if (available == input.size()) return false;  // the input ended inside the request
      available = std::min(available + step, input.size());
      ec = {};
      continue;
    }
    if (ec) return false;  // the server answers 400 (or 413/431) and closes
    if (parser.is_header_done() && !framing_checked) {
      framing_checked = true;
      if (framing(parser)) return false;  // answered 400, connection closed
    }
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const http::Router router = make_noop_router();
  if (size == 0) return 0;
  const std::size_t step = data[0] == 0 ? size : data[0];
  const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);

  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(kHeaderLimit);
  parser.body_limit(kBodyLimit);
  if (!parse(input, step, parser)) return 0;
  const http::Request& req = parser.get();
  FUZZ_CHECK(req.body().size() <= kBodyLimit);

  auto segments = http::path_segments(req.target());
  if (!segments) return 0;
  for (const auto& s : *segments) FUZZ_CHECK(s.size() <= req.target().size());

  auto match = router.match(req.method(), *segments);
  if (match.route) {
    FUZZ_CHECK(match.route->method == req.method() ||
               (req.method() == bhttp::verb::head && match.route->method == bhttp::verb::get));
    FUZZ_CHECK(match.params.size() == parameters_in(match.route->path));
    for (const auto& [name, value] : match.params) FUZZ_CHECK(!name.empty() && !value.empty());
  }

  http::Context ctx(req);
  if (auto query = api::query_params(ctx)) {
    for (const auto& [key, value] : *query) FUZZ_CHECK(key.size() + value.size() <= req.target().size());
  }

  const std::string_view cookies = ctx.header("Cookie");
  const std::string_view token = http::cookie_value(cookies, api::kSessionCookie);
  if (!token.empty()) {
    // A view into the header itself, never a copy or a read past its end.
    FUZZ_CHECK(token.data() >= cookies.data() && token.data() + token.size() <= cookies.data() + cookies.size());
  }
  return 0;
}
