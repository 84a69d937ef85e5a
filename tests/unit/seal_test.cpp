#include "crypto/seal.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "crypto/crypto.h"

namespace pillars::crypto {
namespace {

constexpr std::string_view kKey = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

TEST(Sealer, OpensOnlyWithTheSameKeyAndAssociatedData) {
  ASSERT_TRUE(init());
  auto s = Sealer::from_hex(kKey);
  ASSERT_TRUE(s);
  auto sealed = s->seal("I felt small today", "entries.body:e1");
  EXPECT_EQ(sealed.find("small"), std::string::npos);
  EXPECT_EQ(s->open(sealed, "entries.body:e1"), "I felt small today");
  EXPECT_FALSE(s->open(sealed, "entries.body:e2")) << "moved to another row";
  EXPECT_FALSE(s->open(sealed, "appreciations.note:e1")) << "moved to another column";
  auto other = Sealer::from_hex("ff0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
  EXPECT_FALSE(other->open(sealed, "entries.body:e1"));
  std::string tampered = sealed;
  tampered.back() = static_cast<char>(tampered.back() ^ 1);
  EXPECT_FALSE(s->open(tampered, "entries.body:e1"));
  EXPECT_NE(s->seal("same", "a"), s->seal("same", "a")) << "a fresh nonce each time";
  EXPECT_EQ(s->open(s->seal("", "a"), "a"), "");
}

TEST(Sealer, KeyedHashesAreStableForOneKeyAndPurposeAndTellNothingWithoutTheKey) {
  ASSERT_TRUE(init());
  auto s = Sealer::from_hex(kKey);
  auto other = Sealer::from_hex("ff0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
  ASSERT_TRUE(s && other);
  const std::string h = s->keyed_hash("ratelimt", "ada@example.org");
  EXPECT_EQ(h.size(), 64u);
  EXPECT_EQ(h.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(s->keyed_hash("ratelimt", "ada@example.org"), h) << "the same on every instance with the key";
  EXPECT_NE(s->keyed_hash("ratelimt", "ben@example.org"), h);
  EXPECT_NE(s->keyed_hash("otheruse", "ada@example.org"), h) << "a key of its own per purpose";
  EXPECT_NE(other->keyed_hash("ratelimt", "ada@example.org"), h) << "another key, another hash";
  EXPECT_NE(h, token_hash("ada@example.org")) << "not a plain hash anyone could compute";
}

TEST(Sealer, RejectsMalformedKeys) {
  EXPECT_FALSE(Sealer::from_hex(""));
  EXPECT_FALSE(Sealer::from_hex("00"));
  EXPECT_FALSE(Sealer::from_hex(std::string(64, 'g')));
}

TEST(Sealer, CreatesItsKeyFileOnceWithOwnerOnlyAccess) {
  ASSERT_TRUE(init());
  auto dir = std::filesystem::temp_directory_path() / ("pillars-key-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto path = (dir / "secret.key").string();
  auto first = Sealer::load_or_create(path);
  ASSERT_TRUE(first);
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto sealed = first->seal("kept", "x");
  auto second = Sealer::load_or_create(path);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->open(sealed, "x"), "kept") << "the same key comes back";
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace pillars::crypto
