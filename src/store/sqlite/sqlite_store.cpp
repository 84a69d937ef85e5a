// Opening SQLite for the store: the writer with the schema brought up to date, then the readers,
// handed to the shared runner (src/store/sql/runner.h). The SQL itself lives in src/store/sql, the
// schema in migrations.cpp and the connection plumbing in db.cpp.
#include "store/sqlite/sqlite_store.h"

#include <algorithm>

#include "store/sqlite/db.h"
#include "store/sqlite/migrations.h"

namespace pillars::store {

SqliteStore::~SqliteStore() { close(); }

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path,
                                                       std::shared_ptr<const crypto::Sealer> sealer,
                                                       SqliteOptions options) {
  if (!sealer) return fail(Errc::internal, "the store needs a sealer for text at rest");
  auto writer = sqlite::open_conn(path, false);
  if (!writer) return std::unexpected(writer.error());
  auto version = sqlite::apply_migrations(**writer);
  if (!version) return std::unexpected(version.error());
  std::vector<std::unique_ptr<sql::Conn>> readers;
  for (int i = 0; i < std::max(1, options.readers); ++i) {
    auto reader = sqlite::open_conn(path, true);
    if (!reader) return std::unexpected(reader.error());
    readers.push_back(std::move(*reader));
  }
  sql::RunnerOptions run;
  run.max_batch = options.max_batch;
  run.begin_read = "BEGIN";
  run.begin_write = "BEGIN IMMEDIATE";
  // A bulk load touches far more of the indexes than the usual 2 MB page cache holds.
  run.bulk_before = "PRAGMA cache_size = -262144";
  run.bulk_after = "PRAGMA cache_size = -2000";
  return std::unique_ptr<SqliteStore>(new SqliteStore(
      std::make_unique<sql::Runner>(std::move(*writer), std::move(readers), std::move(sealer), run)));
}

void SqliteStore::close() {
  // Fold the WAL back into the main file so the data folder is one file at rest.
  runner_->close([](sql::Conn& writer) { writer.exec("PRAGMA wal_checkpoint(TRUNCATE)"); });
}

StoreStats SqliteStore::stats() const {
  StoreStats s = runner_->stats();
  s.memory_bytes = static_cast<std::uint64_t>(sqlite3_memory_used());
  return s;
}

}  // namespace pillars::store
