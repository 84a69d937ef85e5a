// The PostgreSQL migrations mirror the SQLite ones file for file: a database of either engine at
// version N has the same schema (tests/api/schema-parity.test.mjs compares the two schemas).
#include <gtest/gtest.h>

#include <regex>
#include <span>
#include <string>

#include "core/embedded_file.h"
#include "store/postgres/conn.h"

namespace pillars {
std::span<const EmbeddedFile> migration_files();           // generated from src/store/migrations
std::span<const EmbeddedFile> postgres_migration_files();  // generated from src/store/postgres/migrations
}

namespace pillars {
namespace {

TEST(PostgresMigrations, OneTwinPerSqliteMigrationWithTheSameNumberAndName) {
  auto sqlite = migration_files();
  auto postgres = postgres_migration_files();
  ASSERT_FALSE(sqlite.empty());
  ASSERT_EQ(postgres.size(), sqlite.size());
  for (std::size_t i = 0; i < sqlite.size(); ++i) EXPECT_EQ(postgres[i].path, sqlite[i].path);
}

TEST(PostgresMigrations, UseNoSqliteOnlySyntax) {
  const std::regex comment("--[^\n]*");
  const std::regex sqlite_only(
      R"(\b(INTEGER|BLOB|REAL|STRICT|WITHOUT ROWID|AUTOINCREMENT|INSERT OR|PRAGMA|strftime)\b|CONCURRENTLY)");
  for (const auto& file : postgres_migration_files()) {
    // Comments may name what SQLite had; only the statements count.
    std::string sql = std::regex_replace(std::string(file.data), comment, "");
    std::smatch m;
    EXPECT_FALSE(std::regex_search(sql, m, sqlite_only)) << file.path << " uses " << m.str();
  }
}

}  // namespace
}  // namespace pillars

// The shared SQL writes ? (or ?N, as SQLite reads it); PostgreSQL numbers its parameters.
TEST(PostgresParameters, NumbersBareMarksInOrderAndKeepsNamedOnes) {
  using pillars::store::postgres::number_parameters;
  EXPECT_EQ(number_parameters("SELECT a FROM t WHERE b = ? AND c = ?"), "SELECT a FROM t WHERE b = $1 AND c = $2");
  EXPECT_EQ(number_parameters("UPDATE t SET a = ?2 WHERE id = ?1 OR owner = ?1"),
            "UPDATE t SET a = $2 WHERE id = $1 OR owner = $1");
  EXPECT_EQ(number_parameters("VALUES (?12, ?3)"), "VALUES ($12, $3)");
}

TEST(PostgresParameters, LeavesQuestionMarksInsideQuotesAlone) {
  using pillars::store::postgres::number_parameters;
  EXPECT_EQ(number_parameters("SELECT '?', \"a?\" FROM t WHERE x = ?"), "SELECT '?', \"a?\" FROM t WHERE x = $1");
}
