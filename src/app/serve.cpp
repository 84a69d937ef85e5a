#include "app/serve.h"

#include <boost/asio.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <sys/resource.h>
#include <sys/stat.h>

#include <filesystem>
#include <iostream>
#include <thread>

#include "api/app_context.h"
#include "app/allocator.h"
#include "app/data_lock.h"
#include "app/logging.h"
#include "app/demo.h"
#include "crypto/crypto.h"
#include "crypto/seal.h"
#include "http/server.h"
#include "mail/smtp.h"
#include "api/notify_dispatch.h"
#include "push/webpush.h"
#include "app/store_open.h"
#include "store/postgres/postgres_store.h"

namespace pillars::app {

namespace {

namespace asio = boost::asio;

std::optional<asio::ip::tcp::endpoint> parse_listen(const std::string& text) {
  auto colon = text.rfind(':');
  if (colon == std::string::npos) return std::nullopt;
  std::string host = text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  boost::system::error_code ec;
  auto address = asio::ip::make_address(host.empty() ? "0.0.0.0" : host, ec);
  if (ec) return std::nullopt;
  int port = 0;
  try {
    port = std::stoi(text.substr(colon + 1));
  } catch (...) {
    return std::nullopt;
  }
  if (port < 0 || port > 65535) return std::nullopt;
  return asio::ip::tcp::endpoint(address, static_cast<unsigned short>(port));
}

// Once an hour: removes expired sessions, notices older than any list shows, and the events of
// rate limits counted in the database that have left every window.
asio::awaitable<void> sweep_store(store::Store& store, const api::AppContext& app) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  for (;;) {
    timer.expires_after(std::chrono::hours(1));
    auto [ec] = co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
    if (ec) co_return;
    store.submit_write(
        [now = app.now()](store::WriteTx& tx) {
          return tx.delete_expired_sessions(now).has_value() &&
                 tx.delete_notices_before(notices_since(now)).has_value() &&
                 tx.delete_rate_hits_before(now - api::kLongestRateWindow).has_value();
        },
        nullptr);
  }
}

// Housekeeping every few seconds. Hands memory freed after a burst (thousands of sockets, a heavy
// load) back to the system soon, not at the hourly sweep; and every minute asks whether the
// sessions behind live-event sockets still exist, which catches expiry and sessions ended by
// another instance of the server sharing the store.
asio::awaitable<void> housekeeping(api::AppContext& app) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  for (int tick = 1;; ++tick) {
    timer.expires_after(std::chrono::seconds(10));
    auto [ec] = co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
    if (ec) co_return;
    release_free_memory();
    if (tick % 6 == 0) app.check_all_live_sockets();
    app.greet_instances();
  }
}

}  // namespace

int run_server(const ServeConfig& config) {
  auto started = std::chrono::steady_clock::now();
  // First, so it outlives every thread that logs: the access log never makes an I/O thread wait.
  AsyncLogging async_log;
  if (!crypto::init()) {
    spdlog::critical("cannot initialise the crypto library");
    return 1;
  }
  auto endpoint = parse_listen(config.listen);
  if (!endpoint) {
    spdlog::critical("--listen must look like 127.0.0.1:8080");
    return 2;
  }
  std::optional<asio::ip::tcp::endpoint> metrics_endpoint;
  if (!config.metrics_listen.empty() && !(metrics_endpoint = parse_listen(config.metrics_listen))) {
    spdlog::critical("--metrics-listen must look like 127.0.0.1:9090");
    return 2;
  }
  // Everything Pillars writes (database, WAL, key) is for this user alone.
  ::umask(077);
  // Each connection and live-event socket is a file descriptor; the usual soft limit of 1024 is
  // far below the connection cap, so take what the hard limit allows.
  if (rlimit limit{}; ::getrlimit(RLIMIT_NOFILE, &limit) == 0) {
    if (limit.rlim_cur < limit.rlim_max) {
      limit.rlim_cur = limit.rlim_max;
      ::setrlimit(RLIMIT_NOFILE, &limit);
      ::getrlimit(RLIMIT_NOFILE, &limit);
    }
    // The store, the listener and the threads need descriptors too; past the limit the server
    // refuses connections calmly (see the accept loop), but the operator should know.
    constexpr rlim_t kReserve = 64;
    if (limit.rlim_cur != RLIM_INFINITY && static_cast<rlim_t>(config.max_connections) + kReserve > limit.rlim_cur)
      spdlog::warn("the file descriptor limit ({}) is below --max-connections ({}) plus {} for the server itself; "
                   "raise it (ulimit -n, LimitNOFILE=) or lower --max-connections",
                   limit.rlim_cur, config.max_connections, kReserve);
  }
  std::error_code fs_ec;
  std::filesystem::create_directories(config.data, fs_ec);
  std::filesystem::permissions(config.data, std::filesystem::perms::owner_all, std::filesystem::perm_options::replace,
                               fs_ec);
  // One server per data folder, held for the server's whole life: a second server would write the
  // same database beside it, and `pillars restore` must not replace the database under it.
  // (With PostgreSQL the database is elsewhere and many servers may share it: no lock.)
  const bool postgres = store::is_postgres_url(config.database);
  auto data_lock = postgres ? Result<DataLock>(fail(Errc::internal)) : DataLock::take(config.data);
  if (!postgres && !data_lock) {
    if (data_lock.error().code == Errc::conflict)
      spdlog::critical("another Pillars server is using {}; stop it first, or give this one a --data of its own",
                       config.data);
    else
      spdlog::critical("cannot lock the data folder {}: {}", config.data, data_lock.error().detail);
    return 1;
  }
  // The key that seals free text at rest: from the environment, else <data>/secret.key (made once).
  Result<crypto::Sealer> sealer = fail(Errc::internal);
  if (const char* hex = std::getenv("PILLARS_SECRET_KEY"); hex && *hex)
    sealer = crypto::Sealer::from_hex(hex);
  else
    sealer = crypto::Sealer::load_or_create((std::filesystem::path(config.data) / "secret.key").string());
  if (!sealer) {
    spdlog::critical("cannot load the secret key: {}", sealer.error().detail);
    return 1;
  }
  auto catalog = api::load_catalog();
  if (!catalog) {
    spdlog::critical("the built-in content is broken: {}", catalog.error().detail);
    return 1;
  }
  // One reader connection per core: more only contend for the same cores.
  const int readers = static_cast<int>(std::max(2u, std::thread::hardware_concurrency()));
  auto server_key = std::make_shared<const crypto::Sealer>(std::move(*sealer));
  auto store = open_store(config.data, config.database, server_key, readers);
  if (!store) {
    spdlog::critical("cannot open the store ({}): {}", store_name(config.data, config.database), store.error().detail);
    return 1;
  }

  if (config.demo) {
    auto seeded = seed_demo(**store, catalog->catalog, wall_clock()());
    if (!seeded) {
      spdlog::critical("cannot add the demo people: {}", seeded.error().detail);
      return 1;
    }
    // No password in the log, not even this public one: the README gives it, and stdout says it
    // once to whoever started the demo.
    spdlog::info("demo: Ada and Ben {}; sign in as {} or {} with the demo password from the README",
                 *seeded ? "added" : "were added before", kDemoEmails[0], kDemoEmails[1]);
    std::cout << demo_sign_in() << std::endl;
  }

  unsigned cores = std::max(2u, std::thread::hardware_concurrency());
  asio::thread_pool cpu(cores);
  http::ServerMetrics metrics;
  api::Settings settings;
  settings.public_url = config.public_url;
  settings.https = config.public_url.starts_with("https://");
  settings.invite_ttl = static_cast<Millis>(config.invite_ttl_seconds) * 1000;
  settings.login_limit_per_account = static_cast<std::size_t>(config.login_limit_per_account);
  settings.login_limit_per_address = static_cast<std::size_t>(config.login_limit_per_address);
  settings.login_limit_account_wide = static_cast<std::size_t>(config.login_limit_account_wide);
  settings.signup_limit_per_address = static_cast<std::size_t>(config.signup_limit_per_address);
  settings.device_key = server_key;
  settings.limit_key = server_key;
  if (!config.smtp_url.empty()) {
    mail::SmtpSettings smtp{config.smtp_url, config.smtp_from, config.smtp_user, config.smtp_password,
                            config.smtp_require_tls};
    if (auto problem = mail::smtp_settings_problem(smtp); !problem.empty()) {
      spdlog::critical("{}", problem);
      return 2;
    }
    settings.mailer = std::make_shared<mail::SmtpMailer>(std::move(smtp));
    spdlog::info("password-reset links go out by email");
  }
  // Web Push: the key browsers subscribe with lives with the data, made at the first start.
  std::unique_ptr<push::Pusher> pusher;
  {
    auto key = push::VapidKey::load_or_create(std::filesystem::path(config.data) / "push.key");
    if (!key) {
      spdlog::error("notifications are off: {}", key.error());
    } else {
      settings.push_public_key = key->public_key();
      settings.push_loopback_http = config.push_allow_loopback_http;
      push::PusherOptions push_options;
      push_options.subject = !config.push_subject.empty()                  ? config.push_subject
                             : config.public_url.starts_with("https://") ? config.public_url
                                                                           : std::string("mailto:pillars@localhost");
      push_options.allow_loopback_http = config.push_allow_loopback_http;
      pusher = push::make_curl_pusher(std::move(*key), std::move(push_options));
    }
  }
  store::EngineStore& engine = **store;
  http::EventHub events(static_cast<std::size_t>(config.max_sockets_per_person));
  auto store_metrics = [&engine, &events, &metrics, &async_log] {
    auto s = engine.stats();
    auto heap = heap_stats();
    http::MetricsText out;
    out.counter("pillars_store_reads_total", "Read jobs run.", s.reads);
    out.counter("pillars_store_writes_total", "Write jobs run.", s.writes);
    out.counter("pillars_store_commits_total", "Group commits.", s.commits);
    out.family("pillars_store_commit_size", "Write jobs per group commit.", "histogram");
    out.histogram("pillars_store_commit_size", {}, engine.commit_sizes());
    out.gauge("pillars_store_write_queue", "Write jobs waiting for the writer now.",
              static_cast<std::int64_t>(s.write_queue));
    out.gauge("pillars_store_read_queue", "Read jobs waiting for a reader now.",
              static_cast<std::int64_t>(s.read_queue));
    out.gauge("pillars_websockets_open", "Live-event sockets open now.",
              static_cast<std::int64_t>(events.open_sockets()));
    out.counter("pillars_events_sent_total", "Live events written to sockets.", metrics.events_sent.load());
    out.counter("pillars_websockets_closed_session_end_total",
                "Live-event sockets closed because their session ended.", events.closed_for_session_end());
    out.gauge("pillars_store_sqlite_memory_bytes", "Memory SQLite holds now, its page caches included.",
              static_cast<std::int64_t>(s.memory_bytes));
    out.gauge("pillars_heap_in_use_bytes", "Memory the allocator has handed out and not had back.",
              static_cast<std::int64_t>(heap.in_use));
    out.gauge("pillars_heap_free_bytes", "Memory the allocator holds free (part of it still resident).",
              static_cast<std::int64_t>(heap.free));
    out.counter("pillars_log_lines_dropped_total",
                "Log lines dropped because the log's queue was full (a slow disk or a flood).", async_log.dropped());
    return out.take();
  };
  // The one place the wall clock is chosen: everything else reads the time through the app context.
  api::AppContext app(engine, wall_clock(), cpu, settings, metrics, events, catalog->catalog, catalog->json,
                      store_metrics);
  app.join_instances();  // with PostgreSQL: hear what other instances change
  http::Router router = api::make_router(app);
  auto files = config.web_dir.empty() ? std::make_unique<http::StaticFiles>()
                                      : std::make_unique<http::StaticFiles>(config.web_dir);
  if (!files->has_app())
    spdlog::warn("the web app is missing: build it with `make build` (the API works without it)");

  int threads = config.threads > 0 ? config.threads : static_cast<int>(cores);
  asio::io_context io(threads);
  http::ServerOptions options;
  options.max_connections = config.max_connections;
  options.max_connections_per_address = config.max_connections_per_address;
  options.idle_timeout = std::chrono::seconds(config.idle_timeout_seconds);
  options.read_timeout = std::chrono::seconds(config.read_timeout_seconds);
  options.https = settings.https;
  // Checked when the flags were read; an empty list believes no X-Forwarded-For.
  options.trusted_proxies = http::ProxyList::parse(config.trusted_proxies).value_or(http::ProxyList{});
  http::Server server(io, router, *files, options, metrics, events);
  asio::ip::tcp::endpoint bound;
  try {
    bound = server.listen(*endpoint);
  } catch (const std::exception& e) {
    spdlog::critical("cannot listen on {}: {}", config.listen, e.what());
    return 1;
  }
  // Metrics on their own listener, only when asked for: nothing of them is reachable through the
  // app's address, whatever a proxy in front forwards.
  http::Router metrics_router = api::make_metrics_router(app);
  http::StaticFiles no_files = http::StaticFiles::none();
  http::ServerOptions metrics_options = options;
  metrics_options.max_connections = 64;
  http::ServerMetrics metrics_listener_metrics;  // its own counters: its connections are not the app's
  std::optional<http::Server> metrics_server;
  if (metrics_endpoint) {
    metrics_server.emplace(io, metrics_router, no_files, metrics_options, metrics_listener_metrics, events);
    try {
      auto at = metrics_server->listen(*metrics_endpoint);
      spdlog::info("metrics on {}:{}", at.address().to_string(), at.port());
    } catch (const std::exception& e) {
      spdlog::critical("cannot listen on {}: {}", config.metrics_listen, e.what());
      return 1;
    }
    metrics_server->start();
  }
  {
    std::string host = bound.address().to_string();
    if (bound.address().is_v6()) host = "[" + host + "]";
    app.link_base = config.public_url.empty() ? fmt::format("http://{}:{}", host, bound.port()) : config.public_url;
  }
  server.start();
  asio::co_spawn(io, sweep_store(engine, app), asio::detached);
  asio::co_spawn(io, housekeeping(app), asio::detached);
  if (pusher) {
    api::DispatchOptions dispatch;
    dispatch.every = std::chrono::milliseconds(config.push_interval_ms);
    dispatch.timing.settle = static_cast<Millis>(config.push_settle_seconds) * 1000;
    dispatch.timing.gap = static_cast<Millis>(config.push_gap_seconds) * 1000;
    asio::co_spawn(io, api::dispatch_loop(app, *pusher, dispatch), asio::detached);
  }

  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& ec, int signal) {
    if (ec) return;
    spdlog::info("received signal {}; finishing in-flight requests", signal);
    app.ready = false;
    app.leave_instances();
    if (metrics_server) metrics_server->shutdown([] {});
    server.shutdown([&io] { io.stop(); });
  });

  app.ready = true;
  auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  std::string host = bound.address().to_string();
  if (bound.address().is_v6()) host = "[" + host + "]";
  std::cout << "pillars listening on http://" << host << ":" << bound.port() << std::endl;
  spdlog::info("ready in {:.1f} ms; data in {}", ms, store_name(config.data, config.database));

  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back([&io] { io.run(); });
  io.run();
  for (auto& t : pool) t.join();
  pusher.reset();  // what still waits to be sent fails now, while the store and the app still exist

  cpu.join();
  app.signup_cpu().join();
  engine.close();
  spdlog::info("stopped cleanly");
  return 0;
}

}  // namespace pillars::app
