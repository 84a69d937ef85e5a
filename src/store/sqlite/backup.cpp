#include "store/sqlite/backup.h"

#include <sqlite3.h>

#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <fmt/format.h>

#include "store/sqlite/db.h"
#include "store/sql/tx.h"

namespace pillars::store {

using sqlite::Conn;
using sqlite::Query;

namespace {

std::uint32_t big_endian(std::string_view bytes, std::size_t at, std::size_t width) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < width; ++i) value = (value << 8) | static_cast<unsigned char>(bytes[at + i]);
  return value;
}

// A file URI that opens `path` read-only and immutable: SQLite then neither locks it nor looks for a
// write-ahead log or journal beside it, so checking a file never changes it or its folder.
std::string immutable_uri(const std::string& path) {
  std::string uri = "file:";
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '.' || c == '_' || c == '~') uri += static_cast<char>(c);
    else uri += fmt::format("%{:02X}", c);
  }
  return uri + "?mode=ro&immutable=1";
}

Result<std::unique_ptr<Conn>> open_raw(const std::string& name, int flags) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(name.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  auto conn = std::make_unique<Conn>(db);
  if (rc != SQLITE_OK) return fail(Errc::internal, fmt::format("cannot open it ({})", sqlite3_errstr(rc)));
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, 5000);
  return conn;
}

// The first line PRAGMA integrity_check says: "ok" for a sound database.
std::string integrity(Conn& conn) {
  Query q(conn, "PRAGMA integrity_check(1)");
  if (q.step()) return q.text(0);
  return fmt::format("it cannot be read ({})", sqlite3_errmsg(conn.db()));
}

bool has_table(Conn& conn, const char* name) {
  Query q(conn, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?");
  q.bind(name);
  return q.step();
}

// Sealed columns bound to their row's id, with the name they are sealed under.
struct SealedColumn {
  const char* table;
  const char* select;  // id, sealed value
  const char* name;
};
constexpr SealedColumn kSealedColumns[] = {
    {"entries", "SELECT id, body_sealed FROM entries", "entries.body"},
    {"entry_responses", "SELECT id, body_sealed FROM entry_responses WHERE body_sealed IS NOT NULL",
     "entry_responses.body"},
    {"appreciations", "SELECT id, note_sealed FROM appreciations WHERE note_sealed IS NOT NULL", "appreciations.note"},
    {"comfort_requests", "SELECT id, note_sealed FROM comfort_requests WHERE note_sealed IS NOT NULL",
     "comfort_requests.note"},
    {"comfort_requests",
     "SELECT id, answer_note_sealed FROM comfort_requests WHERE answer_note_sealed IS NOT NULL",
     "comfort_requests.answer_note"},
    {"moments", "SELECT id, title_sealed FROM moments", "moments.title"},
    {"moments", "SELECT id, note_sealed FROM moments WHERE note_sealed IS NOT NULL", "moments.note"},
};

}  // namespace

std::optional<std::string> header_problem(std::string_view head, std::uint64_t file_size) {
  constexpr std::string_view kMagic("SQLite format 3\0", 16);
  if (head.size() < kSqliteHeaderBytes || file_size < kSqliteHeaderBytes || !head.starts_with(kMagic))
    return "it is not a SQLite database";
  std::uint32_t page_size = big_endian(head, 16, 2);
  if (page_size == 1) page_size = 65536;
  if (page_size < 512 || page_size > 65536 || (page_size & (page_size - 1)) != 0)
    return "its header is damaged (impossible page size)";
  if (file_size % page_size != 0) return fmt::format("its size is not a whole number of {}-byte pages", page_size);
  std::uint32_t change_counter = big_endian(head, 24, 4);
  std::uint32_t page_count = big_endian(head, 28, 4);
  std::uint32_t valid_for = big_endian(head, 92, 4);
  // The page count is only kept up to date while these two agree (SQLite's file format, 1.3.9).
  if (page_count != 0 && change_counter == valid_for && file_size / page_size < page_count)
    return fmt::format("it was cut short: its header counts {} pages, the file holds {}", page_count,
                       file_size / page_size);
  return std::nullopt;
}

Result<BackupCopy> backup_database(const std::string& source, const std::string& dest,
                                   const OnBackupProgress& progress, int pages_per_step) {
  auto src = sqlite::open_conn(source, true);
  if (!src) return fail(Errc::internal, "cannot open the database");
  auto dst = open_raw(dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (!dst) return fail(Errc::internal, "cannot create the copy: " + dst.error().detail);

  // One read transaction for the whole copy: every page is read from the snapshot it began with,
  // while writers in other processes go on appending to the write-ahead log.
  if (!(*src)->exec("BEGIN")) return fail(Errc::internal, "cannot start reading the database");
  {
    Query first((**src), "SELECT count(*) FROM sqlite_schema");
    if (!first.step()) return fail(Errc::internal, "cannot read the database");
  }
  sqlite3_backup* backup = sqlite3_backup_init((*dst)->db(), "main", (*src)->db(), "main");
  if (!backup) return fail(Errc::internal, fmt::format("cannot start the copy ({})", sqlite3_errmsg((*dst)->db())));
  int rc = SQLITE_OK;
  int waits = 0;
  BackupCopy copy;
  for (;;) {
    rc = sqlite3_backup_step(backup, pages_per_step);
    copy.pages = sqlite3_backup_pagecount(backup);
    if (progress) progress({copy.pages - sqlite3_backup_remaining(backup), copy.pages});
    if (rc == SQLITE_DONE) break;
    if (rc == SQLITE_OK) continue;
    int primary = rc & 0xFF;
    // A lock held for a moment (a checkpoint, recovery): wait a little, up to a minute in all.
    if ((primary == SQLITE_BUSY || primary == SQLITE_LOCKED) && ++waits < 1200) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      continue;
    }
    break;
  }
  int finished = sqlite3_backup_finish(backup);
  (*src)->exec("COMMIT");
  if (rc != SQLITE_DONE || finished != SQLITE_OK)
    return fail(Errc::internal, fmt::format("the copy failed ({})", sqlite3_errstr(rc != SQLITE_DONE ? rc : finished)));
  // The copy carries the source's write-ahead-log mode in its header; make it one file on its own.
  if (!(*dst)->exec("PRAGMA journal_mode=DELETE")) return fail(Errc::internal, "cannot finish the copy");
  Query size(**dst, "PRAGMA page_size");
  if (size.step()) copy.page_size = size.integer(0);
  return copy;
}

Result<DatabaseCheck> check_database(const std::string& path, const crypto::Sealer* key) {
  std::error_code ec;
  auto file_size = std::filesystem::file_size(path, ec);
  if (ec) return fail(Errc::not_found, "it cannot be read");
  std::string head(kSqliteHeaderBytes, '\0');
  {
    std::ifstream in(path, std::ios::binary);
    if (!in.read(head.data(), static_cast<std::streamsize>(head.size()))) head.clear();
  }
  if (auto problem = header_problem(head, file_size)) return fail(Errc::conflict, *problem);

  auto conn = open_raw(immutable_uri(path), SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
  if (!conn) return fail(Errc::internal, conn.error().detail);
  Conn& c = **conn;
  if (auto said = integrity(c); said != "ok")
    return fail(Errc::conflict, fmt::format("the integrity check failed: {}", said));
  if (!has_table(c, "schema_migrations")) return fail(Errc::conflict, "it is not a Pillars database");

  DatabaseCheck check;
  sql::SqlTx tx(c, nullptr);
  auto version = tx.schema_version();
  if (!version) return fail(Errc::internal, "its schema version cannot be read");
  check.schema_version = *version;
  Query pages(c, "PRAGMA page_count");
  if (pages.step()) check.pages = pages.integer(0);
  Query size(c, "PRAGMA page_size");
  if (size.step()) check.page_size = size.integer(0);

  if (!key) return check;
  for (const auto& column : kSealedColumns) {
    if (!has_table(c, column.table)) continue;  // a backup from before the table was made
    Query q(c, column.select);
    while (q.step()) {
      ++check.sealed_values;
      if (!key->open(q.blob(1), sql::associated_data(column.name, q.text(0)))) ++check.sealed_unopened;
    }
    if (!q.ok()) return fail(Errc::conflict, fmt::format("its {} cannot be read", column.table));
  }
  return check;
}

Result<void> checkpoint_database(const std::string& path) {
  auto conn = open_raw(path, SQLITE_OPEN_READWRITE);
  if (!conn) return fail(Errc::internal, conn.error().detail);
  Query q(**conn, "PRAGMA wal_checkpoint(TRUNCATE)");
  // One row: busy (0 when the checkpoint ran to the end), log frames, frames checkpointed.
  if (!q.step() || q.integer(0) != 0) return fail(Errc::internal, "its write-ahead log could not be folded in");
  return {};
}

}  // namespace pillars::store
