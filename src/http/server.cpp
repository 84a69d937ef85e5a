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
#include <random>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "http/run_on.h"

namespace pillars::http {

namespace {

Error too_large() { return Error(Errc::payload_too_large, "This request is larger than this address takes."); }

using tcp = asio::ip::tcp;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

// Request ids tie a response to its log line; they protect nothing, so a per-thread generator
// seeded from the system's entropy is enough (and keeps this library free of the crypto one).
std::string new_request_id() {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  return fmt::format("{:016x}", generator());
}

}  // namespace

struct Server::Connection {
  Connection(tcp::socket s, std::string addr) : stream(std::move(s)), address(std::move(addr)) {}
  beast::tcp_stream stream;
  const std::string address;
  std::atomic<bool> idle{true};           // waiting for a request (safe to close at shutdown)
  std::atomic<bool> websocket{false};     // a live-events socket: never reclaimed as idle
  std::atomic<bool> reclaimed{false};     // told to close to make room
  std::atomic<std::int64_t> idle_since{0};  // steady-clock milliseconds when it began to wait
};

namespace {

std::int64_t steady_millis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// One warning per interval for a failure that can repeat thousands of times a second.
class ThrottledLog {
 public:
  void warn(std::string_view what, const std::string& message) {
    auto now = steady_millis();
    suppressed_++;
    auto last = last_.load();
    if (now - last < 10'000 || !last_.compare_exchange_strong(last, now)) return;
    spdlog::warn("http: {}: {} ({} times since the last report)", what, message, suppressed_.exchange(0));
  }

 private:
  std::atomic<std::int64_t> last_{-10'000'000};
  std::atomic<std::uint64_t> suppressed_{0};
};

constexpr std::string_view kBusy =
    "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\nRetry-After: 1\r\n\r\n";
constexpr std::string_view kTooMany =
    "HTTP/1.1 429 Too Many Requests\r\nContent-Length: 0\r\nConnection: close\r\nRetry-After: 5\r\n\r\n";

}  // namespace

Server::Server(asio::io_context& io, const Router& router, const StaticFiles& files, ServerOptions options,
               ServerMetrics& metrics, EventHub& events)
    : io_(io), router_(router), files_(files), options_(options), metrics_(metrics), events_(events), acceptor_(io) {
  metrics_.http.prepare(router_);
}

Server::~Server() {
  disk_pool_.join();
  if (spare_fd_ >= 0) ::close(spare_fd_);
}

tcp::endpoint Server::listen(const tcp::endpoint& endpoint) {
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(asio::socket_base::reuse_address(true));
  acceptor_.bind(endpoint);
  acceptor_.listen(asio::socket_base::max_listen_connections);
  if (spare_fd_ < 0) spare_fd_ = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  return acceptor_.local_endpoint();
}

void Server::start() { asio::co_spawn(acceptor_.get_executor(), accept_loop(), asio::detached); }

asio::awaitable<void> Server::accept_loop() {
  static ThrottledLog accept_log;
  asio::steady_timer backoff_timer(acceptor_.get_executor());
  auto backoff = std::chrono::milliseconds(0);
  while (!stopping_) {
    auto [ec, socket] = co_await acceptor_.async_accept(asio::make_strand(io_), use_tuple);
    if (ec) {
      if (stopping_ || ec == asio::error::operation_aborted) break;
      // Out of descriptors (or memory): accepting again at once would spin a core and flood the log.
      // Make room, refuse the waiting client politely, and wait a little longer each time.
      metrics_.accept_errors++;
      accept_log.warn("accept failed", ec.message());
      if (ec == asio::error::no_descriptors || ec.value() == ENFILE || ec == asio::error::no_buffer_space ||
          ec == asio::error::no_memory) {
        reclaim_idle(std::max<std::size_t>(1, static_cast<std::size_t>(options_.max_connections) / 20));
        shed_one_pending();
      }
      backoff = std::clamp(backoff * 2, std::chrono::milliseconds(5), std::chrono::milliseconds(500));
      backoff_timer.expires_after(backoff);
      co_await backoff_timer.async_wait(use_tuple);
      continue;
    }
    backoff = std::chrono::milliseconds(0);
    boost::system::error_code addr_ec;
    auto remote = socket.remote_endpoint(addr_ec);
    if (addr_ec) continue;  // gone already
    std::string address = remote.address().to_string();
    if (auto answer = refuse(address)) {
      boost::system::error_code ignored;
      socket.write_some(asio::buffer(*answer), ignored);
      socket.close(ignored);
      continue;
    }
    socket.set_option(tcp::no_delay(true));
    auto conn = std::make_shared<Connection>(std::move(socket), std::move(address));
    conn->idle_since = steady_millis();
    {
      std::lock_guard lock(connections_mutex_);
      connections_.insert(conn);
    }
    metrics_.connections_accepted++;
    auto executor = conn->stream.get_executor();
    asio::co_spawn(executor, serve(conn), [this, conn](std::exception_ptr ep) {
      if (ep) {
        try {
          std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          spdlog::error("http: connection failed: {}", e.what());
        }
      }
      forget(conn);
    });
  }
}

std::optional<std::string_view> Server::refuse(const std::string& address) {
  int cap = options_.max_connections;
  // Near the cap, connections that only wait make room for new ones, the longest-waiting first.
  auto in_use = [&] { return metrics_.connections_open.load() - reclaiming_.load(); };
  if (in_use() >= cap - cap / 10) reclaim_idle(std::max(1, cap / 50));
  std::lock_guard lock(connections_mutex_);
  if (in_use() >= cap) {
    metrics_.connections_rejected++;
    metrics_.responses_5xx++;  // a 503 all the same, though no request was read
    return kBusy;
  }
  int& mine = per_address_[address];
  if (options_.max_connections_per_address > 0 && mine >= options_.max_connections_per_address &&
      !options_.trusted_proxies.contains(std::string_view(address))) {  // a proxy carries many people
    metrics_.connections_rejected_per_address++;
    metrics_.responses_4xx++;
    if (mine == 0) per_address_.erase(address);
    return kTooMany;
  }
  ++mine;
  metrics_.connections_open++;
  return std::nullopt;
}

void Server::forget(const std::shared_ptr<Connection>& conn) {
  std::lock_guard lock(connections_mutex_);
  if (connections_.erase(conn) == 0) return;
  metrics_.connections_open--;
  if (conn->reclaimed) reclaiming_--;
  if (auto it = per_address_.find(conn->address); it != per_address_.end() && --it->second <= 0)
    per_address_.erase(it);
}

std::size_t Server::reclaim_idle(std::size_t count) {
  // Those from the addresses holding the most connections go first (a flood, not a person's browser
  // with its few), and among equals the longest-waiting.
  struct Candidate {
    std::shared_ptr<Connection> conn;
    int from_address;
    std::int64_t idle_since;
  };
  std::vector<Candidate> idle;
  {
    std::lock_guard lock(connections_mutex_);
    for (const auto& c : connections_)
      if (c->idle && !c->websocket && !c->reclaimed) {
        auto it = per_address_.find(c->address);
        idle.push_back({c, it == per_address_.end() ? 0 : it->second, c->idle_since.load()});
      }
  }
  count = std::min(count, idle.size());
  std::partial_sort(idle.begin(), idle.begin() + static_cast<std::ptrdiff_t>(count), idle.end(),
                    [](const Candidate& a, const Candidate& b) {
                      return a.from_address != b.from_address ? a.from_address > b.from_address
                                                              : a.idle_since < b.idle_since;
                    });
  std::size_t done = 0;
  for (std::size_t i = 0; i < count; ++i) {
    auto& c = idle[i].conn;
    if (c->reclaimed.exchange(true)) continue;
    reclaiming_++;
    metrics_.connections_reclaimed++;
    ++done;
    asio::post(c->stream.get_executor(), [c] { c->stream.cancel(); });
  }
  return done;
}

void Server::shed_one_pending() {
  if (spare_fd_ < 0) return;
  ::close(spare_fd_);
  spare_fd_ = -1;
  int fd = ::accept4(acceptor_.native_handle(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
  if (fd >= 0) {
    [[maybe_unused]] auto n = ::send(fd, kBusy.data(), kBusy.size(), MSG_NOSIGNAL);
    ::close(fd);
  }
  spare_fd_ = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
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
  bool first = true;
  for (;;) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(options_.header_limit));
    // Beast checks a Content-Length against the limit as soon as the header is read, before the
    // route is known: allow the largest any route takes, and hold each request to its route's
    // limit once the header names it.
    parser.body_limit(router_.largest_body_limit(options_.body_limit));

    conn->idle_since = steady_millis();
    conn->idle = true;
    if (stopping_ || conn->reclaimed) break;
    // A new connection has read_timeout to say what it wants; a kept-alive one may wait longer.
    stream.expires_after(first ? options_.read_timeout : options_.idle_timeout);
    first = false;
    auto [hec, hn] = co_await bhttp::async_read_header(stream, buffer, parser, use_tuple);
    conn->idle = false;
    boost::system::error_code ec = hec;
    std::optional<Error> unreadable;
    if (!ec) unreadable = framing_error(parser.get());
    if (!ec && !unreadable && !parser.is_done()) {
      // A route may take more than the default (an import of one's data); only then is the path
      // matched before the body is read.
      auto segments = path_segments(parser.get().target());
      std::size_t limit = segments ? router_.body_limit(parser.get().method(), *segments, options_.body_limit)
                                   : options_.body_limit;
      if (auto length = parser.content_length(); length && *length > limit) unreadable = too_large();
      else parser.body_limit(limit);
      stream.expires_after(options_.read_timeout);
      auto [bec, bn] = co_await bhttp::async_read(stream, buffer, parser, use_tuple);
      ec = bec;
    }
    if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::operation_aborted ||
        ec == asio::error::connection_reset || ec == asio::error::eof) {
      break;
    }
    if (ec || unreadable) {
      // The request could not be read: answer once, then close; the connection state is unknown.
      Error error = unreadable.value_or(Error(Errc::bad_request, "The request could not be read."));
      if (ec == bhttp::error::body_limit) error = too_large();
      if (ec == bhttp::error::header_limit)
        error = Error(Errc::header_too_large, "Request headers are limited to 8 KiB.");
      std::string request_id = new_request_id();
      Response res = problem_response(error, request_id);
      res.keep_alive(false);
      finish(res, request_id);
      metrics_.responses_4xx++;
      metrics_.http.record(metrics_.http.unmatched_slot(parser.get().method()), res.result_int(), 0);
      spdlog::info("rid={} status={} unreadable request: {}", request_id, res.result_int(),
                   ec ? ec.message() : error.detail);
      stream.expires_after(options_.write_timeout);
      co_await bhttp::async_write(stream, res, use_tuple);
      break;
    }

    Request req = parser.release();
    auto started = std::chrono::steady_clock::now();
    std::string route_for_log;
    std::optional<WebSocketGrant> websocket;
    std::shared_ptr<ChunkSource> streamed;
    std::size_t slot = 0;
    Response res = co_await handle(req, client, route_for_log, websocket, streamed, slot);
    if (websocket && res.result() == bhttp::status::switching_protocols) {
      count(slot, res.result_int(), started);
      spdlog::info("rid={} method=GET route=\"{}\" status=101", std::string_view(res["X-Request-Id"]), route_for_log);
      co_await serve_events(conn, std::move(req), std::move(*websocket));
      co_return;
    }
    bool keep = req.keep_alive() && !stopping_;
    res.keep_alive(keep);
    if (streamed) {
      count(slot, res.result_int(), started);
      std::string request_id(res["X-Request-Id"]);
      spdlog::info("rid={} method={} route=\"{}\" status={} streamed", request_id, std::string_view(req.method_string()),
                   route_for_log, res.result_int());
      bool go_on = co_await write_streamed(stream, res, *streamed, keep, req.method() == bhttp::verb::head, request_id);
      if (!go_on || !keep) break;
      continue;
    }
    if (req.method() == bhttp::verb::head && !res.body().empty()) {
      // HEAD: the headers GET would send, and no body, or the next response's framing breaks.
      auto length = res.body().size();
      res.body().clear();
      res.content_length(length);
    }
    unsigned status = res.result_int();
    auto micros = count(slot, status, started);
    // Never the target or the body: paths can carry invite codes, bodies carry private text.
    spdlog::info("rid={} method={} route=\"{}\" status={} us={}", std::string_view(res["X-Request-Id"]),
                 std::string_view(req.method_string()), route_for_log, status, micros);

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

asio::awaitable<void> Server::serve_events(std::shared_ptr<Connection> conn, Request req, WebSocketGrant grant) {
  conn->websocket = true;
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
  events_.subscribe(grant.user_id, grant.session_id, socket);
  conn->idle = true;  // nothing in flight: shutdown may close it at once
  beast::flat_buffer buffer;
  for (;;) {
    // Clients have nothing to say; reading keeps control frames (ping, pong, close) flowing.
    auto [rec, n] = co_await ws.async_read(buffer, use_tuple);
    if (rec) break;
    buffer.consume(n);
  }
  events_.unsubscribe(grant.user_id, socket.get());
  metrics_.websockets_open--;
  socket->closed = true;
  boost::system::error_code ignored;
  conn->stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
  conn->stream.socket().close(ignored);
}

std::uint64_t Server::count(std::size_t slot, unsigned status, std::chrono::steady_clock::time_point started) {
  auto micros = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
  auto us = static_cast<std::uint64_t>(std::max<std::int64_t>(0, micros.count()));
  metrics_.request_micros.fetch_add(us, std::memory_order_relaxed);
  if (status >= 200)  // a 101 is a WebSocket, not an answer of any class
    (status < 300 ? metrics_.responses_2xx : status < 400 ? metrics_.responses_3xx
                  : status < 500 ? metrics_.responses_4xx : metrics_.responses_5xx)
        .fetch_add(1, std::memory_order_relaxed);
  metrics_.http.record(slot, status, us);
  return us;
}

void Server::finish(Response& res, const std::string& request_id) const {
  if (!request_id.empty()) res.set("X-Request-Id", request_id);
  res.set(bhttp::field::server, "pillars");
  res.set("Content-Security-Policy",
          "default-src 'self'; script-src 'self'; style-src 'self'; "
          "connect-src 'self'; font-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; "
          "base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
  res.set("X-Content-Type-Options", "nosniff");
  res.set("Referrer-Policy", "no-referrer");
  res.set("X-Frame-Options", "DENY");
  res.set("Cross-Origin-Opener-Policy", "same-origin");
  res.set("Cross-Origin-Resource-Policy", "same-origin");
  res.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
  if (options_.https) res.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
}

asio::awaitable<bool> Server::write_streamed(beast::tcp_stream& stream, Response& head, ChunkSource& body, bool keep,
                                             bool head_only, const std::string& request_id) {
  bhttp::response<bhttp::empty_body> header(std::move(head.base()));
  header.chunked(true);
  header.keep_alive(keep);
  bhttp::response_serializer<bhttp::empty_body> serializer(header);
  stream.expires_after(options_.write_timeout);
  auto [hec, hn] = co_await bhttp::async_write_header(stream, serializer, use_tuple);
  if (hec) co_return false;
  if (head_only) {
    auto [lec, ln] = co_await asio::async_write(stream, bhttp::make_chunk_last(), use_tuple);
    co_return !lec;
  }
  for (;;) {
    Result<std::optional<std::string>> piece = fail(Errc::internal);
    try {
      piece = co_await body.next();
    } catch (const std::exception& e) {
      spdlog::error("rid={} a streamed body failed: {}", request_id, e.what());
      co_return false;
    }
    if (!piece) {
      spdlog::error("rid={} a streamed body failed: {}", request_id, piece.error().detail);
      co_return false;  // closing without the last chunk tells the client the body is cut off
    }
    if (!*piece) break;
    if ((*piece)->empty()) continue;
    stream.expires_after(options_.write_timeout);
    auto [cec, cn] = co_await asio::async_write(stream, bhttp::make_chunk(asio::buffer(**piece)), use_tuple);
    if (cec) co_return false;
  }
  stream.expires_after(options_.write_timeout);
  auto [lec, ln] = co_await asio::async_write(stream, bhttp::make_chunk_last(), use_tuple);
  co_return !lec;
}

asio::awaitable<Response> Server::handle(const Request& req, const std::string& client, std::string& route_for_log,
                                         std::optional<WebSocketGrant>& websocket,
                                         std::shared_ptr<ChunkSource>& stream, std::size_t& slot) {
  std::string request_id = new_request_id();
  Response res;
  auto segments = path_segments(req.target());
  slot = metrics_.http.unmatched_slot(req.method());
  if (!segments) {
    route_for_log = "-";
    res = problem_response(Error(Errc::bad_request, "The address could not be read."), request_id);
  } else if (router_.owns(*segments)) {
    Context ctx(req, request_id, real_client_address(client, req, options_.trusted_proxies));
    auto answer = co_await router_.dispatch(ctx, *segments);
    res = std::move(answer.response);
    route_for_log = ctx.route_path.empty() ? "unmatched" : std::string(ctx.route_path);
    if (answer.route != Router::no_route) slot = metrics_.http.route_slot(answer.route, req.method());
    websocket = std::move(answer.websocket);
    stream = std::move(answer.stream);
    for (auto& cookie : ctx.extra_set_cookies) res.insert(bhttp::field::set_cookie, cookie);
    if (res.count(bhttp::field::cache_control) == 0) res.set(bhttp::field::cache_control, "no-store");
  } else if (segments->size() == 1 && segments->front() == "metrics") {
    // Metrics live on their own listener only; here, not even the web app's page answers, so a
    // scraper pointed at the app's address gets a plain 404.
    route_for_log = "unmatched";
    res = problem_response(Error(Errc::not_found, "There is nothing at this address."), request_id);
  } else {
    route_for_log = "static";
    std::optional<Response> file;
    if (req.method() != bhttp::verb::get && req.method() != bhttp::verb::head) {
      Error error(Errc::method_not_allowed, "Only GET and HEAD are allowed here.");
      error.allow = "GET, HEAD";
      res = problem_response(error, request_id);
    } else {
      if (files_.from_disk()) {
        file = co_await run_on(disk_pool_.get_executor(), [&] { return files_.serve(req, *segments); });
      } else {
        file = files_.serve(req, *segments);
      }
      // A path the web app has no file for counts as unmatched, like one no route knows.
      if (file) slot = metrics_.http.static_slot(req.method());
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
