#include "store/postgres/postgres_store.h"

#include <algorithm>
#include <span>

#include <poll.h>

#include <cerrno>
#include <chrono>

#include <spdlog/spdlog.h>

#include "core/embedded_file.h"
#include "store/sql/migration_files.h"
#include "store/postgres/conn.h"

namespace pillars {
std::span<const EmbeddedFile> postgres_migration_files();  // generated from src/store/postgres/migrations
}

namespace pillars::store {

namespace {

// Any number, the same for every Pillars: instances starting together take turns migrating.
constexpr const char* kMigrationLock = "SELECT pg_advisory_lock(7316001)";
constexpr const char* kMigrationUnlock = "SELECT pg_advisory_unlock(7316001)";

Result<int> schema_version(postgres::Conn& conn) {
  sql::Query q(conn, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  if (q.step()) return static_cast<int>(q.integer(0));
  PILLARS_CHECK(q);
  return 0;
}

Result<int> apply_migrations(postgres::Conn& conn) {
  if (!conn.exec(kMigrationLock)) return fail(Errc::internal, "cannot take the migration lock");
  auto result = [&]() -> Result<int> {
    if (!conn.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, "
                   "applied_at BIGINT NOT NULL)"))
      return fail(Errc::internal, "cannot create the migrations table");
    auto current = schema_version(conn);
    if (!current) return std::unexpected(current.error());
    int version = *current;
    for (const auto& file : postgres_migration_files()) {
      int n = sql::migration_number(file.path);
      if (n <= version) continue;
      std::string sql(file.data);
      if (!conn.exec("BEGIN")) return fail(Errc::internal, "cannot start a migration");
      bool ok = conn.exec(sql.c_str());
      if (ok) {
        sql::Query q(conn,
                     "INSERT INTO schema_migrations (version, name, applied_at) "
                     "VALUES (?, ?, (extract(epoch FROM clock_timestamp()) * 1000)::bigint)");
        q.bind(n).bind(file.path);
        ok = q.run().has_value();
      }
      if (!ok || !conn.exec("COMMIT")) {
        conn.exec("ROLLBACK");
        return fail(Errc::internal, "migration failed");
      }
      spdlog::info("store: applied migration {}", file.path);
      version = n;
    }
    return version;
  }();
  conn.exec(kMigrationUnlock);
  return result;
}

}  // namespace

bool is_postgres_url(std::string_view url) {
  return url.starts_with("postgres://") || url.starts_with("postgresql://");
}

PostgresStore::PostgresStore(std::unique_ptr<sql::Runner> runner, std::string url)
    : EngineStore(std::move(runner)), url_(std::move(url)) {}

PostgresStore::~PostgresStore() { close(); }

void PostgresStore::close() {
  stop_listening_ = true;
  if (listener_.joinable()) listener_.join();
  EngineStore::close();
}

void PostgresStore::listen(std::function<void(const std::string&)> heard, std::function<void()> missed) {
  listener_ = std::thread([this, heard = std::move(heard), missed = std::move(missed)] {
    bool first = true;
    while (!stop_listening_) {
      auto conn = postgres::connect(url_);
      if (!conn || !(*conn)->exec("LISTEN pillars")) {
        spdlog::warn("store: cannot listen for other instances; trying again in a second");
        for (int i = 0; i < 10 && !stop_listening_; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
        continue;
      }
      // Anything announced while nobody listened is lost: whoever caches starts afresh.
      if (!first) missed();
      first = false;
      PGconn* raw = (*conn)->raw();
      while (!stop_listening_) {
        pollfd fd{PQsocket(raw), POLLIN, 0};
        int ready = ::poll(&fd, 1, 200);
        if (ready < 0 && errno != EINTR) break;
        if (ready <= 0) continue;
        if (!PQconsumeInput(raw)) break;  // the connection dropped
        while (PGnotify* n = PQnotifies(raw)) {
          std::string message(n->extra);
          PQfreemem(n);
          heard(message);
        }
      }
      if (!stop_listening_) {
        spdlog::warn("store: lost the line to other instances; reconnecting");
        missed();
      }
    }
  });
}

int PostgresStore::latest_schema_version() {
  return sql::latest_migration(postgres_migration_files());
}

Result<int> PostgresStore::migrate(const std::string& url) {
  auto conn = postgres::connect(url);
  if (!conn) return std::unexpected(conn.error());
  return apply_migrations(**conn);
}

Result<std::unique_ptr<PostgresStore>> PostgresStore::open(const std::string& url,
                                                           std::shared_ptr<const crypto::Sealer> sealer,
                                                           PostgresOptions options) {
  if (!sealer) return fail(Errc::internal, "the store needs a sealer for text at rest");
  auto writer = postgres::connect(url);
  if (!writer) return std::unexpected(writer.error());
  auto version = apply_migrations(**writer);
  if (!version) return std::unexpected(version.error());
  std::vector<std::unique_ptr<sql::Conn>> readers;
  for (int i = 0; i < std::max(1, options.readers); ++i) {
    auto reader = postgres::connect(url);
    if (!reader) return std::unexpected(reader.error());
    readers.push_back(std::move(*reader));
  }
  sql::RunnerOptions run;
  run.max_batch = options.max_batch;
  // A read job sees one snapshot, as on SQLite.
  run.begin_read = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
  run.begin_write = "BEGIN";
  return std::unique_ptr<PostgresStore>(new PostgresStore(
      std::make_unique<sql::Runner>(std::move(*writer), std::move(readers), std::move(sealer), run), url));
}

}  // namespace pillars::store
