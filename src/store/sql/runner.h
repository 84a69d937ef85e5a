// The store's threads, whatever the engine: a pool of reader connections, each on its own thread,
// and one writer connection on its own thread that runs queued writes in groups, each job in a
// savepoint of one transaction, and calls every job's completion only after that transaction is
// durable (group commit). SqliteStore and PostgresStore each open their connections and hand them
// here. Internal to src/store.
#pragma once

#include <array>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "core/histogram.h"
#include "crypto/seal.h"
#include "store/sql/conn.h"
#include "store/store.h"

namespace pillars::store {

// The bounds of the group-commit size histogram: write jobs per committed transaction.
inline constexpr std::array<std::uint64_t, 10> kCommitSizeBounds{1, 2, 4, 8, 16, 32, 64, 128, 256, 512};

struct StoreStats {
  std::uint64_t reads = 0;
  std::uint64_t writes = 0;
  std::uint64_t commits = 0;       // group transactions; writes / commits is the mean group size
  std::uint64_t memory_bytes = 0;  // what the engine holds in this process now (SQLite's page caches)
  std::uint64_t write_queue = 0;   // write jobs waiting for the writer now
  std::uint64_t read_queue = 0;    // read jobs waiting for a reader now
};

namespace sql {

// A connection that stands for a closed store: nothing prepares, so every operation fails.
class ClosedConn final : public Conn {
 public:
  bool exec(const char*) override { return false; }
  Statement* prepare(const char*) override { return nullptr; }
  bool transaction_alive() override { return false; }
};

struct RunnerOptions {
  std::size_t max_batch = 512;     // most write jobs grouped into one transaction
  const char* begin_read = "BEGIN";  // a transaction that sees one snapshot
  const char* begin_write = "BEGIN";
  // Run before and after a bulk job's transaction, when set (a bigger page cache, say).
  const char* bulk_before = nullptr;
  const char* bulk_after = nullptr;
};

class Runner {
 public:
  Runner(std::unique_ptr<Conn> writer, std::vector<std::unique_ptr<Conn>> readers,
         std::shared_ptr<const crypto::Sealer> sealer, RunnerOptions options);
  ~Runner();

  void submit_read(Store::ReadJob job);
  // `bulk`: the job runs alone in a transaction of its own, its inserts batched (BatchConn).
  void submit_write(Store::WriteJob job, Store::Committed done, bool bulk = false);
  // Finishes queued jobs and stops the threads; `last` then runs on the writer connection (a
  // checkpoint, say) before every connection closes.
  void close(const std::function<void(Conn&)>& last = {});

  StoreStats stats() const;
  const Histogram& commit_sizes() const { return commit_sizes_; }

 private:
  static void run_read(const Store::ReadJob& job, Conn& conn, const crypto::Sealer* sealer);
  void reader_loop(Conn& conn);
  void writer_loop();
  struct Write {
    Store::WriteJob job;
    Store::Committed done;
    bool bulk = false;
  };
  void run_batch(std::vector<Write>& batch);
  void run_bulk(Write& write);

  RunnerOptions options_;
  std::shared_ptr<const crypto::Sealer> sealer_;
  std::unique_ptr<Conn> writer_;
  std::vector<std::unique_ptr<Conn>> readers_;

  mutable std::mutex mutex_;       // guards writes and closing
  mutable std::mutex read_mutex_;  // guards reads, so readers and the writer do not contend
  std::condition_variable wake_writer_;
  std::condition_variable wake_readers_;
  std::deque<Write> writes_;
  std::deque<Store::ReadJob> reads_;
  bool closing_ = false;  // written under both mutexes, read under either
  std::vector<std::thread> threads_;

  std::atomic<std::uint64_t> read_count_{0}, write_count_{0}, commit_count_{0};
  Histogram commit_sizes_{kCommitSizeBounds};
};

}  // namespace sql

// A Store whose work runs on a Runner: what SqliteStore and PostgresStore share.
class EngineStore : public Store {
 public:
  void submit_read(ReadJob job) override { runner_->submit_read(std::move(job)); }
  void submit_write(WriteJob job, Committed done) override { runner_->submit_write(std::move(job), std::move(done)); }
  void submit_bulk(WriteJob job, Committed done) override {
    runner_->submit_write(std::move(job), std::move(done), true);
  }
  void close() override {
    if (runner_) runner_->close();
  }

  virtual StoreStats stats() const { return runner_->stats(); }
  // Write jobs per committed transaction (bounds kCommitSizeBounds).
  const Histogram& commit_sizes() const { return runner_->commit_sizes(); }

 protected:
  explicit EngineStore(std::unique_ptr<sql::Runner> runner) : runner_(std::move(runner)) {}
  std::unique_ptr<sql::Runner> runner_;
};

}  // namespace pillars::store
