// Copying and checking a database file, for `pillars backup` and `pillars restore`: SQLite's online
// backup inside one read transaction, so the copy is one moment of the database while a server goes
// on writing; the integrity and schema checks a copy must pass; and whether a key opens its sealed
// text. The app calls these and writes no SQL.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "crypto/seal.h"

namespace pillars::store {

// The first bytes of a SQLite database file that say how big it is.
inline constexpr std::size_t kSqliteHeaderBytes = 100;

// What is wrong with a database file whose first bytes are `head` and whose size is `file_size`,
// judged from its header alone: not a SQLite database, an impossible page size, a size that is not
// whole pages, or fewer pages than the header counts (a file cut short). nullopt when nothing is.
std::optional<std::string> header_problem(std::string_view head, std::uint64_t file_size);

struct BackupProgress {
  std::int64_t copied = 0;  // pages copied so far
  std::int64_t total = 0;   // pages in the snapshot being copied
};
using OnBackupProgress = std::function<void(const BackupProgress&)>;

struct BackupCopy {
  std::int64_t pages = 0;
  std::int64_t page_size = 0;
};

// Copies the database at `source` into a new file at `dest` (which must not exist yet), while other
// processes may go on writing to `source`. The source is opened read-only and held in one read
// transaction for the whole copy, so every page comes from the same snapshot: each write committed
// before the copy began is in it, none committed after. Pages go `pages_per_step` at a time, and
// `progress` hears after each step. The copy is a single file (no write-ahead log).
Result<BackupCopy> backup_database(const std::string& source, const std::string& dest,
                                   const OnBackupProgress& progress, int pages_per_step = 64);

struct DatabaseCheck {
  int schema_version = 0;           // the newest migration applied to it
  std::int64_t pages = 0;
  std::int64_t page_size = 0;
  std::int64_t sealed_values = 0;   // sealed values tried with the key (none without a key)
  std::int64_t sealed_unopened = 0; // of them, those the key did not open
};

// Checks the database file at `path` without changing it (opened read-only, as immutable): its
// header against its size, PRAGMA integrity_check, and that it is a Pillars database (it has a
// schema version). With `key`, tries to open every sealed value bound to a row's id (entries,
// responses, warm words, requests, moments). Fails with a sentence saying what is wrong.
Result<DatabaseCheck> check_database(const std::string& path, const crypto::Sealer* key);

// Folds the write-ahead log of the database at `path` back into it, so the database file holds
// everything on its own. For a database no server has open.
Result<void> checkpoint_database(const std::string& path);

}  // namespace pillars::store
