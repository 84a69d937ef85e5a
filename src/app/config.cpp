#include "app/config.h"

#include <CLI/CLI.hpp>
#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <iostream>

#include "api/app_context.h"
#include "app/backup.h"
#include "app/commands.h"
#include "app/logging.h"
#include "app/serve.h"
#include "app/store_open.h"

#ifndef PILLARS_VERSION
#define PILLARS_VERSION "dev"
#endif

namespace pillars::app {

namespace {

void add_data_option(CLI::App* command, std::string& data, const std::string& help) {
  command->add_option("--data", data, help)->envname("PILLARS_DATA")->capture_default_str();
}

// --database: PostgreSQL instead of SQLite in the data folder (which still holds the keys).
void add_database_option(CLI::App* command, std::string& database) {
  command->add_option("--database", database,
                      "A PostgreSQL URL (postgres://...) to keep everything in; default: SQLite in --data")
      ->envname("PILLARS_DATABASE")
      ->check([](const std::string& value) { return app::database_problem(value); });
}

}  // namespace

int run(int argc, char** argv) {
  CLI::App cli{"Pillars: a private space for two people to keep closeness and separateness in balance."};
  cli.set_config("--config", "", "Read settings from a TOML file");
  cli.require_subcommand(1);

  ServeConfig serve;
  auto* serve_cmd = cli.add_subcommand("serve", "Serve the web app and the API");
  serve_cmd->add_option("--listen", serve.listen, "Address and port to listen on")->envname("PILLARS_LISTEN")
      ->capture_default_str();
  add_data_option(serve_cmd, serve.data, "Folder for the database and the server key");
  add_database_option(serve_cmd, serve.database);
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

  serve_cmd->add_option("--smtp-url", serve.smtp_url,
                        "Send password-reset links by email through this server: smtp://host:587 or smtps://host:465")
      ->envname("PILLARS_SMTP_URL");
  serve_cmd->add_option("--smtp-from", serve.smtp_from, "The address reset emails come from")->envname("PILLARS_SMTP_FROM");
  serve_cmd->add_option("--smtp-user", serve.smtp_user, "SMTP user name, if the server asks for one")
      ->envname("PILLARS_SMTP_USER");
  serve_cmd->add_option("--smtp-password", serve.smtp_password, "SMTP password (better given as PILLARS_SMTP_PASSWORD)")
      ->envname("PILLARS_SMTP_PASSWORD");
  serve_cmd->add_flag("--smtp-require-tls", serve.smtp_require_tls, "Refuse to send over smtp:// without STARTTLS")
      ->envname("PILLARS_SMTP_REQUIRE_TLS");

  serve_cmd->add_option("--push-subject", serve.push_subject,
                        "How push services can reach whoever runs this Pillars: a mailto: or https: address (default: the public URL)")
      ->envname("PILLARS_PUSH_SUBJECT");
  serve_cmd->add_option("--push-interval-ms", serve.push_interval_ms, "How often to look for notifications to send")
      ->envname("PILLARS_PUSH_INTERVAL_MS")->check(CLI::Range(50, 600000))->capture_default_str();
  serve_cmd->add_option("--push-settle-seconds", serve.push_settle_seconds,
                        "How long news gathers before one push tells of it")
      ->envname("PILLARS_PUSH_SETTLE_SECONDS")->check(CLI::Range(0, 86400))->capture_default_str();
  serve_cmd->add_option("--push-gap-seconds", serve.push_gap_seconds,
                        "At most one push about the other person per this many seconds")
      ->envname("PILLARS_PUSH_GAP_SECONDS")->check(CLI::Range(0, 86400))->capture_default_str();
  serve_cmd->add_flag("--push-allow-loopback-http", serve.push_allow_loopback_http,
                      "Accept push services on http://127.0.0.1 (for tests; never in production)")
      ->envname("PILLARS_PUSH_ALLOW_LOOPBACK_HTTP");

  std::string migrate_data = "./data", migrate_database;
  auto* migrate_cmd = cli.add_subcommand("migrate", "Apply pending database migrations and exit");
  add_data_option(migrate_cmd, migrate_data, "Folder of the database");
  add_database_option(migrate_cmd, migrate_database);

  BackupConfig backup;
  auto* backup_cmd = cli.add_subcommand(
      "backup", "Copy the database into FILE and the key into FILE.key, while the server runs");
  backup_cmd->add_option("FILE", backup.file, "Where to write the copy")->required();
  add_data_option(backup_cmd, backup.data, "Folder of the database and the key");
  backup_cmd->add_flag("--no-key", backup.no_key, "Do not copy the key beside the backup; say where it is");

  RestoreConfig restore;
  auto* restore_cmd = cli.add_subcommand(
      "restore", "Check the backup FILE and its key, then make it the database (the server must be stopped)");
  restore_cmd->add_option("FILE", restore.file, "The backup to restore")->required();
  add_data_option(restore_cmd, restore.data, "Folder to restore into; what was there is kept aside");
  restore_cmd->add_option("--key", restore.key, "The backup's key file (default: FILE.key when it exists)");
  restore_cmd->add_flag("--check", restore.check_only, "Only check the backup and its key; change nothing");

  std::string person_data = "./data", person_database, person_email, public_url = "http://127.0.0.1:8080", export_out;
  auto* user_cmd = cli.add_subcommand("user", "Help a person with their account");
  user_cmd->require_subcommand(1);
  auto* reset_cmd = user_cmd->add_subcommand("reset-password", "Print a one-time link to set a new password");
  reset_cmd->add_option("--email", person_email, "The account's email")->required();
  reset_cmd->add_option("--data", person_data, "Folder of the database")->envname("PILLARS_DATA")->capture_default_str();
  add_database_option(reset_cmd, person_database);
  reset_cmd->add_option("--public-url", public_url, "The address people use, for the link")
      ->envname("PILLARS_PUBLIC_URL")->capture_default_str();
  auto* export_cmd = cli.add_subcommand("export", "Write a person's export (JSON and a Markdown journal, zipped)");
  export_cmd->add_option("--email", person_email, "The account's email")->required();
  export_cmd->add_option("--data", person_data, "Folder of the database")->envname("PILLARS_DATA")->capture_default_str();
  add_database_option(export_cmd, person_database);
  export_cmd->add_option("--out", export_out, "The zip to write; - for standard output (default: pillars-export-<day>.zip)");

  std::string seed_data = "./data", seed_database, seed_sessions_file;
  SeedOptions seed;
  auto* seed_cmd = cli.add_subcommand(
      "seed", "For benchmarks only: add many invented couples with a long history (all with one password)");
  add_data_option(seed_cmd, seed_data, "Folder of the database (made when missing)");
  add_database_option(seed_cmd, seed_database);
  seed_cmd->add_option("--couples", seed.couples, "How many couples")->check(CLI::Range(1, 10'000'000))->capture_default_str();
  seed_cmd->add_option("--days", seed.days, "Days of history, ending today")->check(CLI::Range(1, 3660))->capture_default_str();
  seed_cmd->add_option("--password", seed.password, "Everyone's password")->capture_default_str();
  seed_cmd->add_option("--sessions", seed.sessions, "Couples (from the first) to sign in, for a load generator")
      ->check(CLI::Range(0, 10'000'000))->capture_default_str();
  seed_cmd->add_option("--sessions-file", seed_sessions_file,
                       "Where to write those sessions: user id, bond id, cookie token and CSRF value, tab-separated");
  seed_cmd->add_option("--random-seed", seed.seed, "Seed of the random draws")->capture_default_str();
  seed_cmd->add_option("--jobs", seed.jobs, "Couples written in parallel on PostgreSQL (SQLite writes one at a time)")
      ->check(CLI::Range(1, 64))->capture_default_str();

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
      out.push_back(boost::json::object{{"method", r.method}, {"path", r.path}, {"access", http::to_string(r.access)},
                                        {"body_limit", r.body_limit}});
    std::cout << boost::json::serialize(out) << "\n";
    return 0;
  }
  setup_logging();
  if (*reset_cmd) return reset_password_command({person_data, person_database}, person_email, public_url);
  if (*export_cmd) return export_command({person_data, person_database}, person_email, export_out);
  if (*migrate_cmd) {
    auto version = migrate_store(migrate_data, migrate_database);
    if (!version) {
      spdlog::error("migrate: {}", version.error().detail);
      return 1;
    }
    std::cout << "schema version " << *version << "\n";
    return 0;
  }
  if (*seed_cmd) return seed_command({seed_data, seed_database}, seed, seed_sessions_file);
  if (*backup_cmd) return run_backup(backup);
  if (*restore_cmd) return run_restore(restore);
  return run_server(serve);
}

}  // namespace pillars::app
