// `pillars seed`: a realistic data set for benchmarks, written fast. Many couples, each with a
// history of check-ins, entries (some shared, most of those answered), warm words, moments, deck
// answers and time of one's own, through the store's own write operations in bulk jobs
// (Store::submit_bulk), so every row is exactly what the app writes and reads. For benchmarks
// only: the people are invented, and every one of them has the same password.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/catalog.h"
#include "core/error.h"
#include "store/store.h"

namespace pillars::app {

struct SeedOptions {
  int couples = 1000;
  int days = 90;              // of history, ending today
  std::string password = "seed-password";
  int sessions = 0;           // couples (from the first) for whom both get a session, to load with
  std::uint64_t seed = 1;     // the random draws; the same seed gives the same history shape
  int couples_per_job = 200;  // one bulk transaction each
  int jobs = 2;               // writing in parallel, each on a store of its own (PostgreSQL only)
  // Which of the couples this call writes, [first, first + couples) of the whole run, and the run's
  // tag in the emails (drawn when empty): several calls on stores of their own may share a run.
  int first = 0;
  std::string run;
};

// A session made for the load generator: a cookie token and its CSRF value, for a person and bond.
struct SeededSession {
  std::string user_id;
  std::string bond_id;
  std::string token;
  std::string csrf;
};

struct SeedReport {
  int couples = 0;
  std::uint64_t checkins = 0, entries = 0, shares = 0, responses = 0, appreciations = 0, moments = 0,
                deck_answers = 0, notices = 0;
};

// Writes the couples; `sessions` receives the sessions each job made (a couple's two people one
// after the other); `progress` is called after each job with how many couples it wrote. Emails are
// seed-<run>-<n>-a|b@example.org, so seeding again with another run adds to what is there.
Result<SeedReport> seed_couples(store::Store& store, const Catalog& catalog, const SeedOptions& options, Millis now,
                                const std::function<void(const std::vector<SeededSession>&)>& sessions,
                                const std::function<void(int)>& progress);

}  // namespace pillars::app
