#include "store/sql/runner.h"

#include <algorithm>
#include <optional>

#include <spdlog/spdlog.h>

#include "store/sql/batch.h"
#include "store/sql/tx.h"

namespace pillars::store::sql {

Runner::Runner(std::unique_ptr<Conn> writer, std::vector<std::unique_ptr<Conn>> readers,
               std::shared_ptr<const crypto::Sealer> sealer, RunnerOptions options)
    : options_(options), sealer_(std::move(sealer)), writer_(std::move(writer)), readers_(std::move(readers)) {
  threads_.emplace_back([this] { writer_loop(); });
  for (auto& reader : readers_) {
    Conn* conn = reader.get();
    threads_.emplace_back([this, conn] { reader_loop(*conn); });
  }
}

Runner::~Runner() { close(); }

void Runner::run_read(const Store::ReadJob& job, Conn& conn, const crypto::Sealer* sealer) {
  SqlTx tx(conn, sealer);
  try {
    job(tx);
  } catch (const std::exception& e) {
    spdlog::error("store: read job threw: {}", e.what());
  }
}

void Runner::reader_loop(Conn& conn) {
  for (;;) {
    Store::ReadJob job;
    {
      std::unique_lock lock(read_mutex_);
      wake_readers_.wait(lock, [&] { return closing_ || !reads_.empty(); });
      if (reads_.empty()) return;  // closing and drained
      job = std::move(reads_.front());
      reads_.pop_front();
    }
    conn.revive();
    // One snapshot for the whole job; BEGIN and COMMIT are prepared once per connection.
    Query(conn, options_.begin_read).step();
    run_read(job, conn, sealer_.get());
    Query(conn, "COMMIT").step();
    read_count_.fetch_add(1, std::memory_order_relaxed);
  }
}

void Runner::writer_loop() {
  std::vector<Write> batch;
  for (;;) {
    std::optional<Write> bulk;
    {
      std::unique_lock lock(mutex_);
      wake_writer_.wait(lock, [&] { return closing_ || !writes_.empty(); });
      if (writes_.empty()) return;
      if (writes_.front().bulk) {
        bulk = std::move(writes_.front());
        writes_.pop_front();
      }
      while (!bulk && !writes_.empty() && !writes_.front().bulk && batch.size() < options_.max_batch) {
        batch.push_back(std::move(writes_.front()));
        writes_.pop_front();
      }
    }
    if (bulk) run_bulk(*bulk);
    else run_batch(batch);
    batch.clear();
  }
}

// Runs each job in its own savepoint inside one transaction, then commits once. A job that
// returns false (or throws, or leaves a failed statement behind) is rolled back alone; the others
// still commit.
void Runner::run_batch(std::vector<Write>& batch) {
  Conn& conn = *writer_;
  std::vector<bool> kept(batch.size(), false);
  // Jobs that said they succeeded but left a failed statement behind: undone, so reported as failed.
  std::vector<bool> spoiled(batch.size(), false);
  conn.revive();
  bool began = conn.exec(options_.begin_write);
  SqlTx tx(conn, sealer_.get());
  for (std::size_t i = 0; began && i < batch.size(); ++i) {
    conn.exec("SAVEPOINT job");
    bool keep = false;
    try {
      keep = batch[i].job(tx);
    } catch (const std::exception& e) {
      spdlog::error("store: write job threw: {}", e.what());
    }
    if (!conn.transaction_alive()) {
      // The engine rolled the whole transaction back (disk full, I/O error): nothing so far holds.
      spdlog::error("store: transaction aborted by the engine");
      std::fill(kept.begin(), kept.end(), false);
      began = false;
      break;
    }
    if (keep && !conn.statements_ok()) {
      spdlog::error("store: a write job went on after a failed statement; its changes are undone");
      spoiled[i] = true;
      keep = false;
    }
    if (!keep) conn.exec("ROLLBACK TO job");
    conn.exec("RELEASE job");
    kept[i] = keep;
  }
  bool durable = began && conn.exec("COMMIT");
  if (began && !durable) conn.exec("ROLLBACK");
  if (durable) {
    commit_count_.fetch_add(1, std::memory_order_relaxed);
    commit_sizes_.observe(batch.size());
  }
  write_count_.fetch_add(batch.size(), std::memory_order_relaxed);
  for (std::size_t i = 0; i < batch.size(); ++i) {
    // A rolled-back job's own result already says why; its changes were undone, which is durable.
    bool ok = (durable || !kept[i]) && !spoiled[i];
    if (!began) ok = false;
    if (batch[i].done) batch[i].done(ok);
  }
}

// A bulk job in a transaction of its own over a BatchConn: kept only when the job succeeded and
// every batch of its rows went in.
void Runner::run_bulk(Write& write) {
  Conn& conn = *writer_;
  conn.revive();
  if (options_.bulk_before) conn.exec(options_.bulk_before);
  bool ok = conn.exec(options_.begin_write);
  if (ok) {
    BatchConn batched(conn);
    SqlTx tx(batched, sealer_.get());
    bool keep = false;
    try {
      keep = write.job(tx);
    } catch (const std::exception& e) {
      spdlog::error("store: bulk job threw: {}", e.what());
    }
    keep = keep && batched.flush() && batched.statements_ok() && conn.transaction_alive();
    ok = keep && conn.exec("COMMIT");
    if (!ok) conn.exec("ROLLBACK");
    if (ok) {
      commit_count_.fetch_add(1, std::memory_order_relaxed);
      commit_sizes_.observe(1);
    }
  }
  if (options_.bulk_after) conn.exec(options_.bulk_after);
  write_count_.fetch_add(1, std::memory_order_relaxed);
  if (write.done) write.done(ok);
}

void Runner::submit_read(Store::ReadJob job) {
  bool queued = false;
  {
    std::lock_guard lock(read_mutex_);
    if (!closing_) {
      reads_.push_back(std::move(job));
      queued = true;
    }
  }
  if (queued) {
    wake_readers_.notify_one();  // after unlocking: the woken reader need not wait for the lock
    return;
  }
  // After close the job still runs, here, over no connection: every operation fails, so a caller
  // waiting for its answer learns of the failure instead of waiting for ever.
  spdlog::warn("store: read submitted after close");
  ClosedConn none;
  run_read(job, none, nullptr);
}

void Runner::submit_write(Store::WriteJob job, Store::Committed done, bool bulk) {
  bool queued = false;
  {
    std::lock_guard lock(mutex_);
    if (!closing_) {
      writes_.push_back(Write{std::move(job), std::move(done), bulk});
      queued = true;
    }
  }
  if (queued) {
    wake_writer_.notify_one();
    return;
  }
  // After close the job does not run and its completion says so.
  if (done) done(false);
}

void Runner::close(const std::function<void(Conn&)>& last) {
  {
    std::scoped_lock lock(mutex_, read_mutex_);
    if (closing_ && threads_.empty()) return;
    closing_ = true;
  }
  wake_writer_.notify_all();
  wake_readers_.notify_all();
  for (auto& t : threads_) t.join();
  threads_.clear();
  readers_.clear();
  if (writer_) {
    if (last) last(*writer_);
    writer_.reset();
  }
}

StoreStats Runner::stats() const {
  StoreStats s{read_count_.load(), write_count_.load(), commit_count_.load()};
  {
    std::lock_guard lock(mutex_);
    s.write_queue = writes_.size();
  }
  {
    std::lock_guard lock(read_mutex_);
    s.read_queue = reads_.size();
  }
  return s;
}

}  // namespace pillars::store::sql
