#include "app/store_open.h"

#include <filesystem>

#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"

namespace pillars::app {

namespace {
std::string sqlite_path(const std::string& data) { return (std::filesystem::path(data) / "pillars.db").string(); }
}  // namespace

std::string database_problem(const std::string& database) {
  if (database.empty() || store::is_postgres_url(database)) return {};
  return "--database takes a PostgreSQL URL (postgres://...); without it the database is SQLite in --data";
}

Result<std::unique_ptr<store::EngineStore>> open_store(const std::string& data, const std::string& database,
                                                       std::shared_ptr<const crypto::Sealer> sealer, int readers) {
  if (store::is_postgres_url(database)) {
    store::PostgresOptions options;
    options.readers = readers;
    auto opened = store::PostgresStore::open(database, std::move(sealer), options);
    if (!opened) return std::unexpected(opened.error());
    return std::unique_ptr<store::EngineStore>(std::move(*opened));
  }
  store::SqliteOptions options;
  options.readers = readers;
  auto opened = store::SqliteStore::open(sqlite_path(data), std::move(sealer), options);
  if (!opened) return std::unexpected(opened.error());
  return std::unique_ptr<store::EngineStore>(std::move(*opened));
}

Result<int> migrate_store(const std::string& data, const std::string& database) {
  if (store::is_postgres_url(database)) return store::PostgresStore::migrate(database);
  std::error_code ec;
  std::filesystem::create_directories(data, ec);
  return store::SqliteStore::migrate(sqlite_path(data));
}

std::string store_name(const std::string& data, const std::string& database) {
  return store::is_postgres_url(database) ? std::string("PostgreSQL") : "SQLite in " + data;
}

}  // namespace pillars::app
