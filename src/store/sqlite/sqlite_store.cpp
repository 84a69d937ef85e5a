// The reader pool, the writer thread and group commit. The SQL itself lives with its aggregate
// (accounts.cpp, bonds.cpp, inner_world.cpp, checkins.cpp), the schema in migrations.cpp and the
// connection plumbing in db.cpp.
#include "store/sqlite/sqlite_store.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include <spdlog/spdlog.h>

#include "store/sqlite/db.h"
#include "store/sqlite/migrations.h"
#include "store/sql/tx.h"

namespace pillars::store {

using sqlite::Conn;
using sqlite::Query;
using sql::SqlTx;

struct SqliteStore::Impl {
  SqliteOptions options;
  std::shared_ptr<const crypto::Sealer> sealer;
  std::unique_ptr<Conn> writer;
  std::vector<std::unique_ptr<Conn>> readers;

  std::mutex mutex;       // guards writes and closing
  std::mutex read_mutex;  // guards reads, so readers and the writer do not contend
  std::condition_variable wake_writer;
  std::condition_variable wake_readers;
  std::deque<std::pair<WriteJob, Committed>> writes;
  std::deque<ReadJob> reads;
  bool closing = false;  // written under both mutexes, read under either
  std::vector<std::thread> threads;

  std::atomic<std::uint64_t> read_count{0}, write_count{0}, commit_count{0};
  Histogram commit_sizes{kCommitSizeBounds};

  static void run_read(const ReadJob& job, Conn& conn, const crypto::Sealer* sealer) {
    SqlTx tx(conn, sealer);
    try {
      job(tx);
    } catch (const std::exception& e) {
      spdlog::error("store: read job threw: {}", e.what());
    }
  }

  void reader_loop(Conn& conn) {
    for (;;) {
      ReadJob job;
      {
        std::unique_lock lock(read_mutex);
        wake_readers.wait(lock, [&] { return closing || !reads.empty(); });
        if (reads.empty()) return;  // closing and drained
        job = std::move(reads.front());
        reads.pop_front();
      }
      // One snapshot for the whole job; BEGIN and COMMIT are prepared once per connection.
      Query(conn, "BEGIN").step();
      run_read(job, conn, sealer.get());
      Query(conn, "COMMIT").step();
      read_count.fetch_add(1, std::memory_order_relaxed);
    }
  }

  void writer_loop() {
    std::vector<std::pair<WriteJob, Committed>> batch;
    for (;;) {
      {
        std::unique_lock lock(mutex);
        wake_writer.wait(lock, [&] { return closing || !writes.empty(); });
        if (writes.empty()) return;
        while (!writes.empty() && batch.size() < options.max_batch) {
          batch.push_back(std::move(writes.front()));
          writes.pop_front();
        }
      }
      run_batch(batch);
      batch.clear();
    }
  }

  // Runs each job in its own savepoint inside one transaction, then commits once. A job that
  // returns false (or throws) is rolled back alone; the others still commit.
  void run_batch(std::vector<std::pair<WriteJob, Committed>>& batch) {
    Conn& conn = *writer;
    std::vector<bool> kept(batch.size(), false);
    bool began = conn.exec("BEGIN IMMEDIATE");
    SqlTx tx(conn, sealer.get());
    for (std::size_t i = 0; began && i < batch.size(); ++i) {
      conn.exec("SAVEPOINT job");
      bool keep = false;
      try {
        keep = batch[i].first(tx);
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
      if (!keep) conn.exec("ROLLBACK TO job");
      conn.exec("RELEASE job");
      kept[i] = keep;
    }
    bool durable = began && conn.exec("COMMIT");
    if (began && !durable) conn.exec("ROLLBACK");
    if (durable) {
      commit_count.fetch_add(1, std::memory_order_relaxed);
      commit_sizes.observe(batch.size());
    }
    write_count.fetch_add(batch.size(), std::memory_order_relaxed);
    for (std::size_t i = 0; i < batch.size(); ++i) {
      // A rolled-back job's own result already says why; its changes were undone, which is durable.
      bool ok = durable || !kept[i];
      if (!began) ok = false;
      if (batch[i].second) batch[i].second(ok);
    }
  }
};

SqliteStore::SqliteStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

SqliteStore::~SqliteStore() { close(); }

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path,
                                                       std::shared_ptr<const crypto::Sealer> sealer,
                                                       SqliteOptions options) {
  if (!sealer) return fail(Errc::internal, "the store needs a sealer for text at rest");
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->sealer = std::move(sealer);
  auto writer = sqlite::open_conn(path, false);
  if (!writer) return std::unexpected(writer.error());
  auto version = sqlite::apply_migrations(**writer);
  if (!version) return std::unexpected(version.error());
  impl->writer = std::move(*writer);
  for (int i = 0; i < std::max(1, options.readers); ++i) {
    auto reader = sqlite::open_conn(path, true);
    if (!reader) return std::unexpected(reader.error());
    impl->readers.push_back(std::move(*reader));
  }
  Impl* raw = impl.get();
  impl->threads.emplace_back([raw] { raw->writer_loop(); });
  for (auto& reader : impl->readers) {
    Conn* conn = reader.get();
    impl->threads.emplace_back([raw, conn] { raw->reader_loop(*conn); });
  }
  return std::unique_ptr<SqliteStore>(new SqliteStore(std::move(impl)));
}

void SqliteStore::submit_read(ReadJob job) {
  bool queued = false;
  {
    std::lock_guard lock(impl_->read_mutex);
    if (!impl_->closing) {
      impl_->reads.push_back(std::move(job));
      queued = true;
    }
  }
  if (queued) {
    impl_->wake_readers.notify_one();  // after unlocking: the woken reader need not wait for the lock
    return;
  }
  // After close the job still runs, here, over no connection: every operation fails, so a caller
  // waiting for its answer learns of the failure instead of waiting for ever.
  spdlog::warn("store: read submitted after close");
  Conn none(nullptr);
  Impl::run_read(job, none, nullptr);
}

void SqliteStore::submit_write(WriteJob job, Committed done) {
  bool queued = false;
  {
    std::lock_guard lock(impl_->mutex);
    if (!impl_->closing) {
      impl_->writes.emplace_back(std::move(job), std::move(done));
      queued = true;
    }
  }
  if (queued) {
    impl_->wake_writer.notify_one();
    return;
  }
  // After close the job does not run and its completion says so.
  if (done) done(false);
}

void SqliteStore::close() {
  if (!impl_) return;
  {
    std::scoped_lock lock(impl_->mutex, impl_->read_mutex);
    if (impl_->closing && impl_->threads.empty()) return;
    impl_->closing = true;
  }
  impl_->wake_writer.notify_all();
  impl_->wake_readers.notify_all();
  for (auto& t : impl_->threads) t.join();
  impl_->threads.clear();
  impl_->readers.clear();
  if (impl_->writer) {
    // Fold the WAL back into the main file so the data folder is one file at rest.
    impl_->writer->exec("PRAGMA wal_checkpoint(TRUNCATE)");
    impl_->writer.reset();
  }
}

StoreStats SqliteStore::stats() const {
  StoreStats s{impl_->read_count.load(), impl_->write_count.load(), impl_->commit_count.load(),
               static_cast<std::uint64_t>(sqlite3_memory_used())};
  {
    std::lock_guard lock(impl_->mutex);
    s.write_queue = impl_->writes.size();
  }
  {
    std::lock_guard lock(impl_->read_mutex);
    s.read_queue = impl_->reads.size();
  }
  return s;
}

const Histogram& SqliteStore::commit_sizes() const { return impl_->commit_sizes; }

}  // namespace pillars::store
