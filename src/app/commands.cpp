#include "app/commands.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

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
