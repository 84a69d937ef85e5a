// The operator's commands that act on one person's data: a password-reset link, and an export.
// They open the store as the server does and may run beside a running server (SQLite lets one
// writer in at a time, PostgreSQL many; the server's caches are not involved: the link is used through the
// server, and an export only reads).
#pragma once

#include <string>

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

}  // namespace pillars::app
