#include "store/sqlite/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <thread>
#include <tuple>

#include "core/embedded_file.h"
#include "store/blocking.h"
#include "store/sql/migration_files.h"

namespace pillars {
std::span<const EmbeddedFile> migration_files();  // generated from src/store/migrations
}

namespace pillars::store {
namespace {

namespace fs = std::filesystem;

// The first column of every row of `sql` on `db`, as text ('' for NULL).
std::vector<std::string> first_column(sqlite3* db, const std::string& sql) {
  std::vector<std::string> out;
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sqlite3_errmsg(db) << " in " << sql;
  while (st && sqlite3_step(st) == SQLITE_ROW) {
    const unsigned char* text = sqlite3_column_text(st, 0);
    out.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
  }
  sqlite3_finalize(st);
  return out;
}

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("pillars-store-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    reopen();
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }
  void reopen() {
    store_.reset();
    auto s = SqliteStore::open((dir_ / "pillars.db").string(), sealer_);
    ASSERT_TRUE(s) << s.error().detail;
    store_ = std::move(*s);
  }

  // Closes the store, turns its database back into an older shape with `sql` (which also deletes
  // the rows of schema_migrations it undoes), and opens it again, so the migrations run anew.
  void rewind(const char* sql) {
    store_.reset();
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir_ / "pillars.db").string().c_str(), &db), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    sqlite3_close(db);
    reopen();
    EXPECT_EQ(*read_now(*store_, [](ReadTx& tx) { return tx.schema_version(); }),
              SqliteStore::latest_schema_version());
  }

  // Closes the store and makes its database a real one of schema `version`: a new file with the
  // migrations up to `version` applied, holding every row of the current one (in the columns the
  // older tables have). Opening it again runs the later migrations on the older tables themselves.
  void downgrade_to(int version) {
    store_.reset();
    const fs::path current = dir_ / "pillars.db", older = dir_ / "older.db";
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(older.string().c_str(), &db), SQLITE_OK);
    auto exec = [&](const std::string& sql) {
      EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    };
    exec("PRAGMA foreign_keys = OFF");  // as the migration runner has it for a rebuild, and for the copy
    for (const auto& file : migration_files())
      if (sql::migration_number(file.path) <= version) exec(std::string(file.data));
    exec("ATTACH DATABASE '" + current.string() + "' AS src");
    for (const auto& ddl : first_column(db, "SELECT sql FROM src.sqlite_schema WHERE name = 'schema_migrations'"))
      exec(ddl);
    exec("INSERT INTO schema_migrations SELECT * FROM src.schema_migrations WHERE version <= " + std::to_string(version));
    for (const auto& table : first_column(db, "SELECT name FROM main.sqlite_schema WHERE type = 'table' "
                                              "AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'")) {
      auto columns = first_column(db, "SELECT group_concat(name, ', ') FROM pragma_table_info('" + table + "', 'main')");
      ASSERT_EQ(columns.size(), 1u);
      // What a migration seeded (the kinds of notices) is in the copy too.
      exec("DELETE FROM main." + table + "; INSERT INTO main." + table + " (" + columns[0] + ") SELECT " + columns[0] +
           " FROM src." + table);
    }
    exec("DETACH DATABASE src");
    sqlite3_close(db);
    for (const char* suffix : {"-wal", "-shm"}) fs::remove(current.string() + suffix);
    fs::rename(older, current);
  }

  // The first column of every row of `sql` on the database file (beside an open store: WAL).
  std::vector<std::string> query(const std::string& sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open_v2((dir_ / "pillars.db").string().c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    auto out = first_column(db, sql);
    sqlite3_close(db);
    return out;
  }

  // Every row of a table, each its columns quote()d and joined by '|', by (bond_id, id).
  std::vector<std::string> rows_of(const std::string& table) {
    auto columns = query("SELECT group_concat('quote(' || name || ')', ' || ''|'' || ') FROM pragma_table_info('" +
                         table + "')");
    return query("SELECT " + columns.at(0) + " FROM " + table + " ORDER BY bond_id, id");
  }

  // A table's primary key columns in order, joined by ','.
  std::string primary_key_of(const std::string& table) {
    return query("SELECT group_concat(name) FROM (SELECT name FROM pragma_table_info('" + table +
                 "') WHERE pk > 0 ORDER BY pk)").at(0);
  }

  User add_user(const std::string& id, const std::string& email) {
    User u{id, email, "Name " + id, "UTC", 1000};
    auto r = write_now(*store_, [&](WriteTx& tx) { return tx.insert_user(u, "hash-" + id); });
    EXPECT_TRUE(r);
    return u;
  }

  // Ann (u1) in a partner bond with Ben (u2, bond b1) and a friend bond with Cat (u3, bond b2).
  void two_bonds_of_u1() {
    add_user("u1", "ann@example.org");
    add_user("u2", "ben@example.org");
    add_user("u3", "cat@example.org");
    ASSERT_TRUE(write_now(*store_, [](WriteTx& tx) -> Result<void> {
      if (auto r = tx.insert_bond("b1", BondKind::partner, "u1", "u2", 5); !r) return r;
      return tx.insert_bond("b2", BondKind::friend_, "u1", "u3", 5);
    }));
  }

  fs::path dir_;
  std::shared_ptr<const crypto::Sealer> sealer_ = std::make_shared<crypto::Sealer>(
      *crypto::Sealer::from_hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"));
  std::unique_ptr<SqliteStore> store_;
};

TEST_F(SqliteStoreTest, MigrationsRunOnceAndReachTheLatestVersion) {
  auto v = read_now(*store_, [](ReadTx& tx) { return tx.schema_version(); });
  ASSERT_TRUE(v);
  EXPECT_EQ(*v, SqliteStore::latest_schema_version());
  EXPECT_GE(*v, 1);
  store_.reset();
  auto again = SqliteStore::migrate((dir_ / "pillars.db").string());
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, SqliteStore::latest_schema_version());
}

TEST_F(SqliteStoreTest, UsersAreUniqueByEmail) {
  add_user("u1", "ann@example.org");
  User dup{"u2", "ann@example.org", "Other", "UTC", 1};
  auto r = write_now(*store_, [&](WriteTx& tx) { return tx.insert_user(dup, "h"); });
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::email_taken);
  auto found = read_now(*store_, [](ReadTx& tx) { return tx.user_by_email("ann@example.org"); });
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->id, "u1");
  auto hash = read_now(*store_, [](ReadTx& tx) { return tx.password_hash("u1"); });
  EXPECT_EQ(hash->value(), "hash-u1");
}

TEST_F(SqliteStoreTest, WritesSurviveAReopen) {
  add_user("u1", "ann@example.org");
  reopen();
  auto found = read_now(*store_, [](ReadTx& tx) { return tx.user_by_id("u1"); });
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->display_name, "Name u1");
}

TEST_F(SqliteStoreTest, SessionsExpireAndAreScopedToTheirUser) {
  add_user("u1", "ann@example.org");
  add_user("u2", "ben@example.org");
  Session a{"s1", "u1", "hash1", "csrf1", "agent", 0, 10, 1000};
  Session b{"s2", "u1", "hash2", "csrf2", "agent", 0, 20, 5000};
  Session c{"s3", "u2", "hash3", "csrf3", "agent", 0, 30, 5000};
  ASSERT_TRUE(write_now(*store_, [&](WriteTx& tx) -> Result<void> {
    for (auto* s : {&a, &b, &c})
      if (auto r = tx.insert_session(*s); !r) return r;
    return {};
  }));
  auto live = read_now(*store_, [](ReadTx& tx) { return tx.session_by_token_hash("hash1", 999); });
  ASSERT_TRUE(live && *live);
  EXPECT_EQ((*live)->user.id, "u1");
  auto expired = read_now(*store_, [](ReadTx& tx) { return tx.session_by_token_hash("hash1", 1000); });
  EXPECT_FALSE(*expired);
  auto mine = read_now(*store_, [](ReadTx& tx) { return tx.sessions_of("u1", 2000); });
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ((*mine)[0].id, "s2");
  auto other = write_now(*store_, [](WriteTx& tx) { return tx.delete_session("u1", "s3"); });
  EXPECT_FALSE(*other) << "one person cannot delete another's session";
  auto gone = write_now(*store_, [](WriteTx& tx) { return tx.delete_sessions_except("u1", "s2"); });
  EXPECT_EQ(*gone, 1);
}

TEST_F(SqliteStoreTest, ChangesAreStampedWithTheTimeTheCallerGives) {
  auto u = add_user("u1", "ann@example.org");
  auto updated_at = [&] {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open_v2((dir_ / "pillars.db").string().c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, "SELECT updated_at FROM users WHERE id = 'u1'", -1, &stmt, nullptr), SQLITE_OK);
    std::int64_t at = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : -1;
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return at;
  };
  EXPECT_EQ(updated_at(), 1000) << "a new account is updated when it is made";
  u.display_name = "Ann";
  ASSERT_TRUE(write_now(*store_, [&](WriteTx& tx) { return tx.update_user(u, 123'456); }));
  EXPECT_EQ(updated_at(), 123'456);
  ASSERT_TRUE(write_now(*store_, [](WriteTx& tx) { return tx.set_password_hash("u1", "hash-2", 234'567); }));
  EXPECT_EQ(updated_at(), 234'567);
}

TEST_F(SqliteStoreTest, BondsAreSeenOnlyByTheirMembers) {
  add_user("u1", "ann@example.org");
  add_user("u2", "ben@example.org");
  add_user("u3", "cat@example.org");
  ASSERT_TRUE(write_now(*store_, [](WriteTx& tx) { return tx.insert_bond("b1", BondKind::friend_, "u1", "u2", 5); }));
  auto seen = read_now(*store_, [](ReadTx& tx) { return tx.bond_for_member("b1", "u2"); });
  ASSERT_TRUE(seen && *seen);
  EXPECT_EQ((*seen)->other.id, "u1");
  EXPECT_EQ((*seen)->kind, BondKind::friend_);
  auto stranger = read_now(*store_, [](ReadTx& tx) { return tx.bond_for_member("b1", "u3"); });
  EXPECT_FALSE(*stranger);
  EXPECT_TRUE(*read_now(*store_, [](ReadTx& tx) { return tx.active_bond_between("u1", "u2"); }));
  EXPECT_TRUE(read_now(*store_, [](ReadTx& tx) { return tx.bonds_of("u3"); })->empty());

  ASSERT_TRUE(write_now(*store_, [](WriteTx& tx) { return tx.end_bond("b1", "u1", 9); }));
  auto twice = write_now(*store_, [](WriteTx& tx) { return tx.end_bond("b1", "u1", 10); });
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, Errc::bond_ended);
  auto ended = read_now(*store_, [](ReadTx& tx) { return tx.bond_for_member("b1", "u1"); });
  EXPECT_EQ((*ended)->status, BondStatus::ended);
  EXPECT_EQ((*ended)->ended_at, 9);
  EXPECT_FALSE(*read_now(*store_, [](ReadTx& tx) { return tx.active_bond_between("u1", "u2"); }));
}

TEST_F(SqliteStoreTest, AnEndedBondShowsTheOtherAsTheyWereWhenItEnded) {
  auto u1 = add_user("u1", "ann@example.org");
  auto u2 = add_user("u2", "ben@example.org");
  auto u3 = add_user("u3", "cat@example.org");
  ASSERT_TRUE(write_now(*store_, [](WriteTx& tx) { return tx.insert_bond("b1", BondKind::partner, "u1", "u2", 5); }));
  ASSERT_TRUE(write_now(*store_, [](WriteTx& tx) { return tx.insert_bond("b2", BondKind::friend_, "u1", "u3", 6); }));
  auto rename = [&](User& u, std::string name) {
    u.display_name = std::move(name);
    ASSERT_TRUE(write_now(*store_, [&](WriteTx& tx) { return tx.update_user(u, 2000); }));
  };
  auto other_in = [&](const std::string& bond, const std::string& member) {
    auto view = read_now(*store_, [&](ReadTx& tx) { return tx.bond_for_member(bond, member); });
    EXPECT_TRUE(view && *view);
    return view && *view ? (*view)->other.display_name : std::string();
  };
  auto listed = [&](const std::string& member) {
    std::vector<std::string> names;
    auto bonds = read_now(*store_, [&](ReadTx& tx) { return tx.bonds_of(member); });
    EXPECT_TRUE(bonds);
    if (bonds)
      for (const auto& b : *bonds) names.push_back(b.id + ":" + b.other.display_name);
    return names;
  };

  rename(u2, "Ben before");
  EXPECT_EQ(other_in("b1", "u1"), "Ben before") << "an active bond shows the current name";
  ASSERT_TRUE(write_now(*store_, [](WriteTx& tx) { return tx.end_bond("b1", "u2", 9); }));
  rename(u2, "Ben after");
  rename(u1, "Ann after");
  rename(u3, "Cat after");
  EXPECT_EQ(other_in("b1", "u1"), "Ben before") << "a rename after the end never reaches the former partner";
  EXPECT_EQ(other_in("b1", "u2"), "Name u1");
  EXPECT_EQ(listed("u1"), (std::vector<std::string>{"b2:Cat after", "b1:Ben before"}));
  EXPECT_EQ(listed("u2"), (std::vector<std::string>{"b1:Name u1"}));
  EXPECT_EQ(other_in("b2", "u3"), "Ann after") << "the bond still active shows the current name";

  // The end and the names are one transaction: a job that ends the bond and then fails undoes both.
  ASSERT_TRUE(write_now(*store_, [](WriteTx& tx) { return tx.insert_bond("b3", BondKind::family, "u2", "u3", 7); }));
  auto failed = write_now(*store_, [](WriteTx& tx) -> Result<void> {
    if (auto r = tx.end_bond("b3", "u2", 10); !r) return r;
    return fail(Errc::internal, "undo");
  });
  ASSERT_FALSE(failed);
  rename(u3, "Cat later");
  auto b3 = read_now(*store_, [](ReadTx& tx) { return tx.bond_for_member("b3", "u2"); });
  EXPECT_EQ((*b3)->status, BondStatus::active);
  EXPECT_EQ((*b3)->other.display_name, "Cat later");
}

// Undoes migration 0019 (rate limits counted in the database).
#define PILLARS_UNDO_0019                                                                            \
  "DROP TABLE rate_hits;"                                                                            \
  "DELETE FROM schema_migrations WHERE name = '0019_rate_hits.sql';"

// Undoes migration 0018 (bond keys) as far as older code can tell: the tables keep their wider
// keys; applying 0018 again rebuilds them from what is there.
#define PILLARS_UNDO_0018                                                                            \
  PILLARS_UNDO_0019                                                                                  \
  "DELETE FROM schema_migrations WHERE name = '0018_bond_keys.sql';"

// Undoes migration 0017 (notifications), and every later one.
#define PILLARS_UNDO_0017                                                                            \
  PILLARS_UNDO_0018                                                                                  \
  "DROP TABLE push_devices; DROP TABLE notify_settings;"                                             \
  "DELETE FROM schema_migrations WHERE name = '0017_notifications.sql';"

// Undoes migration 0016 (password resets).
#define PILLARS_UNDO_0016                                                                            \
  PILLARS_UNDO_0017                                                                                  \
  "DROP TABLE password_resets;"                                                                      \
  "DELETE FROM schema_migrations WHERE name = '0016_password_resets.sql';"

#define PILLARS_UNDO_0015                                                                            \
  PILLARS_UNDO_0016                                                                                  \
  "DROP TABLE adult_confirmations; DROP TABLE menu_openings; DROP TABLE menu_answers;"                \
  "DROP TABLE menu_suggestions; DROP TABLE checkin_wishes;"                                          \
  "DELETE FROM schema_migrations WHERE name = '0015_menus.sql';"

// Undoes migration 0014 (notice kinds as a table) as far as older code can tell: the table of
// kinds stays, unused; applying 0014 again rebuilds notices from what is there.
#define PILLARS_UNDO_0014                                                                            \
  PILLARS_UNDO_0015                                                                                  \
  "DELETE FROM schema_migrations WHERE name = '0014_notice_kinds.sql';"

// Undoes migration 0013 (conversation decks).
#define PILLARS_UNDO_0013                                                                            \
  PILLARS_UNDO_0014                                                                                  \
  "DROP TABLE deck_answers; DROP TABLE deck_reveals; DROP TABLE deck_skips;"                        \
  "DELETE FROM schema_migrations WHERE name = '0013_decks.sql';"

// Undoes migration 0012 (moments in what is new) as far as older code can tell: the wider kinds
// stay, unused; applying 0012 again rebuilds the notices table from what is there.
#define PILLARS_UNDO_0012                                                                            \
  PILLARS_UNDO_0013                                                                                  \
  "DELETE FROM schema_migrations WHERE name = '0012_moment_notices.sql';"

// Undoes migration 0011 (time of one's own) as far as older code can tell: its columns and the
// wider kinds stay, unused; applying 0011 again rebuilds the table from what is there.
#define PILLARS_UNDO_0011                                                                            \
  PILLARS_UNDO_0012                                                                                  \
  "DELETE FROM schema_migrations WHERE name = '0011_own_time.sql';"

// Undoes migration 0010 (reflections) the same way.
#define PILLARS_UNDO_0010                                                                            \
  PILLARS_UNDO_0011                                                                                  \
  "DROP INDEX entries_by_prompt;"                                                                    \
  "DELETE FROM schema_migrations WHERE name = '0010_reflections.sql';"

// Undoes migration 0009 (moments).
#define PILLARS_UNDO_0009                                                                            \
  PILLARS_UNDO_0010                                                                                  \
  "DROP TABLE moments;"                                                                              \
  "DELETE FROM schema_migrations WHERE name = '0009_moments.sql';"

// Undoes migration 0008 (the two needs).
#define PILLARS_UNDO_0008                                                                            \
  PILLARS_UNDO_0009                                                                                  \
  "DROP TABLE needs_shown;"                                                                          \
  "DROP TABLE needs_answers;"                                                                        \
  "DROP TABLE needs_results;"                                                                        \
  "DELETE FROM schema_migrations WHERE name = '0008_two_needs.sql';"

// Undoes migration 0007 (the own-time wish).
#define PILLARS_UNDO_0007                                                                            \
  PILLARS_UNDO_0008                                                                                  \
  "DROP INDEX checkins_by_user;"                                                                     \
  "ALTER TABLE users DROP COLUMN show_own_time_wish;"                                                \
  "ALTER TABLE users DROP COLUMN own_time_wish;"                                                     \
  "DELETE FROM schema_migrations WHERE name = '0007_insights.sql';"

// Undoes migration 0006 (notices and requests for space), for rewinds to before an earlier one:
// migrations run from the highest applied onwards, so every later one is undone too.
#define PILLARS_UNDO_0006                                                                            \
  PILLARS_UNDO_0007                                                                                  \
  "DROP TABLE notices;"                                                                              \
  "DROP INDEX comfort_requests_by_bond;"                                                             \
  "ALTER TABLE comfort_requests DROP COLUMN reply;"                                                  \
  "ALTER TABLE comfort_requests DROP COLUMN for_when;"                                               \
  "ALTER TABLE comfort_requests DROP COLUMN kind;"                                                   \
  "CREATE INDEX comfort_requests_by_bond ON comfort_requests(bond_id, created_at DESC, id DESC);"   \
  "DELETE FROM schema_migrations WHERE name = '0006_notices_and_space.sql';"

TEST_F(SqliteStoreTest, BondsEndedBeforeTheNameSnapshotKeepTheNameCurrentAtMigration) {
  add_user("u1", "ann@example.org");
  add_user("u2", "ben@example.org");
  add_user("u3", "cat@example.org");
  ASSERT_TRUE(write_now(*store_, [](WriteTx& tx) { return tx.insert_bond("b1", BondKind::partner, "u1", "u2", 5); }));
  ASSERT_TRUE(write_now(*store_, [](WriteTx& tx) { return tx.insert_bond("b2", BondKind::friend_, "u1", "u3", 6); }));
  ASSERT_TRUE(write_now(*store_, [](WriteTx& tx) { return tx.end_bond("b1", "u1", 9); }));
  // Turn the database back into one from before the snapshot, with names changed since the end.
  rewind(
      PILLARS_UNDO_0006
      "ALTER TABLE bond_members DROP COLUMN display_name_at_end;"
      "DELETE FROM schema_migrations WHERE name = '0004_ended_bond_names.sql';"
      // and from before 0005, which came after it (there are no check-ins here)
      "DROP TABLE checkin_feelings;"
      "ALTER TABLE checkins ADD COLUMN feelings TEXT NOT NULL DEFAULT '';"
      "DELETE FROM schema_migrations WHERE name = '0005_checkin_feelings.sql';"
      "UPDATE users SET display_name = 'At migration ' || id;");
  ASSERT_TRUE(write_now(*store_, [](WriteTx& tx) {
    return tx.update_user(User{"u2", "ben@example.org", "Renamed later", "UTC", 1000}, 2000);
  }));
  ASSERT_TRUE(write_now(*store_, [](WriteTx& tx) {
    return tx.update_user(User{"u3", "cat@example.org", "Renamed later", "UTC", 1000}, 2000);
  }));
  auto ended = read_now(*store_, [](ReadTx& tx) { return tx.bond_for_member("b1", "u1"); });
  EXPECT_EQ((*ended)->other.display_name, "At migration u2");
  auto active = read_now(*store_, [](ReadTx& tx) { return tx.bond_for_member("b2", "u1"); });
  EXPECT_EQ((*active)->other.display_name, "Renamed later") << "an active bond is not snapshotted";
}

// Everything of a check-in the store keeps, for comparing two reads.
std::string describe(const CheckIn& c) {
  std::string out = c.bond_id + "|" + std::to_string(c.day) + "|" + c.from.id + "|" + c.from.display_name + "|";
  for (const auto& f : c.feelings) out += f.word + ":" + f.family + ":" + std::to_string(f.intensity) + ";";
  out += "|" + std::to_string(c.closeness_now) + "|" + std::to_string(c.closeness_wanted) + "|" +
         std::string(to_string(c.need)) + "|" + std::to_string(c.own_minutes) + "|" +
         std::to_string(c.together_minutes) + "|" + (c.affection ? (*c.affection ? "y" : "n") : "-") + "|" +
         (c.lovemaking ? (*c.lovemaking ? "y" : "n") : "-") + "|" + c.guess_family + "|" +
         std::to_string(c.guess_closeness) + "|" + std::to_string(c.created_at) + "|" + std::to_string(c.updated_at);
  return out;
}

CheckIn checkin(const std::string& user, Day day, Feelings feelings) {
  CheckIn c;
  c.bond_id = "b1";
  c.from = Person{user, "Name " + user};
  c.day = day;
  c.feelings = std::move(feelings);
  c.closeness_now = 3;
  c.closeness_wanted = 6;
  c.need = Need::closeness;
  c.own_minutes = 90;
  c.together_minutes = 30;
  c.affection = true;
  c.guess_family = "calm";
  c.guess_closeness = 4;
  c.created_at = c.updated_at = 1000 + day;
  return c;
}

TEST_F(SqliteStoreTest, CheckInFeelingsKeepTheirOrderAndAreReplacedOnEdit) {
  add_user("u1", "ann@example.org");
  add_user("u2", "ben@example.org");
  ASSERT_TRUE(write_now(*store_, [](WriteTx& tx) { return tx.insert_bond("b1", BondKind::partner, "u1", "u2", 5); }));
  auto first = checkin("u1", 20000, {{"rejected", "hurt", 5}, {"glad", "joy", 2}, {"calm", "calm", 1}});
  ASSERT_TRUE(write_now(*store_, [&](WriteTx& tx) { return tx.put_checkin(first); }));
  auto edited = first;
  edited.feelings = {{"glad", "joy", 4}};
  edited.updated_at = 5000;
  ASSERT_TRUE(write_now(*store_, [&](WriteTx& tx) { return tx.put_checkin(edited); }));
  auto day = read_now(*store_, [](ReadTx& tx) { return tx.checkins_on("b1", 20000); });
  ASSERT_TRUE(day);
  ASSERT_EQ(day->size(), 1u);
  auto expected = edited;
  expected.created_at = first.created_at;  // an edit keeps the first answer's time
  EXPECT_EQ(describe(day->front()), describe(expected));
}

// Check-in feelings moved from one text column ("word:family:intensity" joined by ",") to rows
// shaped like an entry's (migration 0005): what was stored the old way reads back the same.
TEST_F(SqliteStoreTest, CheckInsStoredBeforeTheFeelingsMigrationReadBackTheSame) {
  add_user("u1", "ann@example.org");
  add_user("u2", "ben@example.org");
  ASSERT_TRUE(write_now(*store_, [](WriteTx& tx) { return tx.insert_bond("b1", BondKind::partner, "u1", "u2", 5); }));
  std::vector<CheckIn> stored{
      checkin("u1", 20000, {{"rejected", "hurt", 5}, {"glad", "joy", 2}, {"calm", "calm", 1}}),
      checkin("u2", 20000, {{"lonely", "loneliness", 3}}),
      checkin("u1", 20001, {{"glad", "joy", 4}, {"anxious", "fear", 4}}),
  };
  stored[2].lovemaking = false;
  stored[2].affection.reset();
  for (const auto& c : stored) ASSERT_TRUE(write_now(*store_, [&](WriteTx& tx) { return tx.put_checkin(c); }));
  auto read_all = [&] {
    auto all = read_now(*store_, [](ReadTx& tx) { return tx.checkins_between("b1", 19990, 20010); });
    EXPECT_TRUE(all);
    std::vector<std::string> out;
    for (const auto& c : all.value_or(std::vector<CheckIn>{})) out.push_back(describe(c));
    return out;
  };
  auto before = read_all();
  ASSERT_EQ(before.size(), 3u);

  // Turn the database back into one from before migration 0005, holding the same check-ins.
  rewind(
      PILLARS_UNDO_0006
      "DROP TABLE checkin_feelings;"
      "ALTER TABLE checkins ADD COLUMN feelings TEXT NOT NULL DEFAULT '';"
      "UPDATE checkins SET feelings = 'rejected:hurt:5,glad:joy:2,calm:calm:1' WHERE user_id = 'u1' AND day = 20000;"
      "UPDATE checkins SET feelings = 'lonely:loneliness:3' WHERE user_id = 'u2';"
      "UPDATE checkins SET feelings = 'glad:joy:4,anxious:fear:4' WHERE day = 20001;"
      "DELETE FROM schema_migrations WHERE name = '0005_checkin_feelings.sql';");
  EXPECT_EQ(read_all(), before);
}

TEST_F(SqliteStoreTest, AnInviteIsUsedOnce) {
  add_user("u1", "ann@example.org");
  add_user("u2", "ben@example.org");
  Invite i{"ABCDEFGH", "u1", BondKind::partner, 0, 100, std::nullopt, std::nullopt};
  ASSERT_TRUE(write_now(*store_, [&](WriteTx& tx) { return tx.insert_invite(i); }));
  auto dup = write_now(*store_, [&](WriteTx& tx) { return tx.insert_invite(i); });
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, Errc::conflict);
  EXPECT_EQ(read_now(*store_, [](ReadTx& tx) { return tx.open_invites_of("u1", 50); })->size(), 1u);
  EXPECT_EQ(read_now(*store_, [](ReadTx& tx) { return tx.open_invites_of("u1", 100); })->size(), 0u);
  ASSERT_TRUE(write_now(*store_, [](WriteTx& tx) -> Result<void> {
    if (auto r = tx.insert_bond("b1", BondKind::partner, "u1", "u2", 5); !r) return r;
    return tx.mark_invite_used("ABCDEFGH", "u2", 5, "b1");
  }));
  auto again = write_now(*store_, [](WriteTx& tx) { return tx.mark_invite_used("ABCDEFGH", "u2", 6, "b1"); });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, Errc::invite_used);
}

TEST_F(SqliteStoreTest, AFailedJobIsUndoneAloneInsideItsGroup) {
  add_user("u1", "ann@example.org");
  // The second job inserts a user, then fails: its insert must vanish, the others must stay.
  std::atomic<int> done{0};
  std::vector<bool> durable(3);
  for (int i = 0; i < 3; ++i) {
    store_->submit_write(
        [i](WriteTx& tx) {
          User u{"x" + std::to_string(i), "x" + std::to_string(i) + "@example.org", "X", "UTC", 1};
          (void)tx.insert_user(u, "h");
          return i != 1;
        },
        [&, i](bool ok) {
          durable[static_cast<std::size_t>(i)] = ok;
          done++;
        });
  }
  while (done < 3) std::this_thread::yield();
  EXPECT_TRUE(durable[0] && durable[1] && durable[2]);
  EXPECT_TRUE(*read_now(*store_, [](ReadTx& tx) { return tx.user_by_id("x0"); }));
  EXPECT_FALSE(*read_now(*store_, [](ReadTx& tx) { return tx.user_by_id("x1"); }));
  EXPECT_TRUE(*read_now(*store_, [](ReadTx& tx) { return tx.user_by_id("x2"); }));
}

TEST_F(SqliteStoreTest, ConcurrentWritesAreGroupedIntoFewerCommits) {
  constexpr int kThreads = 8, kPerThread = 100;
  add_user("u1", "ann@example.org");
  auto before = store_->stats();
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        Session s{"s" + std::to_string(t) + "-" + std::to_string(i), "u1",
                  "h" + std::to_string(t) + "-" + std::to_string(i), "c", "a", 0, 0, 1'000'000};
        if (!write_now(*store_, [&](WriteTx& tx) { return tx.insert_session(s); })) failures++;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures, 0);
  auto after = store_->stats();
  EXPECT_EQ(after.writes - before.writes, static_cast<std::uint64_t>(kThreads * kPerThread));
  EXPECT_LT(after.commits - before.commits, after.writes - before.writes) << "writes share commits";
  EXPECT_EQ(read_now(*store_, [](ReadTx& tx) { return tx.sessions_of("u1", 0); })->size(),
            static_cast<std::size_t>(kThreads * kPerThread));
}

TEST_F(SqliteStoreTest, TextIsSealedAtRestAndSharesFollowTheBond) {
  add_user("u1", "ann@example.org");
  add_user("u2", "ben@example.org");
  ASSERT_TRUE(write_now(*store_, [](WriteTx& tx) { return tx.insert_bond("b1", BondKind::partner, "u1", "u2", 5); }));
  Entry e;
  e.id = "e1";
  e.author_id = "u1";
  e.kind = EntryKind::hurt;
  e.feelings = {{"rejected", "hurt", 4}};
  e.body = "a sentence nobody else may read 7f3a";
  e.created_at = e.updated_at = 10;
  EntryResponse r{"r1", "e1", "b1", Person{"u2", ""}, ResponseKind::comfort, std::string("i am here 7f3a"), 11};
  ASSERT_TRUE(write_now(*store_, [&](WriteTx& tx) -> Result<void> {
    if (auto x = tx.insert_entry(e); !x) return x;
    if (auto x = tx.share_entry("e1", "b1", "u1", 10); !x) return std::unexpected(x.error());
    return tx.insert_response(r);
  }));

  auto mine = read_now(*store_, [](ReadTx& tx) { return tx.entry_for_author("e1", "u1"); });
  ASSERT_TRUE(mine && *mine);
  EXPECT_EQ((*mine)->body, e.body);
  EXPECT_EQ((*mine)->shared_with, std::vector<std::string>{"b1"});
  EXPECT_FALSE(*read_now(*store_, [](ReadTx& tx) { return tx.entry_for_author("e1", "u2"); })) << "author only";
  auto shared = read_now(*store_, [](ReadTx& tx) { return tx.shared_in_bond("b1", std::nullopt, 10); });
  ASSERT_EQ(shared->size(), 1u);
  EXPECT_EQ((*shared)[0].author.id, "u1");
  EXPECT_EQ(read_now(*store_, [](ReadTx& tx) { return tx.responses_to("e1"); })->size(), 1u);

  // Ending the bond revokes the share; the entry stays its author's, the response is hidden.
  ASSERT_TRUE(write_now(*store_, [](WriteTx& tx) { return tx.end_bond("b1", "u2", 20); }));
  EXPECT_TRUE(read_now(*store_, [](ReadTx& tx) { return tx.shared_in_bond("b1", std::nullopt, 10); })->empty());
  EXPECT_TRUE(read_now(*store_, [](ReadTx& tx) { return tx.responses_to("e1"); })->empty());
  auto kept = read_now(*store_, [](ReadTx& tx) { return tx.entry_for_author("e1", "u1"); });
  ASSERT_TRUE(kept && *kept);
  EXPECT_TRUE((*kept)->shared_with.empty());

  store_->close();
  for (const auto& file : fs::directory_iterator(dir_)) {
    std::ifstream in(file.path(), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(bytes.find("7f3a"), std::string::npos) << file.path().filename() << " holds plain text";
  }
}

TEST_F(SqliteStoreTest, AWrongKeyFailsLoudlyInsteadOfReturningGarbage) {
  add_user("u1", "ann@example.org");
  Entry e;
  e.id = "e1";
  e.author_id = "u1";
  e.body = "hello";
  ASSERT_TRUE(write_now(*store_, [&](WriteTx& tx) { return tx.insert_entry(e); }));
  store_.reset();
  auto other = std::make_shared<crypto::Sealer>(
      *crypto::Sealer::from_hex("ff0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"));
  auto reopened = SqliteStore::open((dir_ / "pillars.db").string(), other);
  ASSERT_TRUE(reopened);
  auto read = read_now(**reopened, [](ReadTx& tx) { return tx.entry_for_author("e1", "u1"); });
  EXPECT_FALSE(read);
}

TEST_F(SqliteStoreTest, WritesAfterCloseFailInsteadOfHanging) {
  store_->close();
  auto r = write_now(*store_, [](WriteTx& tx) { return tx.delete_expired_sessions(0); });
  EXPECT_FALSE(r);
}

TEST_F(SqliteStoreTest, AWriteAfterCloseIsNotRunAndReportsNotDurable) {
  store_->close();
  bool ran = false;
  std::optional<bool> durable;
  store_->submit_write([&](WriteTx&) { return ran = true; }, [&](bool d) { durable = d; });
  EXPECT_FALSE(ran);
  ASSERT_TRUE(durable.has_value()) << "the completion is called, not dropped";
  EXPECT_FALSE(*durable);
}

TEST_F(SqliteStoreTest, ReadsAfterCloseFailInsteadOfHanging) {
  add_user("u1", "ann@example.org");
  store_->close();
  auto user = read_now(*store_, [](ReadTx& tx) { return tx.user_by_id("u1"); });
  ASSERT_FALSE(user) << "a read after close answers an error, not a missing user";
  EXPECT_EQ(user.error().code, Errc::internal);
  auto bonds = read_now(*store_, [](ReadTx& tx) { return tx.bonds_of("u1"); });
  EXPECT_FALSE(bonds);
  auto version = read_now(*store_, [](ReadTx& tx) { return tx.schema_version(); });
  EXPECT_FALSE(version);
}

TEST_F(SqliteStoreTest, ReadsQueuedBeforeCloseStillRun) {
  add_user("u1", "ann@example.org");
  std::atomic<int> answered{0};
  for (int i = 0; i < 50; ++i)
    store_->submit_read([&](ReadTx& tx) {
      if (auto u = tx.user_by_id("u1"); u && *u) ++answered;
    });
  store_->close();
  EXPECT_EQ(answered.load(), 50);
}

}  // namespace
}  // namespace pillars::store

namespace pillars::store {
namespace {

TEST_F(SqliteStoreTest, NoticesFollowWhatTheyTellOfAndAreSeenPerPerson) {
  add_user("u1", "ann@example.org");
  add_user("u2", "ben@example.org");
  ASSERT_TRUE(write_now(*store_, [](WriteTx& tx) { return tx.insert_bond("b1", BondKind::partner, "u1", "u2", 5); }));
  Entry e;
  e.id = "e1";
  e.author_id = "u1";
  e.body = "text";
  e.created_at = e.updated_at = 10;
  auto notice = [](std::string id, NoticeKind kind, std::string to, std::string subject, Millis at) {
    Notice n;
    n.id = std::move(id);
    n.kind = kind;
    n.user_id = std::move(to);
    n.bond_id = "b1";
    n.from_id = n.user_id == "u1" ? "u2" : "u1";
    n.subject_id = std::move(subject);
    n.created_at = at;
    return n;
  };
  Request comfort{"q1", "b1", RequestKind::comfort, Person{"u1", ""}, std::nullopt, std::nullopt, 12, {}, {}, {}};
  ASSERT_TRUE(write_now(*store_, [&](WriteTx& tx) -> Result<void> {
    if (auto x = tx.insert_entry(e); !x) return x;
    if (auto x = tx.share_entry("e1", "b1", "u1", 11); !x) return std::unexpected(x.error());
    auto shared = notice("n1", NoticeKind::entry_shared, "u2", "e1", 11);
    shared.entry_id = "e1";
    if (auto x = tx.add_notice(shared); !x) return x;
    if (auto x = tx.insert_request(comfort); !x) return x;
    return tx.add_notice(notice("n2", NoticeKind::comfort_requested, "u2", "q1", 12));
  }));
  auto for_ben = [&] { return *read_now(*store_, [](ReadTx& tx) { return tx.notices_for("u2", 0); }); };
  auto rows = for_ben();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].notice.id, "n2") << "newest first";
  EXPECT_TRUE(rows[0].request_open);
  EXPECT_EQ(rows[1].notice.entry_id, "e1");
  EXPECT_TRUE(rows[1].still_shared);
  EXPECT_TRUE(read_now(*store_, [](ReadTx& tx) { return tx.notices_for("u1", 0); })->empty()) << "Ann was told nothing";

  // Seen is per person, and one person cannot mark another's notices.
  EXPECT_EQ(*write_now(*store_, [](WriteTx& tx) { return tx.mark_notices_seen("u1", {"n1", "n2"}, 20); }), 0);
  EXPECT_EQ(*write_now(*store_, [](WriteTx& tx) { return tx.mark_notices_seen("u2", {"n1", "nope"}, 20); }), 1);
  rows = for_ben();
  EXPECT_EQ(rows[1].notice.seen_at, 20);
  EXPECT_FALSE(rows[0].notice.seen_at);

  // Sharing again is the same notice, unread again; answering closes the request; withdrawing hides
  // the share; deleting the entry takes its notice away.
  ASSERT_TRUE(write_now(*store_, [&](WriteTx& tx) -> Result<void> {
    auto again = notice("n3", NoticeKind::entry_shared, "u2", "e1", 30);
    again.entry_id = "e1";
    if (auto x = tx.add_notice(again); !x) return x;
    return tx.answer_request("b1", "q1", "u2", 31, std::nullopt, std::nullopt);
  }));
  rows = for_ben();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].notice.id, "n3");
  EXPECT_FALSE(rows[0].notice.seen_at);
  EXPECT_FALSE(rows[1].request_open);
  ASSERT_TRUE(write_now(*store_, [](WriteTx& tx) { return tx.withdraw_share("e1", "b1"); }));
  EXPECT_FALSE(for_ben()[0].still_shared);
  ASSERT_TRUE(write_now(*store_, [](WriteTx& tx) { return tx.delete_entry("e1", "u1"); }));
  ASSERT_EQ(for_ben().size(), 1u);

  // The notices table rebuilt (0012, for moments): what was there, seen or not, is kept, and a
  // moment can be told of.
  EXPECT_EQ(*write_now(*store_, [](WriteTx& tx) { return tx.mark_notices_seen("u2", {"n2"}, 33); }), 1);
  rewind(PILLARS_UNDO_0012);
  rows = for_ben();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].notice.id, "n2");
  EXPECT_EQ(rows[0].notice.seen_at, 33);
  ASSERT_TRUE(write_now(*store_, [&](WriteTx& tx) { return tx.add_notice(notice("n5", NoticeKind::moment_added, "u2", "m1", 35)); }));
  EXPECT_EQ(for_ben()[0].notice.kind, NoticeKind::moment_added);
  ASSERT_TRUE(write_now(*store_, [](WriteTx& tx) { return tx.remove_notices("b1", NoticeKind::moment_added, "m1"); }));
  ASSERT_EQ(for_ben().size(), 1u);

  // Every kind core knows can be kept (the table of kinds, 0014, names each), before and after the
  // rebuild that brought the table in.
  rewind(PILLARS_UNDO_0014);
  ASSERT_EQ(for_ben().size(), 1u) << "the rebuild keeps what was there";
  int n = 100;
  for (auto kind : all_notice_kinds()) {
    auto told = notice("k" + std::to_string(n), kind, "u2", "subject-" + std::to_string(n), n);
    ++n;
    ASSERT_TRUE(write_now(*store_, [&](WriteTx& tx) { return tx.add_notice(told); })) << to_string(kind);
    ASSERT_TRUE(write_now(*store_, [&](WriteTx& tx) { return tx.remove_notices("b1", kind, told.subject_id); }));
  }
  ASSERT_EQ(for_ben().size(), 1u);

  // "All" marks every unread notice of the person; remove_notices forgets a subject for everyone.
  ASSERT_TRUE(write_now(*store_, [&](WriteTx& tx) {
    return tx.add_notice(notice("n4", NoticeKind::checkin_added, "u2", "2026-12-01", 40));
  }));
  EXPECT_EQ(*write_now(*store_, [](WriteTx& tx) { return tx.mark_notices_seen("u2", {}, 41); }), 1) << "n4; n2 was seen";
  ASSERT_TRUE(write_now(*store_, [](WriteTx& tx) {
    return tx.remove_notices("b1", NoticeKind::checkin_added, "2026-12-01");
  }));
  EXPECT_EQ(for_ben().size(), 1u);
  EXPECT_EQ(for_ben()[0].bond, BondStatus::active);

  // The sweep forgets what no list shows any more: made before the cut, for everyone.
  EXPECT_EQ(*write_now(*store_, [](WriteTx& tx) { return tx.delete_notices_before(13); }), 1);
  EXPECT_TRUE(for_ben().empty());
}

TEST_F(SqliteStoreTest, RateHitsAreCountedPerLimiterAndKeyGivenBackClearedAndSwept) {
  auto hits = [&](const char* limiter, const char* key, Millis since) {
    return *write_now(*store_, [&](WriteTx& tx) { return tx.rate_hits(limiter, key, since); });
  };
  ASSERT_TRUE(write_now(*store_, [](WriteTx& tx) -> Result<void> {
    if (auto r = tx.lock_rate_limits(); !r) return r;
    for (Millis at : {30, 10, 20, 20})
      if (auto r = tx.add_rate_hit("login-account", "k1", at); !r) return r;
    if (auto r = tx.add_rate_hit("login-account", "k2", 15); !r) return r;
    return tx.add_rate_hit("signup", "k1", 15);
  }));
  EXPECT_EQ(hits("login-account", "k1", 0), (std::vector<Millis>{10, 20, 20, 30})) << "oldest first";
  EXPECT_EQ(hits("login-account", "k1", 10), (std::vector<Millis>{20, 20, 30})) << "only after `since`";
  EXPECT_EQ(hits("login-account", "k2", 0), (std::vector<Millis>{15}));
  EXPECT_EQ(hits("signup", "k1", 0), (std::vector<Millis>{15}));

  // Giving back takes exactly one event, the newest, even where two share a time.
  ASSERT_TRUE(write_now(*store_, [](WriteTx& tx) { return tx.give_back_rate_hit("login-account", "k1"); }));
  EXPECT_EQ(hits("login-account", "k1", 0), (std::vector<Millis>{10, 20, 20}));
  ASSERT_TRUE(write_now(*store_, [](WriteTx& tx) { return tx.give_back_rate_hit("login-account", "k1"); }));
  EXPECT_EQ(hits("login-account", "k1", 0), (std::vector<Millis>{10, 20}));

  ASSERT_TRUE(write_now(*store_, [](WriteTx& tx) { return tx.clear_rate_hits("login-account", "k1"); }));
  EXPECT_TRUE(hits("login-account", "k1", 0).empty());
  EXPECT_EQ(hits("login-account", "k2", 0).size(), 1u) << "other keys stay";

  EXPECT_EQ(*write_now(*store_, [](WriteTx& tx) { return tx.delete_rate_hits_before(16); }), 2);
  EXPECT_TRUE(hits("login-account", "k2", 0).empty());
  EXPECT_TRUE(hits("signup", "k1", 0).empty());
}

TEST_F(SqliteStoreTest, ComfortRequestsFromBeforeSpaceRequestsReadBackAsComfort) {
  add_user("u1", "ann@example.org");
  add_user("u2", "ben@example.org");
  ASSERT_TRUE(write_now(*store_, [](WriteTx& tx) { return tx.insert_bond("b1", BondKind::partner, "u1", "u2", 5); }));
  Request comfort{"c1", "b1", RequestKind::comfort, Person{"u1", ""}, std::string("hold me 4e2b"), std::nullopt, 10, {}, {}, {}};
  ASSERT_TRUE(write_now(*store_, [&](WriteTx& tx) -> Result<void> {
    if (auto x = tx.insert_request(comfort); !x) return x;
    return tx.answer_request("b1", "c1", "u2", 11, std::string("always"), std::nullopt);
  }));
  rewind(PILLARS_UNDO_0006);
  auto read = read_now(*store_, [](ReadTx& tx) { return tx.requests_in("b1", RequestKind::comfort); });
  ASSERT_EQ(read->size(), 1u);
  EXPECT_EQ((*read)[0].note, "hold me 4e2b");
  EXPECT_EQ((*read)[0].answer_note, "always");
  EXPECT_EQ((*read)[0].answered_at, 11);
  EXPECT_FALSE((*read)[0].reply);
  EXPECT_TRUE(read_now(*store_, [](ReadTx& tx) { return tx.requests_in("b1", RequestKind::space); })->empty());
}

TEST_F(SqliteStoreTest, RequestsKeepTheirKindWhenAndReply) {
  add_user("u1", "ann@example.org");
  add_user("u2", "ben@example.org");
  ASSERT_TRUE(write_now(*store_, [](WriteTx& tx) { return tx.insert_bond("b1", BondKind::partner, "u1", "u2", 5); }));
  Request space{"s1", "b1", RequestKind::space, Person{"u1", ""}, std::string("a walk alone 9c1d"), SpaceWhen::tonight,
                10, {}, {}, {}};
  Request comfort{"c1", "b1", RequestKind::comfort, Person{"u2", ""}, std::nullopt, std::nullopt, 11, {}, {}, {}};
  ASSERT_TRUE(write_now(*store_, [&](WriteTx& tx) -> Result<void> {
    if (auto x = tx.insert_request(space); !x) return x;
    if (auto x = tx.insert_request(comfort); !x) return x;
    return tx.answer_request("b1", "s1", "u2", 12, std::nullopt, SpaceReply::enjoy);
  }));
  auto spaces = read_now(*store_, [](ReadTx& tx) { return tx.requests_in("b1", RequestKind::space); });
  ASSERT_EQ(spaces->size(), 1u);
  EXPECT_EQ((*spaces)[0].note, "a walk alone 9c1d");
  EXPECT_EQ((*spaces)[0].when, SpaceWhen::tonight);
  EXPECT_EQ((*spaces)[0].reply, SpaceReply::enjoy);
  EXPECT_EQ((*spaces)[0].answered_at, 12);
  auto comforts = read_now(*store_, [](ReadTx& tx) { return tx.requests_in("b1", RequestKind::comfort); });
  ASSERT_EQ(comforts->size(), 1u);
  EXPECT_EQ((*comforts)[0].kind, RequestKind::comfort);
  EXPECT_FALSE((*comforts)[0].when);
  auto again = write_now(*store_, [](WriteTx& tx) { return tx.answer_request("b1", "s1", "u2", 13, std::nullopt, SpaceReply::of_course); });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, Errc::conflict);
}

// ---- what insights count

TEST_F(SqliteStoreTest, BondFactsCountSharesCallsAndWarmWordsInTheWindowWithoutText) {
  add_user("u1", "ann@example.org");
  add_user("u2", "ben@example.org");
  ASSERT_TRUE(write_now(*store_, [](WriteTx& tx) { return tx.insert_bond("b1", BondKind::partner, "u1", "u2", 5); }));
  Entry hurt{"e1", "u1", EntryKind::hurt, {{"stung", "hurt", 4}, {"lonely", "loneliness", 2}, {"abandoned", "hurt", 1}},
             "private words", 100, 100, {}};
  Entry joy{"e2", "u2", EntryKind::feeling, {{"glad", "joy", 3}}, "more words", 150, 150, {}};
  Entry early{"e3", "u1", EntryKind::feeling, {{"glad", "joy", 3}}, "before", 10, 10, {}};
  ASSERT_TRUE(write_now(*store_, [&](WriteTx& tx) -> Result<void> {
    for (const auto* e : {&hurt, &joy, &early})
      if (auto r = tx.insert_entry(*e); !r) return r;
    if (auto r = tx.share_entry("e3", "b1", "u1", 20); !r) return std::unexpected(r.error());   // before the window
    if (auto r = tx.share_entry("e1", "b1", "u1", 200); !r) return std::unexpected(r.error());
    if (auto r = tx.share_entry("e2", "b1", "u2", 300); !r) return std::unexpected(r.error());
    // The author's own reply is no answer; the other's first one is.
    if (auto r = tx.insert_response({"r1", "e1", "b1", Person{"u1", ""}, ResponseKind::thanks, std::nullopt, 210}); !r) return r;
    if (auto r = tx.insert_response({"r2", "e1", "b1", Person{"u2", ""}, ResponseKind::comfort, "there", 260}); !r) return r;
    if (auto r = tx.insert_response({"r3", "e1", "b1", Person{"u2", ""}, ResponseKind::hear, std::nullopt, 230}); !r) return r;
    Request asked{"c1", "b1", RequestKind::comfort, Person{"u2", ""}, std::nullopt, std::nullopt, 400, {}, {}, {}};
    Request space{"s1", "b1", RequestKind::space, Person{"u1", ""}, std::nullopt, std::nullopt, 410, {}, {}, {}};
    if (auto r = tx.insert_request(asked); !r) return r;
    if (auto r = tx.insert_request(space); !r) return r;
    if (auto r = tx.answer_request("b1", "c1", "u1", 460, std::nullopt, std::nullopt); !r) return r;
    for (const Appreciation& a : {Appreciation{"a1", "b1", Person{"u1", ""}, AppreciationKind::love, std::nullopt, 30},
                                  Appreciation{"a2", "b1", Person{"u1", ""}, AppreciationKind::love, std::nullopt, 40},
                                  Appreciation{"a3", "b1", Person{"u2", ""}, AppreciationKind::thanks, "ta", 500},
                                  Appreciation{"a4", "b1", Person{"u2", ""}, AppreciationKind::love, std::nullopt, 2000}})
      if (auto r = tx.insert_appreciation(a); !r) return r;
    return {};
  }));

  auto facts = read_now(*store_, [](ReadTx& tx) { return tx.bond_facts("b1", 100, 1000); });
  ASSERT_TRUE(facts);
  ASSERT_EQ(facts->shares.size(), 2u);
  EXPECT_EQ(facts->shares[0].author_id, "u1");
  EXPECT_EQ(facts->shares[0].shared_at, 200);
  EXPECT_EQ(facts->shares[0].kind, EntryKind::hurt);
  auto families = facts->shares[0].families;
  std::sort(families.begin(), families.end());
  EXPECT_EQ(families, (std::vector<std::string>{"hurt", "loneliness"}));
  EXPECT_EQ(facts->shares[0].first_response, 230);
  EXPECT_EQ(facts->shares[1].author_id, "u2");
  EXPECT_EQ(facts->shares[1].first_response, std::nullopt);
  ASSERT_EQ(facts->comfort_requests.size(), 1u) << "a request for space is no call for comfort";
  EXPECT_EQ(facts->comfort_requests[0].from_id, "u2");
  EXPECT_EQ(facts->comfort_requests[0].answered_at, 460);
  ASSERT_EQ(facts->space_requests.size(), 1u);
  EXPECT_EQ(facts->space_requests[0].from_id, "u1");
  EXPECT_EQ(facts->space_requests[0].asked_at, 410);
  EXPECT_EQ(facts->space_requests[0].answered_at, std::nullopt);
  // The window's warm word (a3), and u1's last "I love you" from before it (a2, not a1); a4 is after.
  ASSERT_EQ(facts->appreciations.size(), 2u);
  std::map<std::string, std::pair<Millis, bool>> warm;
  for (const auto& a : facts->appreciations) warm[a.from_id] = {a.at, a.love};
  EXPECT_EQ(warm["u1"], (std::pair<Millis, bool>{40, true}));
  EXPECT_EQ(warm["u2"], (std::pair<Millis, bool>{500, false}));

  // One's own writing: families named and whether shared, in the window only.
  auto written = read_now(*store_, [](ReadTx& tx) { return tx.written_between("u1", 50, 1000); });
  ASSERT_TRUE(written);
  ASSERT_EQ(written->size(), 1u);
  EXPECT_TRUE((*written)[0].shared);
  EXPECT_EQ((*written)[0].families.size(), 2u);
  ASSERT_TRUE(write_now(*store_, [](WriteTx& tx) { return tx.withdraw_share("e1", "b1"); }));
  EXPECT_FALSE((*read_now(*store_, [](ReadTx& tx) { return tx.written_between("u1", 50, 1000); }))[0].shared);
}

TEST_F(SqliteStoreTest, TheOwnTimeWishIsKeptWithTheUserAndClearedWithNull) {
  User u = add_user("u1", "ann@example.org");
  EXPECT_FALSE(read_now(*store_, [](ReadTx& tx) { return tx.user_by_id("u1"); })->value().own_time_wish);
  u.own_time_wish = 240;
  u.show_own_time_wish = true;
  ASSERT_TRUE(write_now(*store_, [&](WriteTx& tx) { return tx.update_user(u, 2000); }));
  auto read = read_now(*store_, [](ReadTx& tx) { return tx.user_by_email("ann@example.org"); });
  EXPECT_EQ(read->value().own_time_wish, 240);
  EXPECT_TRUE(read->value().show_own_time_wish);
  u.own_time_wish.reset();
  ASSERT_TRUE(write_now(*store_, [&](WriteTx& tx) { return tx.update_user(u, 3000); }));
  EXPECT_FALSE(read_now(*store_, [](ReadTx& tx) { return tx.user_by_id("u1"); })->value().own_time_wish);
}

TEST_F(SqliteStoreTest, OwnCheckInsAcrossBondsWithinTheDays) {
  two_bonds_of_u1();
  auto put = [&](const std::string& bond, const std::string& who, Day day, int own) {
    CheckIn c;
    c.bond_id = bond;
    c.from = Person{who, ""};
    c.day = day;
    c.feelings = {{"glad", "joy", 3}};
    c.own_minutes = own;
    c.guess_family = "joy";
    ASSERT_TRUE(write_now(*store_, [&](WriteTx& tx) { return tx.put_checkin(c); }));
  };
  put("b1", "u1", 100, 10);
  put("b2", "u1", 100, 20);
  put("b1", "u2", 100, 99);  // someone else's
  put("b1", "u1", 103, 30);  // after the range
  auto mine = read_now(*store_, [](ReadTx& tx) { return tx.own_checkins_between("u1", 99, 102); });
  ASSERT_TRUE(mine);
  ASSERT_EQ(mine->size(), 2u);
  for (const auto& c : *mine) EXPECT_EQ(c.from.id, "u1");
  EXPECT_EQ((*mine)[0].own_minutes + (*mine)[1].own_minutes, 30);
}

TEST_F(SqliteStoreTest, NeedsResultsKeepTheirAnswersAndAreShownPerBondUntilItEnds) {
  two_bonds_of_u1();
  NeedsResult first{"r1", "u1", 1000, {5.25, 3.5}, {{"b_item", 7}, {"a_item", 1}, {"c_item", 4}}};
  NeedsResult later{"r2", "u1", 2000, {4.0, 4.75}, {{"b_item", 2}, {"a_item", 6}, {"c_item", 3}}};
  NeedsResult bens{"r3", "u2", 1500, {6.0, 2.0}, {{"a_item", 5}}};
  ASSERT_TRUE(write_now(*store_, [&](WriteTx& tx) -> Result<void> {
    for (const auto* r : {&first, &later, &bens})
      if (auto done = tx.insert_needs_result(*r); !done) return done;
    return {};
  }));
  auto mine = read_now(*store_, [](ReadTx& tx) { return tx.needs_results_of("u1"); });
  ASSERT_TRUE(mine);
  ASSERT_EQ(mine->size(), 2u);
  EXPECT_EQ((*mine)[0], later) << "newest first, answers in the order given";
  EXPECT_EQ((*mine)[1], first);

  // Nothing is shown until its owner says so; then the latest result, in that bond only.
  EXPECT_TRUE(read_now(*store_, [](ReadTx& tx) { return tx.needs_shown_in("b1"); })->empty());
  EXPECT_TRUE(*write_now(*store_, [](WriteTx& tx) { return tx.set_needs_shown("b1", "u1", true, 3000); }));
  EXPECT_FALSE(*write_now(*store_, [](WriteTx& tx) { return tx.set_needs_shown("b1", "u1", true, 3001); }))
      << "showing twice changes nothing";
  auto shown = read_now(*store_, [](ReadTx& tx) { return tx.needs_shown_in("b1"); });
  ASSERT_EQ(shown->size(), 1u);
  EXPECT_EQ((*shown)[0].id, "r2");
  EXPECT_EQ((*shown)[0].scores, (NeedScores{4.0, 4.75}));
  EXPECT_TRUE((*shown)[0].answers.empty()) << "a shown result carries no answers";
  EXPECT_TRUE(read_now(*store_, [](ReadTx& tx) { return tx.needs_shown_in("b2"); })->empty());
  EXPECT_EQ(*read_now(*store_, [](ReadTx& tx) { return tx.needs_shown_by("u1"); }), std::vector<std::string>{"b1"});

  // Deleting the latest shows the one before; another person cannot delete it.
  EXPECT_FALSE(*write_now(*store_, [](WriteTx& tx) { return tx.delete_needs_result("u2", "r2"); }));
  EXPECT_TRUE(*write_now(*store_, [](WriteTx& tx) { return tx.delete_needs_result("u1", "r2"); }));
  EXPECT_EQ(read_now(*store_, [](ReadTx& tx) { return tx.needs_shown_in("b1"); })->at(0).id, "r1");

  // Hidden again, then shown by both; ending the bond takes every showing in it away.
  EXPECT_TRUE(*write_now(*store_, [](WriteTx& tx) { return tx.set_needs_shown("b1", "u1", false, 4000); }));
  EXPECT_FALSE(*write_now(*store_, [](WriteTx& tx) { return tx.set_needs_shown("b1", "u1", false, 4001); }));
  ASSERT_TRUE(write_now(*store_, [](WriteTx& tx) -> Result<void> {
    if (auto r = tx.set_needs_shown("b1", "u1", true, 5000); !r) return std::unexpected(r.error());
    if (auto r = tx.set_needs_shown("b1", "u2", true, 5000); !r) return std::unexpected(r.error());
    if (auto r = tx.set_needs_shown("b2", "u1", true, 5000); !r) return std::unexpected(r.error());
    return {};
  }));
  EXPECT_EQ(read_now(*store_, [](ReadTx& tx) { return tx.needs_shown_in("b1"); })->size(), 2u);
  ASSERT_TRUE(write_now(*store_, [](WriteTx& tx) { return tx.end_bond("b1", "u2", 6000); }));
  EXPECT_TRUE(read_now(*store_, [](ReadTx& tx) { return tx.needs_shown_in("b1"); })->empty());
  EXPECT_EQ(read_now(*store_, [](ReadTx& tx) { return tx.needs_shown_in("b2"); })->size(), 1u);
  EXPECT_EQ(read_now(*store_, [](ReadTx& tx) { return tx.needs_results_of("u2"); })->size(), 1u)
      << "each keeps their own results";
}

TEST_F(SqliteStoreTest, MomentsAreSealedEditedByTheirAuthorOnlyAndReadByDay) {
  two_bonds_of_u1();
  Moment m{"m1", "b1", Person{"u1", ""}, 120, MomentKind::high, "Our first walk by the sea", "Cold feet, warm hands.", 10, 10};
  Moment earlier{"m2", "b1", Person{"u2", ""}, 90, MomentKind::low, "The week of the flu", std::nullopt, 11, 11};
  ASSERT_TRUE(write_now(*store_, [&](WriteTx& tx) -> Result<void> {
    if (auto r = tx.put_moment(m); !r) return r;
    return tx.put_moment(earlier);
  }));
  auto read = read_now(*store_, [](ReadTx& tx) { return tx.moments_in("b1"); });
  ASSERT_TRUE(read);
  ASSERT_EQ(read->size(), 2u);
  EXPECT_EQ((*read)[0].id, "m2") << "by day";
  EXPECT_EQ((*read)[0].author.display_name, "Name u2");
  EXPECT_EQ((*read)[1].title, "Our first walk by the sea");
  EXPECT_EQ((*read)[1].note, "Cold feet, warm hands.");
  EXPECT_TRUE(read_now(*store_, [](ReadTx& tx) { return tx.moments_in("b2"); })->empty());

  // Sealed at rest: neither the title nor the note is in the database file in the clear.
  std::string raw;
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir_ / "pillars.db").string().c_str(), &db), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT title_sealed, note_sealed FROM moments WHERE id = 'm1'", -1, &st, nullptr), SQLITE_OK);
    ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
    raw.assign(static_cast<const char*>(sqlite3_column_blob(st, 0)), static_cast<std::size_t>(sqlite3_column_bytes(st, 0)));
    raw.append(static_cast<const char*>(sqlite3_column_blob(st, 1)), static_cast<std::size_t>(sqlite3_column_bytes(st, 1)));
    sqlite3_finalize(st);
    sqlite3_close(db);
  }
  EXPECT_EQ(raw.find("walk by the sea"), std::string::npos);
  EXPECT_EQ(raw.find("warm hands"), std::string::npos);

  // An edit by its author changes it; the same id from someone else or in another bond does not.
  m.title = "Our first walk by the North Sea";
  m.note.reset();
  m.updated_at = 20;
  ASSERT_TRUE(write_now(*store_, [&](WriteTx& tx) { return tx.put_moment(m); }));
  Moment hijack = m;
  hijack.author.id = "u2";
  hijack.title = "Not yours";
  auto refused = write_now(*store_, [&](WriteTx& tx) { return tx.put_moment(hijack); });
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Errc::not_found);
  read = read_now(*store_, [](ReadTx& tx) { return tx.moments_in("b1"); });
  EXPECT_EQ((*read)[1].title, "Our first walk by the North Sea");
  EXPECT_FALSE((*read)[1].note);
  EXPECT_EQ((*read)[1].created_at, 10);
  EXPECT_EQ((*read)[1].updated_at, 20);

  EXPECT_FALSE(*write_now(*store_, [](WriteTx& tx) { return tx.delete_moment("b1", "m1", "u2"); }));
  EXPECT_TRUE(*write_now(*store_, [](WriteTx& tx) { return tx.delete_moment("b1", "m1", "u1"); }));
  EXPECT_EQ(read_now(*store_, [](ReadTx& tx) { return tx.moments_in("b1"); })->size(), 1u);
}

TEST_F(SqliteStoreTest, DaysBothCheckedInCountOnlyDaysWithTwoAnswers) {
  two_bonds_of_u1();
  auto put = [&](const std::string& bond, const std::string& who, Day day) {
    CheckIn c;
    c.bond_id = bond;
    c.from = Person{who, ""};
    c.day = day;
    c.feelings = {{"glad", "joy", 3}};
    c.guess_family = "joy";
    ASSERT_TRUE(write_now(*store_, [&](WriteTx& tx) { return tx.put_checkin(c); }));
  };
  put("b1", "u1", 100);
  put("b1", "u2", 100);
  put("b1", "u1", 101);  // Ann alone
  put("b1", "u2", 103);
  put("b1", "u1", 103);
  put("b2", "u1", 102);
  put("b2", "u3", 102);  // another bond
  EXPECT_EQ(*read_now(*store_, [](ReadTx& tx) { return tx.days_both_checked_in("b1"); }), (std::vector<Day>{100, 103}));
}

TEST_F(SqliteStoreTest, TheReflectionsRebuildKeepsEveryEntryAndWhatRefersToIt) {
  two_bonds_of_u1();
  Entry e{"e1", "u1", EntryKind::hurt, {{"let_down", "hurt", 4}}, "The words I wrote before the rebuild", 100, 100, {}};
  ASSERT_TRUE(write_now(*store_, [&](WriteTx& tx) -> Result<void> {
    if (auto r = tx.insert_entry(e); !r) return r;
    if (auto x = tx.share_entry("e1", "b1", "u1", 110); !x) return std::unexpected(x.error());
    return tx.insert_response({"r1", "e1", "b1", Person{"u2", ""}, ResponseKind::comfort, "I am here", 120});
  }));
  // Back to before 0010, then forward again: the entries table is rebuilt under its references.
  rewind(PILLARS_UNDO_0010);
  auto read = read_now(*store_, [](ReadTx& tx) { return tx.entry_for_author("e1", "u1"); });
  ASSERT_TRUE(read && *read);
  EXPECT_EQ((*read)->body, "The words I wrote before the rebuild");
  EXPECT_EQ((*read)->feelings, e.feelings);
  EXPECT_EQ((*read)->shared_with, std::vector<std::string>{"b1"});
  EXPECT_FALSE((*read)->prompt);
  auto responses = read_now(*store_, [](ReadTx& tx) { return tx.responses_to("e1"); });
  ASSERT_EQ(responses->size(), 1u);
  EXPECT_EQ((*responses)[0].body, "I am here");

  // A reflection names its question, once per person; other kinds name none.
  Entry answer{"e2", "u1", EntryKind::reflection, {}, "A part of life that is mine: the choir.", 200, 200, {}, "own_corner"};
  ASSERT_TRUE(write_now(*store_, [&](WriteTx& tx) { return tx.insert_entry(answer); }));
  auto again = answer;
  again.id = "e3";
  EXPECT_FALSE(write_now(*store_, [&](WriteTx& tx) { return tx.insert_entry(again); })) << "one answer per question";
  auto stray = e;
  stray.id = "e4";
  stray.prompt = "own_corner";
  EXPECT_FALSE(write_now(*store_, [&](WriteTx& tx) { return tx.insert_entry(stray); })) << "only reflections name one";
  auto mine = read_now(*store_, [](ReadTx& tx) { return tx.entry_for_author("e2", "u1"); });
  EXPECT_EQ((*mine)->prompt, "own_corner");
  EXPECT_EQ((*mine)->kind, EntryKind::reflection);
}

TEST_F(SqliteStoreTest, TimeOfOnesOwnIsReadByDayWithoutItsNote) {
  two_bonds_of_u1();
  Entry feeling{"e1", "u1", EntryKind::hurt, {{"let_down", "hurt", 4}}, "Written before time of my own existed", 100, 100, {}};
  ASSERT_TRUE(write_now(*store_, [&](WriteTx& tx) { return tx.insert_entry(feeling); }));
  // Back to before 0011 and forward again: the entries table is rebuilt and keeps what was there.
  rewind(PILLARS_UNDO_0011);
  auto kept = read_now(*store_, [](ReadTx& tx) { return tx.entry_for_author("e1", "u1"); });
  ASSERT_TRUE(kept && *kept);
  EXPECT_EQ((*kept)->body, "Written before time of my own existed");
  EXPECT_FALSE((*kept)->own_time);

  auto piece = [](std::string id, Day day, int minutes, std::string activity, std::string note, Millis at) {
    Entry e{std::move(id), "u1", EntryKind::own_time, {}, std::move(note), at, at, {}};
    e.own_time = OwnTimeSpent{day, minutes, std::move(activity)};
    return e;
  };
  ASSERT_TRUE(write_now(*store_, [&](WriteTx& tx) -> Result<void> {
    if (auto r = tx.insert_entry(piece("o1", 200, 45, "walk", "By the river", 1000)); !r) return r;
    if (auto r = tx.insert_entry(piece("o2", 200, 30, "hobby", "", 1100)); !r) return r;
    if (auto r = tx.insert_entry(piece("o3", 203, 120, "friends", "Dinner with Dee", 1200)); !r) return r;
    return tx.insert_entry(piece("o4", 150, 60, "rest", "", 1300));  // outside the days asked for
  }));
  auto spent = read_now(*store_, [](ReadTx& tx) { return tx.own_time_between("u1", 199, 205); });
  ASSERT_TRUE(spent);
  EXPECT_EQ(*spent, (std::vector<OwnTimeSpent>{{200, 45, "walk"}, {200, 30, "hobby"}, {203, 120, "friends"}}));
  EXPECT_TRUE(read_now(*store_, [](ReadTx& tx) { return tx.own_time_between("u2", 0, 1000); })->empty())
      << "one person's log is theirs alone";

  auto entries = read_now(*store_, [](ReadTx& tx) { return tx.own_time_entries("u1", 199, 205, 2); });
  ASSERT_TRUE(entries);
  ASSERT_EQ(entries->size(), 2u) << "at most the limit";
  EXPECT_EQ((*entries)[0].id, "o3") << "the newest day first";
  EXPECT_EQ((*entries)[0].body, "Dinner with Dee");
  EXPECT_EQ((*entries)[1].id, "o2") << "then the latest noted of a day";
  EXPECT_EQ((*entries)[1].own_time, (OwnTimeSpent{200, 30, "hobby"}));

  // Changing a piece changes its day, length and kind.
  auto moved = piece("o2", 201, 90, "learning", "A chapter", 1100);
  moved.updated_at = 1400;
  ASSERT_TRUE(write_now(*store_, [&](WriteTx& tx) { return tx.update_entry(moved); }));
  auto read = read_now(*store_, [](ReadTx& tx) { return tx.entry_for_author("o2", "u1"); });
  EXPECT_EQ((*read)->own_time, (OwnTimeSpent{201, 90, "learning"}));
  EXPECT_EQ((*read)->body, "A chapter");

  // The table keeps the shape: only time of one's own has a day, a length and a kind of time.
  auto stray = feeling;
  stray.id = "e9";
  stray.own_time = OwnTimeSpent{200, 30, "walk"};
  EXPECT_FALSE(write_now(*store_, [&](WriteTx& tx) { return tx.insert_entry(stray); }));
  auto bare = piece("o9", 200, 30, "walk", "", 1500);
  bare.own_time.reset();
  EXPECT_FALSE(write_now(*store_, [&](WriteTx& tx) { return tx.insert_entry(bare); }));
  auto endless = piece("o8", 200, 2000, "walk", "", 1500);
  EXPECT_FALSE(write_now(*store_, [&](WriteTx& tx) { return tx.insert_entry(endless); })) << "at most a day";
}

TEST_F(SqliteStoreTest, AListOfEntriesCarriesEachOnesOwnFeelingsAndShares) {
  two_bonds_of_u1();
  Entry a{"ea", "u1", EntryKind::hurt, {{"let_down", "hurt", 4}, {"calm_w", "calm", 2}}, "first", 100, 100, {}};
  Entry b{"eb", "u1", EntryKind::hope, {}, "second", 200, 200, {}};
  Entry c{"ec", "u1", EntryKind::memory, {{"glad", "joy", 5}}, "third", 300, 300, {}};
  ASSERT_TRUE(write_now(*store_, [&](WriteTx& tx) -> Result<void> {
    for (const auto* e : {&a, &b, &c})
      if (auto r = tx.insert_entry(*e); !r) return r;
    if (auto x = tx.share_entry("ea", "b2", "u1", 150); !x) return std::unexpected(x.error());
    if (auto x = tx.share_entry("ea", "b1", "u1", 160); !x) return std::unexpected(x.error());
    if (auto x = tx.share_entry("ec", "b1", "u1", 310); !x) return std::unexpected(x.error());
    return {};
  }));
  auto list = read_now(*store_, [](ReadTx& tx) { return tx.entries_of("u1", {}); });
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 3u);
  EXPECT_EQ((*list)[0].id, "ec");
  EXPECT_EQ((*list)[0].feelings, c.feelings);
  EXPECT_EQ((*list)[0].shared_with, std::vector<std::string>{"b1"});
  EXPECT_TRUE((*list)[1].feelings.empty());
  EXPECT_TRUE((*list)[1].shared_with.empty());
  EXPECT_EQ((*list)[2].feelings, a.feelings) << "in the order they were named";
  EXPECT_EQ((*list)[2].shared_with, (std::vector<std::string>{"b2", "b1"})) << "in the order they were shared";
}

TEST_F(SqliteStoreTest, DeckAnswersAreSealedPerMemberAndRevealedOnce) {
  two_bonds_of_u1();
  DeckAnswer words{"b1", "inner_world.1.a", "u1", std::string("The attic room"), std::nullopt, std::nullopt, 10, 10};
  DeckAnswer pick{"b1", "love_map.1.b", "u2", std::nullopt, 2, 0, 11, 11};
  ASSERT_TRUE(write_now(*store_, [&](WriteTx& tx) -> Result<void> {
    if (auto r = tx.put_deck_answer(words); !r) return r;
    if (auto r = tx.put_deck_answer(pick); !r) return r;
    return tx.set_skipped("b1", "feelings.1.c", "u2", true, 12);
  }));
  auto answers = read_now(*store_, [](ReadTx& tx) { return tx.deck_answers("b1", "inner_world.1.a"); });
  ASSERT_EQ(answers->size(), 1u);
  EXPECT_EQ((*answers)[0].body, "The attic room");
  EXPECT_FALSE((*answers)[0].choice);
  auto picks = read_now(*store_, [](ReadTx& tx) { return tx.deck_answers("b1", "love_map.1.b"); });
  EXPECT_EQ((*picks)[0].choice, 2);
  EXPECT_EQ((*picks)[0].guess, 0);
  EXPECT_FALSE((*picks)[0].body);

  // Each member's states are their own: a skip shows only to the one who set it aside.
  auto ann = *read_now(*store_, [](ReadTx& tx) { return tx.prompt_states("b1", "u1"); });
  auto ben = *read_now(*store_, [](ReadTx& tx) { return tx.prompt_states("b1", "u2"); });
  ASSERT_EQ(ann.size(), 2u);
  EXPECT_TRUE(ann[0].mine);   // inner_world.1.a
  EXPECT_FALSE(ann[1].mine);  // love_map.1.b
  EXPECT_TRUE(ann[1].other);
  ASSERT_EQ(ben.size(), 3u);
  EXPECT_EQ(ben[0].prompt_id, "feelings.1.c");
  EXPECT_TRUE(ben[0].skipped);
  EXPECT_TRUE(*read_now(*store_, [](ReadTx& tx) { return tx.skipped("b1", "feelings.1.c", "u2"); }));
  EXPECT_FALSE(*read_now(*store_, [](ReadTx& tx) { return tx.skipped("b1", "feelings.1.c", "u1"); }));

  // Revealed once: the first time stays.
  ASSERT_TRUE(write_now(*store_, [](WriteTx& tx) -> Result<void> {
    if (auto r = tx.reveal_prompt("b1", "inner_world.1.a", 20); !r) return r;
    return tx.reveal_prompt("b1", "inner_world.1.a", 30);
  }));
  EXPECT_EQ(*read_now(*store_, [](ReadTx& tx) { return tx.revealed_at("b1", "inner_world.1.a"); }), 20);
  EXPECT_EQ(*read_now(*store_, [](ReadTx& tx) { return tx.revealed_prompts("b1"); }), std::vector<std::string>{"inner_world.1.a"});
  EXPECT_TRUE(read_now(*store_, [](ReadTx& tx) { return tx.revealed_prompts("b2"); })->empty());

  // A choice must come with a guess, and words with neither.
  DeckAnswer half{"b1", "love_map.1.x", "u1", std::nullopt, 1, std::nullopt, 40, 40};
  EXPECT_FALSE(write_now(*store_, [&](WriteTx& tx) { return tx.put_deck_answer(half); }));
  DeckAnswer both{"b1", "love_map.1.y", "u1", std::string("words"), 1, 1, 40, 40};
  EXPECT_FALSE(write_now(*store_, [&](WriteTx& tx) { return tx.put_deck_answer(both); }));
}

TEST_F(SqliteStoreTest, MenuAnswersAreSealedAndGoWhenTheMenuClosesOrTheBondEnds) {
  two_bonds_of_u1();
  const MenuChoice yes{MenuAnswer::yes, false}, ask{MenuAnswer::maybe, true}, no{MenuAnswer::no, false};
  MenuSuggestion hers{"s1", "b1", "intimacy", "mood", Person{"u1", ""}, "Candles on a Sunday 7f3a", 15};
  MenuSuggestion his{"s2", "b1", "intimacy", "talk", Person{"u2", ""}, "Talking on a walk", 16};
  MenuSuggestion warm{"s3", "b1", "affection", "play", Person{"u1", ""}, "Stargazing", 17};
  ASSERT_TRUE(write_now(*store_, [&](WriteTx& tx) -> Result<void> {
    for (auto* u : {"u1", "u2"})
      if (auto r = tx.open_menu("b1", u, "intimacy", 10); !r) return r;
    if (auto r = tx.open_menu("b1", "u1", "intimacy", 11); !r) return r;  // again: nothing changes
    if (auto r = tx.confirm_adult("u1", 10); !r) return r;
    for (auto* s : {&hers, &his, &warm})
      if (auto r = tx.insert_menu_suggestion(*s); !r) return r;
    for (const auto& [who, item, choice] : std::vector<std::tuple<std::string, std::string, MenuChoice>>{
             {"u1", "affection.long_hug", yes}, {"u2", "affection.long_hug", ask}, {"u1", "intimacy.kiss", yes},
             {"u2", "intimacy.kiss", no}, {"u1", "s2", yes}, {"u2", "s1", yes}, {"u2", "s3", yes}, {"u1", "s1", yes}})
      if (auto r = tx.put_menu_answer("b1", {who, item, choice, 20}); !r) return r;
    return tx.put_menu_answer("b2", {"u1", "affection.long_hug", no, 20});
  }));
  auto answers_of = [&](const std::string& bond, const std::string& who) {
    return *read_now(*store_, [&](ReadTx& tx) { return tx.menu_answers_of(bond, who); });
  };
  auto answers = [&](const std::string& bond) {
    auto all = answers_of(bond, "u1");
    auto second = answers_of(bond, "u2");
    all.insert(all.end(), second.begin(), second.end());
    return all;
  };
  auto items_of = [&](const std::string& bond, const std::string& who) {
    std::vector<std::string> out;
    for (const auto& a : answers_of(bond, who)) out.push_back(a.item_id);
    return out;
  };
  auto opened = [&](const std::string& who) {
    return *read_now(*store_, [&](ReadTx& tx) { return tx.menu_opened("b1", who, "intimacy"); });
  };
  ASSERT_EQ(answers("b1").size(), 8u);
  EXPECT_EQ(answers("b1")[0].item_id, "affection.long_hug");
  EXPECT_EQ(answers("b1")[0].choice, yes);
  EXPECT_EQ(answers_of("b1", "u2")[0].choice, ask) << "by item";
  EXPECT_EQ(answers("b2").size(), 1u);
  EXPECT_TRUE(opened("u1"));
  EXPECT_TRUE(opened("u2"));
  // One member's answers to named items: what is stored, nothing where nothing is.
  auto to = *read_now(*store_, [](ReadTx& tx) {
    return tx.menu_answers_to("b1", "u2", {"intimacy.kiss", "affection.nothing", "affection.long_hug"});
  });
  ASSERT_EQ(to.size(), 3u);
  EXPECT_EQ(to[0], no);
  EXPECT_FALSE(to[1]);
  EXPECT_EQ(to[2], ask);
  EXPECT_TRUE(*read_now(*store_, [](ReadTx& tx) { return tx.adult_confirmed("u1"); }));
  EXPECT_FALSE(*read_now(*store_, [](ReadTx& tx) { return tx.adult_confirmed("u2"); }));
  auto suggestions = *read_now(*store_, [](ReadTx& tx) { return tx.menu_suggestions("b1"); });
  ASSERT_EQ(suggestions.size(), 3u);
  EXPECT_EQ(suggestions[0].text, "Candles on a Sunday 7f3a");
  EXPECT_EQ(suggestions[0].author.id, "u1");

  // Changing an answer keeps one row; clearing it removes it.
  ASSERT_TRUE(write_now(*store_, [&](WriteTx& tx) { return tx.put_menu_answer("b1", {"u2", "intimacy.kiss", yes, 30}); }));
  EXPECT_EQ(answers("b1").size(), 8u);
  EXPECT_TRUE(*write_now(*store_, [](WriteTx& tx) { return tx.delete_menu_answer("b1", "u2", "intimacy.kiss"); }));
  EXPECT_FALSE(*write_now(*store_, [](WriteTx& tx) { return tx.delete_menu_answer("b1", "u2", "intimacy.kiss"); }));

  // Only its author deletes a suggestion, and every answer to it goes with it.
  EXPECT_FALSE(*write_now(*store_, [](WriteTx& tx) { return tx.delete_menu_suggestion("b1", "s3", "u2"); }));
  EXPECT_TRUE(*write_now(*store_, [](WriteTx& tx) { return tx.delete_menu_suggestion("b1", "s3", "u1"); }));
  EXPECT_EQ(items_of("b1", "u2"), (std::vector<std::string>{"affection.long_hug", "s1"}));

  // Closing the intimacy menu takes u1's answers in it, her suggestions in it and the answers to
  // them; her affection answers and u2's own suggestion stay.
  ASSERT_TRUE(write_now(*store_, [](WriteTx& tx) { return tx.close_menu("b1", "u1", "intimacy"); }));
  EXPECT_EQ(items_of("b1", "u1"), (std::vector<std::string>{"affection.long_hug"}));
  EXPECT_EQ(items_of("b1", "u2"), (std::vector<std::string>{"affection.long_hug"})) << "his answer to her suggestion went";
  suggestions = *read_now(*store_, [](ReadTx& tx) { return tx.menu_suggestions("b1"); });
  ASSERT_EQ(suggestions.size(), 1u);
  EXPECT_EQ(suggestions[0].id, "s2");
  EXPECT_FALSE(opened("u1"));
  EXPECT_TRUE(opened("u2"));

  // Nothing in the file says yes, maybe or no, nor the suggestion's words: each answer is as long as
  // any other.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ / "pillars.db").string().c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT DISTINCT length(choice_sealed) FROM menu_answers", -1, &st, nullptr), SQLITE_OK);
  int lengths = 0;
  while (sqlite3_step(st) == SQLITE_ROW) ++lengths;
  sqlite3_finalize(st);
  sqlite3_close(db);
  EXPECT_EQ(lengths, 1);

  // Ending the bond takes everything of its menus; the other bond keeps its own.
  ASSERT_TRUE(write_now(*store_, [](WriteTx& tx) { return tx.end_bond("b1", "u2", 40); }));
  EXPECT_TRUE(answers("b1").empty());
  EXPECT_TRUE(read_now(*store_, [](ReadTx& tx) { return tx.menu_suggestions("b1"); })->empty());
  EXPECT_FALSE(opened("u2"));
  EXPECT_EQ(answers("b2").size(), 1u);
}

TEST_F(SqliteStoreTest, NotificationSettingsDevicesAndWhatTheDispatcherReads) {
  two_bonds_of_u1();
  // Defaults until a person chooses.
  EXPECT_EQ(*read_now(*store_, [](ReadTx& tx) { return tx.notify_settings("u1"); }), NotifySettings{});
  NotifySettings chosen{20 * 60, true, 22 * 60, 7 * 60};
  ASSERT_TRUE(write_now(*store_, [&](WriteTx& tx) { return tx.put_notify_settings("u1", chosen, 10); }));
  EXPECT_EQ(*read_now(*store_, [](ReadTx& tx) { return tx.notify_settings("u1"); }), chosen);
  EXPECT_EQ(*read_now(*store_, [](ReadTx& tx) { return tx.notify_settings("u2"); }), NotifySettings{});

  // Nobody with a device is a candidate.
  EXPECT_TRUE(read_now(*store_, [](ReadTx& tx) { return tx.notify_candidates(0); })->empty());

  auto device = [](std::string id, std::string user, std::string endpoint, Millis at) {
    std::string key = "key-" + id, auth = "auth-" + id;
    return PushDevice{std::move(id), std::move(user), std::move(endpoint), std::move(key), std::move(auth), at, {}};
  };
  ASSERT_TRUE(write_now(*store_, [&](WriteTx& tx) -> Result<void> {
    if (auto r = tx.put_push_device(device("d1", "u1", "https://push.example/a", 11), 2); !r) return r;
    if (auto r = tx.put_push_device(device("d2", "u1", "https://push.example/b", 12), 2); !r) return r;
    return tx.put_push_device(device("d3", "u1", "https://push.example/c", 13), 2);
  }));
  auto devices = *read_now(*store_, [](ReadTx& tx) { return tx.push_devices("u1"); });
  ASSERT_EQ(devices.size(), 2u) << "beyond the limit the oldest goes";
  EXPECT_EQ(devices[0].id, "d2");
  EXPECT_EQ(devices[1].p256dh, "key-d3");

  // The same browser, now with Ben signed in: the endpoint moves to him.
  ASSERT_TRUE(write_now(*store_, [&](WriteTx& tx) { return tx.put_push_device(device("d4", "u2", "https://push.example/c", 14), 2); }));
  EXPECT_EQ(read_now(*store_, [](ReadTx& tx) { return tx.push_devices("u1"); })->size(), 1u);
  EXPECT_EQ(read_now(*store_, [](ReadTx& tx) { return tx.push_devices("u2"); })->at(0).id, "d4");
  EXPECT_FALSE(*write_now(*store_, [](WriteTx& tx) { return tx.delete_push_device("u1", "d4"); })) << "not Ann's";

  // Ann checked in in b1 on day 40; Ben was told of a share (unread) and a check-in (seen).
  ASSERT_TRUE(write_now(*store_, [&](WriteTx& tx) -> Result<void> {
    if (auto r = tx.put_checkin(checkin("u1", 40, {})); !r) return r;
    Notice shared;
    shared.id = "n1";
    shared.user_id = "u2";
    shared.bond_id = "b1";
    shared.kind = NoticeKind::appreciation_added;
    shared.subject_id = "a1";
    shared.from_id = "u1";
    shared.created_at = 100;
    if (auto r = tx.add_notice(shared); !r) return r;
    Notice old = shared;
    old.id = "n0";
    old.subject_id = "a0";
    old.created_at = 50;
    return tx.add_notice(old);
  }));
  auto candidates = *read_now(*store_, [](ReadTx& tx) { return tx.notify_candidates(60); });
  ASSERT_EQ(candidates.size(), 2u);
  const auto& ann = candidates[0].user_id == "u1" ? candidates[0] : candidates[1];
  const auto& ben = candidates[0].user_id == "u2" ? candidates[0] : candidates[1];
  EXPECT_EQ(ann.settings, chosen);
  EXPECT_EQ(ann.timezone, "UTC");
  ASSERT_EQ(ann.latest_checkins.size(), 2u) << "one per active bond";
  EXPECT_TRUE(std::count(ann.latest_checkins.begin(), ann.latest_checkins.end(), std::optional<Day>(40)) == 1);
  EXPECT_TRUE(ann.pending.empty());
  ASSERT_EQ(ben.pending.size(), 1u) << "the older notice is before `pending_since`";
  EXPECT_EQ(ben.pending[0], std::make_pair(NoticeKind::appreciation_added, Millis{100}));

  // After an event push, what came before it is not pending any more; the reminder day is kept.
  ASSERT_TRUE(write_now(*store_, [](WriteTx& tx) -> Result<void> {
    if (auto r = tx.mark_event_pushed("u2", 100); !r) return r;
    return tx.mark_reminded("u2", 41, 100);
  }));
  candidates = *read_now(*store_, [](ReadTx& tx) { return tx.notify_candidates(0); });
  const auto& ben2 = candidates[0].user_id == "u2" ? candidates[0] : candidates[1];
  EXPECT_TRUE(ben2.pending.empty());
  EXPECT_EQ(ben2.last_event_push, 100);
  EXPECT_EQ(ben2.last_reminder_day, 41);
  EXPECT_EQ(ben2.settings, NotifySettings{}) << "marking keeps the defaults";

  // A gone endpoint is forgotten; leaving takes devices and settings along.
  ASSERT_TRUE(write_now(*store_, [](WriteTx& tx) { return tx.drop_push_endpoint("https://push.example/c"); }));
  EXPECT_TRUE(read_now(*store_, [](ReadTx& tx) { return tx.push_devices("u2"); })->empty());
  ASSERT_TRUE(write_now(*store_, [](WriteTx& tx) -> Result<void> {
    if (auto r = tx.end_bond("b1", "u1", 200); !r) return r;
    if (auto r = tx.end_bond("b2", "u1", 200); !r) return r;
    return tx.delete_account("u1", 200);
  }));
  EXPECT_TRUE(read_now(*store_, [](ReadTx& tx) { return tx.push_devices("u1"); })->empty());
  EXPECT_EQ(*read_now(*store_, [](ReadTx& tx) { return tx.notify_settings("u1"); }), NotifySettings{});
}

// Migration 0018 keys the six bond-scoped tables that had a lone id by (bond_id, id), rebuilding
// each on SQLite: a database from before it keeps every row of them, every index, and every
// sealed text still opens.
TEST_F(SqliteStoreTest, TablesKeyedByIdAloneKeepEveryRowWhenKeyedByTheirBond) {
  two_bonds_of_u1();
  Entry e{"e1", "u1", EntryKind::feeling, {}, "shared twice", 10, 10, {}};
  Request comfort{"c1", "b1", RequestKind::comfort, Person{"u1", ""}, std::string("hold me 31c"), std::nullopt, 20,
                  {}, {}, {}};
  Request space{"s1", "b2", RequestKind::space, Person{"u3", ""}, std::nullopt, SpaceWhen::tomorrow, 21, {}, {}, {}};
  Moment high{"m1", "b1", Person{"u1", ""}, 19000, MomentKind::high, "the lake 8a2", std::string("cold"), 30, 30};
  Moment low{"m2", "b2", Person{"u3", ""}, 19001, MomentKind::low, "the move", std::nullopt, 31, 31};
  MenuSuggestion hers{"g1", "b1", "affection", "play", Person{"u1", ""}, "Stargazing 5e0", 40};
  MenuSuggestion theirs{"g2", "b2", "affection", "play", Person{"u3", ""}, "Baking", 41};
  Notice told{"n1", "u2", "b1", NoticeKind::comfort_requested, "c1", std::nullopt, std::nullopt, "u1", 20, {}};
  Notice shared{"n2", "u3", "b2", NoticeKind::entry_shared, "e1", std::string("e1"), std::nullopt, "u1", 12, {}};
  ASSERT_TRUE(write_now(*store_, [&](WriteTx& tx) -> Result<void> {
    if (auto r = tx.insert_entry(e); !r) return r;
    for (auto* bond : {"b1", "b2"})
      if (auto r = tx.share_entry("e1", bond, "u1", 11); !r) return std::unexpected(r.error());
    if (auto r = tx.insert_response({"r1", "e1", "b1", Person{"u2", ""}, ResponseKind::hear, "heard 2b7", 13}); !r) return r;
    if (auto r = tx.insert_response({"r2", "e1", "b2", Person{"u3", ""}, ResponseKind::comfort, std::nullopt, 14}); !r)
      return r;
    if (auto r = tx.insert_appreciation({"a1", "b1", Person{"u2", ""}, AppreciationKind::thanks, "ta 4c1", 15}); !r)
      return r;
    if (auto r = tx.insert_appreciation({"a2", "b2", Person{"u3", ""}, AppreciationKind::love, std::nullopt, 16}); !r)
      return r;
    for (auto* request : {&comfort, &space})
      if (auto r = tx.insert_request(*request); !r) return r;
    if (auto r = tx.answer_request("b1", "c1", "u2", 22, std::string("here 9d3"), std::nullopt); !r) return r;
    for (auto* moment : {&high, &low})
      if (auto r = tx.put_moment(*moment); !r) return r;
    for (auto* suggestion : {&hers, &theirs})
      if (auto r = tx.insert_menu_suggestion(*suggestion); !r) return r;
    for (auto* notice : {&told, &shared})
      if (auto r = tx.add_notice(*notice); !r) return r;
    return {};
  }));
  ASSERT_EQ(*write_now(*store_, [](WriteTx& tx) { return tx.mark_notices_seen("u2", {"n1"}, 50); }), 1);

  const std::vector<std::string> tables{"entry_responses", "appreciations",    "comfort_requests",
                                        "moments",         "menu_suggestions", "notices"};
  std::map<std::string, std::vector<std::string>> rows;
  for (const auto& t : tables) {
    rows[t] = rows_of(t);
    EXPECT_EQ(rows[t].size(), 2u) << t;
  }
  downgrade_to(17);
  std::map<std::string, std::vector<std::string>> indexes;
  for (const auto& t : tables) {
    EXPECT_EQ(primary_key_of(t), "id") << t << " as migration 0017 left it";
    EXPECT_EQ(rows_of(t), rows[t]) << t << " copied into the older database";
    indexes[t] = query("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND tbl_name = '" + t +
                       "' ORDER BY name");
    EXPECT_FALSE(indexes[t].empty()) << t;
  }
  EXPECT_EQ(query("SELECT max(version) FROM schema_migrations").at(0), "17");

  reopen();  // applies 0018 and what follows it
  EXPECT_EQ(*read_now(*store_, [](ReadTx& tx) { return tx.schema_version(); }), SqliteStore::latest_schema_version());
  for (const auto& t : tables) {
    EXPECT_EQ(primary_key_of(t), "bond_id,id") << t;
    EXPECT_EQ(rows_of(t), rows[t]) << t;
    auto now = query("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND tbl_name = '" + t +
                     "' ORDER BY name");
    for (const auto& index : indexes[t]) EXPECT_NE(std::find(now.begin(), now.end(), index), now.end()) << index;
  }
  EXPECT_EQ(query("PRAGMA integrity_check"), std::vector<std::string>{"ok"});
  EXPECT_TRUE(query("PRAGMA foreign_key_check").empty());

  // The store reads them as before, each sealed text opening.
  auto responses = read_now(*store_, [](ReadTx& tx) { return tx.responses_in_bond("e1", "b1"); });
  ASSERT_EQ(responses->size(), 1u);
  EXPECT_EQ((*responses)[0].body, "heard 2b7");
  EXPECT_EQ(read_now(*store_, [](ReadTx& tx) { return tx.appreciations_in("b1"); })->at(0).note, "ta 4c1");
  auto requests = read_now(*store_, [](ReadTx& tx) { return tx.requests_in("b1", RequestKind::comfort); });
  ASSERT_EQ(requests->size(), 1u);
  EXPECT_EQ((*requests)[0].note, "hold me 31c");
  EXPECT_EQ((*requests)[0].answer_note, "here 9d3");
  EXPECT_EQ(read_now(*store_, [](ReadTx& tx) { return tx.requests_in("b2", RequestKind::space); })->at(0).when,
            SpaceWhen::tomorrow);
  auto moments = read_now(*store_, [](ReadTx& tx) { return tx.moments_in("b1"); });
  ASSERT_EQ(moments->size(), 1u);
  EXPECT_EQ((*moments)[0].title, "the lake 8a2");
  EXPECT_EQ((*moments)[0].note, "cold");
  EXPECT_EQ(read_now(*store_, [](ReadTx& tx) { return tx.menu_suggestions("b1"); })->at(0).text, "Stargazing 5e0");
  auto notices = read_now(*store_, [](ReadTx& tx) { return tx.notices_for("u2", 0); });
  ASSERT_EQ(notices->size(), 1u);
  EXPECT_EQ((*notices)[0].notice.seen_at, 50);
  EXPECT_FALSE((*notices)[0].request_open) << "answered before the migration";
  EXPECT_EQ(read_now(*store_, [](ReadTx& tx) { return tx.notices_for("u3", 0); })->size(), 1u);
}

// Every statement that finds one row of a bond-scoped table names the bond: answering a request
// in another bond than its own answers nothing.
TEST_F(SqliteStoreTest, AnsweringARequestNamesItsBond) {
  two_bonds_of_u1();
  Request comfort{"c1", "b1", RequestKind::comfort, Person{"u1", ""}, std::nullopt, std::nullopt, 20, {}, {}, {}};
  ASSERT_TRUE(write_now(*store_, [&](WriteTx& tx) { return tx.insert_request(comfort); }));
  auto elsewhere = write_now(*store_, [](WriteTx& tx) { return tx.answer_request("b2", "c1", "u3", 21, std::nullopt, std::nullopt); });
  ASSERT_FALSE(elsewhere);
  EXPECT_EQ(elsewhere.error().code, Errc::conflict);
  EXPECT_FALSE(read_now(*store_, [](ReadTx& tx) { return tx.request("b1", "c1"); })->value().answered_at);
  ASSERT_TRUE(write_now(*store_, [](WriteTx& tx) { return tx.answer_request("b1", "c1", "u2", 22, std::nullopt, std::nullopt); }));
  EXPECT_EQ(read_now(*store_, [](ReadTx& tx) { return tx.request("b1", "c1"); })->value().answered_at, 22);
}

}  // namespace
}  // namespace pillars::store
