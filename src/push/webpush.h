// Web Push (RFC 8030): payloads encrypted for the browser (RFC 8291, aes128gcm of RFC 8188), the
// application server identified by a signed token (VAPID, RFC 8292), and a sender on libcurl.
// Everything cryptographic is OpenSSL 3; a push service sees only ciphertext of one fixed size.
#pragma once

#include <chrono>
#include <cstddef>
#include <expected>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace pillars::push {

// As the browser's PushSubscription.toJSON() gives them: the endpoint URL and keys.p256dh / keys.auth, base64url.
struct Subscription {
  std::string endpoint{};
  std::string p256dh{};
  std::string auth{};
};

struct Message {
  std::string payload;  // UTF-8 JSON, encrypted before it leaves
  std::chrono::seconds ttl{std::chrono::hours(12)};
  std::string urgency = "normal";  // very-low | low | normal | high
  std::string topic{};             // optional; replaces an undelivered message of the same topic
};

enum class Outcome { delivered, expired, rejected, failed };  // 2xx | 404/410 | other 4xx | 5xx, 429, network

struct Delivery {
  Outcome outcome = Outcome::failed;
  int status = 0;  // the push service's HTTP status; 0 when it never answered
  std::chrono::seconds retry_after{0};
};

// Every payload is padded to this many bytes before it is encrypted, so every body a push service
// sees is kBodySize bytes long whatever was said. A longer payload is refused.
inline constexpr std::size_t kPaddedPayload = 2048;
inline constexpr std::size_t kRecordSize = 4096;                    // rs in the aes128gcm header
inline constexpr std::size_t kHeaderSize = 16 + 4 + 1 + 65;         // salt, rs, idlen, server public key
inline constexpr std::size_t kBodySize = kHeaderSize + kPaddedPayload + 1 + 16;  // + delimiter + GCM tag

// Checks a subscription as a browser gave it: https endpoint (or http://127.0.0.1 when loopback is allowed),
// p256dh a valid uncompressed P-256 point (65 bytes), auth 16 bytes. Returns a message for people on failure.
std::expected<void, std::string> check(const Subscription&, bool allow_loopback_http);

// RFC 8291 aes128gcm body: header (salt, rs=4096, idlen=65, server public key) and one record. The plaintext is
// padded to a fixed size (so its length tells nothing); fails if it is too long.
std::expected<std::string, std::string> encrypt(std::string_view plaintext, const Subscription&);
// The same with the server's ephemeral private key (raw 32 bytes) and salt given: for RFC 8291's worked example.
// `pad_to` is the length of plaintext and padding together (the delimiter and the tag come on top).
std::expected<std::string, std::string> encrypt_with(std::string_view plaintext, const Subscription&,
                                                     std::string_view server_private_raw, std::string_view salt,
                                                     std::size_t pad_to);

// base64url without padding, as browsers and push services write keys; decoding also takes padded text.
std::string base64url(std::string_view bytes);
std::expected<std::string, std::string> from_base64url(std::string_view text);

// The origin (scheme://host[:port], the port only when it is not the scheme's default) of an absolute URL,
// or an empty string when it has none. VAPID's aud.
std::string origin_of(std::string_view url);

// Only the host of an endpoint, for logs: the full URL is a capability and never goes to a log.
std::string host_of(std::string_view url);

class VapidKey {
 public:
  // Reads a PEM P-256 private key from `path`, or creates one there (mode 0600) when missing.
  static std::expected<VapidKey, std::string> load_or_create(const std::filesystem::path& path);
  // The same from PEM text (a PKCS#8 or SEC1 P-256 private key).
  static std::expected<VapidKey, std::string> from_pem(std::string_view pem);

  std::string public_key() const;  // uncompressed point, base64url: the browser's applicationServerKey, and k=
  // "vapid t=<ES256 JWT>, k=<public key>" for the endpoint's origin (aud), `subject` (mailto: or https:), exp now+12h.
  std::string authorization(std::string_view endpoint, std::string_view subject,
                            std::chrono::system_clock::time_point now) const;

  // The ES256 JWT alone (header.claims.signature, each base64url), as authorization() puts it in t=.
  std::string token(std::string_view endpoint, std::string_view subject,
                    std::chrono::system_clock::time_point now) const;

  struct Key;  // the OpenSSL key; shared, since signing does not change it

 private:
  explicit VapidKey(std::shared_ptr<Key> key) : key_(std::move(key)) {}
  std::shared_ptr<Key> key_;
};

// Sends on a thread of its own (like src/mail/smtp.cpp's SmtpMailer; read it), never blocking the caller.
class Pusher {
 public:
  virtual ~Pusher() = default;
  // `done` runs on the sender's thread once the push service answered (or failed). It runs exactly once per
  // send: a message that cannot be encrypted (too long, or a subscription check() refuses) is rejected with
  // status 0; one dropped because the queue is full or the pusher is stopping fails with status 0, and then
  // `done` runs at once on the caller's thread. When the pusher is destroyed, what waits in the queue fails.
  virtual void send(Subscription to, Message message, std::function<void(Delivery)> done) = 0;
  // How many messages were dropped because the queue was full, since the start.
  virtual std::size_t dropped() const { return 0; }
};

struct PusherOptions {
  std::string subject{};  // VAPID sub: mailto: or https:, how a push service reaches the operator
  bool allow_loopback_http = false;
  std::chrono::seconds timeout{10};
  std::size_t max_queued = 1000;  // waiting to be sent; more are dropped and counted
  std::size_t max_in_flight = 8;  // requests open at once
};

std::unique_ptr<Pusher> make_curl_pusher(VapidKey key, PusherOptions options);  // libcurl, already linked (CURL)

// Maps a push service's HTTP status to an outcome, as Outcome's comment says (0: no answer).
Outcome outcome_of(int status);

// Reads a Retry-After value (delta-seconds or an HTTP date, relative to `now`); 0 when absent or unreadable.
std::chrono::seconds parse_retry_after(std::string_view value, std::chrono::system_clock::time_point now);

}  // namespace pillars::push
