#include "store/sqlite/db.h"

#include <spdlog/spdlog.h>

namespace pillars::store::sqlite {

Conn::~Conn() {
  cache_.clear();  // statements first
  sqlite3_close_v2(db_);
}

bool Conn::exec(const char* sql) {
  if (!db_) return false;
  char* message = nullptr;
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    spdlog::error("store: statement failed: {}", message ? message : sqlite3_errstr(rc));
    sqlite3_free(message);
    return false;
  }
  return true;
}

sql::Statement* Conn::prepare(const char* sql) {
  if (!db_) return nullptr;
  auto it = cache_.find(sql);
  if (it != cache_.end()) {
    it->second->reset();
    return it->second.get();
  }
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
    spdlog::error("store: prepare failed: {}", sqlite3_errmsg(db_));
    return nullptr;
  }
  return cache_.emplace(sql, std::make_unique<Statement>(db_, stmt)).first->second.get();
}

Result<std::unique_ptr<Conn>> open_conn(const std::string& path, bool read_only) {
  sqlite3* db = nullptr;
  int flags = (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
              SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  auto conn = std::make_unique<Conn>(db);
  if (rc != SQLITE_OK) {
    spdlog::error("store: cannot open the database: {}", sqlite3_errstr(rc));
    return fail(Errc::internal, "cannot open the database");
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, 5000);
  const char* pragmas = read_only ? "PRAGMA foreign_keys=ON; PRAGMA query_only=ON;"
                                  : "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON;";
  if (!conn->exec(pragmas)) return fail(Errc::internal, "cannot configure the database");
  return conn;
}

sql::Step Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return sql::Step::row;
  if (rc == SQLITE_DONE) return sql::Step::done;
  // A constraint failure is an expected answer (a taken email, say) that the caller turns into a
  // clear error; anything else is a fault worth an error line.
  if ((rc & 0xFF) == SQLITE_CONSTRAINT) {
    spdlog::debug("store: constraint failed ({})", rc);
    return sql::Step::constraint;
  }
  spdlog::error("store: step failed: {} ({})", sqlite3_errmsg(db_), rc);
  return sql::Step::failed;
}

}  // namespace pillars::store::sqlite
