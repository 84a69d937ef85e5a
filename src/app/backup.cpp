#include "app/backup.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "app/data_lock.h"
#include "core/time.h"
#include "crypto/crypto.h"
#include "crypto/seal.h"
#include "store/sqlite/backup.h"
#include "store/sqlite/sqlite_store.h"

namespace pillars::app {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kDatabase = "pillars.db";
constexpr std::string_view kKeyFile = "secret.key";
constexpr const char* kKeyEnv = "PILLARS_SECRET_KEY";

// Says why a command stops, on stderr, and gives its exit code.
int refuse(std::string_view command, const std::string& sentence) {
  fmt::print(stderr, "{}: {}\n", command, sentence);
  return 1;
}

std::string key_from_env() {
  const char* hex = std::getenv(kKeyEnv);
  return hex ? hex : "";
}

fs::path with_suffix(const fs::path& path, std::string_view suffix) { return path.string() + std::string(suffix); }

fs::path folder_of(const fs::path& file) {
  auto parent = file.parent_path();
  return parent.empty() ? fs::path(".") : parent;
}

std::string shown(const fs::path& path) {
  std::error_code ec;
  auto absolute = fs::absolute(path, ec);
  return (ec ? path : absolute.lexically_normal()).string();
}

bool sync_path(const fs::path& path, bool directory) {
  int fd = ::open(path.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

// Copies `from` into the new file `to` (mode 0600) and makes it durable before returning.
Result<void> copy_durably(const fs::path& from, const fs::path& to) {
  int in = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) return fail(Errc::not_found, fmt::format("cannot read {}", from.string()));
  int out = ::open(to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (out < 0) {
    ::close(in);
    return fail(Errc::internal, fmt::format("cannot create {}", to.string()));
  }
  std::vector<char> buffer(1 << 20);
  bool ok = true;
  for (;;) {
    ssize_t n = ::read(in, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ok = n == 0;
      break;
    }
    for (ssize_t done = 0; ok && done < n;) {
      ssize_t w = ::write(out, buffer.data() + done, static_cast<std::size_t>(n - done));
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) ok = false;
      else done += w;
    }
    if (!ok) break;
  }
  ok = ok && ::fsync(out) == 0;
  ::close(in);
  ok = ::close(out) == 0 && ok;
  if (!ok) {
    ::unlink(to.c_str());
    return fail(Errc::internal, fmt::format("cannot write {}", to.string()));
  }
  return {};
}

// The first line of a small text file (a key), or nullopt when it cannot be read.
std::optional<std::string> first_line(const fs::path& path) {
  std::ifstream in(path);
  std::string line;
  if (!in || !std::getline(in, line)) return std::nullopt;
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  return line;
}

std::string human_size(std::uintmax_t bytes) {
  if (bytes >= (1u << 20)) return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / (1u << 20));
  if (bytes >= (1u << 10)) return fmt::format("{:.1f} KiB", static_cast<double>(bytes) / (1u << 10));
  return fmt::format("{} bytes", bytes);
}

// "backup: 62% (1536 of 2480 pages)": on a terminal one line rewritten in place, otherwise a line
// at every tenth of the way.
class ProgressLine {
 public:
  ProgressLine() : terminal_(::isatty(STDERR_FILENO) == 1) {}

  void show(const store::BackupProgress& progress) {
    int percent = progress.total > 0 ? static_cast<int>(progress.copied * 100 / progress.total) : 100;
    auto line = fmt::format("backup: {}% ({} of {} pages)", percent, progress.copied, progress.total);
    if (terminal_) {
      fmt::print(stderr, "\r{}", line);
      open_ = true;
    } else if (percent >= next_) {
      fmt::print(stderr, "{}\n", line);
      next_ = percent / 10 * 10 + 10;
    }
  }
  void end() {
    if (open_) fmt::print(stderr, "\n");
    open_ = false;
  }

 private:
  bool terminal_ = false;
  bool open_ = false;
  int next_ = 0;
};

// The key a backup is checked with, and whether it is a file to install in the data folder.
struct ChosenKey {
  crypto::Sealer sealer{};
  std::string source;             // for messages: which key this is
  std::optional<fs::path> file{}; // a key file from outside the data folder, installed on restore
};

// In this order: --key, FILE.key beside the backup, PILLARS_SECRET_KEY, the data folder's key.
Result<ChosenKey> choose_key(const RestoreConfig& config, const fs::path& data) {
  std::error_code ec;
  fs::path given = config.key.empty() ? with_suffix(config.file, ".key") : fs::path(config.key);
  if (!config.key.empty() || fs::exists(given, ec)) {
    auto sealer = crypto::Sealer::load(given.string());
    if (!sealer) return fail(Errc::validation, fmt::format("cannot read a key from {}", given.string()));
    return ChosenKey{std::move(*sealer), fmt::format("the key in {}", given.string()), given};
  }
  if (auto hex = key_from_env(); !hex.empty()) {
    auto sealer = crypto::Sealer::from_hex(hex);
    if (!sealer) return fail(Errc::validation, "PILLARS_SECRET_KEY is not a key (64 hexadecimal characters)");
    return ChosenKey{std::move(*sealer), "the key in PILLARS_SECRET_KEY", std::nullopt};
  }
  fs::path current = data / kKeyFile;
  if (fs::exists(current, ec)) {
    auto sealer = crypto::Sealer::load(current.string());
    if (!sealer) return fail(Errc::validation, fmt::format("cannot read the key in {}", current.string()));
    return ChosenKey{std::move(*sealer), fmt::format("the data folder's key {}", current.string()), std::nullopt};
  }
  return fail(Errc::validation, fmt::format("no key found: there is no {} beside the backup and no key in {}; "
                                            "give the backup's key with --key",
                                            with_suffix(config.file, ".key").string(), data.string()));
}

std::string server_busy(const fs::path& data) {
  return fmt::format("a Pillars server is using {}; stop it first", data.string());
}

// A name for what a restore sets aside, "20261202T183012Z" (UTC), unused in `data`.
std::string aside_stamp(const fs::path& data) {
  std::string stamp;
  for (char c : format_rfc3339(wall_clock()())) {
    if (c != '-' && c != ':') stamp += c;
  }
  std::string candidate = stamp;
  std::error_code ec;
  for (int n = 2; fs::exists(data / ("pillars.db.before-restore-" + candidate), ec) ||
                  fs::exists(data / ("secret.key.before-restore-" + candidate), ec);
       ++n)
    candidate = fmt::format("{}-{}", stamp, n);
  return candidate;
}

// Steps already taken by a restore, undone newest first when a later step fails.
class Undo {
 public:
  void add(std::function<void()> step) { steps_.push_back(std::move(step)); }
  void run() {
    for (auto it = steps_.rbegin(); it != steps_.rend(); ++it) (*it)();
    steps_.clear();
  }
  void forget() { steps_.clear(); }

 private:
  std::vector<std::function<void()>> steps_;
};

// Renames `from` to `to` and remembers how to put it back.
bool move_aside(const fs::path& from, const fs::path& to, Undo& undo) {
  std::error_code ec;
  fs::rename(from, to, ec);
  if (ec) return false;
  undo.add([from, to] {
    std::error_code back;
    fs::rename(to, from, back);
  });
  return true;
}

}  // namespace

int run_backup(const BackupConfig& config) {
  constexpr std::string_view cmd = "backup";
  if (!crypto::init()) return refuse(cmd, "cannot initialise the crypto library");
  ::umask(077);  // the copy and the key are for this user alone
  const fs::path data(config.data);
  const fs::path database = data / kDatabase;
  const fs::path out(config.file);
  std::error_code ec;
  if (!fs::is_regular_file(database, ec)) return refuse(cmd, fmt::format("there is no database at {}", database.string()));
  if (out.filename().empty() || fs::is_directory(out, ec))
    return refuse(cmd, "FILE must name a file to write, not a folder");
  if (fs::equivalent(out, database, ec)) return refuse(cmd, "FILE must not be the database itself");
  const fs::path partial = with_suffix(out, ".partial");
  const fs::path key_out = with_suffix(out, ".key");
  const fs::path key_partial = with_suffix(key_out, ".partial");

  // The key the server seals with: PILLARS_SECRET_KEY when set, else the data folder's key file.
  const bool env_key = !key_from_env().empty();
  const fs::path key_file = data / kKeyFile;
  auto sealer = env_key ? crypto::Sealer::from_hex(key_from_env()) : crypto::Sealer::load(key_file.string());
  if (!sealer)
    return refuse(cmd, env_key ? std::string("PILLARS_SECRET_KEY is not a key (64 hexadecimal characters)")
                               : fmt::format("cannot read the key in {}; if the server takes its key from "
                                             "PILLARS_SECRET_KEY, set it for this command too",
                                             key_file.string()));

  for (const auto& stale : {partial, with_suffix(partial, "-journal"), key_partial}) fs::remove(stale, ec);
  auto clean_up = [&partial, &key_partial] {
    std::error_code ignored;
    fs::remove(partial, ignored);
    fs::remove(with_suffix(partial, "-journal"), ignored);
    fs::remove(key_partial, ignored);
  };

  ProgressLine line;
  auto copy = store::backup_database(database.string(), partial.string(),
                                     [&line](const store::BackupProgress& p) { line.show(p); });
  line.end();
  if (!copy) {
    clean_up();
    return refuse(cmd, fmt::format("cannot copy {}: {}", database.string(), copy.error().detail));
  }
  auto check = store::check_database(partial.string(), &*sealer);
  if (!check) {
    clean_up();
    return refuse(cmd, fmt::format("the copy failed its check, so it was not kept: {}", check.error().detail));
  }
  if (check->sealed_unopened > 0) {
    clean_up();
    return refuse(cmd, fmt::format("{} of the copy's {} sealed values do not open with the server's key; "
                                   "the copy was not kept",
                                   check->sealed_unopened, check->sealed_values));
  }
  const bool copy_key = !config.no_key && !env_key;
  if (copy_key) {
    if (auto copied = copy_durably(key_file, key_partial); !copied) {
      clean_up();
      return refuse(cmd, fmt::format("cannot copy the key: {}", copied.error().detail));
    }
  }
  if (!sync_path(partial, false)) {
    clean_up();
    return refuse(cmd, fmt::format("cannot write {} to disk", partial.string()));
  }
  if (copy_key) fs::rename(key_partial, key_out, ec);
  if (!ec) fs::rename(partial, out, ec);
  if (ec || !sync_path(folder_of(out), true)) {
    clean_up();
    return refuse(cmd, fmt::format("cannot put the copy in place at {}", out.string()));
  }

  fmt::print("backup: wrote {} ({}, {} pages, schema version {}); integrity check ok\n", shown(out),
             human_size(fs::file_size(out, ec)), copy->pages, check->schema_version);
  if (copy_key)
    fmt::print("backup: the key is in {}; without it the sealed text cannot be read. Keep it safe, and apart "
               "from the copy if the copy is stored elsewhere\n",
               shown(key_out));
  else if (env_key)
    fmt::print("backup: the key was not copied: it comes from PILLARS_SECRET_KEY, and reading this backup "
               "needs that key\n");
  else
    fmt::print("backup: the key was not copied (--no-key): reading this backup needs the key in {}\n",
               shown(key_file));
  return 0;
}

int run_restore(const RestoreConfig& config) {
  constexpr std::string_view cmd = "restore";
  if (!crypto::init()) return refuse(cmd, "cannot initialise the crypto library");
  ::umask(077);
  const fs::path data(config.data);
  const fs::path database = data / kDatabase;
  const fs::path file(config.file);
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) return refuse(cmd, fmt::format("there is no backup file at {}", file.string()));
  if (fs::equivalent(file, database, ec)) return refuse(cmd, "FILE is the data folder's own database");
  // Before anything else: a running server's folder is never touched.
  if (!config.check_only && DataLock::held(data.string())) return refuse(cmd, server_busy(data));

  // Everything about the backup is checked before the data folder is touched.
  auto key = choose_key(config, data);
  if (!key) return refuse(cmd, key.error().detail);
  auto check = store::check_database(file.string(), &key->sealer);
  if (!check) return refuse(cmd, fmt::format("{} cannot be restored: {}", file.string(), check.error().detail));
  const int known = store::SqliteStore::latest_schema_version();
  if (check->schema_version > known)
    return refuse(cmd, fmt::format("{} comes from a newer Pillars (schema version {}; this one knows up to {}); "
                                   "restore it with that version or a later one",
                                   file.string(), check->schema_version, known));
  if (check->sealed_values > 0 && check->sealed_unopened == check->sealed_values)
    return refuse(cmd, fmt::format("{} does not open the sealed text in {}: it is not this backup's key; "
                                   "give the right one with --key",
                                   key->source, file.string()));
  if (check->sealed_unopened > 0)
    return refuse(cmd, fmt::format("{} of the {} sealed values in {} do not open with {}: the backup is damaged",
                                   check->sealed_unopened, check->sealed_values, file.string(), key->source));
  fmt::print("restore: {}: integrity check ok, schema version {}, {} pages; {}\n", shown(file),
             check->schema_version, check->pages,
             check->sealed_values > 0
                 ? fmt::format("all {} sealed values open with {}", check->sealed_values, key->source)
                 : std::string("it holds no sealed text yet, so the key could not be tried"));
  if (config.check_only) return 0;

  fs::create_directories(data, ec);
  fs::permissions(data, fs::perms::owner_all, fs::perm_options::replace, ec);
  auto lock = DataLock::take(data.string());
  if (!lock)
    return refuse(cmd, lock.error().code == Errc::conflict
                           ? server_busy(data)
                           : fmt::format("cannot lock {}: {}", data.string(), lock.error().detail));

  // The new database and key are written beside the old ones first, and checked again there.
  const fs::path restoring = data / "pillars.db.restoring";
  const fs::path current_key = data / kKeyFile;
  const fs::path key_restoring = data / "secret.key.restoring";
  for (const auto& stale : {restoring, key_restoring}) fs::remove(stale, ec);
  Undo undo;
  undo.add([&restoring, &key_restoring] {
    std::error_code ignored;
    fs::remove(restoring, ignored);
    fs::remove(key_restoring, ignored);
  });
  auto stop = [&undo](const std::string& sentence) {
    undo.run();
    return refuse("restore", sentence + "; the data folder is as it was");
  };
  if (auto copied = copy_durably(file, restoring); !copied) return stop(copied.error().detail);
  auto again = store::check_database(restoring.string(), &key->sealer);
  if (!again || again->sealed_unopened > 0) return stop("the copy in the data folder failed its check");
  const bool install_key = key->file && first_line(*key->file) != first_line(current_key);
  if (install_key) {
    if (auto copied = copy_durably(*key->file, key_restoring); !copied) return stop(copied.error().detail);
  }

  // What was there is kept under before-restore names: the database with its write-ahead log
  // (folded in first when it can be), and the key.
  const std::string stamp = aside_stamp(data);
  const fs::path before = data / ("pillars.db.before-restore-" + stamp);
  const fs::path key_before = data / ("secret.key.before-restore-" + stamp);
  const bool had_database = fs::exists(database, ec);
  if (had_database) {
    (void)store::checkpoint_database(database.string());  // if it cannot, the log moves aside with it
    // A second name for the old database, so it stays in place until the new one replaces it.
    if (::link(database.c_str(), before.c_str()) != 0) {
      if (auto copied = copy_durably(database, before); !copied) return stop(copied.error().detail);
    }
    undo.add([before] {
      std::error_code ignored;
      fs::remove(before, ignored);
    });
  }
  // A log or journal left beside the new database would be replayed into it: every one goes aside
  // with the old database, even one left without its database.
  std::vector<fs::path> strays;  // logs without a database, said afterwards
  for (std::string_view suffix : {"-wal", "-shm", "-journal"}) {
    fs::path log = with_suffix(database, suffix);
    if (!fs::exists(log, ec)) continue;
    if (!move_aside(log, with_suffix(before, suffix), undo)) return stop(fmt::format("cannot move {} aside", log.string()));
    if (!had_database) strays.push_back(with_suffix(before, suffix));
  }
  const bool had_key = install_key && fs::exists(current_key, ec);
  if (had_key && !move_aside(current_key, key_before, undo)) return stop("cannot move the current key aside");
  if (install_key && !move_aside(key_restoring, current_key, undo)) return stop("cannot install the backup's key");
  // The one step that changes which database the folder holds; until it, the old one is in place.
  fs::rename(restoring, database, ec);
  if (ec) return stop(fmt::format("cannot move the restored database into place ({})", ec.message()));
  undo.forget();
  if (!sync_path(data, true))
    fmt::print(stderr, "restore: warning: could not flush {} to disk; the restore is done but may not be durable\n",
               data.string());

  if (had_database) fmt::print("restore: the database that was there is kept as {}\n", shown(before));
  for (const auto& stray : strays) fmt::print("restore: a log left without its database is kept as {}\n", shown(stray));
  if (had_key) fmt::print("restore: the key that was there is kept as {}\n", shown(key_before));
  fmt::print("restore: {} is now the database in {}\n", shown(file), shown(data));
  if (install_key) fmt::print("restore: installed {} as {}\n", key->source, shown(current_key));
  else fmt::print("restore: the server reads it with {}\n", key->source);
  if (install_key && !key_from_env().empty())
    fmt::print(stderr, "restore: note: PILLARS_SECRET_KEY is set; a server started with it uses that key, not {}\n",
               shown(current_key));
  fmt::print("restore: done; start the server on {} as before\n", shown(data));
  return 0;
}

}  // namespace pillars::app
