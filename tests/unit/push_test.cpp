// Web Push: RFC 8291's worked example byte for byte, a decrypt written here (HMAC-based HKDF, not the
// library's), padding, subscription checks, the VAPID token and its key file, and the sender's promises.
#include "push/webpush.h"

#include <gtest/gtest.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>

namespace pillars::push {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

std::string unb64(std::string_view text) {
  auto out = from_base64url(text);
  EXPECT_TRUE(out) << text;
  return out.value_or("");
}

const unsigned char* u(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

// ---- a receiver, as a browser would be, written apart from the library ---------------------------

struct Receiver {
  EVP_PKEY* key = nullptr;
  std::string public_point;
  std::string auth;
  Receiver() {
    key = EVP_EC_gen("P-256");
    public_point.resize(65);
    std::size_t len = 0;
    EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY,
                                    reinterpret_cast<unsigned char*>(public_point.data()), 65, &len);
    auth.resize(16);
    RAND_bytes(reinterpret_cast<unsigned char*>(auth.data()), 16);
  }
  ~Receiver() { EVP_PKEY_free(key); }
  Receiver(const Receiver&) = delete;
  Receiver& operator=(const Receiver&) = delete;
  Subscription subscription(std::string endpoint = "https://push.example.net/p/abc") const {
    return {std::move(endpoint), base64url(public_point), base64url(auth)};
  }
};

std::string hmac(std::string_view key, std::string_view data) {
  unsigned char out[32];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), u(data), data.size(), out, &len);
  return std::string(reinterpret_cast<char*>(out), len);
}

// HKDF with a single expand block (enough for up to 32 bytes), as RFC 5869 writes it.
std::string hkdf(std::string_view salt, std::string_view ikm, std::string_view info, std::size_t length) {
  std::string prk = hmac(salt, ikm);
  std::string t = hmac(prk, std::string(info) + '\x01');
  return t.substr(0, length);
}

EVP_PKEY* public_key_from_point(std::string_view point) {
  OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
  OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0);
  OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size());
  OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(bld);
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr);
  EVP_PKEY* key = nullptr;
  EVP_PKEY_fromdata_init(ctx);
  EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_PUBLIC_KEY, params);
  EVP_PKEY_CTX_free(ctx);
  OSSL_PARAM_free(params);
  OSSL_PARAM_BLD_free(bld);
  return key;
}

// Undoes an aes128gcm body of one record; returns the record's plaintext with its padding.
std::optional<std::string> open_record(const Receiver& r, std::string_view body) {
  if (body.size() < 86 + 17) return std::nullopt;
  std::string_view salt = body.substr(0, 16);
  std::uint32_t rs = (std::uint32_t(u(body)[16]) << 24) | (std::uint32_t(u(body)[17]) << 16) |
                     (std::uint32_t(u(body)[18]) << 8) | std::uint32_t(u(body)[19]);
  EXPECT_EQ(rs, 4096u);
  EXPECT_EQ(u(body)[20], 65);
  std::string_view sender = body.substr(21, 65);
  std::string_view sealed = body.substr(86);

  EVP_PKEY* peer = public_key_from_point(sender);
  EVP_PKEY_CTX* dctx = EVP_PKEY_CTX_new_from_pkey(nullptr, r.key, nullptr);
  std::size_t len = 32;
  std::string shared(32, '\0');
  EVP_PKEY_derive_init(dctx);
  EVP_PKEY_derive_set_peer(dctx, peer);
  EVP_PKEY_derive(dctx, reinterpret_cast<unsigned char*>(shared.data()), &len);
  EVP_PKEY_CTX_free(dctx);
  EVP_PKEY_free(peer);

  std::string key_info = std::string("WebPush: info") + '\0' + r.public_point + std::string(sender);
  std::string ikm = hkdf(r.auth, shared, key_info, 32);
  std::string cek = hkdf(salt, ikm, std::string("Content-Encoding: aes128gcm") + '\0', 16);
  std::string nonce = hkdf(salt, ikm, std::string("Content-Encoding: nonce") + '\0', 12);

  std::string_view ciphertext = sealed.substr(0, sealed.size() - 16);
  std::string tag(sealed.substr(sealed.size() - 16));
  std::string plain(ciphertext.size(), '\0');
  EVP_CIPHER_CTX* c = EVP_CIPHER_CTX_new();
  int n = 0;
  int tail = 0;
  EVP_DecryptInit_ex2(c, EVP_aes_128_gcm(), u(cek), u(nonce), nullptr);
  EVP_DecryptUpdate(c, reinterpret_cast<unsigned char*>(plain.data()), &n, u(ciphertext),
                    static_cast<int>(ciphertext.size()));
  EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_TAG, 16, tag.data());
  int ok = EVP_DecryptFinal_ex(c, reinterpret_cast<unsigned char*>(plain.data()) + n, &tail);
  EVP_CIPHER_CTX_free(c);
  if (ok != 1) return std::nullopt;
  return plain;
}

// The plaintext before the last record's delimiter (0x02), checking that only zeros follow it.
std::optional<std::string> unpad(std::string_view record) {
  auto at = record.find_last_not_of('\0');
  if (at == std::string_view::npos || record[at] != '\x02') return std::nullopt;
  return std::string(record.substr(0, at));
}

// ---- RFC 8291 ------------------------------------------------------------------------------------

TEST(WebPushEncryption, ReproducesTheWorkedExampleOfRfc8291) {
  // RFC 8291 section 5 and appendix A: the message, keys, auth secret and salt printed there.
  const std::string plaintext = "When I grow up, I want to be a watermelon";
  Subscription ua{"https://push.example.net/push/JzLQ3raZJfFBR0aqvOMsLrt54w4rJUsV",
                  "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4",
                  "BTBZMqHH6r4Tts7J_aSIgg"};
  auto body = encrypt_with(plaintext, ua, unb64("yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw"),
                           unb64("DGv6ra1nlYgDCS1FRnbzlw"), plaintext.size());
  ASSERT_TRUE(body) << body.error();
  EXPECT_EQ(base64url(*body),
            "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqK"
            "K6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN");
  // The same with one byte of padding is no longer the document's bytes, and a shorter pad_to is refused.
  auto padded = encrypt_with(plaintext, ua, unb64("yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw"),
                             unb64("DGv6ra1nlYgDCS1FRnbzlw"), plaintext.size() + 1);
  ASSERT_TRUE(padded);
  EXPECT_EQ(padded->size(), body->size() + 1);
  EXPECT_FALSE(encrypt_with(plaintext, ua, unb64("yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw"),
                            unb64("DGv6ra1nlYgDCS1FRnbzlw"), plaintext.size() - 1));
}

TEST(WebPushEncryption, ABrowserCanDecryptWhatIsSent) {
  Receiver r;
  const std::string text = R"({"title":"A calm note","body":"Ada checked in — ça va 🌿"})";
  auto body = encrypt(text, r.subscription());
  ASSERT_TRUE(body) << body.error();
  EXPECT_EQ(body->size(), kBodySize);
  EXPECT_EQ(body->find("calm"), std::string::npos);
  auto record = open_record(r, *body);
  ASSERT_TRUE(record) << "the tag checks out";
  EXPECT_EQ(record->size(), kPaddedPayload + 1);
  EXPECT_EQ(unpad(*record), text);

  std::string tampered = *body;
  tampered[100] = static_cast<char>(tampered[100] ^ 1);
  EXPECT_FALSE(open_record(r, tampered));
  Receiver other;
  EXPECT_FALSE(open_record(other, *body)) << "only the subscriber's key opens it";
  auto again = encrypt(text, r.subscription());
  ASSERT_TRUE(again);
  EXPECT_NE(again->substr(0, 86), body->substr(0, 86)) << "a fresh salt and server key for every message";
}

TEST(WebPushEncryption, PaddingHidesTheLength) {
  Receiver r;
  auto short_body = encrypt("{}", r.subscription());
  auto long_body = encrypt(std::string(1500, 'x'), r.subscription());
  auto full = encrypt(std::string(kPaddedPayload, 'y'), r.subscription());
  ASSERT_TRUE(short_body && long_body && full);
  EXPECT_EQ(short_body->size(), long_body->size());
  EXPECT_EQ(full->size(), long_body->size());
  EXPECT_EQ(unpad(*open_record(r, *full)), std::string(kPaddedPayload, 'y'));
  auto too_long = encrypt(std::string(kPaddedPayload + 1, 'z'), r.subscription());
  ASSERT_FALSE(too_long);
  EXPECT_NE(too_long.error().find("too long"), std::string::npos);
  EXPECT_LE(kBodySize, 4096u) << "within what every push service accepts";
}

// ---- subscriptions -------------------------------------------------------------------------------

TEST(WebPushCheck, AcceptsWhatABrowserGives) {
  Receiver r;
  EXPECT_TRUE(check(r.subscription(), false));
  EXPECT_TRUE(check(r.subscription("https://fcm.googleapis.com/fcm/send/cXyZ:APA91b"), false));
  // Padded base64url is read too.
  Subscription padded = r.subscription();
  padded.auth += "==";
  EXPECT_TRUE(check(padded, false));
}

TEST(WebPushCheck, RefusesBadEndpoints) {
  Receiver r;
  for (const char* endpoint : {"", "not a url", "/relative/path", "ftp://push.example.net/x", "http://push.example.net/x",
                               "https://user:secret@push.example.net/x", "https:///nohost", "http://127.0.0.1:9/x"}) {
    auto ok = check(r.subscription(endpoint), false);
    EXPECT_FALSE(ok) << endpoint;
    if (!ok) {
      EXPECT_EQ(ok.error().find("secret"), std::string::npos) << "the message never repeats the address";
    }
  }
  EXPECT_FALSE(check(r.subscription("https://push.example.net/" + std::string(5000, 'a')), false));
  EXPECT_TRUE(check(r.subscription("http://127.0.0.1:9/x"), true)) << "loopback http, when allowed";
  EXPECT_FALSE(check(r.subscription("http://localhost:9/x"), true));
  EXPECT_FALSE(check(r.subscription("http://10.0.0.1:9/x"), true));
  // Never to the machines beside the server: no address by number, no local name.
  EXPECT_FALSE(check(r.subscription("https://127.0.0.1/x"), false));
  for (const char* inside : {"https://10.0.0.1/x", "https://192.168.1.20/x", "https://[::1]/x",
                             "https://localhost/x", "https://intranet/x", "https://printer.local/x",
                             "https://db.internal/x", "https://nas.lan/x"})
    EXPECT_FALSE(check(r.subscription(inside), true)) << inside;
}

TEST(WebPushCheck, RefusesBadKeys) {
  Receiver r;
  auto with = [&](std::string p256dh, std::string auth) {
    Subscription s = r.subscription();
    s.p256dh = std::move(p256dh);
    s.auth = std::move(auth);
    return check(s, false);
  };
  std::string good_point = base64url(r.public_point);
  std::string good_auth = base64url(r.auth);
  EXPECT_TRUE(with(good_point, good_auth));
  EXPECT_FALSE(with("", good_auth));
  EXPECT_FALSE(with("!!not base64!!", good_auth));
  EXPECT_FALSE(with(base64url(r.public_point.substr(0, 64)), good_auth)) << "too short";
  std::string compressed = r.public_point.substr(0, 33);
  compressed[0] = 0x02;
  EXPECT_FALSE(with(base64url(compressed), good_auth)) << "compressed points are not what browsers send";
  std::string off_curve = r.public_point;
  off_curve[64] = static_cast<char>(off_curve[64] ^ 1);
  EXPECT_FALSE(with(base64url(off_curve), good_auth)) << "not on the curve";
  EXPECT_FALSE(with(good_point, base64url(r.auth.substr(0, 15))));
  EXPECT_FALSE(with(good_point, base64url(r.auth + "x")));
  EXPECT_FALSE(with(good_point, ""));
  // encrypt() refuses what check() refuses.
  Subscription bad = r.subscription();
  bad.p256dh = base64url(off_curve);
  EXPECT_FALSE(encrypt("{}", bad));
}

TEST(WebPushUrls, OriginAndHost) {
  EXPECT_EQ(origin_of("https://fcm.googleapis.com/fcm/send/abc?x=1"), "https://fcm.googleapis.com");
  EXPECT_EQ(origin_of("https://Updates.Push.Services.Mozilla.com:443/wpush/v2/x"),
            "https://updates.push.services.mozilla.com");
  EXPECT_EQ(origin_of("http://127.0.0.1:8443/push/1"), "http://127.0.0.1:8443");
  EXPECT_EQ(origin_of("nope"), "");
  EXPECT_EQ(host_of("https://web.push.apple.com/QGk9secret"), "web.push.apple.com");
}

// ---- VAPID ---------------------------------------------------------------------------------------

class VapidKeyFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("pillars-vapid-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(VapidKeyFile, IsCreatedOwnerOnlyAndLoadedAgain) {
  auto path = dir_ / "vapid.pem";
  auto first = VapidKey::load_or_create(path);
  ASSERT_TRUE(first) << first.error();
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  auto second = VapidKey::load_or_create(path);
  ASSERT_TRUE(second) << second.error();
  EXPECT_EQ(second->public_key(), first->public_key());
  auto point = unb64(first->public_key());
  ASSERT_EQ(point.size(), 65u);
  EXPECT_EQ(point[0], 0x04);
  auto other = VapidKey::load_or_create(dir_ / "other.pem");
  ASSERT_TRUE(other);
  EXPECT_NE(other->public_key(), first->public_key());
}

TEST_F(VapidKeyFile, RefusesWhatIsNotAP256Key) {
  auto garbage = dir_ / "garbage.pem";
  std::ofstream(garbage) << "hello";
  EXPECT_FALSE(VapidKey::load_or_create(garbage));
  EVP_PKEY* p384 = EVP_EC_gen("P-384");
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(bio, p384, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  long size = BIO_get_mem_data(bio, &data);
  auto key = VapidKey::from_pem(std::string_view(data, static_cast<std::size_t>(size)));
  BIO_free(bio);
  EVP_PKEY_free(p384);
  EXPECT_FALSE(key);
  EXPECT_FALSE(VapidKey::load_or_create(dir_ / "missing-folder" / "vapid.pem"));
}

boost::json::value json_part(std::string_view part) { return boost::json::parse(unb64(part)); }

bool verifies(std::string_view public_point, std::string_view signing_input, std::string_view r_s) {
  if (r_s.size() != 64) return false;
  ECDSA_SIG* sig = ECDSA_SIG_new();
  ECDSA_SIG_set0(sig, BN_bin2bn(u(r_s), 32, nullptr), BN_bin2bn(u(r_s) + 32, 32, nullptr));
  unsigned char* der = nullptr;
  int der_len = i2d_ECDSA_SIG(sig, &der);
  ECDSA_SIG_free(sig);
  EVP_PKEY* key = public_key_from_point(public_point);
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  int ok = EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, key) == 1 &&
           EVP_DigestVerify(ctx, der, static_cast<std::size_t>(der_len), u(signing_input), signing_input.size());
  EVP_MD_CTX_free(ctx);
  EVP_PKEY_free(key);
  OPENSSL_free(der);
  return ok == 1;
}

TEST_F(VapidKeyFile, TheTokenIsAnEs256JwtForTheEndpointsOrigin) {
  auto key = VapidKey::load_or_create(dir_ / "vapid.pem");
  ASSERT_TRUE(key);
  auto now = std::chrono::system_clock::now();
  std::string header = key->authorization("https://fcm.googleapis.com/fcm/send/abc:def", "mailto:ops@example.org", now);
  ASSERT_TRUE(header.starts_with("vapid t="));
  auto comma = header.find(", k=");
  ASSERT_NE(comma, std::string::npos);
  std::string token = header.substr(8, comma - 8);
  EXPECT_EQ(header.substr(comma + 4), key->public_key());

  auto dot1 = token.find('.');
  auto dot2 = token.find('.', dot1 + 1);
  ASSERT_NE(dot2, std::string::npos);
  EXPECT_EQ(json_part(token.substr(0, dot1)), boost::json::parse(R"({"typ":"JWT","alg":"ES256"})"));
  auto claims = json_part(token.substr(dot1 + 1, dot2 - dot1 - 1)).as_object();
  EXPECT_EQ(claims.at("aud").as_string(), "https://fcm.googleapis.com");
  EXPECT_EQ(claims.at("sub").as_string(), "mailto:ops@example.org");
  auto exp = claims.at("exp").to_number<long long>();
  auto now_s = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  EXPECT_GT(exp, now_s);
  EXPECT_LE(exp, now_s + 24 * 3600) << "RFC 8292: no more than 24 hours ahead";

  std::string signature = unb64(token.substr(dot2 + 1));
  EXPECT_EQ(signature.size(), 64u);
  std::string point = unb64(key->public_key());
  EXPECT_TRUE(verifies(point, token.substr(0, dot2), signature));
  std::string other_claims = token.substr(0, dot1 + 1) + base64url(R"({"aud":"https://evil.example","exp":1,"sub":"x"})");
  EXPECT_FALSE(verifies(point, other_claims, signature)) << "the signature covers the claims";
  auto other_key = VapidKey::load_or_create(dir_ / "other.pem");
  EXPECT_FALSE(verifies(unb64(other_key->public_key()), token.substr(0, dot2), signature));

  // The origin keeps a port that is not the default.
  std::string local = key->token("http://127.0.0.1:8443/push/1", "https://pillars.example.org", now);
  auto l1 = local.find('.');
  auto l2 = local.find('.', l1 + 1);
  EXPECT_EQ(json_part(local.substr(l1 + 1, l2 - l1 - 1)).as_object().at("aud").as_string(), "http://127.0.0.1:8443");
}

// ---- the sender ----------------------------------------------------------------------------------

TEST(WebPushStatus, MapsStatusesAndRetryAfter) {
  EXPECT_EQ(outcome_of(201), Outcome::delivered);
  EXPECT_EQ(outcome_of(200), Outcome::delivered);
  EXPECT_EQ(outcome_of(404), Outcome::expired);
  EXPECT_EQ(outcome_of(410), Outcome::expired);
  EXPECT_EQ(outcome_of(400), Outcome::rejected);
  EXPECT_EQ(outcome_of(403), Outcome::rejected);
  EXPECT_EQ(outcome_of(413), Outcome::rejected);
  EXPECT_EQ(outcome_of(429), Outcome::failed);
  EXPECT_EQ(outcome_of(500), Outcome::failed);
  EXPECT_EQ(outcome_of(503), Outcome::failed);
  EXPECT_EQ(outcome_of(0), Outcome::failed);
  auto now = std::chrono::system_clock::from_time_t(1445412480);  // Wed, 21 Oct 2015 07:28:00 GMT
  EXPECT_EQ(parse_retry_after("120", now), 120s);
  EXPECT_EQ(parse_retry_after(" 30\r\n", now), 30s);
  EXPECT_EQ(parse_retry_after("Wed, 21 Oct 2015 07:30:00 GMT", now), 120s);
  EXPECT_EQ(parse_retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now), 0s) << "a date past is now";
  EXPECT_EQ(parse_retry_after("soon", now), 0s);
  EXPECT_EQ(parse_retry_after("", now), 0s);
}

// Collects deliveries from the sender's thread.
struct Deliveries {
  std::mutex mutex;
  std::vector<Delivery> got;
  std::function<void(Delivery)> add() {
    return [this](Delivery d) {
      std::lock_guard lock(mutex);
      got.push_back(d);
    };
  }
  std::size_t size() {
    std::lock_guard lock(mutex);
    return got.size();
  }
};

TEST_F(VapidKeyFile, TheSenderAnswersEveryMessageOnce) {
  auto key = VapidKey::load_or_create(dir_ / "vapid.pem");
  ASSERT_TRUE(key);
  Receiver r;
  Deliveries deliveries;
  {
    auto pusher = make_curl_pusher(*key, {.subject = "mailto:ops@example.org", .allow_loopback_http = true, .timeout = 5s});
    std::promise<Delivery> refused;
    Subscription bad = r.subscription("http://push.example.net/x");
    pusher->send(bad, Message{.payload = "{}"}, [&](Delivery d) { refused.set_value(d); });
    auto d = refused.get_future().get();
    EXPECT_EQ(d.outcome, Outcome::rejected) << "http is refused before anything is sent";
    EXPECT_EQ(d.status, 0);

    std::promise<Delivery> too_long;
    pusher->send(r.subscription(), Message{.payload = std::string(kPaddedPayload + 1, 'x')},
                 [&](Delivery got) { too_long.set_value(got); });
    EXPECT_EQ(too_long.get_future().get().outcome, Outcome::rejected);

    std::promise<Delivery> bad_topic;
    pusher->send(r.subscription(), Message{.payload = "{}", .topic = "not a topic!"},
                 [&](Delivery got) { bad_topic.set_value(got); });
    EXPECT_EQ(bad_topic.get_future().get().outcome, Outcome::rejected);

    // Nothing listens on port 1: the network fails, and says so.
    std::promise<Delivery> unreachable;
    pusher->send(r.subscription("https://127.0.0.1:1/push/x"), Message{.payload = "{}"},
                 [&](Delivery got) { unreachable.set_value(got); });
    auto u1 = unreachable.get_future().get();
    EXPECT_EQ(u1.outcome, Outcome::failed);
    EXPECT_EQ(u1.status, 0);

    for (int i = 0; i < 20; ++i) pusher->send(r.subscription("https://127.0.0.1:1/push/y"), Message{.payload = "{}"}, deliveries.add());
  }  // the destructor answers what is still queued, then returns
  EXPECT_EQ(deliveries.size(), 20u);
  for (const auto& d : deliveries.got) EXPECT_EQ(d.outcome, Outcome::failed);
}

TEST_F(VapidKeyFile, AFullQueueDropsAndCounts) {
  auto key = VapidKey::load_or_create(dir_ / "vapid.pem");
  ASSERT_TRUE(key);
  Receiver r;
  Deliveries deliveries;
  std::size_t dropped = 0;
  {
    auto pusher = make_curl_pusher(*key, {.subject = "mailto:ops@example.org", .allow_loopback_http = true, .max_queued = 2,
                                          .max_in_flight = 1});
    for (int i = 0; i < 50; ++i)
      pusher->send(r.subscription("https://127.0.0.1:1/push/z"), Message{.payload = "{}"}, deliveries.add());
    dropped = pusher->dropped();
  }
  EXPECT_GT(dropped, 0u);
  EXPECT_EQ(deliveries.size(), 50u) << "dropped ones are answered too";
}

}  // namespace
}  // namespace pillars::push
