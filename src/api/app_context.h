// What every handler shares: the store, the CPU pool, settings, rate limiters and the clock.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/thread_pool.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "api/rate_limits.h"
#include "api/session_cache.h"
#include "core/catalog.h"
#include "core/rate_limit.h"
#include "core/time.h"
#include "http/event_hub.h"
#include "core/types.h"
#include "crypto/seal.h"
#include "http/router.h"
#include "http/server.h"
#include "mail/mailer.h"
#include "store/store.h"

namespace pillars::api {

struct Settings {
  std::string public_url;  // "https://pillars.example" when set; else the origin is http://<Host>
  Millis invite_ttl = 24LL * 3600 * 1000;
  Millis session_ttl = 30LL * 24 * 3600 * 1000;  // sliding: extended as the session is used
  // Sign-in, sign-up, invite and password limits (see LoginLimiter for the sign-in rule).
  std::size_t login_limit_per_account = 5;    // per account from one address, or one known device; 15 min
  std::size_t login_limit_per_address = 30;   // unknown devices from one address, any account; 15 min
  std::size_t login_limit_account_wide = 20;  // unknown devices, any address, per account; 15 min
  std::size_t signup_limit_per_address = 10;  // accounts made per address in an hour
  std::size_t signup_queue = 4;               // sign-ups hashing or waiting to hash, at most
  std::size_t invite_limit_per_account = 10;  // failed invite accepts per hour
  std::size_t invite_limit_per_address = 20;
  std::size_t password_limit_per_account = 5;  // wrong current passwords per 15 minutes
  // Signs device cookies (an empty sealed value whose associated data names the account); no device
  // is ever known without it.
  std::shared_ptr<const crypto::Sealer> device_key;
  // Hashes whose events rate limits count (accounts, addresses) where instances count them in the
  // shared database, so no email or address is stored there. The server key, like device_key.
  std::shared_ptr<const crypto::Sealer> limit_key;
  bool https = false;
  // Sends the password-reset link when someone forgot theirs; null when no SMTP server is set up.
  std::shared_ptr<mail::Mailer> mailer;
  std::size_t reset_limit_per_address = 10;  // "forgot password" requests per address in an hour
  std::size_t reset_limit_per_email = 3;     // and per address asked about, in an hour
  // Web Push: the public key browsers subscribe with (empty: this server sends no pushes), and
  // whether a push service on http://127.0.0.1 is accepted (for tests, never in production).
  std::string push_public_key;
  bool push_loopback_http = false;
};

class AppContext {
 public:
  // `clock` is the one clock of the app: every handler, limiter and sweep reads the time from now().
  AppContext(store::Store& store, Clock clock, boost::asio::thread_pool& cpu, Settings settings,
             http::ServerMetrics& metrics, http::EventHub& events, const Catalog& catalog, std::string catalog_json,
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

  // The time now, from the app's clock; the store is given it, it never reads a clock itself.
  Millis now() const { return clock_(); }

  // Attempts are counted as failures when they are let through (0 returned; else the seconds to
  // wait) and taken back when they turn out right, so parallel attempts cannot pass the limit
  // together. All thread-safe. Counted in memory, or in the database when instances share it
  // (RateLimits), so a limit holds for all instances together; an error when it cannot be counted.

  // Sign-in (see LoginLimiter).
  boost::asio::awaitable<Result<int>> take_login(const LoginAttempt& attempt);
  void login_succeeded(const LoginAttempt& attempt);

  // Sign-up: takes one of the address's sign-ups for this hour; 0 when taken, else seconds to wait.
  boost::asio::awaitable<Result<int>> take_signup(const std::string& address);
  // Argon2id for sign-ups runs on its own thread, so a flood of sign-ups never delays a sign-in.
  // enter_signup_queue() is false when settings().signup_queue sign-ups are hashing or waiting.
  boost::asio::thread_pool& signup_cpu() { return signup_cpu_; }
  bool enter_signup_queue();
  void leave_signup_queue() { --signups_queued_; }

  // Accepting invites: codes that could not be used, per account and per address.
  boost::asio::awaitable<Result<int>> take_invite_accept(const std::string& user_id, const std::string& address);
  void invite_accept_not_a_guess(const std::string& user_id, const std::string& address);

  // "Forgot password": per network address and per email asked about (whether or not it has an
  // account, so the limit tells nothing either).
  boost::asio::awaitable<Result<int>> take_reset_request(const std::string& address, const std::string& email);

  // Wrong current passwords when changing the password, per account.
  boost::asio::awaitable<Result<int>> take_password_check(const std::string& user_id);
  void password_succeeded(const std::string& user_id);

  // Closes the live-event sockets of `user_id` whose session has ended (signed out, revoked, replaced
  // by a new password, expired, or removed by another instance). Call after such a write commits;
  // returns at once, the check runs on a store reader.
  void check_live_sockets(const std::string& user_id);
  // The same for every person with a socket: run periodically, it catches expiry and other instances.
  void check_all_live_sockets();

  // ---- many instances on one database (store().shared()). Each change that must reach every
  // instance's caches or sockets goes through these, never straight to the caches or the hub.
  //
  // Sign-out, a revoked session, a new password, a profile change: forgets the person's sessions
  // here and, before it returns, has told every other instance (the announcement commits like any
  // write, and the others forget when they hear it).
  boost::asio::awaitable<void> forget_user_everywhere(const std::string& user_id);
  // A bond ended or a member's name changed: every instance drops its bond views.
  boost::asio::awaitable<void> forget_bonds_everywhere();
  // Sends a live event to the person's sockets here and on every other instance.
  void publish(const std::string& user_id, const std::string& message);
  // Starts hearing the other instances and says hello (no-op on a store nobody shares). Call once,
  // before serving; then greet_instances() now and then, and leave_instances() when stopping.
  void join_instances();
  void greet_instances();
  void leave_instances();
  // What another instance announced; its own announcements come back too and change nothing.
  void heard(const std::string& message);
  // The other instances heard from lately (each greets every 10 seconds).
  std::vector<std::string> peers();

  std::atomic<bool> ready{false};

  // Where links in emails point: the configured public address, else the address the server
  // listens on. Never the request's Host header, which the asker chooses (a reset link pointing
  // elsewhere would hand the token to them). Set once before the server starts taking requests.
  std::string link_base;

 private:
  store::Store& store_;
  Clock clock_;
  boost::asio::thread_pool& cpu_;
  Settings settings_;
  http::ServerMetrics& metrics_;
  http::EventHub& events_;
  const Catalog& catalog_;
  std::string catalog_json_;
  std::function<std::string()> store_metrics_;
  SessionCache sessions_;
  BondCache bonds_;
  std::string instance_;  // this instance's name in its announcements
  // Telling the others of a cache change waits until each instance heard lately has said it
  // forgot (or a second passed): only then does the change's response go out.
  boost::asio::awaitable<void> announce_and_wait(std::string_view type, const std::string& user_id);
  void tell(const std::string& message);
  struct Waiting;
  std::mutex peers_mutex_;
  std::map<std::string, Millis> peers_;                          // instance -> last heard
  std::map<std::string, std::shared_ptr<Waiting>> waiting_;      // announcement id -> who owes an answer
  LoginLimits login_limits_;
  std::unique_ptr<RateLimits> limits_;
  boost::asio::thread_pool signup_cpu_{1};
  std::atomic<std::size_t> signups_queued_{0};
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
  std::size_t body_limit = 0;  // bytes: the longest valid request of the route
};
std::vector<RouteInfo> route_table();

// The catalog compiled into the binary (the files of content/), parsed and checked, with its JSON
// for GET /api/v1/catalog. Fails when the content breaks a catalog rule or a file is missing.
struct LoadedCatalog {
  Catalog catalog;
  std::string json;
};
Result<LoadedCatalog> load_catalog();
// The text of content files by name ("feelings.json", "insights.json", "needs.json").
using ContentTexts = std::map<std::string, std::string_view, std::less<>>;
// The same from the texts given: feelings.json is required, every other part is checked and served
// only when its file is given (the fuzz target reads feelings alone).
Result<LoadedCatalog> parse_catalog(const ContentTexts& texts);

}  // namespace pillars::api
