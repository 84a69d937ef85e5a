// For the tests only, never installed: sends one Web Push message with the real sender and prints
// how it went as one line of JSON on stdout. Logs (debug and up) go to stderr, so a test can check
// that they never hold an endpoint or a payload.
//
//   push_send ENDPOINT P256DH AUTH KEY_PATH PAYLOAD [TTL_SECONDS] [URGENCY] [TOPIC] [SUBJECT]
//
// Plain http is allowed here for 127.0.0.1, where the tests' push service listens.
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <cstdio>
#include <future>
#include <iostream>
#include <string>

#include "push/webpush.h"

using namespace pillars::push;

namespace {

const char* name(Outcome outcome) {
  switch (outcome) {
    case Outcome::delivered: return "delivered";
    case Outcome::expired: return "expired";
    case Outcome::rejected: return "rejected";
    case Outcome::failed: return "failed";
  }
  return "?";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 6 || argc > 10) {
    std::cerr << "usage: push_send ENDPOINT P256DH AUTH KEY_PATH PAYLOAD [TTL_SECONDS] [URGENCY] [TOPIC] [SUBJECT]\n";
    return 2;
  }
  spdlog::set_default_logger(spdlog::stderr_logger_mt("push_send"));
  spdlog::set_level(spdlog::level::debug);

  auto key = VapidKey::load_or_create(argv[4]);
  if (!key) {
    std::cerr << key.error() << "\n";
    return 1;
  }
  Message message{.payload = argv[5]};
  if (argc > 6) message.ttl = std::chrono::seconds(std::stol(argv[6]));
  if (argc > 7) message.urgency = argv[7];
  if (argc > 8) message.topic = argv[8];
  std::string subject = argc > 9 ? argv[9] : "mailto:push-test@example.org";

  std::promise<Delivery> answered;
  {
    auto pusher = make_curl_pusher(*key, {.subject = subject, .allow_loopback_http = true});
    pusher->send(Subscription{argv[1], argv[2], argv[3]}, std::move(message),
                 [&](Delivery d) { answered.set_value(d); });
    Delivery d = answered.get_future().get();
    boost::json::object out;
    out["outcome"] = name(d.outcome);
    out["status"] = d.status;
    out["retry_after"] = d.retry_after.count();
    out["public_key"] = key->public_key();
    std::cout << boost::json::serialize(out) << std::endl;
  }
  return 0;
}
