#include "store/sqlite/migrations.h"

#include <algorithm>
#include <span>

#include <spdlog/spdlog.h>

#include "core/embedded_file.h"
#include "store/sql/migration_files.h"
#include "store/sqlite/sqlite_store.h"
#include "store/sql/tx.h"

namespace pillars {
std::span<const EmbeddedFile> migration_files();  // generated from src/store/migrations
}

namespace pillars::store::sqlite {

Result<int> apply_migrations(Conn& conn) {
  if (!conn.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                 "applied_at INTEGER NOT NULL) STRICT"))
    return fail(Errc::internal, "cannot create the migrations table");
  sql::SqlTx tx(conn, nullptr);
  auto current = tx.schema_version();
  if (!current) return std::unexpected(current.error());
  int version = *current;
  for (const auto& file : migration_files()) {
    int n = sql::migration_number(file.path);
    if (n <= version) continue;
    std::string sql(file.data);
    // A migration that rebuilds a table (SQLite cannot change a CHECK in place) says so on its first
    // line. It runs with foreign keys off, as SQLite's own procedure for it asks: otherwise dropping
    // the old table would cascade into every row that refers to it. Before the commit every
    // reference must still hold.
    const bool rebuilds = sql.starts_with(kRebuildsTables);
    if (rebuilds && !conn.exec("PRAGMA foreign_keys = OFF")) return fail(Errc::internal, "cannot prepare a migration");
    if (!conn.exec("BEGIN IMMEDIATE")) return fail(Errc::internal, "cannot start a migration");
    bool ok = conn.exec(sql.c_str());
    if (ok && rebuilds) {
      Query check(conn, "PRAGMA foreign_key_check");
      ok = !check.step() && check.ok();
      if (!ok) spdlog::error("store: migration {} would break references", file.path);
    }
    if (ok) {
      Query q(conn, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, strftime('%s','now') * 1000)");
      q.bind(n).bind(file.path);
      ok = q.run().has_value();
    }
    if (!ok || !conn.exec("COMMIT")) {
      conn.exec("ROLLBACK");
      if (rebuilds) conn.exec("PRAGMA foreign_keys = ON");
      return fail(Errc::internal, "migration failed");
    }
    if (rebuilds && !conn.exec("PRAGMA foreign_keys = ON")) return fail(Errc::internal, "cannot finish a migration");
    spdlog::info("store: applied migration {}", file.path);
    version = n;
  }
  return version;
}

}  // namespace pillars::store::sqlite

namespace pillars::store {

int SqliteStore::latest_schema_version() {
  return sql::latest_migration(migration_files());
}

Result<int> SqliteStore::migrate(const std::string& path) {
  auto conn = sqlite::open_conn(path, false);
  if (!conn) return std::unexpected(conn.error());
  return sqlite::apply_migrations(**conn);
}

}  // namespace pillars::store
