#include "crypto/crypto.h"

#include <gtest/gtest.h>

#include <set>

#include "core/validation.h"

namespace pillars::crypto {
namespace {

class Crypto : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_TRUE(init()); }
};

TEST_F(Crypto, PasswordHashIsArgon2idAndVerifies) {
  auto hash = hash_password("quiet river lantern");
  EXPECT_TRUE(hash.starts_with("$argon2id$")) << "Argon2id, not another algorithm";
  EXPECT_NE(hash.find("m=65536"), std::string::npos) << "64 MiB, above OWASP's 19 MiB minimum";
  EXPECT_TRUE(verify_password("quiet river lantern", hash));
  EXPECT_FALSE(verify_password("quiet river lantern ", hash));
  EXPECT_FALSE(verify_password("", hash));
  EXPECT_FALSE(password_needs_rehash(hash));
  EXPECT_NE(hash_password("quiet river lantern"), hash) << "salted";
}

TEST_F(Crypto, TokensAndIdsAreRandomAndWellFormed) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    auto token = random_token();
    EXPECT_EQ(token.size(), 43u);  // 32 bytes in unpadded base64url
    EXPECT_EQ(token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
              std::string::npos);
    auto id = random_id();
    EXPECT_EQ(id.size(), 26u);
    EXPECT_TRUE(seen.insert(token).second);
    EXPECT_TRUE(seen.insert(id).second);
  }
}

TEST_F(Crypto, TimeOrderedIdsSortByTimeAndDiffer) {
  const std::int64_t base = 1'764'000'000'000;  // late 2025, in milliseconds
  std::string previous;
  std::set<std::string> seen;
  for (std::int64_t i = 0; i < 300; ++i) {
    // Several ids per millisecond, and steps that carry across the base32 characters.
    const std::int64_t ms = base + (i / 3) * 37;
    auto id = time_ordered_id(ms);
    ASSERT_EQ(id.size(), 26u);
    EXPECT_EQ(id.find_first_not_of("abcdefghijklmnopqrstuvwxyz234567"), std::string::npos) << id;
    EXPECT_TRUE(seen.insert(id).second) << "80 random bits tell ids of one millisecond apart";
    if (i % 3 == 0) {
      if (!previous.empty()) {
        EXPECT_LT(previous, id) << "a later millisecond sorts after";
      }
      previous = id;
    }
  }
  EXPECT_LT(time_ordered_id(base), time_ordered_id(base + 1));
  EXPECT_LT(time_ordered_id(0xFFFFFFFFFFLL), time_ordered_id(0x10000000000LL + 0xFFFFFFFFFFLL));
  EXPECT_NE(time_ordered_id(base).substr(10), time_ordered_id(base).substr(10)) << "the tail is random";
}

TEST_F(Crypto, InviteCodesUseTheUnambiguousAlphabet) {
  for (int i = 0; i < 200; ++i) {
    auto code = random_invite_code();
    ASSERT_EQ(code.size(), kInviteCodeLength);
    auto normalized = normalize_invite_code(code);
    ASSERT_TRUE(normalized);
    EXPECT_EQ(*normalized, code);
  }
}

TEST_F(Crypto, TokenHashIsSha256Hex) {
  EXPECT_EQ(token_hash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_TRUE(constant_time_equal("same", "same"));
  EXPECT_FALSE(constant_time_equal("same", "sane"));
  EXPECT_FALSE(constant_time_equal("same", "same!"));
}

}  // namespace
}  // namespace pillars::crypto
