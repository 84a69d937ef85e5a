#include "http/server.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket.hpp>

#include <deque>

#include <fmt/format.h>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include "http/run_on.h"

namespace pillars::http {

namespace {

using tcp = asio::ip::tcp;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

std::string new_request_id() {
  unsigned char raw[8];
  randombytes_buf(raw, sizeof raw);
  char hex[17];
  sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
  return hex;
}

}  // namespace

struct Server::Connection {
  explicit Connection(tcp::socket s) : stream(std::move(s)) {}
  beast::tcp_stream stream;
  std::atomic<bool> idle{true};  // waiting for a request (safe to close at shutdown)
};

Server::Server(asio::io_context& io, const Router& router, const StaticFiles& files, ServerOptions options,
               ServerMetrics& metrics, EventHub& events)
    : io_(io), router_(router), files_(files), options_(options), metrics_(metrics), events_(events), acceptor_(io) {}

Server::~Server() { disk_pool_.join(); }

tcp::endpoint Server::listen(const tcp::endpoint& endpoint) {
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(asio::socket_base::reuse_address(true));
  acceptor_.bind(endpoint);
  acceptor_.listen(asio::socket_base::max_listen_connections);
  return acceptor_.local_endpoint();
}

void Server::start() { asio::co_spawn(acceptor_.get_executor(), accept_loop(), asio::detached); }

asio::awaitable<void> Server::accept_loop() {
  while (!stopping_) {
    auto [ec, socket] = co_await acceptor_.async_accept(asio::make_strand(io_), use_tuple);
    if (ec) {
      if (stopping_ || ec == asio::error::operation_aborted) break;
      spdlog::warn("http: accept failed: {}", ec.message());
      continue;
    }
    if (metrics_.connections_open.load() >= options_.max_connections) {
      // Over the cap: say so briefly and close, rather than queueing without bound.
      metrics_.connections_rejected++;
      boost::system::error_code ignored;
      static constexpr std::string_view busy =
          "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\nRetry-After: 1\r\n\r\n";
      socket.write_some(asio::buffer(busy), ignored);
      socket.close(ignored);
      continue;
    }
    socket.set_option(tcp::no_delay(true));
    auto conn = std::make_shared<Connection>(std::move(socket));
    {
      std::lock_guard lock(connections_mutex_);
      connections_.insert(conn);
    }
    metrics_.connections_accepted++;
    metrics_.connections_open++;
    auto executor = conn->stream.get_executor();
    asio::co_spawn(executor, serve(conn), [this, conn](std::exception_ptr ep) {
      if (ep) {
        try {
          std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          spdlog::error("http: connection failed: {}", e.what());
        }
      }
      metrics_.connections_open--;
      std::lock_guard lock(connections_mutex_);
      connections_.erase(conn);
    });
  }
}

asio::awaitable<void> Server::serve(std::shared_ptr<Connection> conn) {
  auto& stream = conn->stream;
  beast::flat_buffer buffer;
  std::string client;
  {
    boost::system::error_code ec;
    auto remote = stream.socket().remote_endpoint(ec);
    if (!ec) client = remote.address().to_string();
  }
  for (;;) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(options_.header_limit));
    parser.body_limit(options_.body_limit);

    conn->idle = true;
    if (stopping_) break;
    stream.expires_after(options_.idle_timeout);
    auto [hec, hn] = co_await bhttp::async_read_header(stream, buffer, parser, use_tuple);
    conn->idle = false;
    boost::system::error_code ec = hec;
    if (!ec && !parser.is_done()) {
      stream.expires_after(options_.read_timeout);
      auto [bec, bn] = co_await bhttp::async_read(stream, buffer, parser, use_tuple);
      ec = bec;
    }
    if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::operation_aborted ||
        ec == asio::error::connection_reset || ec == asio::error::eof) {
      break;
    }
    if (ec) {
      // The request could not be read: answer once, then close; the connection state is unknown.
      Error error(Errc::bad_request, "The request could not be read.");
      if (ec == bhttp::error::body_limit) error = Error(Errc::payload_too_large, "Requests are limited to 64 KiB.");
      if (ec == bhttp::error::header_limit)
        error = Error(Errc::header_too_large, "Request headers are limited to 8 KiB.");
      std::string request_id = new_request_id();
      Response res = problem_response(error, request_id);
      res.keep_alive(false);
      finish(res, request_id);
      spdlog::info("rid={} status={} unreadable request: {}", request_id, res.result_int(), ec.message());
      stream.expires_after(options_.write_timeout);
      co_await bhttp::async_write(stream, res, use_tuple);
      break;
    }

    Request req = parser.release();
    auto started = std::chrono::steady_clock::now();
    std::string route_for_log;
    std::optional<std::string> websocket_user;
    Response res = co_await handle(req, client, route_for_log, websocket_user);
    if (websocket_user && res.result() == bhttp::status::switching_protocols) {
      spdlog::info("rid={} method=GET route=\"{}\" status=101", std::string_view(res["X-Request-Id"]), route_for_log);
      co_await serve_events(conn, std::move(req), std::move(*websocket_user));
      co_return;
    }
    bool keep = req.keep_alive() && !stopping_;
    res.keep_alive(keep);
    auto micros = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);

    metrics_.requests++;
    metrics_.request_micros += static_cast<std::uint64_t>(micros.count());
    unsigned status = res.result_int();
    (status < 300 ? metrics_.responses_2xx : status < 400 ? metrics_.responses_3xx
                  : status < 500 ? metrics_.responses_4xx : metrics_.responses_5xx)++;
    // Never the target or the body: paths can carry invite codes, bodies carry private text.
    spdlog::info("rid={} method={} route=\"{}\" status={} us={}", std::string_view(res["X-Request-Id"]),
                 std::string_view(req.method_string()), route_for_log, status, micros.count());

    stream.expires_after(options_.write_timeout);
    auto [wec, wn] = co_await bhttp::async_write(stream, res, use_tuple);
    if (wec || !keep) break;
  }
  boost::system::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  stream.socket().close(ignored);
}


namespace {

namespace websocket = beast::websocket;

// One person's live-events socket. Owns the WebSocket; messages queue on the connection's strand
// and are written one at a time. A reader that falls far behind is disconnected, not buffered.
class EventSocket final : public EventSink, public std::enable_shared_from_this<EventSocket> {
 public:
  static constexpr std::size_t kMaxQueued = 64;

  explicit EventSocket(beast::tcp_stream& stream) : ws(stream) {}

  void deliver(std::shared_ptr<const std::string> message) override {
    asio::post(ws.get_executor(), [self = shared_from_this(), message = std::move(message)] {
      if (self->closed) return;
      if (self->queue.size() >= kMaxQueued) {
        self->closed = true;
        beast::get_lowest_layer(self->ws).cancel();
        return;
      }
      self->queue.push_back(message);
      if (self->queue.size() == 1) self->write_next();
    });
  }

  void close() override {
    asio::post(ws.get_executor(), [self = shared_from_this()] {
      self->closed = true;
      beast::get_lowest_layer(self->ws).cancel();
    });
  }

  websocket::stream<beast::tcp_stream&> ws;
  std::deque<std::shared_ptr<const std::string>> queue;
  bool closed = false;
  std::atomic<std::uint64_t>* sent = nullptr;

 private:
  void write_next() {
    ws.text(true);
    ws.async_write(asio::buffer(*queue.front()),
                   [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                     self->queue.pop_front();
                     if (ec) {
                       self->closed = true;
                       return;
                     }
                     if (self->sent) (*self->sent)++;
                     if (!self->queue.empty() && !self->closed) self->write_next();
                   });
  }
};

}  // namespace

asio::awaitable<void> Server::serve_events(std::shared_ptr<Connection> conn, Request req, std::string user_id) {
  conn->stream.expires_never();  // the WebSocket keeps its own timeouts
  auto socket = std::make_shared<EventSocket>(conn->stream);
  socket->sent = &metrics_.events_sent;
  auto& ws = socket->ws;
  websocket::stream_base::timeout timeouts{};
  timeouts.handshake_timeout = std::chrono::seconds(15);
  timeouts.idle_timeout = std::chrono::seconds(60);  // pings go out at half of this
  timeouts.keep_alive_pings = true;
  ws.set_option(timeouts);
  ws.read_message_max(1024);
  ws.set_option(websocket::stream_base::decorator([](websocket::response_type& res) {
    res.set(bhttp::field::server, "pillars");
  }));
  auto [ec] = co_await ws.async_accept(req, use_tuple);
  if (ec) co_return;
  metrics_.websockets_open++;
  events_.subscribe(user_id, socket);
  conn->idle = true;  // nothing in flight: shutdown may close it at once
  beast::flat_buffer buffer;
  for (;;) {
    // Clients have nothing to say; reading keeps control frames (ping, pong, close) flowing.
    auto [rec, n] = co_await ws.async_read(buffer, use_tuple);
    if (rec) break;
    buffer.consume(n);
  }
  events_.unsubscribe(user_id, socket.get());
  metrics_.websockets_open--;
  socket->closed = true;
  boost::system::error_code ignored;
  conn->stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
  conn->stream.socket().close(ignored);
}

void Server::finish(Response& res, const std::string& request_id) const {
  if (!request_id.empty()) res.set("X-Request-Id", request_id);
  res.set(bhttp::field::server, "pillars");
  res.set("Content-Security-Policy",
          "default-src 'self'; script-src 'self'; style-src 'self'; "
          "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
          "frame-ancestors 'none'");
  res.set("X-Content-Type-Options", "nosniff");
  res.set("Referrer-Policy", "no-referrer");
  res.set("X-Frame-Options", "DENY");
  res.set("Cross-Origin-Opener-Policy", "same-origin");
  res.set("Cross-Origin-Resource-Policy", "same-origin");
  res.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
  if (options_.https) res.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
}

asio::awaitable<Response> Server::handle(const Request& req, const std::string& client, std::string& route_for_log,
                                         std::optional<std::string>& websocket_user) {
  std::string request_id = new_request_id();
  Response res;
  auto segments = path_segments(req.target());
  if (!segments) {
    route_for_log = "-";
    res = problem_response(Error(Errc::bad_request, "The address could not be read."), request_id);
  } else if (!segments->empty() && ((*segments)[0] == "api" || (*segments)[0] == "healthz" ||
                                    (*segments)[0] == "readyz" || (*segments)[0] == "metrics")) {
    Context ctx{req, request_id, real_client_address(client, req, options_.trusted_proxies), {}, {}, {}, {}, {}, {}};
    res = co_await router_.dispatch(ctx, *segments);
    route_for_log = ctx.route_path.empty() ? "unmatched" : std::string(ctx.route_path);
    websocket_user = std::move(ctx.websocket_user);
    for (auto& cookie : ctx.extra_set_cookies) res.insert(bhttp::field::set_cookie, cookie);
    if (res.count(bhttp::field::cache_control) == 0) res.set(bhttp::field::cache_control, "no-store");
  } else {
    route_for_log = "static";
    std::string path;
    for (const auto& s : *segments) path += "/" + s;
    if (path.empty()) path = "/";
    std::optional<Response> file;
    if (req.method() != bhttp::verb::get && req.method() != bhttp::verb::head) {
      res = problem_response(Error(Errc::method_not_allowed, "Only GET and HEAD are allowed here."), request_id);
      res.set(bhttp::field::allow, "GET, HEAD");
    } else {
      if (files_.from_disk()) {
        file = co_await run_on(disk_pool_.get_executor(), [&] { return files_.serve(req, path); });
      } else {
        file = files_.serve(req, path);
      }
      res = file ? std::move(*file)
                 : problem_response(Error(Errc::not_found, "There is nothing at this address."), request_id);
    }
  }
  finish(res, request_id);
  co_return res;
}

void Server::shutdown(std::function<void()> done) {
  if (stopping_.exchange(true)) return;
  events_.close_all();
  asio::post(acceptor_.get_executor(), [this] {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
  });
  // Close connections that are waiting for a request; busy ones finish their request and close.
  {
    std::lock_guard lock(connections_mutex_);
    for (const auto& conn : connections_) {
      if (!conn->idle) continue;
      asio::post(conn->stream.get_executor(), [conn] { conn->stream.cancel(); });
    }
  }
  auto deadline = std::chrono::steady_clock::now() + options_.drain_timeout;
  asio::co_spawn(
      io_,
      [this, deadline, done = std::move(done)]() -> asio::awaitable<void> {
        asio::steady_timer timer(io_);
        while (metrics_.connections_open.load() > 0 && std::chrono::steady_clock::now() < deadline) {
          {
            // A connection may have gone idle since the first sweep.
            std::lock_guard lock(connections_mutex_);
            for (const auto& conn : connections_)
              if (conn->idle) asio::post(conn->stream.get_executor(), [conn] { conn->stream.cancel(); });
          }
          timer.expires_after(std::chrono::milliseconds(20));
          co_await timer.async_wait(asio::use_awaitable);
        }
        if (metrics_.connections_open.load() > 0)
          spdlog::warn("http: {} connections still open after the drain timeout", metrics_.connections_open.load());
        done();
      },
      asio::detached);
}

}  // namespace pillars::http
