// Loading many rows at once: the batching connection under Store::submit_bulk, and `pillars seed`
// writing couples whose history the app reads back exactly as it reads what people wrote.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>

#include "api/app_context.h"
#include "app/seed.h"
#include "core/checkin.h"
#include "crypto/crypto.h"
#include "store/blocking.h"
#include "store/sql/batch.h"
#include "store/sqlite/db.h"
#include "store/sqlite/sqlite_store.h"
#include "seeded_store.h"

namespace pillars {
namespace {

namespace fs = std::filesystem;
using store::sql::BatchConn;
using store::sql::insert_shape;
using store::sql::Query;
constexpr Millis kDayMs = 86'400'000;

TEST(InsertShape, RepeatsTheValuesGroupOfAPlainInsert) {
  auto s = insert_shape("INSERT INTO t (a, b) VALUES (?, ?) ON CONFLICT DO NOTHING");
  ASSERT_TRUE(s.batchable());
  EXPECT_EQ(s.parameters, 2);
  EXPECT_EQ(std::string(store::sql::multi_row_sql(s, 3)),
            "INSERT INTO t (a, b) VALUES (?, ?), (?, ?), (?, ?) ON CONFLICT DO NOTHING");
  auto nested = insert_shape("INSERT INTO t (a, b) VALUES (?, CAST(? AS TEXT))");
  ASSERT_TRUE(nested.batchable());
  EXPECT_EQ(nested.group, "(?, CAST(? AS TEXT))");
}

TEST(InsertShape, LeavesWhatCannotBeRepeatedAlone) {
  EXPECT_FALSE(insert_shape("SELECT * FROM t WHERE a = ?").batchable());
  EXPECT_FALSE(insert_shape("UPDATE t SET a = ? WHERE b = ?").batchable());
  EXPECT_FALSE(insert_shape("INSERT INTO t (a, b) VALUES (?1, ?1)").batchable()) << "numbered parameters";
  EXPECT_FALSE(insert_shape("INSERT INTO t (a) VALUES (?) ON CONFLICT (a) DO UPDATE SET a = ?").batchable());
  EXPECT_FALSE(insert_shape("INSERT INTO t (a) VALUES (?) RETURNING a").batchable());
  EXPECT_FALSE(insert_shape("INSERT INTO t (a, b) VALUES (?, 'x')").batchable()) << "a literal";
  EXPECT_FALSE(insert_shape("INSERT INTO t (a) SELECT ?").batchable());
}

class Batch : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = fs::temp_directory_path() / ("pillars-batch-" + std::to_string(::getpid()) + ".db");
    fs::remove(path_);
    auto c = store::sqlite::open_conn(path_.string(), false);
    ASSERT_TRUE(c) << c.error().detail;
    conn_ = std::move(*c);
    ASSERT_TRUE(conn_->exec("CREATE TABLE p (id INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT;"
                            "CREATE TABLE c (p INTEGER NOT NULL REFERENCES p(id), n INTEGER NOT NULL, b BLOB,"
                            " PRIMARY KEY (p, n)) STRICT;"));
  }
  void TearDown() override {
    conn_.reset();
    fs::remove(path_);
  }
  std::int64_t count(const char* sql) {
    Query q(*conn_, sql);
    return q.step() ? q.integer(0) : -1;
  }
  fs::path path_;
  std::unique_ptr<store::sqlite::Conn> conn_;
};

TEST_F(Batch, SendsRowsManyPerStatementParentsFirstAndReadsSeeThem) {
  ASSERT_TRUE(conn_->exec("BEGIN"));
  BatchConn batch(*conn_, 8);
  for (int i = 0; i < 20; ++i) {
    Query parent(batch, "INSERT INTO p (id, name) VALUES (?, ?)");
    parent.bind(i).bind("parent");
    ASSERT_TRUE(parent.run());
    EXPECT_EQ(parent.changes(), 1);
    for (int n = 0; n < 3; ++n) {
      Query child(batch, "INSERT INTO c (p, n, b) VALUES (?, ?, ?)");
      child.bind(i).bind(n);
      if (n == 0) child.bind_null();
      else child.bind_blob("\x01\x02");
      ASSERT_TRUE(child.run());
    }
  }
  // A read inside the job sees every insert before it.
  Query seen(batch, "SELECT count(*) FROM c WHERE b IS NULL");
  ASSERT_TRUE(seen.step());
  EXPECT_EQ(seen.integer(0), 20);
  ASSERT_TRUE(batch.flush());
  EXPECT_TRUE(batch.statements_ok());
  EXPECT_EQ(batch.rows(), 80u);
  // Far fewer statements than rows: each full batch of children takes the parents' pending rows
  // along (they may be named), so 60 children in batches of 8 and 20 parents come to about 21.
  EXPECT_LE(batch.statements(), 24u);
  EXPECT_GE(batch.statements(), 10u);
  ASSERT_TRUE(conn_->exec("COMMIT"));
  EXPECT_EQ(count("SELECT count(*) FROM p"), 20);
  EXPECT_EQ(count("SELECT count(*) FROM c"), 60);
  EXPECT_EQ(count("SELECT count(*) FROM c WHERE b = X'0102'"), 40);
}

TEST_F(Batch, ARowThatCannotGoInFailsTheJob) {
  ASSERT_TRUE(conn_->exec("BEGIN"));
  BatchConn batch(*conn_);
  for (int i : {1, 2, 1}) {
    Query q(batch, "INSERT INTO p (id, name) VALUES (?, ?)");
    q.bind(i).bind("twice");
    EXPECT_TRUE(q.run()) << "kept, not yet sent";
  }
  EXPECT_FALSE(batch.flush());
  EXPECT_FALSE(batch.statements_ok());
  Query after(batch, "INSERT INTO p (id, name) VALUES (?, ?)");
  after.bind(9).bind("later");
  EXPECT_FALSE(after.run()) << "nothing more goes in once a batch failed";
  ASSERT_TRUE(conn_->exec("ROLLBACK"));
  EXPECT_EQ(count("SELECT count(*) FROM p"), 0);
}

class Seed : public testing::SeededStore {
 protected:
  Seed() : SeededStore("seed") {}
};

TEST_F(Seed, WritesCouplesTheAppReadsBack) {
  const Millis now = 20'000 * kDayMs + 21 * 3'600'000;
  app::SeedOptions options;
  options.couples = 5;
  options.days = 30;
  options.sessions = 2;
  options.couples_per_job = 2;
  std::vector<app::SeededSession> sessions;
  std::vector<int> progress;
  auto report = app::seed_couples(
      *store_, catalog_, options, now,
      [&](const std::vector<app::SeededSession>& made) { sessions.insert(sessions.end(), made.begin(), made.end()); },
      [&](int done) { progress.push_back(done); });
  ASSERT_TRUE(report) << report.error().detail;
  EXPECT_EQ(report->couples, 5);
  EXPECT_EQ(progress, (std::vector<int>{2, 2, 1})) << "couples per job";
  ASSERT_EQ(sessions.size(), 4u) << "both people of the first two couples";
  // About one check-in every other day per person: 5 couples, 29 days before today.
  EXPECT_GT(report->checkins, 90u);
  EXPECT_LT(report->checkins, 200u);
  EXPECT_GT(report->shares, 0u);

  std::uint64_t checkins = 0, shared = 0;
  store::read_now(*store_, [&](store::ReadTx& tx) {
    for (const auto& s : sessions) {
      auto signed_in = tx.session_by_token_hash(crypto::token_hash(s.token), now).value();
      EXPECT_TRUE(signed_in) << "the session works";
      if (!signed_in) continue;
      EXPECT_EQ(signed_in->user.id, s.user_id);
      EXPECT_EQ(signed_in->session.csrf, s.csrf);
      auto bond = tx.bond_for_member(s.bond_id, s.user_id).value();
      EXPECT_TRUE(bond && bond->status == BondStatus::active);
    }
    for (std::size_t i = 0; i < sessions.size(); i += 2) {
      const auto& bond = sessions[i].bond_id;
      auto list = tx.checkins_between(bond, utc_day(now) - 40, utc_day(now)).value();
      checkins += list.size();
      for (const auto& c : list) {
        EXPECT_FALSE(c.feelings.empty());
        EXPECT_GE(c.closeness_now, 1);
        EXPECT_LE(c.closeness_now, 7);
      }
      auto page = tx.shared_in_bond(bond, std::nullopt, 100).value();
      shared += page.size();
      for (const auto& e : page) EXPECT_GT(e.entry.body.size(), 20u) << "the sealed body opens";
      EXPECT_FALSE(tx.reveals(bond).value().empty());
    }
    return true;
  });
  EXPECT_GT(checkins, 20u);
  EXPECT_GT(shared, 0u);
  // And everyone's password is the one given.
  auto ada = store::read_now(*store_, [&](store::ReadTx& tx) { return tx.password_hash(sessions[0].user_id); });
  ASSERT_TRUE(ada && *ada);
  EXPECT_TRUE(crypto::verify_password(options.password, **ada));
}

}  // namespace
}  // namespace pillars
