// Which store the server and the commands use: SQLite in the data folder (the default), or the
// PostgreSQL database that --database names.
#pragma once

#include <memory>
#include <string>

#include "core/error.h"
#include "crypto/seal.h"
#include "store/sql/runner.h"

namespace pillars::app {

// What is wrong with a --database value, or "" when it is empty (SQLite) or a PostgreSQL URL.
std::string database_problem(const std::string& database);

// Opens the store: PostgreSQL when `database` is a postgres:// URL, else <data>/pillars.db.
Result<std::unique_ptr<store::EngineStore>> open_store(const std::string& data, const std::string& database,
                                                       std::shared_ptr<const crypto::Sealer> sealer, int readers);

// Applies pending migrations; returns the schema version reached.
Result<int> migrate_store(const std::string& data, const std::string& database);

// How the log names the store: "SQLite in <data>" or "PostgreSQL" (a URL may carry a password).
std::string store_name(const std::string& data, const std::string& database);

}  // namespace pillars::app
