// The runner shared by both engines: a write job that says it succeeded after one of its statements
// failed (PostgreSQL then spoils the transaction up to the job's savepoint) is undone, and its
// caller is told so rather than told it was saved.
#include <gtest/gtest.h>

#include <future>

#include "crypto/crypto.h"
#include "crypto/seal.h"
#include "store/sql/runner.h"

namespace pillars::store::sql {
namespace {

// A connection that runs nothing and remembers what it was told; `spoil` stands for a failed
// statement inside the open transaction.
class FakeConn final : public Conn {
 public:
  explicit FakeConn(std::vector<std::string>* log) : log_(log) {}
  bool exec(const char* sql) override {
    log_->push_back(sql);
    if (std::string_view(sql).starts_with("ROLLBACK TO")) spoiled = false;
    return true;
  }
  Statement* prepare(const char*) override { return nullptr; }
  bool transaction_alive() override { return true; }
  bool statements_ok() override { return !spoiled; }
  bool spoiled = false;

 private:
  std::vector<std::string>* log_;
};

TEST(Runner, AJobThatWentOnAfterAFailedStatementIsUndoneAndReportedFailed) {
  ASSERT_TRUE(crypto::init());
  std::vector<std::string> log;
  auto writer = std::make_unique<FakeConn>(&log);
  FakeConn* conn = writer.get();
  std::vector<std::unique_ptr<Conn>> readers;
  readers.push_back(std::make_unique<FakeConn>(&log));
  auto sealer = std::make_shared<const crypto::Sealer>(*crypto::Sealer::from_hex(std::string(64, 'a')));
  Runner runner(std::move(writer), std::move(readers), sealer, RunnerOptions{});

  std::promise<bool> spoiled_done, clean_done;
  runner.submit_write(
      [conn](WriteTx&) {
        conn->spoiled = true;  // a statement failed, and the job carried on
        return true;
      },
      [&](bool ok) { spoiled_done.set_value(ok); });
  EXPECT_FALSE(spoiled_done.get_future().get());
  runner.submit_write([](WriteTx&) { return true; }, [&](bool ok) { clean_done.set_value(ok); });
  EXPECT_TRUE(clean_done.get_future().get());
  runner.close();

  auto rolled_back = std::count(log.begin(), log.end(), std::string("ROLLBACK TO job"));
  EXPECT_EQ(rolled_back, 1) << "only the spoiled job is undone";
}

}  // namespace
}  // namespace pillars::store::sql
