// The SQLite Store: WAL mode, foreign keys on, synchronous=FULL. One writer connection on its own
// thread commits queued writes in groups; a pool of read-only connections serves reads
// (src/store/sql/runner.h).
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "core/error.h"
#include "core/histogram.h"
#include "crypto/seal.h"
#include "store/sql/runner.h"
#include "store/store.h"

namespace pillars::store {

struct SqliteOptions {
  int readers = 4;              // reader connections, each with its own thread
  std::size_t max_batch = 512;  // most write jobs grouped into one transaction
};

class SqliteStore final : public Store {
 public:
  // Opens (creating if needed) the database at `path` and applies pending migrations. Free text is
  // sealed with `sealer` on the way in and opened on the way out.
  static Result<std::unique_ptr<SqliteStore>> open(const std::string& path,
                                                   std::shared_ptr<const crypto::Sealer> sealer,
                                                   SqliteOptions options = {});

  // Applies pending migrations to the database at `path` without starting any threads.
  // Returns the schema version reached.
  static Result<int> migrate(const std::string& path);

  // The number of the newest migration compiled into this binary.
  static int latest_schema_version();

  ~SqliteStore() override;

  void submit_read(ReadJob job) override;
  void submit_write(WriteJob job, Committed done) override;
  void close() override;

  StoreStats stats() const;
  // Write jobs per committed transaction (bounds kCommitSizeBounds).
  const Histogram& commit_sizes() const;

  struct Impl;

 private:
  explicit SqliteStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace pillars::store
