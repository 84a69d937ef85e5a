// What a handler sees (Context) and what it returns (Response), with helpers to build responses.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/value.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/error.h"
#include "core/types.h"

namespace pillars::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace asio = boost::asio;

using Request = bhttp::request<bhttp::string_body>;
using Response = bhttp::response<bhttp::string_body>;

// Who may call a route. Every route must name one; `unset` is rejected when the table is built.
enum class Access {
  unset,
  public_,      // anyone, signed in or not
  signed_in,    // a valid session
  bond_member,  // a valid session and membership of the bond named by the {id} path parameter
  // A valid session, and the handler looks the object up among the caller's own, answering 404 for
  // anyone else's: the guard cannot, since it does not know the object. Named so the table says
  // where the check is.
  author_scoped,
};
std::string_view to_string(Access access);

struct Auth {
  Session session;
  User user;
};

// Whose live-events socket a connection becomes after a 101 answer, and until when it may stay.
struct WebSocketGrant {
  std::string user_id;
  std::string session_id;  // the socket closes when this session ends
  Millis expires_at = 0;   // and at the latest when the session would expire
};

// The answer that turns the connection into a live-events WebSocket (101 Switching Protocols).
struct Upgrade {
  WebSocketGrant grant;
};

// A body made while it is sent, in chunked transfer coding: for answers too large or too slow to
// build whole first (the export archive). `next` gives the next piece, or nullopt at the end. An
// exception or an Error ends the response early and closes the connection, so the client sees a
// cut-off body, never one that looks complete.
class ChunkSource {
 public:
  virtual ~ChunkSource() = default;
  virtual asio::awaitable<Result<std::optional<std::string>>> next() = 0;
};

// The answer whose body a ChunkSource makes: `head` carries the status and headers only.
struct Streamed {
  Response head;
  std::shared_ptr<ChunkSource> body;
};

// What a handler answers: a response, a streamed response, an upgrade, or an Error. Only the router turns an Error into
// problem+json (with the request id), so a handler says `co_return result.error();` and never
// renders a problem itself.
class Reply {
 public:
  Reply(Response response) : value_(std::move(response)) {}
  Reply(Error error) : value_(std::move(error)) {}
  Reply(Errc code) : value_(Error(code)) {}
  Reply(std::unexpected<Error> error) : value_(std::move(error).error()) {}
  Reply(Upgrade upgrade) : value_(std::move(upgrade)) {}
  Reply(Streamed streamed) : value_(std::move(streamed)) {}

  const Error* error() const { return std::get_if<Error>(&value_); }
  Response* response() { return std::get_if<Response>(&value_); }
  Upgrade* upgrade() { return std::get_if<Upgrade>(&value_); }
  Streamed* streamed() { return std::get_if<Streamed>(&value_); }

 private:
  std::variant<Response, Error, Upgrade, Streamed> value_;
};

struct Context {
  explicit Context(const Request& request, std::string id = {}, std::string address = {})
      : req(request), request_id(std::move(id)), client_address(std::move(address)) {}

  const Request& req;
  std::string request_id;
  std::string client_address;
  std::string_view route_path;  // the route's pattern, e.g. "/api/v1/bonds/{id}"
  std::vector<std::pair<std::string, std::string>> params;
  std::optional<Auth> auth;      // set for every route whose access is not public_
  std::optional<BondView> bond;  // set for bond_member routes
  // Cookies to set on whatever the answer is, error or not (a new session, or clearing a dead one).
  std::vector<std::string> extra_set_cookies;

  // The decoded path parameter `name`; empty when absent.
  const std::string& param(std::string_view name) const;
  // A request header, or empty.
  std::string_view header(std::string_view name) const;
  const User& user() const { return auth->user; }
};

// Why a request's framing cannot be trusted (RFC 9112 section 6), or nullopt when it can: a
// Transfer-Encoding other than exactly "chunked", Transfer-Encoding in HTTP/1.0, or Transfer-Encoding
// together with Content-Length. Such a request is answered 400 and the connection closed, so no
// proxy in front and Pillars can disagree about where one request ends and the next begins.
std::optional<Error> framing_error(const Request& header);

// Plain JSON response with the given status.
Response json_response(bhttp::status status, const boost::json::value& body);
// 204 No Content.
Response no_content();
// RFC 9457 problem+json for `error`.
Response problem_response(const Error& error, std::string_view request_id);

// The value of cookie `name` in a Cookie header, or empty.
std::string_view cookie_value(std::string_view cookie_header, std::string_view name);

}  // namespace pillars::http
