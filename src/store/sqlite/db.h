// The SQLite plumbing under the store: a connection with its statement cache, one statement's
// execution (Query), and opening a connection with the store's pragmas. Internal to src/store/sqlite.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/error.h"

namespace pillars::store::sqlite {

// A connection with a cache of prepared statements. Statements are keyed by the address of their
// SQL literal, so each call site prepares once per connection. A Conn over no database (nullptr)
// stands for a closed store: every statement fails to prepare, so every operation fails.
class Conn {
 public:
  explicit Conn(sqlite3* db) : db_(db) {}
  Conn(const Conn&) = delete;
  Conn& operator=(const Conn&) = delete;
  ~Conn();

  sqlite3* db() const { return db_; }

  // Runs one or more statements that return no rows; logs and returns false on failure.
  bool exec(const char* sql);
  // The cached statement for `sql`, reset and unbound; nullptr when it cannot be prepared.
  sqlite3_stmt* prepare(const char* sql);

 private:
  sqlite3* db_;
  std::unordered_map<const char*, sqlite3_stmt*> cache_;
};

// Opens the database at `path`: read-only connections with query_only, the writer with WAL,
// synchronous=FULL and foreign keys.
Result<std::unique_ptr<Conn>> open_conn(const std::string& path, bool read_only);

// One statement execution: bind, step, read columns.
class Query {
 public:
  Query(Conn& conn, const char* sql) : conn_(conn), stmt_(conn.prepare(sql)) {}
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  ~Query() {
    if (stmt_) sqlite3_reset(stmt_);
  }

  bool ok() const { return stmt_ != nullptr && !failed_; }

  Query& bind(const std::string& value) {
    if (stmt_) sqlite3_bind_text(stmt_, ++index_, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Query& bind(std::string_view value) {
    if (stmt_) sqlite3_bind_text(stmt_, ++index_, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Query& bind(const char* value) { return bind(std::string_view(value)); }
  Query& bind(std::int64_t value) {
    if (stmt_) sqlite3_bind_int64(stmt_, ++index_, value);
    return *this;
  }
  Query& bind(int value) { return bind(static_cast<std::int64_t>(value)); }
  Query& bind(double value) {
    if (stmt_) sqlite3_bind_double(stmt_, ++index_, value);
    return *this;
  }
  // Binds bytes as a BLOB (sealed text).
  Query& bind_blob(std::string_view bytes) {
    if (stmt_) sqlite3_bind_blob(stmt_, ++index_, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Query& bind_null() {
    if (stmt_) sqlite3_bind_null(stmt_, ++index_);
    return *this;
  }
  Query& bind(const std::optional<std::string>& value) {
    if (!value) {
      if (stmt_) sqlite3_bind_null(stmt_, ++index_);
      return *this;
    }
    return bind(*value);
  }
  Query& bind(const std::optional<std::int64_t>& value) {
    if (!value) {
      if (stmt_) sqlite3_bind_null(stmt_, ++index_);
      return *this;
    }
    return bind(*value);
  }

  // Advances to the next row: true when there is one. Sets the error code on failure.
  bool step();

  // Runs a statement that returns no rows.
  Result<void> run() {
    step();
    if (!ok()) return fail(is_constraint() ? Errc::conflict : Errc::internal, "storage failed");
    return {};
  }

  bool is_constraint() const { return (last_ & 0xFF) == SQLITE_CONSTRAINT; }
  int changes() const { return sqlite3_changes(conn_.db()); }

  std::string_view blob(int col) const {
    auto p = static_cast<const char*>(sqlite3_column_blob(stmt_, col));
    return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : std::string_view();
  }
  std::string text(int col) const {
    auto p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : std::string();
  }
  std::int64_t integer(int col) const { return sqlite3_column_int64(stmt_, col); }
  double real(int col) const { return sqlite3_column_double(stmt_, col); }
  bool is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::optional<std::string> opt_text(int col) const {
    return is_null(col) ? std::nullopt : std::optional(text(col));
  }
  std::optional<std::int64_t> opt_integer(int col) const {
    return is_null(col) ? std::nullopt : std::optional(integer(col));
  }

  Error error() const { return Error(Errc::internal, "storage failed"); }

 private:
  Conn& conn_;
  sqlite3_stmt* stmt_;
  int index_ = 0;
  int last_ = SQLITE_OK;
  bool failed_ = false;
};

#define PILLARS_CHECK(q) \
  if (!(q).ok()) return std::unexpected((q).error())

}  // namespace pillars::store::sqlite
