// Command-line interface and configuration. Every flag can also come from a PILLARS_* environment
// variable or from a TOML file given with --config; the command line wins, then the environment,
// then the file.
#pragma once

#include <string>

namespace pillars::app {

struct ServeConfig {
  std::string listen = "127.0.0.1:8080";
  std::string data = "./data";
  std::string database;    // a postgres:// URL; empty: SQLite in `data`
  std::string web_dir;     // serve the web app from this folder instead of the embedded copy
  std::string public_url;  // e.g. https://pillars.example.org when behind a TLS proxy
  int threads = 0;         // I/O threads; 0 = one per core
  int max_connections = 10000;
  int max_connections_per_address = 256;  // 0: no limit
  int max_sockets_per_person = 16;         // live-event sockets; one more closes the oldest
  std::string metrics_listen;              // address for /metrics; empty: not served at all
  int login_limit_per_account = 5;
  int login_limit_per_address = 30;
  int invite_ttl_seconds = 24 * 3600;
  int idle_timeout_seconds = 60;  // waiting for the next request on a kept-alive connection
  int read_timeout_seconds = 15;  // reading one request once it has started
  // Who is asking, and how often they may try: sign-in, sign-up, trusted proxies.
  std::string trusted_proxies;          // addresses/CIDRs whose X-Forwarded-For names the client
  int login_limit_account_wide = 20;    // failed sign-ins per account from unknown devices, 15 minutes
  int signup_limit_per_address = 10;    // accounts made per address in an hour
  bool demo = false;                    // add two demo people with weeks of history (once)
  // Email, for "forgot password" only: off unless smtp_url is set.
  std::string smtp_url;   // smtp://host:587 (STARTTLS when offered) or smtps://host:465
  std::string smtp_from;  // the sender's address
  std::string smtp_user;
  std::string smtp_password;
  bool smtp_require_tls = false;
  // Web Push: the key is <data>/push.key, made at the first start.
  std::string push_subject;        // mailto: or https: contact for push services (default: the public URL)
  int push_interval_ms = 30000;    // how often the dispatcher looks for what to send
  int push_settle_seconds = 120;   // notices gather this long before a push tells of them
  int push_gap_seconds = 3600;     // at most one push about the other per this long
  bool push_allow_loopback_http = false;  // accept push services on http://127.0.0.1 (tests only)
};

// Parses argv, runs the chosen subcommand and returns the process exit code.
int run(int argc, char** argv);

}  // namespace pillars::app
