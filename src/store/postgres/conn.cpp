#include "store/postgres/conn.h"

#include <charconv>
#include <cstdlib>

#include <spdlog/spdlog.h>

namespace pillars::store::postgres {

std::string number_parameters(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  char quote = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (quote) {
      if (c == quote) quote = 0;
      out += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      out += c;
    } else if (c == '?') {
      // ?NNN names its parameter (as SQLite reads it); a bare ? takes the next number.
      out += '$';
      if (i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
        while (i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') out += sql[++i];
      } else {
        out += std::to_string(++n);
      }
    } else {
      out += c;
    }
  }
  return out;
}

namespace {

std::string_view sql_head(std::string_view sql) { return sql.substr(0, std::min<std::size_t>(sql.size(), 80)); }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

void log_failure(const PGresult* result, std::string_view sql) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const char* constraint = result ? PQresultErrorField(result, PG_DIAG_CONSTRAINT_NAME) : nullptr;
  const char* message = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  std::string_view code = state ? state : "?";
  if (code.starts_with("23")) {
    spdlog::debug("store: constraint {} failed ({})", constraint ? constraint : "?", code);
    return;
  }
  // A data exception's message may quote the value (class 22); any other names only the schema.
  spdlog::error("store: statement failed ({}{}{}) in: {}", code, code.starts_with("22") || !message ? "" : ": ",
                code.starts_with("22") || !message ? "" : message, sql_head(sql));
}

Statement::Param& Statement::at(int index) {
  auto i = static_cast<std::size_t>(index - 1);
  if (params_.size() <= i) params_.resize(i + 1);
  bound_ = std::max(bound_, i + 1);
  return params_[i];
}

void Statement::set(int index, std::string_view value, int format) {
  Param& p = at(index);
  p.value.assign(value);
  p.null = false;
  p.format = format;
}

void Statement::bind_int(int index, std::int64_t value) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  set(index, std::string_view(buf, static_cast<std::size_t>(end - buf)), 0);
}

void Statement::bind_real(int index, double value) {
  char buf[40];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  set(index, std::string_view(buf, static_cast<std::size_t>(end - buf)), 0);
}

void Statement::bind_null(int index) {
  Param& p = at(index);
  p.null = true;
  p.format = 0;
}

sql::Step Statement::step() {
  if (!ran_) {
    ran_ = true;
    std::vector<const char*> values(bound_);
    std::vector<int> lengths(bound_), formats(bound_);
    for (std::size_t i = 0; i < bound_; ++i) {
      values[i] = params_[i].null ? nullptr : params_[i].value.data();
      lengths[i] = static_cast<int>(params_[i].value.size());
      formats[i] = params_[i].format;
    }
    result_ = PQexecPrepared(conn_, name_.c_str(), static_cast<int>(bound_), values.data(), lengths.data(),
                             formats.data(), 0);
    auto status = PQresultStatus(result_);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
      log_failure(result_, sql_);
      const char* state = PQresultErrorField(result_, PG_DIAG_SQLSTATE);
      PQclear(result_);
      result_ = nullptr;
      return state && std::string_view(state).starts_with("23") ? sql::Step::constraint : sql::Step::failed;
    }
    rows_ = PQntuples(result_);
    const char* tuples = PQcmdTuples(result_);
    changes_ = tuples && *tuples ? std::atoi(tuples) : 0;
    row_ = -1;
    // One slot per column, made once, so a decoded column stays put while others are decoded.
    bytes_.clear();
    bytes_.resize(static_cast<std::size_t>(PQnfields(result_)));
  }
  if (!result_) return sql::Step::failed;
  if (++row_ < rows_) return sql::Step::row;
  return sql::Step::done;
}

void Statement::reset() {
  if (result_) PQclear(result_);
  result_ = nullptr;
  ran_ = false;
  row_ = -1;
  rows_ = 0;
  bound_ = 0;
  for (auto& p : params_) p.null = true;
}

std::string_view Statement::text(int col) {
  if (!result_ || PQgetisnull(result_, row_, col)) return {};
  return std::string_view(PQgetvalue(result_, row_, col), static_cast<std::size_t>(PQgetlength(result_, row_, col)));
}

// Bytes come back as text in PostgreSQL's hex form (\x0a1b...), decoded once per row and column.
std::string_view Statement::blob(int col) {
  std::string_view hex = text(col);
  if (!hex.starts_with("\\x")) return hex;
  std::string& out = bytes_.at(static_cast<std::size_t>(col));
  out.clear();
  out.reserve((hex.size() - 2) / 2);
  for (std::size_t i = 2; i + 1 < hex.size(); i += 2)
    out += static_cast<char>(hex_value(hex[i]) * 16 + hex_value(hex[i + 1]));
  return out;
}

std::int64_t Statement::integer(int col) {
  std::string_view v = text(col);
  if (v == "t") return 1;  // a boolean expression (EXISTS, a comparison)
  if (v == "f") return 0;
  std::int64_t n = 0;
  std::from_chars(v.data(), v.data() + v.size(), n);
  return n;
}

double Statement::real(int col) {
  std::string v(text(col));
  return v.empty() ? 0.0 : std::strtod(v.c_str(), nullptr);
}

Conn::~Conn() {
  cache_.clear();
  if (conn_) PQfinish(conn_);
}

bool Conn::exec(const char* sql) {
  if (!conn_) return false;
  PGresult* r = PQexec(conn_, sql);
  auto status = PQresultStatus(r);
  bool ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
  if (!ok) log_failure(r, sql);
  PQclear(r);
  return ok;
}

sql::Statement* Conn::prepare(const char* sql) {
  if (!conn_) return nullptr;
  auto it = cache_.find(sql);
  if (it != cache_.end()) {
    it->second->reset();
    return it->second.get();
  }
  std::string name = "s" + std::to_string(cache_.size());
  std::string numbered = number_parameters(sql);
  PGresult* r = PQprepare(conn_, name.c_str(), numbered.c_str(), 0, nullptr);
  bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
  if (!ok) log_failure(r, sql);
  PQclear(r);
  if (!ok) return nullptr;
  return cache_.emplace(sql, std::make_unique<Statement>(conn_, std::move(name), sql)).first->second.get();
}

bool Conn::transaction_alive() {
  if (!conn_ || PQstatus(conn_) != CONNECTION_OK) return false;
  auto status = PQtransactionStatus(conn_);
  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR;
}

bool Conn::configure() {
  // Quiet notices (a table that exists already, say) instead of lines on stderr.
  PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
  return exec("SET client_min_messages = warning; SET TIME ZONE 'UTC'");
}

void Conn::revive() {
  if (!conn_ || PQstatus(conn_) == CONNECTION_OK) return;
  if (!broken_) spdlog::warn("store: the connection to PostgreSQL broke; connecting again");
  broken_ = true;
  PQreset(conn_);
  if (PQstatus(conn_) != CONNECTION_OK) return;  // tried again before the next job
  cache_.clear();
  if (!configure()) return;
  broken_ = false;
  spdlog::info("store: connected to PostgreSQL again");
}

bool Conn::statements_ok() { return conn_ && PQtransactionStatus(conn_) != PQTRANS_INERROR; }

Result<std::unique_ptr<Conn>> connect(const std::string& url) {
  PGconn* raw = PQconnectdb(url.c_str());
  auto conn = std::make_unique<Conn>(raw);
  if (!raw || PQstatus(raw) != CONNECTION_OK) {
    // libpq's message names the host and the reason, never the password.
    std::string why = raw ? PQerrorMessage(raw) : "out of memory";
    while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
    return fail(Errc::internal, "cannot connect to PostgreSQL: " + why);
  }
  if (!conn->configure()) return fail(Errc::internal, "cannot configure the PostgreSQL session");
  return conn;
}

}  // namespace pillars::store::postgres
