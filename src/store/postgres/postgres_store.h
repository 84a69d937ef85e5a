// The PostgreSQL Store, chosen with --database postgres://...: the same operations as SQLite
// (src/store/sql), on a small pool of libpq connections — readers, each on its own thread, and one
// writer that commits queued writes in groups — so no I/O thread ever waits on the database. Many
// Pillars instances may share one database: each runs its own pool, and what one writes the
// others read at once. Live events and cache changes travel between instances through
// LISTEN/NOTIFY (Broadcast).
#pragma once

#include <atomic>
#include <functional>
#include <thread>
#include <memory>
#include <string>

#include "core/error.h"
#include "core/histogram.h"
#include "crypto/seal.h"
#include "store/sql/runner.h"
#include "store/store.h"

namespace pillars::store {

struct PostgresOptions {
  int readers = 4;              // reader connections, each with its own thread
  std::size_t max_batch = 512;  // most write jobs grouped into one transaction
};

// True for a --database value that names PostgreSQL (postgres:// or postgresql://).
bool is_postgres_url(std::string_view url);

class PostgresStore final : public EngineStore {
 public:
  // Connects, brings the schema up to date (one instance at a time) and starts the pool.
  static Result<std::unique_ptr<PostgresStore>> open(const std::string& url,
                                                     std::shared_ptr<const crypto::Sealer> sealer,
                                                     PostgresOptions options = {});
  // Applies pending migrations and returns the schema version reached.
  static Result<int> migrate(const std::string& url);
  static int latest_schema_version();

  ~PostgresStore() override;

  void close() override;
  bool shared() const override { return true; }
  // A thread of its own with a connection of its own that LISTENs; it reconnects by itself, and
  // says `missed` each time it does.
  void listen(std::function<void(const std::string& message)> heard, std::function<void()> missed) override;

 private:
  PostgresStore(std::unique_ptr<sql::Runner> runner, std::string url);
  std::string url_;
  std::atomic<bool> stop_listening_{false};
  std::thread listener_;
};

}  // namespace pillars::store
