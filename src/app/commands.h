// The operator's commands that act on one person's data: a password-reset link, and an export.
// They open the store as the server does and may run beside a running server (SQLite lets one
// writer in at a time, PostgreSQL many; the server's caches are not involved: the link is used through the
// server, and an export only reads).
#pragma once

#include <string>

#include "app/seed.h"

namespace pillars::app {

// Where the store is: the data folder (the key, and SQLite's database) and a PostgreSQL URL, if any.
struct StoreLocation {
  std::string data;
  std::string database;
};

// `pillars user reset-password --email E`: prints a one-time link (valid for an hour) to pass on.
int reset_password_command(const StoreLocation& where, const std::string& email, const std::string& public_url);

// `pillars export --email E [--out FILE]`: the person's export zip, as GET /api/v1/me/export gives
// it; "-" writes it to standard output.
int export_command(const StoreLocation& where, const std::string& email, const std::string& out);

// `pillars seed --couples N --days D`: invented couples for benchmarks (app/seed.h), made in the data
// folder or database (created and migrated when new). With --sessions K, the first K couples are
// signed in and their sessions written to `sessions_file` (or standard output).
int seed_command(const StoreLocation& where, const SeedOptions& options, const std::string& sessions_file);

}  // namespace pillars::app
