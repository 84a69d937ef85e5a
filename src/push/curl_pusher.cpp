// The Web Push sender: one thread drives a libcurl multi handle, so several requests are open at
// once and the caller never waits. Logs name only the push service's host, never an endpoint
// (a capability: whoever has it can send to that browser) nor a payload.
#include <curl/curl.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <condition_variable>
#include <deque>
#include <list>
#include <mutex>
#include <thread>
#include <vector>

#include "push/webpush.h"

namespace pillars::push {

Outcome outcome_of(int status) {
  if (status >= 200 && status < 300) return Outcome::delivered;
  if (status == 404 || status == 410) return Outcome::expired;
  if (status == 429 || status >= 500 || status == 0) return Outcome::failed;
  return Outcome::rejected;  // other 4xx, and a redirect (never followed: an endpoint does not move)
}

std::chrono::seconds parse_retry_after(std::string_view value, std::chrono::system_clock::time_point now) {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t' || value.back() == '\r' || value.back() == '\n'))
    value.remove_suffix(1);
  if (value.empty()) return std::chrono::seconds(0);
  if (std::ranges::all_of(value, [](char c) { return c >= '0' && c <= '9'; })) {
    if (value.size() > 9) return std::chrono::hours(24 * 365);  // absurdly far: a year is as good
    return std::chrono::seconds(std::stol(std::string(value)));
  }
  std::string date(value);
  time_t when = curl_getdate(date.c_str(), nullptr);
  if (when < 0) return std::chrono::seconds(0);
  auto delta = std::chrono::system_clock::from_time_t(when) - now;
  return std::max(std::chrono::seconds(0), std::chrono::duration_cast<std::chrono::seconds>(delta));
}

namespace {

struct Job {
  Subscription to;
  Message message;
  std::function<void(Delivery)> done;
};

// One request on the wire; lives in a std::list so its address stays put while curl holds it.
struct Request {
  Job job;
  std::string host;
  std::string body;
  std::string retry_after;
  curl_slist* headers = nullptr;
  CURL* easy = nullptr;
};

std::size_t discard_body(char*, std::size_t size, std::size_t count, void*) { return size * count; }

std::size_t read_header(char* data, std::size_t size, std::size_t count, void* user) {
  std::string_view line(data, size * count);
  constexpr std::string_view name = "retry-after:";
  if (line.size() > name.size()) {
    bool match = true;
    for (std::size_t i = 0; i < name.size() && match; ++i)
      match = std::tolower(static_cast<unsigned char>(line[i])) == name[i];
    if (match) static_cast<Request*>(user)->retry_after = std::string(line.substr(name.size()));
  }
  return size * count;
}

bool valid_urgency(std::string_view u) { return u == "very-low" || u == "low" || u == "normal" || u == "high"; }

// RFC 8030: a topic is at most 32 characters of the base64url alphabet.
bool valid_topic(std::string_view t) {
  return t.size() <= 32 && std::ranges::all_of(t, [](char c) {
           return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
         });
}

class CurlPusher final : public Pusher {
 public:
  CurlPusher(VapidKey key, PusherOptions options) : key_(std::move(key)), options_(std::move(options)) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    multi_ = curl_multi_init();
    thread_ = std::thread([this] { run(); });
  }

  ~CurlPusher() override {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    curl_multi_wakeup(multi_);
    thread_.join();
    curl_multi_cleanup(multi_);
  }

  CurlPusher(const CurlPusher&) = delete;
  CurlPusher& operator=(const CurlPusher&) = delete;

  void send(Subscription to, Message message, std::function<void(Delivery)> done) override {
    bool stopping = false;
    {
      std::lock_guard lock(mutex_);
      stopping = stopping_;
      if (!stopping_ && queue_.size() < options_.max_queued) {
        queue_.push_back(Job{std::move(to), std::move(message), std::move(done)});
        curl_multi_wakeup(multi_);
        return;
      }
    }
    // Stopping is not a flood: only a full queue counts, and the log says so once per hundred.
    if (!stopping) {
      std::size_t count = ++dropped_;
      if (count % 100 == 1) spdlog::warn("push: the queue is full; messages are dropped ({} so far)", count);
    }
    if (done) done(Delivery{});
  }

  std::size_t dropped() const override { return dropped_.load(); }

 private:
  void run() {
    std::list<Request> open;
    for (;;) {
      std::vector<Job> starting;
      std::vector<Job> abandoned;
      bool stopping = false;
      {
        std::lock_guard lock(mutex_);
        stopping = stopping_;
        if (stopping) {
          for (auto& job : queue_) abandoned.push_back(std::move(job));
          queue_.clear();
        }
        while (!queue_.empty() && open.size() + starting.size() < options_.max_in_flight) {
          starting.push_back(std::move(queue_.front()));
          queue_.pop_front();
        }
      }
      for (auto& job : abandoned)
        if (job.done) job.done(Delivery{});
      for (auto& job : starting) start(open, std::move(job));
      if (stopping && open.empty()) return;

      int running = 0;
      curl_multi_perform(multi_, &running);
      int left = 0;
      while (CURLMsg* msg = curl_multi_info_read(multi_, &left)) {
        if (msg->msg != CURLMSG_DONE) continue;
        auto it = std::ranges::find_if(open, [&](const Request& r) { return r.easy == msg->easy_handle; });
        if (it == open.end()) continue;
        finish(*it, msg->data.result);
        open.erase(it);
      }
      curl_multi_poll(multi_, nullptr, 0, 1000, nullptr);
    }
  }

  void start(std::list<Request>& open, Job job) {
    std::string host = host_of(job.to.endpoint);
    auto refuse = [&](const std::string& why) {
      spdlog::warn("push to {}: not sent: {}", host, why);
      if (job.done) job.done(Delivery{Outcome::rejected, 0, std::chrono::seconds(0)});
    };
    if (auto ok = check(job.to, options_.allow_loopback_http); !ok) return refuse(ok.error());
    if (!valid_urgency(job.message.urgency)) return refuse("the urgency is not one of very-low, low, normal, high");
    if (!valid_topic(job.message.topic)) return refuse("the topic is not up to 32 base64url characters");
    auto body = encrypt(job.message.payload, job.to);
    if (!body) return refuse(body.error());

    Request& r = open.emplace_back();
    r.job = std::move(job);
    r.host = std::move(host);
    r.body = std::move(*body);
    auto ttl = std::max<long long>(0, r.job.message.ttl.count());
    std::vector<std::string> lines = {
        "TTL: " + std::to_string(ttl),
        "Urgency: " + r.job.message.urgency,
        "Content-Encoding: aes128gcm",
        "Content-Type: application/octet-stream",
        "Authorization: " + key_.authorization(r.job.to.endpoint, options_.subject, std::chrono::system_clock::now()),
        "Expect:",  // no 100-continue round trip for a small body
    };
    if (!r.job.message.topic.empty()) lines.push_back("Topic: " + r.job.message.topic);
    for (const auto& line : lines) r.headers = curl_slist_append(r.headers, line.c_str());

    r.easy = curl_easy_init();
    CURL* e = r.easy;
    curl_easy_setopt(e, CURLOPT_URL, r.job.to.endpoint.c_str());
    curl_easy_setopt(e, CURLOPT_POST, 1L);
    curl_easy_setopt(e, CURLOPT_POSTFIELDS, r.body.data());
    curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(r.body.size()));
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, r.headers);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, discard_body);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, read_header);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, &r);
    curl_easy_setopt(e, CURLOPT_TIMEOUT, static_cast<long>(options_.timeout.count()));
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, static_cast<long>(options_.timeout.count()));
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, options_.allow_loopback_http ? "https,http" : "https");
    curl_easy_setopt(e, CURLOPT_USERAGENT, "Pillars");
    if (options_.allow_loopback_http) curl_easy_setopt(e, CURLOPT_NOPROXY, "127.0.0.1");
    curl_multi_add_handle(multi_, e);
  }

  void finish(Request& r, CURLcode result) {
    long status = 0;
    if (result == CURLE_OK) curl_easy_getinfo(r.easy, CURLINFO_RESPONSE_CODE, &status);
    curl_multi_remove_handle(multi_, r.easy);
    curl_easy_cleanup(r.easy);
    curl_slist_free_all(r.headers);

    Delivery delivery{outcome_of(static_cast<int>(status)), static_cast<int>(status), std::chrono::seconds(0)};
    if (!r.retry_after.empty()) delivery.retry_after = parse_retry_after(r.retry_after, std::chrono::system_clock::now());
    if (result != CURLE_OK)
      spdlog::warn("push to {}: {}", r.host, curl_easy_strerror(result));
    else if (delivery.outcome == Outcome::delivered || delivery.outcome == Outcome::expired)
      spdlog::debug("push to {}: {}", r.host, status);
    else
      spdlog::warn("push to {}: the push service answered {}", r.host, status);
    if (r.job.done) r.job.done(delivery);
  }

  VapidKey key_;
  PusherOptions options_;
  CURLM* multi_ = nullptr;
  std::mutex mutex_;
  std::deque<Job> queue_;
  bool stopping_ = false;
  std::atomic<std::size_t> dropped_{0};
  std::thread thread_;
};

}  // namespace

std::unique_ptr<Pusher> make_curl_pusher(VapidKey key, PusherOptions options) {
  return std::make_unique<CurlPusher>(std::move(key), std::move(options));
}

}  // namespace pillars::push
