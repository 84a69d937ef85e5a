// A fixture for tests that fill a store the way the app's own seeding does (the demo, `pillars
// seed`): a SQLite store in a temporary folder, with a fixed sealing key, and the built-in content.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "api/app_context.h"
#include "crypto/crypto.h"
#include "crypto/seal.h"
#include "store/sqlite/sqlite_store.h"

namespace pillars::testing {

class SeededStore : public ::testing::Test {
 protected:
  explicit SeededStore(std::string name) : name_(std::move(name)) {}
  void SetUp() override {
    ASSERT_TRUE(crypto::init());
    dir_ = std::filesystem::temp_directory_path() / ("pillars-" + name_ + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto s = store::SqliteStore::open((dir_ / "pillars.db").string(), sealer_);
    ASSERT_TRUE(s) << s.error().detail;
    store_ = std::move(*s);
    auto loaded = api::load_catalog();
    ASSERT_TRUE(loaded) << loaded.error().detail;
    catalog_ = std::move(loaded->catalog);
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::string name_;
  std::filesystem::path dir_;
  std::shared_ptr<const crypto::Sealer> sealer_ = std::make_shared<crypto::Sealer>(
      *crypto::Sealer::from_hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"));
  std::unique_ptr<store::SqliteStore> store_;
  Catalog catalog_;
};

}  // namespace pillars::testing
