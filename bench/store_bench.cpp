// Group commit in the SQLite store: N threads each wait for one durable write at a time
// (write_now of a small session insert), the way N concurrent HTTP requests would. The store's
// single writer thread groups whatever is queued into one transaction, so throughput should grow
// with the number of waiting writers while each commit still pays one fsync.
//
// Run: build/bench/store_bench   (add --benchmark_min_time=5 for steadier numbers)
// Each run (thread count) gets a fresh store in its own folder under $TMPDIR, removed afterwards;
// put TMPDIR on a real disk, since fsync on tmpfs costs nothing.
// Counters: items_per_second = durable writes per second over all threads; group = mean number of
// writes per committed transaction during the run.
#include <benchmark/benchmark.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "crypto/seal.h"
#include "store/blocking.h"
#include "store/sqlite/sqlite_store.h"

namespace {

namespace fs = std::filesystem;
using pillars::Session;
using pillars::User;
using pillars::store::SqliteStore;
using pillars::store::WriteTx;
using pillars::store::write_now;

constexpr const char* kUserId = "bench-user";

// One store per benchmark run, shared by the run's threads; Setup and Teardown run on one thread
// before and after all of them.
struct Run {
  fs::path dir;
  std::unique_ptr<SqliteStore> store;
  pillars::store::StoreStats before;
};
std::unique_ptr<Run> g_run;
std::atomic<std::uint64_t> g_next_id{0};
std::atomic<int> g_run_number{0};

void setup(const benchmark::State&) {
  auto run = std::make_unique<Run>();
  run->dir = fs::temp_directory_path() /
             ("pillars-store-bench-" + std::to_string(::getpid()) + "-" + std::to_string(g_run_number++));
  fs::remove_all(run->dir);
  fs::create_directories(run->dir);
  auto key = pillars::crypto::Sealer::load_or_create((run->dir / "key").string());
  if (!key) {
    std::fprintf(stderr, "cannot make a key: %s\n", key.error().detail.c_str());
    std::abort();
  }
  auto sealer = std::make_shared<const pillars::crypto::Sealer>(std::move(*key));
  auto store = SqliteStore::open((run->dir / "pillars.db").string(), std::move(sealer));
  if (!store) {
    std::fprintf(stderr, "cannot open the store: %s\n", store.error().detail.c_str());
    std::abort();
  }
  run->store = std::move(*store);
  User user{kUserId, "bench@example.org", "Bench", "UTC", 1000};
  auto added = write_now(*run->store, [&](WriteTx& tx) { return tx.insert_user(user, "not-a-real-hash"); });
  if (!added) {
    std::fprintf(stderr, "cannot add the user: %s\n", added.error().detail.c_str());
    std::abort();
  }
  run->before = run->store->stats();
  g_run = std::move(run);
}

void teardown(const benchmark::State&) {
  if (!g_run) return;
  g_run->store->close();
  g_run->store.reset();
  std::error_code ec;
  fs::remove_all(g_run->dir, ec);
  g_run.reset();
}

Session next_session() {
  auto n = std::to_string(g_next_id.fetch_add(1, std::memory_order_relaxed));
  Session s;
  s.id = "s-" + n;
  s.user_id = kUserId;
  s.token_hash = "t-" + n;
  s.csrf = "c-" + n;
  s.user_agent = "store_bench";
  s.created_at = 1'700'000'000'000;
  s.last_seen_at = s.created_at;
  s.expires_at = s.created_at + 30LL * 24 * 3600 * 1000;
  return s;
}

void BM_DurableInsert(benchmark::State& state) {
  SqliteStore& store = *g_run->store;
  std::int64_t failed = 0;
  for (auto _ : state) {
    Session s = next_session();
    auto r = write_now(store, [&](WriteTx& tx) { return tx.insert_session(s); });
    if (!r) ++failed;
  }
  state.SetItemsProcessed(state.iterations());
  if (failed > 0) state.SkipWithError("a write failed");
  // The loop ends with a barrier, so every thread's writes are counted by now.
  if (state.thread_index() == 0) {
    auto after = store.stats();
    auto writes = after.writes - g_run->before.writes;
    auto commits = after.commits - g_run->before.commits;
    state.counters["group"] = commits > 0 ? static_cast<double>(writes) / static_cast<double>(commits) : 0.0;
  }
}

BENCHMARK(BM_DurableInsert)
    ->Setup(setup)
    ->Teardown(teardown)
    ->Threads(1)
    ->Threads(8)
    ->Threads(64)
    ->UseRealTime()
    ->Unit(benchmark::kMicrosecond);

}  // namespace

int main(int argc, char** argv) {
  spdlog::set_level(spdlog::level::warn);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
