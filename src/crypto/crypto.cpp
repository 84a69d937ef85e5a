#include "crypto/crypto.h"

#include <sodium.h>

#include <stdexcept>

#include "core/validation.h"

namespace pillars::crypto {

namespace {
#ifndef PILLARS_FUZZING
constexpr unsigned long long kOpsLimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
constexpr std::size_t kMemLimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
#else
// Only in the libFuzzer build (fuzz/): the cheapest Argon2id, so the fuzzer can drive sign-up and
// sign-in thousands of times a second. Never defined for the program.
constexpr unsigned long long kOpsLimit = crypto_pwhash_OPSLIMIT_MIN;
constexpr std::size_t kMemLimit = crypto_pwhash_MEMLIMIT_MIN;
#endif
}  // namespace

bool init() { return sodium_init() >= 0; }

std::string hash_password(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), kOpsLimit, kMemLimit) != 0)
    throw std::runtime_error("password hashing ran out of memory");
  return out;
}

bool verify_password(std::string_view password, const std::string& stored) {
  return crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
}

bool password_needs_rehash(const std::string& stored) {
  return crypto_pwhash_str_needs_rehash(stored.c_str(), kOpsLimit, kMemLimit) != 0;
}

std::string random_token(std::size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));
  sodium_memzero(raw.data(), raw.size());
  return out;
}

namespace {
// 16 bytes as 26 base32 characters of `alphabet`, most significant bits first.
std::string base32_id(const unsigned char (&raw)[16], const char* alphabet) {
  std::string out;
  out.reserve(26);
  unsigned buffer = 0;
  int bits = 0;
  for (unsigned char byte : raw) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out.push_back(alphabet[(buffer >> (bits - 5)) & 31U]);
      bits -= 5;
    }
  }
  if (bits > 0) out.push_back(alphabet[(buffer << (5 - bits)) & 31U]);
  return out;
}
}  // namespace

std::string random_id() {
  unsigned char raw[16];
  randombytes_buf(raw, sizeof raw);
  return base32_id(raw, "abcdefghijklmnopqrstuvwxyz234567");
}

std::string time_ordered_id(std::int64_t unix_ms) {
  unsigned char raw[16];
  const auto ms = static_cast<std::uint64_t>(unix_ms < 0 ? 0 : unix_ms);
  for (int i = 0; i < 6; ++i) raw[i] = static_cast<unsigned char>(ms >> (8 * (5 - i)));
  randombytes_buf(raw + 6, sizeof raw - 6);
  // The same characters as random_id's, in ASCII order, so that text order is time order.
  return base32_id(raw, "234567abcdefghijklmnopqrstuvwxyz");
}

std::string random_invite_code() {
  std::string code;
  for (std::size_t i = 0; i < kInviteCodeLength; ++i)
    code.push_back(kInviteAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kInviteAlphabet.size()))]);
  return code;
}

std::string token_hash(std::string_view token) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace pillars::crypto
