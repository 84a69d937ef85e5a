// What every handler shares: the store, the CPU pool, settings, rate limiters and the clock.
#pragma once

#include <boost/asio/thread_pool.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <string>

#include "api/session_cache.h"
#include "core/catalog.h"
#include "core/rate_limit.h"
#include "http/event_hub.h"
#include "core/types.h"
#include "http/router.h"
#include "http/server.h"
#include "store/store.h"

namespace pillars::api {

struct Settings {
  std::string public_url;  // "https://pillars.example" when set; else the origin is http://<Host>
  Millis invite_ttl = 24LL * 3600 * 1000;
  Millis session_ttl = 30LL * 24 * 3600 * 1000;  // sliding: extended as the session is used
  std::size_t login_limit_per_account = 5;       // failed sign-ins per 15 minutes
  std::size_t login_limit_per_address = 30;
  bool https = false;
};

class AppContext {
 public:
  AppContext(store::Store& store, boost::asio::thread_pool& cpu, Settings settings, http::ServerMetrics& metrics,
             http::EventHub& events, const Catalog& catalog, std::string catalog_json,
             std::function<std::string()> store_metrics = {});

  const Catalog& catalog() const { return catalog_; }
  // The catalog as served by GET /api/v1/catalog, serialised once at start.
  const std::string& catalog_json() const { return catalog_json_; }
  http::EventHub& events() { return events_; }
  SessionCache& sessions() { return sessions_; }
  BondCache& bonds() { return bonds_; }

  store::Store& store() { return store_; }
  boost::asio::thread_pool& cpu() { return cpu_; }
  const Settings& settings() const { return settings_; }
  http::ServerMetrics& server_metrics() { return metrics_; }
  std::string store_metrics() const { return store_metrics_ ? store_metrics_() : std::string(); }

  Millis now() const;

  // Sign-in attempts. Thread-safe.
  int login_retry_after(const std::string& email, const std::string& address);
  void login_failed(const std::string& email, const std::string& address);
  void login_succeeded(const std::string& email);

  // Closes the live-event sockets of `user_id` whose session has ended (signed out, revoked, replaced
  // by a new password, expired, or removed by another instance). Call after such a write commits;
  // returns at once, the check runs on a store reader.
  void check_live_sockets(const std::string& user_id);
  // The same for every person with a socket: run periodically, it catches expiry and other instances.
  void check_all_live_sockets();

  std::atomic<bool> ready{false};

 private:
  store::Store& store_;
  boost::asio::thread_pool& cpu_;
  Settings settings_;
  http::ServerMetrics& metrics_;
  http::EventHub& events_;
  const Catalog& catalog_;
  std::string catalog_json_;
  std::function<std::string()> store_metrics_;
  SessionCache sessions_;
  BondCache bonds_;
  std::mutex limiter_mutex_;
  SlidingWindowLimiter per_account_;
  SlidingWindowLimiter per_address_;
  Millis last_prune_ = 0;
};

// The whole route table, with the guard that enforces each route's access rule.
http::Router make_router(AppContext& app);

// The one route of the metrics listener (--metrics-listen): /metrics, for the operator's monitoring.
http::Router make_metrics_router(AppContext& app);

// The route table as data (method, pattern, access rule): for `pillars routes` and for tests.
struct RouteInfo {
  std::string method;
  std::string path;
  http::Access access;
};
std::vector<RouteInfo> route_table();

// The catalog compiled into the binary (content/feelings.json), parsed and checked, with its JSON
// for GET /api/v1/catalog. Fails when the content breaks a catalog rule.
struct LoadedCatalog {
  Catalog catalog;
  std::string json;
};
Result<LoadedCatalog> load_catalog();
// The same from the text of a feelings.json.
Result<LoadedCatalog> parse_catalog(std::string_view feelings_json);

}  // namespace pillars::api
