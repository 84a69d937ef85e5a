// RFC 8291 message encryption and RFC 8292 VAPID on OpenSSL 3.
#include "push/webpush.h"

#include <fcntl.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <boost/url/parse.hpp>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace pillars::push {

namespace {

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, Deleter<EVP_CIPHER_CTX, EVP_CIPHER_CTX_free>>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;
using Kdf = std::unique_ptr<EVP_KDF, Deleter<EVP_KDF, EVP_KDF_free>>;
using KdfCtx = std::unique_ptr<EVP_KDF_CTX, Deleter<EVP_KDF_CTX, EVP_KDF_CTX_free>>;
using Bignum = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_clear_free>>;
using Group = std::unique_ptr<EC_GROUP, Deleter<EC_GROUP, EC_GROUP_free>>;
using Point = std::unique_ptr<EC_POINT, Deleter<EC_POINT, EC_POINT_free>>;
using ParamBld = std::unique_ptr<OSSL_PARAM_BLD, Deleter<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>>;
using Params = std::unique_ptr<OSSL_PARAM, Deleter<OSSL_PARAM, OSSL_PARAM_free>>;
using EcdsaSig = std::unique_ptr<ECDSA_SIG, Deleter<ECDSA_SIG, ECDSA_SIG_free>>;
using Bio = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;

constexpr std::size_t kPointSize = 65;  // 0x04 || x || y
constexpr std::size_t kAuthSize = 16;
constexpr std::size_t kSaltSize = 16;
constexpr std::size_t kTagSize = 16;
constexpr std::size_t kMaxEndpoint = 4096;
constexpr auto kTokenLifetime = std::chrono::hours(12);

const unsigned char* bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }
unsigned char* bytes(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }

// Drops what OpenSSL queued about a failure: our messages say what went wrong in our words.
std::unexpected<std::string> failure(std::string message) {
  ERR_clear_error();
  return std::unexpected(std::move(message));
}

// A P-256 key from its parts: the public point (uncompressed), and the private scalar when given.
Pkey ec_key(std::string_view public_point, std::string_view private_raw = {}) {
  ParamBld bld(OSSL_PARAM_BLD_new());
  if (!bld) return nullptr;
  Bignum priv;
  OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0);
  OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, public_point.data(), public_point.size());
  if (!private_raw.empty()) {
    priv.reset(BN_bin2bn(bytes(private_raw), static_cast<int>(private_raw.size()), nullptr));
    if (!priv || !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_PRIV_KEY, priv.get())) return nullptr;
  }
  Params params(OSSL_PARAM_BLD_to_param(bld.get()));
  PkeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) <= 0) return nullptr;
  EVP_PKEY* raw = nullptr;
  int selection = private_raw.empty() ? EVP_PKEY_PUBLIC_KEY : EVP_PKEY_KEYPAIR;
  if (EVP_PKEY_fromdata(ctx.get(), &raw, selection, params.get()) <= 0) return nullptr;
  Pkey key(raw);
  // A point that is not on the curve must never reach ECDH.
  PkeyCtx check(EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr));
  if (!check || EVP_PKEY_public_check(check.get()) != 1) return nullptr;
  return key;
}

// The uncompressed public point of a P-256 key.
std::string public_point(EVP_PKEY* key) {
  std::string out(kPointSize, '\0');
  std::size_t len = 0;
  if (EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, bytes(out), out.size(), &len) != 1 ||
      len != kPointSize || out[0] != 0x04)
    return {};
  return out;
}

// The public point for a raw private scalar: scalar times the generator.
std::string point_of(std::string_view private_raw) {
  Group group(EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1));
  Bignum priv(BN_bin2bn(bytes(private_raw), static_cast<int>(private_raw.size()), nullptr));
  if (!group || !priv || BN_is_zero(priv.get()) || BN_cmp(priv.get(), EC_GROUP_get0_order(group.get())) >= 0)
    return {};
  Point point(EC_POINT_new(group.get()));
  if (!point || EC_POINT_mul(group.get(), point.get(), priv.get(), nullptr, nullptr, nullptr) != 1) return {};
  std::string out(kPointSize, '\0');
  if (EC_POINT_point2oct(group.get(), point.get(), POINT_CONVERSION_UNCOMPRESSED, bytes(out), out.size(),
                         nullptr) != kPointSize)
    return {};
  return out;
}

std::string ecdh(EVP_PKEY* own, EVP_PKEY* peer) {
  PkeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, own, nullptr));
  std::size_t len = 0;
  if (!ctx || EVP_PKEY_derive_init(ctx.get()) <= 0 || EVP_PKEY_derive_set_peer(ctx.get(), peer) <= 0 ||
      EVP_PKEY_derive(ctx.get(), nullptr, &len) <= 0)
    return {};
  std::string secret(len, '\0');
  if (EVP_PKEY_derive(ctx.get(), bytes(secret), &len) <= 0) return {};
  secret.resize(len);
  return secret;
}

// HKDF-SHA-256, extract then expand (RFC 5869).
std::string hkdf(std::string_view salt, std::string_view ikm, std::string_view info, std::size_t length) {
  Kdf kdf(EVP_KDF_fetch(nullptr, "HKDF", nullptr));
  if (!kdf) return {};
  KdfCtx ctx(EVP_KDF_CTX_new(kdf.get()));
  if (!ctx) return {};
  char digest[] = "SHA256";
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, const_cast<char*>(salt.data()), salt.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, const_cast<char*>(ikm.data()), ikm.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, const_cast<char*>(info.data()), info.size()),
      OSSL_PARAM_construct_end()};
  std::string out(length, '\0');
  if (EVP_KDF_derive(ctx.get(), bytes(out), out.size(), params) != 1) return {};
  return out;
}

std::string aes128gcm(std::string_view key, std::string_view nonce, std::string_view plaintext) {
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  if (!ctx || EVP_EncryptInit_ex2(ctx.get(), EVP_aes_128_gcm(), bytes(key), bytes(nonce), nullptr) != 1) return {};
  std::string out(plaintext.size() + kTagSize, '\0');
  int len = 0;
  int tail = 0;
  if (EVP_EncryptUpdate(ctx.get(), bytes(out), &len, bytes(plaintext), static_cast<int>(plaintext.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), bytes(out) + len, &tail) != 1 ||
      static_cast<std::size_t>(len + tail) != plaintext.size() ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(kTagSize), bytes(out) + plaintext.size()) != 1)
    return {};
  return out;
}

// An ES256 signature as JWS wants it: r || s, 32 bytes each.
std::string sign_es256(EVP_PKEY* key, std::string_view data) {
  MdCtx ctx(EVP_MD_CTX_new());
  std::size_t len = 0;
  if (!ctx || EVP_DigestSignInit_ex(ctx.get(), nullptr, "SHA256", nullptr, nullptr, key, nullptr) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &len, bytes(data), data.size()) != 1)
    return {};
  std::string der(len, '\0');
  if (EVP_DigestSign(ctx.get(), bytes(der), &len, bytes(data), data.size()) != 1) return {};
  const unsigned char* p = bytes(der);
  EcdsaSig sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(len)));
  if (!sig) return {};
  std::string out(64, '\0');
  if (BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()), bytes(out), 32) != 32 ||
      BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()), bytes(out) + 32, 32) != 32)
    return {};
  return out;
}

bool is_p256(EVP_PKEY* key) {
  char name[32] = {};
  return EVP_PKEY_is_a(key, "EC") &&
         EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, name, sizeof name, nullptr) == 1 &&
         (std::string_view(name) == "prime256v1" || std::string_view(name) == "P-256");
}

}  // namespace

struct VapidKey::Key {
  Pkey pkey;
  std::string public_point;
};

std::string base64url(std::string_view in) {
  std::string out(sodium_base64_ENCODED_LEN(in.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes(in), in.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::strlen(out.c_str()));
  return out;
}

std::expected<std::string, std::string> from_base64url(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  std::string out(text.size() * 3 / 4 + 3, '\0');
  std::size_t len = 0;
  if (sodium_base642bin(bytes(out), out.size(), text.data(), text.size(), nullptr, &len, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
    return std::unexpected("is not base64url");
  out.resize(len);
  return out;
}

std::string origin_of(std::string_view url) {
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed || !parsed->has_authority() || parsed->encoded_host().empty()) return {};
  std::string scheme(parsed->scheme());
  std::string host(parsed->encoded_host());
  std::ranges::transform(scheme, scheme.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::ranges::transform(host, host.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::string out = scheme + "://" + host;
  if (parsed->has_port()) {
    std::string_view port = parsed->port();
    bool is_default = (scheme == "https" && port == "443") || (scheme == "http" && port == "80");
    if (!port.empty() && !is_default) out.append(":").append(port);
  }
  return out;
}

std::string host_of(std::string_view url) {
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed || !parsed->has_authority()) return "(no host)";
  return std::string(parsed->encoded_host());
}

std::expected<void, std::string> check(const Subscription& s, bool allow_loopback_http) {
  if (s.endpoint.empty() || s.endpoint.size() > kMaxEndpoint)
    return std::unexpected("The push endpoint is missing or too long.");
  auto url = boost::urls::parse_absolute_uri(s.endpoint);
  if (!url || !url->has_authority() || url->encoded_host().empty())
    return std::unexpected("The push endpoint is not a full web address.");
  if (url->has_userinfo()) return std::unexpected("The push endpoint must not carry a user name or password.");
  bool https = url->scheme_id() == boost::urls::scheme::https;
  bool loopback = allow_loopback_http && url->scheme_id() == boost::urls::scheme::http &&
                  url->encoded_host() == "127.0.0.1";
  if (!https && !loopback) return std::unexpected("The push endpoint must be an https address.");
  // Push services have public names: an address by number, or a name with no dot in it or of the
  // local network, would have this server send to machines beside it.
  if (https && !(allow_loopback_http && url->encoded_host() == "127.0.0.1")) {
    std::string host(url->encoded_host());
    bool named = url->host_type() == boost::urls::host_type::name;
    bool local = host.find('.') == std::string::npos || host.ends_with(".local") || host.ends_with(".localhost") ||
                 host.ends_with(".internal") || host.ends_with(".lan");
    if (!named || local) return std::unexpected("The push endpoint must be a push service's public address.");
  }

  auto p256dh = from_base64url(s.p256dh);
  if (!p256dh || p256dh->size() != kPointSize || (*p256dh)[0] != 0x04 || !ec_key(*p256dh))
    return failure("The subscription's p256dh key is not a P-256 public key.");
  auto auth = from_base64url(s.auth);
  if (!auth || auth->size() != kAuthSize) return std::unexpected("The subscription's auth secret must be 16 bytes.");
  return {};
}

std::expected<std::string, std::string> encrypt_with(std::string_view plaintext, const Subscription& to,
                                                     std::string_view server_private_raw, std::string_view salt,
                                                     std::size_t pad_to) {
  if (plaintext.size() > pad_to) return std::unexpected("The message is too long to send by push.");
  if (pad_to + 1 + kTagSize > kRecordSize) return std::unexpected("The padded message does not fit one record.");
  if (salt.size() != kSaltSize) return std::unexpected("The salt must be 16 bytes.");
  auto ua_public = from_base64url(to.p256dh);
  auto auth = from_base64url(to.auth);
  if (!ua_public || ua_public->size() != kPointSize || !auth || auth->size() != kAuthSize)
    return std::unexpected("The subscription's keys are not valid.");
  Pkey peer = ec_key(*ua_public);
  if (!peer) return failure("The subscription's p256dh key is not a P-256 public key.");
  std::string as_public = point_of(server_private_raw);
  Pkey own = as_public.empty() ? nullptr : ec_key(as_public, server_private_raw);
  if (!own) return failure("The server's key for this message is not valid.");

  std::string ecdh_secret = ecdh(own.get(), peer.get());
  if (ecdh_secret.empty()) return failure("The key agreement failed.");
  using namespace std::string_view_literals;
  std::string key_info = std::string("WebPush: info\0"sv) + *ua_public + as_public;
  std::string ikm = hkdf(*auth, ecdh_secret, key_info, 32);
  std::string cek = hkdf(salt, ikm, "Content-Encoding: aes128gcm\0"sv, 16);
  std::string nonce = hkdf(salt, ikm, "Content-Encoding: nonce\0"sv, 12);
  OPENSSL_cleanse(ecdh_secret.data(), ecdh_secret.size());
  if (ikm.empty() || cek.empty() || nonce.empty()) return failure("The key derivation failed.");

  // One record, the last: the plaintext, the delimiter 0x02, then zeros up to the fixed size.
  std::string record(plaintext);
  record.push_back('\x02');
  record.resize(pad_to + 1, '\0');
  std::string sealed = aes128gcm(cek, nonce, record);
  OPENSSL_cleanse(cek.data(), cek.size());
  OPENSSL_cleanse(record.data(), record.size());
  if (sealed.empty()) return failure("The encryption failed.");

  std::string body(salt);
  for (int shift : {24, 16, 8, 0}) body.push_back(static_cast<char>((kRecordSize >> shift) & 0xff));
  body.push_back(static_cast<char>(kPointSize));
  body += as_public;
  body += sealed;
  return body;
}

std::expected<std::string, std::string> encrypt(std::string_view plaintext, const Subscription& to) {
  if (plaintext.size() > kPaddedPayload) return std::unexpected("The message is too long to send by push.");
  Pkey ephemeral(EVP_EC_gen("P-256"));
  if (!ephemeral) return failure("Could not make a key for this message.");
  BIGNUM* priv = nullptr;
  if (EVP_PKEY_get_bn_param(ephemeral.get(), OSSL_PKEY_PARAM_PRIV_KEY, &priv) != 1)
    return failure("Could not make a key for this message.");
  Bignum owned(priv);
  std::string private_raw(32, '\0');
  std::string salt(kSaltSize, '\0');
  if (BN_bn2binpad(owned.get(), bytes(private_raw), 32) != 32 || RAND_bytes(bytes(salt), static_cast<int>(salt.size())) != 1)
    return failure("Could not make a key for this message.");
  auto body = encrypt_with(plaintext, to, private_raw, salt, kPaddedPayload);
  OPENSSL_cleanse(private_raw.data(), private_raw.size());
  return body;
}

// ---- VAPID ---------------------------------------------------------------------------------------

std::expected<VapidKey, std::string> VapidKey::from_pem(std::string_view pem) {
  Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return failure("Could not read the push key.");
  Pkey pkey(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  if (!pkey) return failure("The push key file does not hold a PEM private key.");
  if (!is_p256(pkey.get())) return failure("The push key must be a P-256 (prime256v1) key.");
  // Some files keep the point compressed; the browser wants it uncompressed.
  EVP_PKEY_set_utf8_string_param(pkey.get(), OSSL_PKEY_PARAM_EC_POINT_CONVERSION_FORMAT,
                                 OSSL_PKEY_EC_POINT_CONVERSION_FORMAT_UNCOMPRESSED);
  std::string point = public_point(pkey.get());
  if (point.empty()) return failure("The push key has no usable public key.");
  auto key = std::make_shared<Key>();
  key->pkey = std::move(pkey);
  key->public_point = std::move(point);
  return VapidKey(std::move(key));
}

std::expected<VapidKey, std::string> VapidKey::load_or_create(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (in) {
    std::ostringstream text;
    text << in.rdbuf();
    auto key = from_pem(text.str());
    if (!key) return std::unexpected(key.error() + " (" + path.string() + ")");
    return key;
  }
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) return std::unexpected("Cannot read the push key " + path.string() + ".");

  Pkey pkey(EVP_EC_gen("P-256"));
  Bio bio(BIO_new(BIO_s_mem()));
  if (!pkey || !bio || PEM_write_bio_PrivateKey(bio.get(), pkey.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
    return failure("Could not make a push key.");
  char* data = nullptr;
  long size = BIO_get_mem_data(bio.get(), &data);
  std::string pem(data, static_cast<std::size_t>(size));

  // Written only by us, readable only by us; O_EXCL so that a key made at the same moment is never overwritten.
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return load_or_create(path);
    return std::unexpected("Cannot create the push key " + path.string() + ": " + std::strerror(errno));
  }
  bool written = ::write(fd, pem.data(), pem.size()) == static_cast<ssize_t>(pem.size()) && ::fsync(fd) == 0;
  ::close(fd);
  OPENSSL_cleanse(pem.data(), pem.size());
  if (!written) {
    std::filesystem::remove(path, ec);
    return std::unexpected("Cannot write the push key " + path.string() + ".");
  }
  return load_or_create(path);
}

std::string VapidKey::public_key() const { return base64url(key_->public_point); }

std::string VapidKey::token(std::string_view endpoint, std::string_view subject,
                            std::chrono::system_clock::time_point now) const {
  auto exp = std::chrono::duration_cast<std::chrono::seconds>((now + kTokenLifetime).time_since_epoch()).count();
  boost::json::object claims;
  claims["aud"] = origin_of(endpoint);
  claims["exp"] = exp;
  claims["sub"] = subject;
  std::string signing_input =
      base64url(R"({"typ":"JWT","alg":"ES256"})") + "." + base64url(boost::json::serialize(claims));
  std::string signature = sign_es256(key_->pkey.get(), signing_input);
  ERR_clear_error();
  return signing_input + "." + base64url(signature);
}

std::string VapidKey::authorization(std::string_view endpoint, std::string_view subject,
                                    std::chrono::system_clock::time_point now) const {
  return "vapid t=" + token(endpoint, subject, now) + ", k=" + public_key();
}

}  // namespace pillars::push
