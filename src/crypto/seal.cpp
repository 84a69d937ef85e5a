#include "crypto/seal.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>

namespace pillars::crypto {

Result<Sealer> Sealer::from_hex(std::string_view hex) {
  Sealer s;
  std::size_t len = 0;
  const char* end = nullptr;
  if (hex.size() != kKeyBytes * 2 ||
      sodium_hex2bin(s.key_.data(), s.key_.size(), hex.data(), hex.size(), nullptr, &len, &end) != 0 ||
      len != kKeyBytes)
    return fail(Errc::internal, "the secret key must be 64 hexadecimal characters");
  return s;
}

Result<Sealer> Sealer::load(const std::string& path) {
  std::ifstream in(path);
  if (!in) return fail(Errc::not_found, "the key file cannot be read");
  std::string hex;
  std::getline(in, hex);
  while (!hex.empty() && (hex.back() == '\n' || hex.back() == '\r' || hex.back() == ' ')) hex.pop_back();
  auto sealer = from_hex(hex);
  sodium_memzero(hex.data(), hex.size());
  return sealer;
}

Result<Sealer> Sealer::load_or_create(const std::string& path) {
  if (std::ifstream(path)) return load(path);
  std::array<unsigned char, kKeyBytes> raw{};
  randombytes_buf(raw.data(), raw.size());
  char hex[kKeyBytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, raw.data(), raw.size());
  sodium_memzero(raw.data(), raw.size());
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return fail(Errc::internal, "cannot create the secret key file");
  std::string line = std::string(hex, kKeyBytes * 2) + "\n";
  bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) && ::fsync(fd) == 0;
  ::close(fd);
  sodium_memzero(hex, sizeof hex);
  if (!ok) return fail(Errc::internal, "cannot write the secret key file");
  return from_hex(std::string_view(line).substr(0, kKeyBytes * 2));
}

std::string Sealer::seal(std::string_view plaintext, std::string_view associated) const {
  std::string out(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + plaintext.size() +
                      crypto_aead_xchacha20poly1305_ietf_ABYTES,
                  '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(out.data());
  randombytes_buf(nonce, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, &written,
      reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
      reinterpret_cast<const unsigned char*>(associated.data()), associated.size(), nullptr, nonce, key_.data());
  out.resize(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + written);
  return out;
}

std::optional<std::string> Sealer::open(std::string_view sealed, std::string_view associated) const {
  constexpr auto overhead = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES;
  if (sealed.size() < overhead) return std::nullopt;
  std::string out(sealed.size() - overhead, '\0');
  unsigned long long written = 0;
  const auto* nonce = reinterpret_cast<const unsigned char*>(sealed.data());
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          reinterpret_cast<unsigned char*>(out.data()), &written, nullptr,
          nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, sealed.size() - crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
          reinterpret_cast<const unsigned char*>(associated.data()), associated.size(), nonce, key_.data()) != 0)
    return std::nullopt;
  out.resize(written);
  return out;
}

std::string Sealer::keyed_hash(std::string_view purpose, std::string_view text) const {
  static_assert(crypto_kdf_KEYBYTES == kKeyBytes && crypto_auth_hmacsha256_KEYBYTES == crypto_kdf_KEYBYTES);
  char context[crypto_kdf_CONTEXTBYTES] = {};
  std::copy_n(purpose.begin(), std::min(purpose.size(), sizeof context), context);
  std::array<unsigned char, crypto_auth_hmacsha256_KEYBYTES> subkey{};
  crypto_kdf_derive_from_key(subkey.data(), subkey.size(), 1, context, key_.data());
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, subkey.data(), subkey.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  crypto_auth_hmacsha256_final(&state, mac);
  sodium_memzero(subkey.data(), subkey.size());
  char hex[sizeof mac * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return hex;
}

}  // namespace pillars::crypto
