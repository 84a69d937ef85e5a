#include "store/sqlite/db.h"

#include <spdlog/spdlog.h>

namespace pillars::store::sqlite {

Conn::~Conn() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
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

sqlite3_stmt* Conn::prepare(const char* sql) {
  if (!db_) return nullptr;
  auto it = cache_.find(sql);
  if (it != cache_.end()) {
    sqlite3_reset(it->second);
    sqlite3_clear_bindings(it->second);
    return it->second;
  }
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
    spdlog::error("store: prepare failed: {}", sqlite3_errmsg(db_));
    return nullptr;
  }
  cache_.emplace(sql, stmt);
  return stmt;
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

bool Query::step() {
  if (!stmt_) return false;
  last_ = sqlite3_step(stmt_);
  if (last_ == SQLITE_ROW) return true;
  if (last_ != SQLITE_DONE) {
    failed_ = true;
    // A constraint failure is an expected answer (a taken email, say) that the caller turns into
    // a clear error; anything else is a fault worth an error line.
    if (is_constraint()) spdlog::debug("store: constraint failed ({})", last_);
    else spdlog::error("store: step failed: {} ({})", sqlite3_errmsg(conn_.db()), last_);
  }
  return false;
}

}  // namespace pillars::store::sqlite
