// PostgreSQL under the store's SQL, through libpq: a connection with its prepared statements and
// one statement's execution, as src/store/sql/conn.h asks. Parameters travel as text (bytes as
// binary) and rows come back as text. Internal to src/store/postgres.
#pragma once

#include <libpq-fe.h>

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "store/sql/conn.h"

namespace pillars::store::postgres {

// The shared SQL writes `?` for each parameter; PostgreSQL numbers them ($1, $2, ...). Question
// marks inside quoted strings and identifiers are left alone.
std::string number_parameters(std::string_view sql);

class Statement final : public sql::Statement {
 public:
  Statement(PGconn* conn, std::string name, std::string sql) : conn_(conn), name_(std::move(name)), sql_(std::move(sql)) {}
  ~Statement() override { reset(); }

  void bind_text(int index, std::string_view value) override { set(index, value, 0); }
  void bind_int(int index, std::int64_t value) override;
  void bind_real(int index, double value) override;
  void bind_blob(int index, std::string_view bytes) override { set(index, bytes, 1); }
  void bind_null(int index) override;

  sql::Step step() override;
  void reset() override;

  std::string_view text(int col) override;
  std::string_view blob(int col) override;
  std::int64_t integer(int col) override;
  double real(int col) override;
  bool is_null(int col) override { return !result_ || PQgetisnull(result_, row_, col); }
  int changes() override { return changes_; }

 private:
  struct Param {
    std::string value;
    bool null = true;
    int format = 0;  // 0 text, 1 binary
  };
  void set(int index, std::string_view value, int format);
  Param& at(int index);

  PGconn* conn_;
  std::string name_;
  std::string sql_;  // as written, for the log
  std::vector<Param> params_;
  std::size_t bound_ = 0;
  PGresult* result_ = nullptr;
  bool ran_ = false;
  int row_ = -1;
  int rows_ = 0;
  int changes_ = 0;
  std::vector<std::string> bytes_;  // the current row's decoded byte columns
};

class Conn final : public sql::Conn {
 public:
  explicit Conn(PGconn* conn) : conn_(conn) {}
  ~Conn() override;

  PGconn* raw() const { return conn_; }

  bool exec(const char* sql) override;
  sql::Statement* prepare(const char* sql) override;
  bool transaction_alive() override;
  bool statements_ok() override;
  bool postgres() const override { return true; }
  // Reconnects (PQreset) when the connection is broken; the prepared statements go with the old
  // session and are prepared again as they are used.
  void revive() override;
  // The session settings every connection runs with, from connect() and after a reconnect.
  bool configure();

 private:
  PGconn* conn_;
  bool broken_ = false;  // logged once per outage
  std::unordered_map<const char*, std::unique_ptr<Statement>> cache_;
};

// Connects to `url` (a libpq connection URI or keyword string). Errors name no password.
Result<std::unique_ptr<Conn>> connect(const std::string& url);

// Logs a failed result: its SQLSTATE and the statement it came from, never the values in it.
void log_failure(const PGresult* result, std::string_view sql);

}  // namespace pillars::store::postgres
