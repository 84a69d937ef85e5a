// The HTTP server: one coroutine per connection on a multi-threaded io_context. Each connection
// reads a request under explicit timeouts and size limits, answers it, and loops while keep-alive
// holds. Shutdown stops accepting, closes idle connections, and lets in-flight requests finish.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/thread_pool.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <unordered_map>
#include <string>

#include "http/client_address.h"
#include "http/event_hub.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/static_files.h"

namespace pillars::http {

// A request body's size when its route does not set its own limit.
inline constexpr std::size_t kDefaultBodyLimit = 64 * 1024;

struct ServerOptions {
  std::size_t header_limit = 8 * 1024;
  std::size_t body_limit = kDefaultBodyLimit;
  std::chrono::seconds idle_timeout{60};   // waiting for the next request on a kept-alive connection
  std::chrono::seconds read_timeout{15};   // reading one request once it has started
  std::chrono::seconds write_timeout{15};  // writing one response
  std::chrono::seconds drain_timeout{10};  // the most shutdown waits for in-flight requests
  int max_connections = 10000;
  // Connections one client address may hold at once (0: no limit). Beyond it a new connection is
  // answered 429 and closed, so one client cannot fill the connection cap. Trusted proxies, which
  // carry many people, are exempt.
  int max_connections_per_address = 256;
  bool https = false;  // served behind https: adds HSTS and Secure cookies
  ProxyList trusted_proxies;  // whose X-Forwarded-For names the client (--trusted-proxies)
};

// Counters for /metrics. All relaxed atomics; read at any time. Nothing here is per person or per
// bond: counts that could tell one person what the other does stay summed over everyone.
struct ServerMetrics {
  RequestMetrics http;  // by route pattern, method and status; laid out by the Server from its router
  std::atomic<std::uint64_t> responses_2xx{0}, responses_3xx{0}, responses_4xx{0}, responses_5xx{0};
  std::atomic<std::uint64_t> connections_accepted{0}, connections_rejected{0};
  std::atomic<std::uint64_t> connections_rejected_per_address{0};  // over the per-address limit
  std::atomic<std::uint64_t> connections_reclaimed{0};  // idle connections closed to make room
  std::atomic<std::uint64_t> accept_errors{0};          // e.g. out of file descriptors
  std::atomic<std::int64_t> connections_open{0};
  std::atomic<std::int64_t> websockets_open{0};
  std::atomic<std::uint64_t> events_sent{0};
  std::atomic<std::uint64_t> request_micros{0};  // total handling time
  std::atomic<std::uint64_t> signin_failures{0};  // a wrong email or password
  std::atomic<std::uint64_t> signin_refused{0};   // refused by the sign-in rate limit before checking
  PushCounters push;                              // Web Push: push.sent(), push.failed(PushFailure::...)
};

class Server {
 public:
  Server(asio::io_context& io, const Router& router, const StaticFiles& files, ServerOptions options,
         ServerMetrics& metrics, EventHub& events);
  ~Server();

  // Binds and listens; returns the bound endpoint (port 0 picks a free one). Throws on failure.
  asio::ip::tcp::endpoint listen(const asio::ip::tcp::endpoint& endpoint);

  // Starts accepting; returns at once.
  void start();

  // Stops accepting, closes idle connections, waits up to drain_timeout for in-flight requests,
  // then calls `done` (on an I/O thread). Safe to call from any thread, once.
  void shutdown(std::function<void()> done);

  bool stopping() const { return stopping_.load(); }

 private:
  struct Connection;
  asio::awaitable<void> accept_loop();
  asio::awaitable<void> serve(std::shared_ptr<Connection> conn);
  // Answers one request; `slot` says where /metrics counts it.
  asio::awaitable<Response> handle(const Request& req, const std::string& client, std::string& route_for_log,
                                   std::optional<WebSocketGrant>& websocket, std::shared_ptr<ChunkSource>& stream,
                                   std::size_t& slot);
  // Counts an answer for /metrics; returns how long it took, in microseconds.
  std::uint64_t count(std::size_t slot, unsigned status, std::chrono::steady_clock::time_point started);
  // Writes a streamed answer's head and then its body as chunks; false when the connection must close.
  asio::awaitable<bool> write_streamed(beast::tcp_stream& stream, Response& head, ChunkSource& body, bool keep,
                                       bool head_only, const std::string& request_id);
  asio::awaitable<void> serve_events(std::shared_ptr<Connection> conn, Request req, WebSocketGrant grant);
  // Admits a new connection from `address` or says why not (a short HTTP answer to write).
  std::optional<std::string_view> refuse(const std::string& address);
  // Closes up to `count` connections that wait for a request, the longest-waiting first.
  std::size_t reclaim_idle(std::size_t count);
  void forget(const std::shared_ptr<Connection>& conn);
  // Out of file descriptors: refuse one waiting connection with the spare descriptor.
  void shed_one_pending();
  void finish(Response& res, const std::string& request_id) const;

  asio::io_context& io_;
  const Router& router_;
  const StaticFiles& files_;
  ServerOptions options_;
  ServerMetrics& metrics_;
  EventHub& events_;
  asio::ip::tcp::acceptor acceptor_;
  asio::thread_pool disk_pool_{1};  // reads web files from a folder in development mode
  std::atomic<bool> stopping_{false};

  std::mutex connections_mutex_;
  std::set<std::shared_ptr<Connection>> connections_;
  std::unordered_map<std::string, int> per_address_;  // open connections per client address
  std::atomic<int> reclaiming_{0};  // connections told to close but not yet gone
  int spare_fd_ = -1;               // held back so that EMFILE can still be answered
};

}  // namespace pillars::http
