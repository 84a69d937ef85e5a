#include "store/sqlite/backup.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "store/blocking.h"
#include "store/sqlite/sqlite_store.h"

namespace pillars::store {
namespace {

namespace fs = std::filesystem;

// A SQLite header: the magic, the page size, the change counter, the page count and the number
// the page count is valid for.
std::string header(std::uint32_t page_size_field, std::uint32_t pages, std::uint32_t counter, std::uint32_t valid_for) {
  std::string h(kSqliteHeaderBytes, '\0');
  h.replace(0, 16, std::string("SQLite format 3\0", 16));
  auto put = [&h](std::size_t at, std::uint32_t value, int width) {
    for (int i = width - 1; i >= 0; --i, value >>= 8) h[at + static_cast<std::size_t>(i)] = static_cast<char>(value & 0xFF);
  };
  put(16, page_size_field, 2);
  put(24, counter, 4);
  put(28, pages, 4);
  put(92, valid_for, 4);
  return h;
}

TEST(BackupHeader, ASoundHeaderMatchingItsSizeHasNoProblem) {
  EXPECT_EQ(header_problem(header(4096, 3, 7, 7), 3 * 4096), std::nullopt);
  EXPECT_EQ(header_problem(header(1, 2, 7, 7), 2 * 65536), std::nullopt);  // 1 stands for 65536
  // More pages than counted happens (a file not truncated yet); fewer does not.
  EXPECT_EQ(header_problem(header(4096, 3, 7, 7), 4 * 4096), std::nullopt);
}

TEST(BackupHeader, AFileCutShortIsCaughtFromItsHeader) {
  auto problem = header_problem(header(4096, 10, 7, 7), 4 * 4096);
  ASSERT_TRUE(problem);
  EXPECT_NE(problem->find("cut short"), std::string::npos) << *problem;
  EXPECT_NE(problem->find("10 pages"), std::string::npos) << *problem;
  // A page count not valid for this version of the file is not trusted, as SQLite does not trust it.
  EXPECT_EQ(header_problem(header(4096, 10, 7, 6), 4 * 4096), std::nullopt);
}

TEST(BackupHeader, WhatIsNotADatabaseIsSaidSo) {
  EXPECT_EQ(header_problem("hello", 5), "it is not a SQLite database");
  std::string other = header(4096, 1, 1, 1);
  other[0] = 'X';
  EXPECT_EQ(header_problem(other, 4096), "it is not a SQLite database");
  EXPECT_EQ(header_problem(header(4096, 1, 1, 1), 50), "it is not a SQLite database");
  EXPECT_EQ(header_problem(header(1000, 1, 1, 1), 1000), "its header is damaged (impossible page size)");
  EXPECT_EQ(header_problem(header(256, 1, 1, 1), 256), "its header is damaged (impossible page size)");
  auto ragged = header_problem(header(4096, 2, 1, 1), 2 * 4096 + 100);
  ASSERT_TRUE(ragged);
  EXPECT_NE(ragged->find("whole number"), std::string::npos) << *ragged;
}

class BackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("pillars-backup-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "data");
    fs::create_directories(dir_ / "restored");
    auto s = SqliteStore::open(db_path(), key_);
    ASSERT_TRUE(s) << s.error().detail;
    store_ = std::move(*s);
    User u{"u1", "ann@example.org", "Ann", "UTC", 1000};
    ASSERT_TRUE(write_now(*store_, [&](WriteTx& tx) { return tx.insert_user(u, "hash"); }));
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }

  std::string db_path() const { return (dir_ / "data" / "pillars.db").string(); }
  std::string copy_path() const { return (dir_ / "copy.db").string(); }

  static std::string body_of(int i) { return "words written " + std::to_string(i); }
  bool add_entry(int i) {
    Entry e{"e" + std::to_string(i), "u1", EntryKind::feeling, {}, body_of(i), 1000 + i, 1000 + i, {}};
    return write_now(*store_, [&](WriteTx& tx) { return tx.insert_entry(e); }).has_value();
  }

  static std::shared_ptr<const crypto::Sealer> make_key(const char* hex) {
    return std::make_shared<crypto::Sealer>(*crypto::Sealer::from_hex(hex));
  }

  fs::path dir_;
  std::shared_ptr<const crypto::Sealer> key_ =
      make_key("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
  std::unique_ptr<SqliteStore> store_;
};

TEST_F(BackupTest, ACopyTakenWhileWritesGoOnHoldsEveryWriteMadeBeforeIt) {
  for (int i = 0; i < 200; ++i) ASSERT_TRUE(add_entry(i));
  std::atomic<int> acknowledged{200};
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    for (int i = 200; !stop; ++i) {
      if (!add_entry(i)) return;
      acknowledged = i + 1;
    }
  });
  while (acknowledged < 300) std::this_thread::yield();
  const int before = acknowledged;

  std::vector<BackupProgress> seen;
  auto copy = backup_database(db_path(), copy_path(), [&seen](const BackupProgress& p) { seen.push_back(p); }, 1);
  const int after = acknowledged;
  stop = true;
  writer.join();
  ASSERT_TRUE(copy) << copy.error().detail;
  EXPECT_GT(after, before) << "writes went on while the copy was made";

  // One step a page: progress climbs to the whole snapshot and never goes back.
  ASSERT_GE(seen.size(), 2u);
  EXPECT_EQ(seen.back().copied, seen.back().total);
  EXPECT_EQ(seen.back().total, copy->pages);
  for (std::size_t i = 1; i < seen.size(); ++i) EXPECT_GE(seen[i].copied, seen[i - 1].copied);

  auto check = check_database(copy_path(), key_.get());
  ASSERT_TRUE(check) << check.error().detail;
  EXPECT_EQ(check->schema_version, SqliteStore::latest_schema_version());
  EXPECT_EQ(check->pages, copy->pages);
  EXPECT_GE(check->sealed_values, before);
  EXPECT_EQ(check->sealed_unopened, 0);
  EXPECT_FALSE(fs::exists(copy_path() + "-wal")) << "the copy is one file";

  // Every entry acknowledged before the copy began reads back from it with its words.
  fs::copy_file(copy_path(), dir_ / "restored" / "pillars.db");
  auto restored = SqliteStore::open((dir_ / "restored" / "pillars.db").string(), key_);
  ASSERT_TRUE(restored) << restored.error().detail;
  for (int i = 0; i < before; ++i) {
    auto e = read_now(**restored, [i](ReadTx& tx) { return tx.entry_for_author("e" + std::to_string(i), "u1"); });
    ASSERT_TRUE(e && *e) << "entry " << i << " of " << before << " is missing";
    EXPECT_EQ((*e)->body, body_of(i));
  }
}

TEST_F(BackupTest, AnotherKeyOpensNoneOfTheSealedText) {
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(add_entry(i));
  ASSERT_TRUE(backup_database(db_path(), copy_path(), nullptr));
  auto other = make_key("ff0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
  auto check = check_database(copy_path(), other.get());
  ASSERT_TRUE(check) << check.error().detail;
  EXPECT_EQ(check->sealed_values, 5);
  EXPECT_EQ(check->sealed_unopened, 5);
  // Without a key the structure is still checked, and no sealed value is tried.
  auto keyless = check_database(copy_path(), nullptr);
  ASSERT_TRUE(keyless);
  EXPECT_EQ(keyless->sealed_values, 0);
}

TEST_F(BackupTest, ADamagedOrShortenedCopyFailsItsCheck) {
  for (int i = 0; i < 400; ++i) ASSERT_TRUE(add_entry(i));
  auto copy = backup_database(db_path(), copy_path(), nullptr);
  ASSERT_TRUE(copy);
  ASSERT_GE(copy->pages, 8);
  const auto size = fs::file_size(copy_path());

  fs::copy_file(copy_path(), dir_ / "damaged.db");
  {
    std::fstream f(dir_ / "damaged.db", std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(size / 2 / copy->page_size * copy->page_size));
    std::string garbage(static_cast<std::size_t>(copy->page_size) * 2, '\x5a');
    f.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
  auto damaged = check_database((dir_ / "damaged.db").string(), key_.get());
  ASSERT_FALSE(damaged);
  EXPECT_NE(damaged.error().detail.find("integrity"), std::string::npos) << damaged.error().detail;

  fs::copy_file(copy_path(), dir_ / "short.db");
  fs::resize_file(dir_ / "short.db", size / 2 / copy->page_size * copy->page_size);
  auto shortened = check_database((dir_ / "short.db").string(), key_.get());
  ASSERT_FALSE(shortened);
  EXPECT_NE(shortened.error().detail.find("cut short"), std::string::npos) << shortened.error().detail;

  // Checking never changes the file it checks.
  EXPECT_EQ(fs::file_size(dir_ / "short.db"), size / 2 / copy->page_size * copy->page_size);
  EXPECT_FALSE(fs::exists(dir_ / "damaged.db-wal"));
  EXPECT_FALSE(fs::exists(dir_ / "damaged.db-shm"));
}

TEST_F(BackupTest, ADatabaseThatIsNotPillarsIsRefused) {
  sqlite3* db = nullptr;
  const auto other = (dir_ / "other.db").string();
  ASSERT_EQ(sqlite3_open(other.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE t (x); INSERT INTO t VALUES (1);", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto check = check_database(other, key_.get());
  ASSERT_FALSE(check);
  EXPECT_EQ(check.error().detail, "it is not a Pillars database");
}

}  // namespace
}  // namespace pillars::store
