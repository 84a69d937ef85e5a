// Loading many rows at once (Store::submit_bulk): a connection that sends a job's inserts many rows
// per statement instead of one statement per row, so that seeding or importing costs a few hundred
// round trips to the database rather than one per row. The domain SQL runs over it unchanged.
//
// An insert of the form `INSERT INTO t (...) VALUES (?, ?, ...) [ON CONFLICT ...]`, its parameters
// all plain `?` inside the one VALUES group, is batchable: stepping it only keeps the row, and
// reports that the row was added. Pending rows go to the database as multi-row statements, table by
// table in the order the job first used each insert (so a parent table's rows go before its
// children's, as they were first written), when a table has a full batch (with the tables first
// used before it), before any
// other statement runs (so reads and updates see every earlier insert), and at flush(). A failing
// batch fails the job: statements_ok() turns false and the runner rolls the whole job back.
// Internal to src/store.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "store/sql/conn.h"

namespace pillars::store::sql {

// How an insert statement repeats its VALUES group: the SQL before it, the group itself and what
// follows it. Empty when the statement is not batchable.
struct InsertShape {
  std::string head;     // "INSERT INTO t (a, b) VALUES "
  std::string group;    // "(?, ?)"
  std::string tail;     // " ON CONFLICT DO NOTHING", or ""
  int parameters = 0;   // in the group
  bool batchable() const { return parameters > 0; }
};
InsertShape insert_shape(std::string_view sql);

// The statement for `rows` repetitions of the shape's group. The text lives as long as the process,
// since connections cache prepared statements by the address of their SQL.
const char* multi_row_sql(const InsertShape& shape, int rows);

class BatchConn final : public Conn {
 public:
  // Rows per statement are at most `max_rows`, and at most `max_parameters` parameters in all.
  BatchConn(Conn& inner, int max_rows = 256, int max_parameters = 30000);
  ~BatchConn() override;

  bool exec(const char* sql) override;
  Statement* prepare(const char* sql) override;
  bool transaction_alive() override { return inner_.transaction_alive(); }
  bool statements_ok() override { return ok_ && inner_.statements_ok(); }
  bool postgres() const override { return inner_.postgres(); }

  // Sends every pending row; false when a batch failed (then every later step fails too).
  bool flush();

  // Rows kept and statements sent so far, for the progress a seeding prints.
  std::uint64_t rows() const { return rows_; }
  std::uint64_t statements() const { return statements_; }

 private:
  friend class BatchStatement;
  friend class PassStatement;
  struct Table;
  struct Blob {
    std::string bytes;
  };
  using Value = std::variant<std::monostate, std::int64_t, double, std::string, Blob>;

  bool send(Table& table);
  void keep(Table& table, std::vector<Value>&& row);

  Conn& inner_;
  int max_rows_;
  int max_parameters_;
  bool ok_ = true;
  std::uint64_t rows_ = 0;
  std::uint64_t statements_ = 0;
  std::unordered_map<const char*, std::unique_ptr<Statement>> statements_by_sql_;
  std::vector<std::unique_ptr<Table>> tables_;  // in the order of their first use
};

}  // namespace pillars::store::sql
