// SQLite under the store's SQL: a connection with its statement cache and one prepared
// statement, as src/store/sql/conn.h asks, and opening a connection with the store's pragmas.
// Internal to src/store/sqlite.
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>
#include <unordered_map>

#include "store/sql/conn.h"

namespace pillars::store::sqlite {

using sql::Query;

class Statement final : public sql::Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~Statement() override { sqlite3_finalize(stmt_); }

  void bind_text(int index, std::string_view value) override {
    sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  }
  void bind_int(int index, std::int64_t value) override { sqlite3_bind_int64(stmt_, index, value); }
  void bind_real(int index, double value) override { sqlite3_bind_double(stmt_, index, value); }
  void bind_blob(int index, std::string_view bytes) override {
    sqlite3_bind_blob(stmt_, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
  }
  void bind_null(int index) override { sqlite3_bind_null(stmt_, index); }

  sql::Step step() override;
  void reset() override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

  std::string_view text(int col) override {
    auto p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : std::string_view();
  }
  std::string_view blob(int col) override {
    auto p = static_cast<const char*>(sqlite3_column_blob(stmt_, col));
    return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : std::string_view();
  }
  std::int64_t integer(int col) override { return sqlite3_column_int64(stmt_, col); }
  double real(int col) override { return sqlite3_column_double(stmt_, col); }
  bool is_null(int col) override { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  int changes() override { return sqlite3_changes(db_); }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

class Conn final : public sql::Conn {
 public:
  explicit Conn(sqlite3* db) : db_(db) {}
  ~Conn() override;

  sqlite3* db() const { return db_; }

  bool exec(const char* sql) override;
  sql::Statement* prepare(const char* sql) override;
  bool transaction_alive() override { return db_ != nullptr && !sqlite3_get_autocommit(db_); }

 private:
  sqlite3* db_;
  std::unordered_map<const char*, std::unique_ptr<Statement>> cache_;
};

// Opens the database at `path`: read-only connections with query_only, the writer with WAL,
// synchronous=FULL and foreign keys.
Result<std::unique_ptr<Conn>> open_conn(const std::string& path, bool read_only);

}  // namespace pillars::store::sqlite
