#include "store/sql/batch.h"

#include <mutex>
#include <set>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace pillars::store::sql {

InsertShape insert_shape(std::string_view sql) {
  InsertShape none;
  if (!sql.starts_with("INSERT INTO ")) return none;
  const auto values = sql.find(" VALUES (");
  if (values == std::string_view::npos) return none;
  const auto open = values + 8;
  int depth = 0;
  int parameters = 0;
  std::size_t close = std::string_view::npos;
  for (std::size_t i = open; i < sql.size(); ++i) {
    const char c = sql[i];
    if (c == '\'' || c == '"') return none;  // literals could hide a ? or a bracket; not worth reading
    if (c == '(') ++depth;
    if (c == ')' && --depth == 0) {
      close = i;
      break;
    }
    if (c == '?') {
      if (i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') return none;  // numbered: not repeatable
      ++parameters;
    }
  }
  if (close == std::string_view::npos || parameters == 0) return none;
  const std::string_view tail = sql.substr(close + 1);
  if (tail.find('?') != std::string_view::npos || tail.find("RETURNING") != std::string_view::npos ||
      tail.find(" VALUES ") != std::string_view::npos)
    return none;
  return {std::string(sql.substr(0, open)), std::string(sql.substr(open, close + 1 - open)), std::string(tail),
          parameters};
}

const char* multi_row_sql(const InsertShape& shape, int rows) {
  // Interned for the life of the process: a few templates times a few sizes.
  static std::mutex mutex;
  static std::set<std::string, std::less<>> interned;
  std::string sql = shape.head;
  sql.reserve(shape.head.size() + static_cast<std::size_t>(rows) * (shape.group.size() + 2) + shape.tail.size());
  for (int r = 0; r < rows; ++r) {
    if (r > 0) sql += ", ";
    sql += shape.group;
  }
  sql += shape.tail;
  std::lock_guard lock(mutex);
  return interned.insert(std::move(sql)).first->c_str();
}

// One batchable insert: its shape and its pending rows.
struct BatchConn::Table {
  InsertShape shape;
  std::vector<std::vector<Value>> rows;
};

// Stepping keeps the bound row; there is nothing to read back.
class BatchStatement final : public Statement {
 public:
  BatchStatement(BatchConn& conn, BatchConn::Table& table) : conn_(conn), table_(table) {}

  void bind_text(int index, std::string_view value) override { at(index) = std::string(value); }
  void bind_int(int index, std::int64_t value) override { at(index) = value; }
  void bind_real(int index, double value) override { at(index) = value; }
  void bind_blob(int index, std::string_view bytes) override { at(index) = BatchConn::Blob{std::string(bytes)}; }
  void bind_null(int index) override { at(index) = std::monostate{}; }

  Step step() override {
    if (!conn_.ok_) return Step::failed;
    row_.resize(static_cast<std::size_t>(table_.shape.parameters));
    conn_.keep(table_, std::move(row_));
    row_.clear();
    return conn_.ok_ ? Step::done : Step::failed;
  }
  void reset() override { row_.clear(); }

  std::string_view text(int) override { return {}; }
  std::string_view blob(int) override { return {}; }
  std::int64_t integer(int) override { return 0; }
  double real(int) override { return 0; }
  bool is_null(int) override { return true; }
  int changes() override { return 1; }

 private:
  BatchConn::Value& at(int index) {
    const auto i = static_cast<std::size_t>(index - 1);
    if (row_.size() <= i) row_.resize(i + 1);
    return row_[i];
  }

  BatchConn& conn_;
  BatchConn::Table& table_;
  std::vector<BatchConn::Value> row_;
};

// Any other statement: every pending row goes first, then it runs as it would anywhere.
class PassStatement final : public Statement {
 public:
  PassStatement(BatchConn& conn, Statement& inner) : conn_(conn), inner_(inner) {}

  void bind_text(int index, std::string_view value) override { inner_.bind_text(index, value); }
  void bind_int(int index, std::int64_t value) override { inner_.bind_int(index, value); }
  void bind_real(int index, double value) override { inner_.bind_real(index, value); }
  void bind_blob(int index, std::string_view bytes) override { inner_.bind_blob(index, bytes); }
  void bind_null(int index) override { inner_.bind_null(index); }
  Step step() override { return conn_.flush() ? inner_.step() : Step::failed; }
  void reset() override { inner_.reset(); }
  std::string_view text(int col) override { return inner_.text(col); }
  std::string_view blob(int col) override { return inner_.blob(col); }
  std::int64_t integer(int col) override { return inner_.integer(col); }
  double real(int col) override { return inner_.real(col); }
  bool is_null(int col) override { return inner_.is_null(col); }
  int changes() override { return inner_.changes(); }

 private:
  BatchConn& conn_;
  Statement& inner_;
};

BatchConn::BatchConn(Conn& inner, int max_rows, int max_parameters)
    : inner_(inner), max_rows_(max_rows), max_parameters_(max_parameters) {}

BatchConn::~BatchConn() = default;

bool BatchConn::exec(const char* sql) { return flush() && inner_.exec(sql); }

Statement* BatchConn::prepare(const char* sql) {
  if (auto it = statements_by_sql_.find(sql); it != statements_by_sql_.end()) return it->second.get();
  std::unique_ptr<Statement> made;
  if (auto shape = insert_shape(sql); shape.batchable()) {
    tables_.push_back(std::make_unique<Table>(Table{std::move(shape), {}}));
    made = std::make_unique<BatchStatement>(*this, *tables_.back());
  } else {
    Statement* inner = inner_.prepare(sql);
    if (!inner) return nullptr;
    made = std::make_unique<PassStatement>(*this, *inner);
  }
  return statements_by_sql_.emplace(sql, std::move(made)).first->second.get();
}

void BatchConn::keep(Table& table, std::vector<Value>&& row) {
  table.rows.push_back(std::move(row));
  ++rows_;
  const int per_statement = std::max(1, std::min(max_rows_, max_parameters_ / table.shape.parameters));
  if (table.rows.size() < static_cast<std::size_t>(per_statement)) return;
  // A full table goes, after the tables first used before it (whose rows it may name); those used
  // after it wait.
  for (auto& t : tables_) {
    if (!t->rows.empty() && ok_ && !send(*t)) ok_ = false;
    t->rows.clear();
    if (t.get() == &table) break;
  }
}

bool BatchConn::flush() {
  if (!ok_) return false;
  // In the order the job first used each insert: a parent table's before its children's.
  for (auto& table : tables_) {
    if (table->rows.empty()) continue;
    if (ok_ && !send(*table)) ok_ = false;
    table->rows.clear();
  }
  return ok_;
}

// The table's rows in statements of the full size, then the rest in powers of two, so each
// connection prepares a handful of statements per table however many rows come.
bool BatchConn::send(Table& table) {
  const int per_statement = std::max(1, std::min(max_rows_, max_parameters_ / table.shape.parameters));
  std::size_t next = 0;
  while (next < table.rows.size()) {
    const std::size_t left = table.rows.size() - next;
    int rows = per_statement;
    if (left < static_cast<std::size_t>(per_statement)) {
      rows = 1;
      while (static_cast<std::size_t>(rows) * 2 <= left) rows *= 2;
    }
    Statement* stmt = inner_.prepare(multi_row_sql(table.shape, rows));
    if (!stmt) return false;
    int index = 0;
    for (int r = 0; r < rows; ++r) {
      for (auto& value : table.rows[next + static_cast<std::size_t>(r)]) {
        ++index;
        std::visit(
            [&](auto& v) {
              using V = std::decay_t<decltype(v)>;
              if constexpr (std::is_same_v<V, std::monostate>) stmt->bind_null(index);
              else if constexpr (std::is_same_v<V, std::int64_t>) stmt->bind_int(index, v);
              else if constexpr (std::is_same_v<V, double>) stmt->bind_real(index, v);
              else if constexpr (std::is_same_v<V, std::string>) stmt->bind_text(index, v);
              else stmt->bind_blob(index, v.bytes);
            },
            value);
      }
    }
    const Step step = stmt->step();
    stmt->reset();
    ++statements_;
    if (step != Step::done) {
      spdlog::error("store: a batch of {} rows failed ({})", rows, table.shape.head.substr(0, 40));
      return false;
    }
    next += static_cast<std::size_t>(rows);
  }
  return true;
}

}  // namespace pillars::store::sql
