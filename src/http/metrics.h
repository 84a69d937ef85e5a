// What /metrics reports about requests, and the Prometheus text format (0.0.4) it is written in.
//
// Requests are counted by route PATTERN ("/api/v1/bonds/{id}"), never by the path asked for: a path
// can carry a bond's id or an invite code. Each route and method has a numbered slot, laid out once
// when the server starts from the finished route table; recording a request is a handful of relaxed
// atomic additions into that slot's arrays, with no lookup by name and no allocation.
#pragma once

#include <boost/beast/http/verb.hpp>

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/histogram.h"

namespace pillars::http {

class Router;

// Builds the text of /metrics: each family once with its HELP and TYPE lines, then its samples.
class MetricsText {
 public:
  // Starts a family; `type` is counter, gauge or histogram.
  void family(std::string_view name, std::string_view help, std::string_view type);
  // One sample; `labels` is empty or made with label() and joined by commas.
  void sample(std::string_view name, std::string_view labels, std::uint64_t value);
  void sample(std::string_view name, std::string_view labels, std::int64_t value);
  void sample(std::string_view name, std::string_view labels, double value);
  // A whole family of one sample without labels.
  void counter(std::string_view name, std::string_view help, std::uint64_t value);
  void gauge(std::string_view name, std::string_view help, std::int64_t value);
  // The _bucket, _sum and _count samples of one histogram series; its whole-number unit is divided
  // by `per_unit` into the family's (1e6 for microseconds into seconds).
  void histogram(std::string_view name, std::string_view labels, const Histogram& h, double per_unit = 1);

  const std::string& text() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

// `name="value"`, with the value escaped as the format asks (backslash, quote, new line).
std::string label(std::string_view name, std::string_view value);

// Request counts and latency by route pattern, method and status.
class RequestMetrics {
 public:
  // Latency buckets in microseconds: 0.5 ms to 5 s.
  static constexpr std::array<std::uint64_t, 13> kLatencyBoundsMicros{
      500, 1'000, 2'500, 5'000, 10'000, 25'000, 50'000, 100'000, 250'000, 500'000, 1'000'000, 2'500'000, 5'000'000};

  RequestMetrics();
  ~RequestMetrics();

  // Lays out a slot for each route of `router` and its method (and HEAD beside GET), then the web
  // app's files ("static") and paths no route knows ("unmatched"). Called once, before serving.
  void prepare(const Router& router);

  // The slot of the route numbered `route` (its place in the table) asked with `method`.
  std::size_t route_slot(std::size_t route, boost::beast::http::verb method) const;
  std::size_t static_slot(boost::beast::http::verb method) const;
  std::size_t unmatched_slot(boost::beast::http::verb method) const;

  void record(std::size_t slot, unsigned status, std::uint64_t micros) noexcept;

  // pillars_http_requests_total and pillars_http_request_duration_seconds; series appear once they
  // have a request.
  void render(MetricsText& out) const;

 private:
  struct Slot;
  std::vector<std::string> route_labels_;  // per slot: the route pattern, "static" or "unmatched"
  std::vector<std::string_view> method_labels_;
  std::vector<std::size_t> route_base_;   // per route: its first slot (its method; HEAD follows a GET)
  std::vector<bool> route_has_head_;      // per route: a GET, with a HEAD slot after its own
  std::size_t static_base_ = 0, unmatched_base_ = 0;
  std::unique_ptr<Slot[]> slots_;
};

// Why a push was not delivered.
enum class PushFailure { expired, rejected, error };

// Web Push deliveries. The push code calls sent() after the push service accepted a message and
// failed() when it did not: `expired` when the subscription is gone (404 or 410, and it is dropped),
// `rejected` when the service refused the message (another 4xx), `error` for anything else (5xx, no
// answer, a failure here). Reached through AppContext::server_metrics().push; relaxed atomics, so
// any thread may call them.
class PushCounters {
 public:
  void sent() noexcept { sent_.fetch_add(1, std::memory_order_relaxed); }
  void failed(PushFailure why) noexcept { failed_[static_cast<std::size_t>(why)].fetch_add(1, std::memory_order_relaxed); }
  std::uint64_t sent_count() const { return sent_.load(std::memory_order_relaxed); }
  std::uint64_t failed_count(PushFailure why) const {
    return failed_[static_cast<std::size_t>(why)].load(std::memory_order_relaxed);
  }
  void render(MetricsText& out) const;

 private:
  std::atomic<std::uint64_t> sent_{0};
  std::array<std::atomic<std::uint64_t>, 3> failed_{};
};

}  // namespace pillars::http
