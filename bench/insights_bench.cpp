// Insights over a long history: a partner bond with five years of daily check-ins from both, an
// entry every few days from each (half of them shared, most shared ones answered), a call for
// comfort a week and warm words every other day. Times what GET /api/v1/bonds/{id}/insights and
// GET /api/v1/me/insights do after the guard: the store reads in one read transaction, the rules
// of core/insights and the JSON written out. The target is under 5 ms for any window.
//
// Run: build/bench/insights_bench   (the store is built once in a folder under $TMPDIR). Times are
// wall-clock (UseRealTime): the work runs on a store reader thread while the caller waits.
#include <benchmark/benchmark.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "api/app_context.h"
#include "api/insights.h"
#include "crypto/seal.h"
#include "store/blocking.h"
#include "store/sqlite/sqlite_store.h"

namespace {

namespace fs = std::filesystem;
using namespace pillars;
using store::ReadTx;
using store::WriteTx;

constexpr int kYears = 5;
constexpr Day kLastDay = 20'789;  // 2026-12-02
constexpr Day kFirstDay = kLastDay - kYears * 365;
constexpr Millis kDay = 86'400'000;

struct World {
  fs::path dir;
  std::unique_ptr<store::SqliteStore> store;
  api::LoadedCatalog catalog;
  User ana{"u-ana", "ana@example.org", "Ana", "UTC", 1000, true, 300, true};
  User ben{"u-ben", "ben@example.org", "Ben", "UTC", 1000, true, std::nullopt, false};
  BondView bond_for_ana;
  std::size_t checkins = 0, entries = 0;
};
std::unique_ptr<World> g;

void die(const char* what, const Error& e) {
  std::fprintf(stderr, "%s: %s\n", what, e.detail.c_str());
  std::abort();
}

void build_world() {
  g = std::make_unique<World>();
  g->dir = fs::temp_directory_path() / ("pillars-insights-bench-" + std::to_string(::getpid()));
  fs::remove_all(g->dir);
  fs::create_directories(g->dir);
  auto key = crypto::Sealer::load_or_create((g->dir / "key").string());
  if (!key) die("key", key.error());
  auto opened = store::SqliteStore::open((g->dir / "pillars.db").string(),
                                         std::make_shared<const crypto::Sealer>(std::move(*key)));
  if (!opened) die("store", opened.error());
  g->store = std::move(*opened);
  auto catalog = api::load_catalog();
  if (!catalog) die("catalog", catalog.error());
  g->catalog = std::move(*catalog);

  const auto& families = g->catalog.catalog.families;
  auto word_of = [&](std::size_t i) {
    const auto& f = families[i % families.size()];
    return Feeling{f.word_ids[i % f.word_ids.size()], f.id, static_cast<int>(1 + i % 5)};
  };
  auto done = store::write_now(*g->store, [&](WriteTx& tx) -> Result<void> {
    for (const auto* u : {&g->ana, &g->ben}) {
      if (auto r = tx.insert_user(*u, "not-a-real-hash"); !r) return r;
      if (auto r = tx.update_user(*u, 1000); !r) return r;
    }
    if (auto r = tx.insert_bond("b-bench", BondKind::partner, g->ana.id, g->ben.id, 1000); !r) return r;
    int n = 0;
    for (Day day = kFirstDay; day <= kLastDay; ++day) {
      const Millis at = static_cast<Millis>(day) * kDay + 20 * 3'600'000;
      const int i = day - kFirstDay;
      for (int who = 0; who < 2; ++who) {
        const User& u = who == 0 ? g->ana : g->ben;
        CheckIn c;
        c.bond_id = "b-bench";
        c.from = Person{u.id, u.display_name};
        c.day = day;
        c.feelings = {word_of(static_cast<std::size_t>(i * 3 + who)), word_of(static_cast<std::size_t>(i * 7 + who + 1))};
        c.closeness_now = 1 + (i + who * 3) % 7;
        c.closeness_wanted = 1 + (i * 2 + who) % 7;
        c.need = static_cast<Need>((i + who) % 4);
        c.own_minutes = (i * 37 + who * 11) % 240;
        c.together_minutes = (i * 53 + who * 7) % 300;
        c.affection = i % 2 == 0;
        c.lovemaking = i % 5 == 0;
        c.guess_family = families[static_cast<std::size_t>(i + who) % families.size()].id;
        c.guess_closeness = 1 + (i + who) % 7;
        c.created_at = c.updated_at = at;
        if (auto r = tx.put_checkin(c); !r) return r;
        ++g->checkins;
        if ((i + who) % 3 == 0) {
          Entry e{"e-" + std::to_string(++n), u.id, static_cast<EntryKind>(i % 8),
                  {word_of(static_cast<std::size_t>(i + who)), word_of(static_cast<std::size_t>(i * 5 + who))},
                  "a private entry of some length, sealed at rest like every other", at, at, {}};
          if (auto r = tx.insert_entry(e); !r) return r;
          ++g->entries;
          if (i % 2 == 0) {
            if (auto r = tx.share_entry(e.id, "b-bench", u.id, at + 60'000); !r) return std::unexpected(r.error());
            const User& other = who == 0 ? g->ben : g->ana;
            if (i % 4 == 0)
              if (auto r = tx.insert_response({"r-" + e.id, e.id, "b-bench", Person{other.id, ""}, ResponseKind::hear,
                                               std::nullopt, at + 3'600'000});
                  !r)
                return r;
          }
        }
      }
      if (i % 7 == 0) {
        Request asked{"c-" + std::to_string(i), "b-bench", RequestKind::comfort, Person{i % 2 ? g->ana.id : g->ben.id, ""},
                      std::nullopt, std::nullopt, at, {}, {}, {}};
        if (auto r = tx.insert_request(asked); !r) return r;
        if (i % 3 != 0)
          if (auto r = tx.answer_request(asked.bond_id, asked.id, i % 2 ? g->ben.id : g->ana.id, at + 1'800'000, std::nullopt,
                                         std::nullopt);
              !r)
            return r;
      }
      if (i % 2 == 0) {
        Appreciation a{"a-" + std::to_string(i), "b-bench", Person{i % 4 ? g->ana.id : g->ben.id, ""},
                       static_cast<AppreciationKind>(i % 3), std::nullopt, at};
        if (auto r = tx.insert_appreciation(a); !r) return r;
      }
    }
    return {};
  });
  if (!done) die("history", done.error());
  auto bond = store::read_now(*g->store, [](ReadTx& tx) { return tx.bond_for_member("b-bench", "u-ana"); });
  if (!bond || !*bond) std::abort();
  g->bond_for_ana = **bond;
}

void BM_BondInsights(benchmark::State& state) {
  const Window window = window_ending(kLastDay, static_cast<int>(state.range(0)));
  std::size_t bytes = 0;
  for (auto _ : state) {
    auto out = store::read_now(*g->store, [&](ReadTx& tx) -> Result<std::string> {
      auto o = api::bond_insights_of(tx, g->catalog.catalog, g->ana, g->bond_for_ana, window, window.last);
      if (!o) return std::unexpected(o.error());
      return boost::json::serialize(*o);
    });
    if (!out) die("insights", out.error());
    bytes = out->size();
    benchmark::DoNotOptimize(bytes);
  }
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_BondInsights)->Arg(7)->Arg(28)->Arg(91)->Arg(365)->UseRealTime()->Unit(benchmark::kMillisecond);

void BM_MyInsights(benchmark::State& state) {
  const Window window = window_ending(kLastDay, static_cast<int>(state.range(0)));
  for (auto _ : state) {
    auto out = store::read_now(*g->store, [&](ReadTx& tx) -> Result<std::string> {
      auto o = api::my_insights_of(tx, g->ana, window);
      if (!o) return std::unexpected(o.error());
      return boost::json::serialize(*o);
    });
    if (!out) die("my insights", out.error());
    benchmark::DoNotOptimize(out->size());
  }
}
BENCHMARK(BM_MyInsights)->Arg(28)->Arg(365)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  spdlog::set_level(spdlog::level::warn);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  build_world();
  std::fprintf(stderr, "history: %zu check-ins and %zu entries over %d days\n", g->checkins, g->entries,
               kLastDay - kFirstDay + 1);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  g->store->close();
  std::error_code ec;
  fs::remove_all(g->dir, ec);
  return 0;
}
