#include "app/config.h"

#include <CLI/CLI.hpp>
#include <boost/json.hpp>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <iostream>

#include "api/app_context.h"
#include "app/serve.h"
#include "store/sqlite/sqlite_store.h"

#ifndef PILLARS_VERSION
#define PILLARS_VERSION "dev"
#endif

namespace pillars::app {

namespace {

void setup_logging() {
  auto logger = spdlog::stderr_logger_mt("pillars");
  logger->set_pattern("ts=%Y-%m-%dT%H:%M:%S.%eZ level=%l %v", spdlog::pattern_time_type::utc);
  spdlog::set_default_logger(logger);
  spdlog::flush_on(spdlog::level::info);
}

std::string database_path(const std::string& data) { return (std::filesystem::path(data) / "pillars.db").string(); }

}  // namespace

int run(int argc, char** argv) {
  CLI::App cli{"Pillars: a private space for two people to keep closeness and separateness in balance."};
  cli.set_config("--config", "", "Read settings from a TOML file");
  cli.require_subcommand(1);

  ServeConfig serve;
  auto* serve_cmd = cli.add_subcommand("serve", "Serve the web app and the API");
  serve_cmd->add_option("--listen", serve.listen, "Address and port to listen on")->envname("PILLARS_LISTEN")
      ->capture_default_str();
  serve_cmd->add_option("--data", serve.data, "Folder for the database and the server key")->envname("PILLARS_DATA")
      ->capture_default_str();
  serve_cmd->add_option("--web-dir", serve.web_dir, "Serve the web app from this folder (development)")
      ->envname("PILLARS_WEB_DIR");
  serve_cmd->add_option("--public-url", serve.public_url, "The address people use, e.g. https://pillars.example")
      ->envname("PILLARS_PUBLIC_URL");
  serve_cmd->add_option("--threads", serve.threads, "I/O threads (0: one per core)")->envname("PILLARS_THREADS")
      ->check(CLI::Range(0, 256));
  serve_cmd->add_option("--max-connections", serve.max_connections, "Most connections open at once")
      ->envname("PILLARS_MAX_CONNECTIONS")->check(CLI::Range(1, 1000000))->capture_default_str();
  serve_cmd->add_option("--max-connections-per-address", serve.max_connections_per_address,
                        "Most connections one client address may hold at once (0: no limit)")
      ->envname("PILLARS_MAX_CONNECTIONS_PER_ADDRESS")->check(CLI::Range(0, 1000000))->capture_default_str();
  serve_cmd->add_option("--max-sockets-per-person", serve.max_sockets_per_person,
                        "Most live-update sockets one person may hold; one more closes the oldest")
      ->envname("PILLARS_MAX_SOCKETS_PER_PERSON")->check(CLI::Range(1, 1000000))->capture_default_str();
  serve_cmd->add_option("--metrics-listen", serve.metrics_listen,
                        "Serve /metrics on this address only, e.g. 127.0.0.1:9090 (default: not served)")
      ->envname("PILLARS_METRICS_LISTEN");
  serve_cmd->add_option("--login-limit-per-account", serve.login_limit_per_account,
                        "Failed sign-ins allowed per account from one address, or one known device, in 15 minutes")
      ->envname("PILLARS_LOGIN_LIMIT_PER_ACCOUNT")->check(CLI::Range(1, 100000))->capture_default_str();
  serve_cmd->add_option("--login-limit-per-address", serve.login_limit_per_address,
                        "Failed sign-ins allowed per network address from unknown devices in 15 minutes")
      ->envname("PILLARS_LOGIN_LIMIT_PER_ADDRESS")->check(CLI::Range(1, 100000))->capture_default_str();
  serve_cmd->add_option("--invite-ttl-seconds", serve.invite_ttl_seconds, "How long an invite code stays valid")
      ->envname("PILLARS_INVITE_TTL_SECONDS")->check(CLI::Range(1, 7 * 24 * 3600))->capture_default_str();

  serve_cmd->add_option("--idle-timeout", serve.idle_timeout_seconds, "Seconds a kept-alive connection may sit idle")
      ->envname("PILLARS_IDLE_TIMEOUT")->check(CLI::Range(1, 3600))->capture_default_str();
  serve_cmd->add_option("--read-timeout", serve.read_timeout_seconds, "Seconds to read one request")
      ->envname("PILLARS_READ_TIMEOUT")->check(CLI::Range(1, 600))->capture_default_str();
  serve_cmd->add_option("--trusted-proxies", serve.trusted_proxies,
                        "Comma-separated proxy addresses or networks whose X-Forwarded-For names the client")
      ->envname("PILLARS_TRUSTED_PROXIES")->check([](const std::string& text) {
        auto list = http::ProxyList::parse(text);
        return list ? std::string() : list.error().detail;
      });
  serve_cmd->add_option("--login-limit-account-wide", serve.login_limit_account_wide,
                        "Failed sign-ins allowed per account from unknown devices, all addresses, in 15 minutes")
      ->envname("PILLARS_LOGIN_LIMIT_ACCOUNT_WIDE")->check(CLI::Range(1, 100000))->capture_default_str();
  serve_cmd->add_option("--signup-limit-per-address", serve.signup_limit_per_address,
                        "Accounts that one network address may make in an hour")
      ->envname("PILLARS_SIGNUP_LIMIT_PER_ADDRESS")->check(CLI::Range(1, 100000))->capture_default_str();
  serve_cmd->add_flag("--demo", serve.demo,
                      "Add two demo people, Ada and Ben, with ten weeks of history in every part of the app (once; for trying Pillars out; prints how to sign in)")
      ->envname("PILLARS_DEMO");

  std::string migrate_data = "./data";
  auto* migrate_cmd = cli.add_subcommand("migrate", "Apply pending database migrations and exit");
  migrate_cmd->add_option("--data", migrate_data, "Folder of the database")->envname("PILLARS_DATA")
      ->capture_default_str();

  auto* routes_cmd = cli.add_subcommand("routes", "Print the route table as JSON");
  auto* version_cmd = cli.add_subcommand("version", "Print the version");

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }

  if (*version_cmd) {
    std::cout << "pillars " << PILLARS_VERSION << "\n";
    return 0;
  }
  if (*routes_cmd) {
    boost::json::array out;
    for (const auto& r : api::route_table())
      out.push_back(boost::json::object{{"method", r.method}, {"path", r.path}, {"access", http::to_string(r.access)}});
    std::cout << boost::json::serialize(out) << "\n";
    return 0;
  }
  setup_logging();
  if (*migrate_cmd) {
    std::error_code ec;
    std::filesystem::create_directories(migrate_data, ec);
    auto version = store::SqliteStore::migrate(database_path(migrate_data));
    if (!version) {
      spdlog::error("migrate: {}", version.error().detail);
      return 1;
    }
    std::cout << "schema version " << *version << "\n";
    return 0;
  }
  return run_server(serve);
}

}  // namespace pillars::app
