#include "app/commands.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <sys/stat.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "api/app_context.h"
#include "api/export.h"
#include "api/password_reset.h"
#include "core/validation.h"
#include "crypto/crypto.h"
#include "crypto/seal.h"
#include "store/blocking.h"
#include "app/store_open.h"
#include "store/postgres/postgres_store.h"

namespace pillars::app {

namespace {

// The data folder's store, opened as the server opens it, or nullptr with the reason printed. A
// folder without a database is an error here: these commands never make one.
std::unique_ptr<store::EngineStore> open_existing(const StoreLocation& where) {
  const std::string& data = where.data;
  if (!crypto::init()) {
    std::cerr << "pillars: cannot initialise the crypto library\n";
    return nullptr;
  }
  const auto db = std::filesystem::path(data) / "pillars.db";
  if (!store::is_postgres_url(where.database) && !std::filesystem::exists(db)) {
    std::cerr << fmt::format("pillars: there is no Pillars database in {}\n", data);
    return nullptr;
  }
  Result<crypto::Sealer> sealer = fail(Errc::internal);
  if (const char* hex = std::getenv("PILLARS_SECRET_KEY"); hex && *hex)
    sealer = crypto::Sealer::from_hex(hex);
  else if (std::filesystem::exists(std::filesystem::path(data) / "secret.key"))
    sealer = crypto::Sealer::load_or_create((std::filesystem::path(data) / "secret.key").string());
  else
    sealer = fail(Errc::internal, "there is no secret.key in the data folder and PILLARS_SECRET_KEY is not set");
  if (!sealer) {
    std::cerr << fmt::format("pillars: cannot load the secret key: {}\n", sealer.error().detail);
    return nullptr;
  }
  auto opened = open_store(data, where.database, std::make_shared<const crypto::Sealer>(std::move(*sealer)), 1);
  if (!opened) {
    std::cerr << fmt::format("pillars: cannot open the store: {}\n", opened.error().detail);
    return nullptr;
  }
  return std::move(*opened);
}

std::optional<std::string> normalized(const std::string& email) {
  auto n = normalize_email(email);
  if (!n) {
    std::cerr << fmt::format("pillars: {}\n", n.error());
    return std::nullopt;
  }
  return *n;
}

}  // namespace

int reset_password_command(const StoreLocation& where, const std::string& email, const std::string& public_url) {
  auto address = normalized(email);
  if (!address) return 2;
  auto store = open_existing(where);
  if (!store) return 1;
  auto token = store::write_now(*store, [&](store::WriteTx& tx) {
    return api::issue_reset_token(tx, *address, wall_clock()());
  });
  store->close();
  if (!token) {
    std::cerr << fmt::format("pillars: cannot make a link: {}\n", token.error().detail);
    return 1;
  }
  if (!*token) {
    std::cerr << fmt::format("pillars: no account uses {}\n", *address);
    return 1;
  }
  std::cout << api::reset_link(public_url, **token) << std::endl;
  std::cerr << "Pass this link on to its owner only. It works once, within the hour; it signs them out everywhere "
               "once they choose a new password. An older link for them no longer works.\n";
  return 0;
}

int export_command(const StoreLocation& where, const std::string& email, const std::string& out) {
  auto address = normalized(email);
  if (!address) return 2;
  auto catalog = api::load_catalog();
  if (!catalog) {
    std::cerr << fmt::format("pillars: the built-in content is broken: {}\n", catalog.error().detail);
    return 1;
  }
  auto store = open_existing(where);
  if (!store) return 1;
  const Millis now = wall_clock()();
  auto document = store::read_now(*store, [&](store::ReadTx& tx) -> Result<std::optional<boost::json::object>> {
    auto user = tx.user_by_email(*address);
    if (!user) return std::unexpected(user.error());
    if (!*user) return std::optional<boost::json::object>();
    auto doc = api::gather_export(tx, **user, catalog->catalog, catalog->json, now);
    if (!doc) return std::unexpected(doc.error());
    return std::optional<boost::json::object>(std::move(*doc));
  });
  store->close();
  if (!document) {
    std::cerr << fmt::format("pillars: cannot read the data: {}\n", document.error().detail);
    return 1;
  }
  if (!*document) {
    std::cerr << fmt::format("pillars: no account uses {}\n", *address);
    return 1;
  }
  const std::string path = out.empty() ? api::export_file_name(now) : out;
  ::umask(077);
  std::ofstream file;
  std::ostream* sink = &std::cout;
  if (path != "-") {
    file.open(path, std::ios::binary | std::ios::trunc);
    if (!file) {
      std::cerr << fmt::format("pillars: cannot write {}\n", path);
      return 1;
    }
    sink = &file;
  }
  api::ZipWriter zip(api::export_files(**document), now);
  std::size_t written = 0;
  for (;;) {
    auto piece = zip.step();
    if (!piece) {
      std::cerr << fmt::format("pillars: {}\n", piece.error().detail);
      return 1;
    }
    if (!*piece) break;
    sink->write((*piece)->data(), static_cast<std::streamsize>((*piece)->size()));
    written += (*piece)->size();
  }
  sink->flush();
  if (!*sink) {
    std::cerr << fmt::format("pillars: cannot write {}\n", path);
    return 1;
  }
  if (path != "-") std::cerr << fmt::format("wrote {} ({} bytes)\n", path, written);
  return 0;
}

}  // namespace pillars::app

namespace pillars::app {

int seed_command(const StoreLocation& where, const SeedOptions& options, const std::string& sessions_file) {
  if (!crypto::init()) {
    std::cerr << "pillars: cannot initialise the crypto library\n";
    return 1;
  }
  auto catalog = api::load_catalog();
  if (!catalog) {
    std::cerr << fmt::format("pillars: the built-in content is broken: {}\n", catalog.error().detail);
    return 1;
  }
  std::error_code ec;
  std::filesystem::create_directories(where.data, ec);
  if (!std::getenv("PILLARS_SECRET_KEY") || !*std::getenv("PILLARS_SECRET_KEY")) {
    if (auto key = crypto::Sealer::load_or_create((std::filesystem::path(where.data) / "secret.key").string()); !key) {
      std::cerr << fmt::format("pillars: cannot make the secret key: {}\n", key.error().detail);
      return 1;
    }
  }
  if (auto version = migrate_store(where.data, where.database); !version) {
    std::cerr << fmt::format("pillars: cannot migrate the store: {}\n", version.error().detail);
    return 1;
  }
  // SQLite takes one writer at a time; PostgreSQL writes in parallel, a store of its own per job.
  const int jobs = store::is_postgres_url(where.database) ? std::max(1, options.jobs) : 1;
  std::vector<std::unique_ptr<store::EngineStore>> stores;
  for (int j = 0; j < jobs; ++j) {
    auto opened = open_existing(where);
    if (!opened) return 1;
    stores.push_back(std::move(opened));
  }

  std::ofstream file;
  if (!sessions_file.empty() && sessions_file != "-") {
    file.open(sessions_file, std::ios::trunc);
    if (!file) {
      std::cerr << fmt::format("pillars: cannot write {}\n", sessions_file);
      return 1;
    }
    ::chmod(sessions_file.c_str(), 0600);  // they are credentials
  }
  std::ostream& out = file.is_open() ? static_cast<std::ostream&>(file) : std::cout;
  const auto started = std::chrono::steady_clock::now();
  auto seconds = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  };
  std::mutex mutex;  // guards out, written and the totals
  int written = 0;
  SeedReport total;
  std::optional<Error> failure;
  SeedOptions shared = options;
  if (shared.run.empty()) shared.run = crypto::random_id().substr(0, 6);
  const Millis now = wall_clock()();
  std::vector<std::thread> threads;
  for (int j = 0; j < jobs; ++j) {
    threads.emplace_back([&, j] {
      SeedOptions part = shared;
      const int per_job = options.couples / jobs;
      part.first = options.first + j * per_job;
      part.couples = j == jobs - 1 ? options.couples - j * per_job : per_job;
      auto report = seed_couples(
          *stores[static_cast<std::size_t>(j)], catalog->catalog, part, now,
          [&](const std::vector<SeededSession>& made) {
            std::lock_guard lock(mutex);
            for (const auto& s : made) out << s.user_id << '\t' << s.bond_id << '\t' << s.token << '\t' << s.csrf << '\n';
          },
          [&](int done) {
            std::lock_guard lock(mutex);
            written += done;
            std::cerr << fmt::format("seed: {} of {} couples, {:.1f} s\n", written, options.couples, seconds());
          });
      std::lock_guard lock(mutex);
      if (!report) {
        if (!failure) failure = report.error();
        return;
      }
      total.couples += report->couples;
      total.checkins += report->checkins;
      total.entries += report->entries;
      total.shares += report->shares;
      total.responses += report->responses;
      total.appreciations += report->appreciations;
      total.moments += report->moments;
      total.deck_answers += report->deck_answers;
      total.notices += report->notices;
    });
  }
  for (auto& t : threads) t.join();
  // So the first queries on the new rows are planned by what is there.
  if (!failure) {
    if (auto analyzed = store::write_now(*stores[0], [](store::WriteTx& tx) { return tx.refresh_statistics(); });
        !analyzed)
      failure = analyzed.error();
  }
  for (auto& s : stores) s->close();
  out.flush();
  if (failure) {
    std::cerr << fmt::format("pillars: seeding failed: {}\n", failure->detail);
    return 1;
  }
  std::cerr << fmt::format(
      "seed: {} couples, {} days in {:.1f} s ({} writing in parallel): {} check-ins, {} entries ({} shared, {} "
      "answers), {} warm words, {} moments, {} deck answers, {} notices\n",
      total.couples, options.days, seconds(), jobs, total.checkins, total.entries, total.shares, total.responses,
      total.appreciations, total.moments, total.deck_answers, total.notices);
  return 0;
}

}  // namespace pillars::app
