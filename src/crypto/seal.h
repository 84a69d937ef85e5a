// Sealing free text at rest: XChaCha20-Poly1305 under the server key, with the row's identity as
// associated data, so a sealed value copied into another row or column does not open.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace pillars::crypto {

class Sealer {
 public:
  static constexpr std::size_t kKeyBytes = 32;

  // A key from 64 hexadecimal characters (PILLARS_SECRET_KEY).
  static Result<Sealer> from_hex(std::string_view hex);

  // Reads the key from `path` (64 hexadecimal characters on the first line); fails when it is absent.
  static Result<Sealer> load(const std::string& path);

  // Reads the key from `path`, or creates it (32 random bytes as hex, mode 0600) when absent.
  static Result<Sealer> load_or_create(const std::string& path);

  // nonce || ciphertext || tag. Fresh random nonce each call.
  std::string seal(std::string_view plaintext, std::string_view associated) const;

  // The plaintext, or nullopt when `sealed` was not made by this key with this associated data.
  std::optional<std::string> open(std::string_view sealed, std::string_view associated) const;

  // A keyed hash of `text` as 64 hexadecimal characters: HMAC-SHA-256 under a key derived from this
  // one for `purpose` (exactly 8 characters, e.g. "ratelimt"). The same text gives the same hash
  // wherever this key is, and without the key nobody can tell which text a hash stands for.
  std::string keyed_hash(std::string_view purpose, std::string_view text) const;

 private:
  std::array<unsigned char, kKeyBytes> key_{};
};

}  // namespace pillars::crypto
