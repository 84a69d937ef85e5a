// What the domain SQL runs on, whatever the engine: a connection with a cache of prepared
// statements, and one statement's execution (Query). SQLite (src/store/sqlite) and PostgreSQL
// (src/store/postgres) each implement Conn and Statement; the operations in this folder are written
// once, in the SQL both engines accept, with `?` for parameters. Internal to src/store.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace pillars::store::sql {

// The outcome of one step of a statement.
enum class Step { row, done, constraint, failed };

// One prepared statement of a connection. Parameters are numbered from 1, columns from 0.
class Statement {
 public:
  virtual ~Statement() = default;

  virtual void bind_text(int index, std::string_view value) = 0;
  virtual void bind_int(int index, std::int64_t value) = 0;
  virtual void bind_real(int index, double value) = 0;
  virtual void bind_blob(int index, std::string_view bytes) = 0;
  virtual void bind_null(int index) = 0;

  // Runs the statement on the first call, then moves to the next row.
  virtual Step step() = 0;
  // Done with this use: rows and bindings go, ready for the next.
  virtual void reset() = 0;

  // The current row's columns. Views stay valid until the next step or reset.
  virtual std::string_view text(int col) = 0;
  virtual std::string_view blob(int col) = 0;
  virtual std::int64_t integer(int col) = 0;
  virtual double real(int col) = 0;
  virtual bool is_null(int col) = 0;

  // Rows changed by the last run of this statement.
  virtual int changes() = 0;
};

// A connection with its statement cache. Statements are keyed by the address of their SQL
// literal, so each call site prepares once per connection. A connection over no database stands
// for a closed store: every statement fails to prepare, so every operation fails.
class Conn {
 public:
  virtual ~Conn() = default;
  Conn() = default;
  Conn(const Conn&) = delete;
  Conn& operator=(const Conn&) = delete;

  // Runs statements that return no rows; logs and returns false on failure.
  virtual bool exec(const char* sql) = 0;
  // The cached statement for `sql`, ready to bind; nullptr when it cannot be prepared.
  virtual Statement* prepare(const char* sql) = 0;
  // False when the engine itself threw the open transaction away (an I/O error, say), so nothing
  // done in it will commit.
  virtual bool transaction_alive() = 0;
  // False when a statement failed in the open transaction and left it unusable until a rollback
  // to the job's savepoint (PostgreSQL); SQLite fails the statement alone.
  virtual bool statements_ok() { return true; }
  // Which SQL the engine speaks where the two differ (a handful of functions; see SqlTx::pick).
  virtual bool postgres() const { return false; }
  // Called between jobs, with no statement in use: a connection whose server went away (a database
  // restart) connects again here, so the store recovers without a restart of its own.
  virtual void revive() {}
};

// One statement execution: bind, step, read columns.
class Query {
 public:
  Query(Conn& conn, const char* sql) : stmt_(conn.prepare(sql)) {}
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  ~Query() {
    if (stmt_) stmt_->reset();
  }

  bool ok() const { return stmt_ != nullptr && !failed_; }

  Query& bind(std::string_view value) {
    if (stmt_) stmt_->bind_text(++index_, value);
    return *this;
  }
  Query& bind(const std::string& value) { return bind(std::string_view(value)); }
  Query& bind(const char* value) { return bind(std::string_view(value)); }
  Query& bind(std::int64_t value) {
    if (stmt_) stmt_->bind_int(++index_, value);
    return *this;
  }
  Query& bind(int value) { return bind(static_cast<std::int64_t>(value)); }
  Query& bind(double value) {
    if (stmt_) stmt_->bind_real(++index_, value);
    return *this;
  }
  // Binds bytes (sealed text).
  Query& bind_blob(std::string_view bytes) {
    if (stmt_) stmt_->bind_blob(++index_, bytes);
    return *this;
  }
  Query& bind_null() {
    if (stmt_) stmt_->bind_null(++index_);
    return *this;
  }
  Query& bind(const std::optional<std::string>& value) { return value ? bind(*value) : bind_null(); }
  Query& bind(const std::optional<std::int64_t>& value) { return value ? bind(*value) : bind_null(); }

  // Advances to the next row: true when there is one. Remembers a failure.
  bool step() {
    if (!stmt_) return false;
    last_ = stmt_->step();
    if (last_ == Step::row) return true;
    if (last_ != Step::done) failed_ = true;
    return false;
  }

  // Runs a statement that returns no rows.
  Result<void> run() {
    step();
    if (!ok()) return fail(is_constraint() ? Errc::conflict : Errc::internal, "storage failed");
    return {};
  }

  bool is_constraint() const { return last_ == Step::constraint; }
  int changes() const { return stmt_ ? stmt_->changes() : 0; }

  std::string_view blob(int col) const { return stmt_->blob(col); }
  std::string text(int col) const { return std::string(stmt_->text(col)); }
  std::int64_t integer(int col) const { return stmt_->integer(col); }
  double real(int col) const { return stmt_->real(col); }
  bool is_null(int col) const { return stmt_->is_null(col); }
  std::optional<std::string> opt_text(int col) const {
    return is_null(col) ? std::nullopt : std::optional(text(col));
  }
  std::optional<std::int64_t> opt_integer(int col) const {
    return is_null(col) ? std::nullopt : std::optional(integer(col));
  }

  Error error() const { return Error(Errc::internal, "storage failed"); }

 private:
  Statement* stmt_;
  int index_ = 0;
  Step last_ = Step::done;
  bool failed_ = false;
};

#define PILLARS_CHECK(q) \
  if (!(q).ok()) return std::unexpected((q).error())

}  // namespace pillars::store::sql
