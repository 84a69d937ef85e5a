#include "http/metrics.h"

#include <fmt/format.h>

#include <cmath>

#include "http/router.h"

namespace pillars::http {

namespace bhttp = boost::beast::http;

namespace {

// The statuses counted each in its own place; anything else is counted as "other".
constexpr std::array<unsigned, 63> kStatuses{
    100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 307,
    308, 400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418, 421,
    422, 423, 424, 425, 426, 428, 429, 431, 451, 500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511, 599};
constexpr std::size_t kStatusSlots = kStatuses.size() + 1;  // place 0 is "other"

constexpr std::array<std::uint8_t, 600> kStatusPlace = [] {
  std::array<std::uint8_t, 600> places{};
  for (std::size_t i = 0; i < kStatuses.size(); ++i) places[kStatuses[i]] = static_cast<std::uint8_t>(i + 1);
  return places;
}();

constexpr std::array kUnmatchedMethods{bhttp::verb::get,   bhttp::verb::head,    bhttp::verb::post,
                                       bhttp::verb::put,   bhttp::verb::patch,   bhttp::verb::delete_,
                                       bhttp::verb::options};
constexpr std::array kStaticMethods{bhttp::verb::get, bhttp::verb::head};

// The place of `method` among `methods`, or methods.size() for any other ("OTHER").
template <std::size_t N>
std::size_t method_place(const std::array<bhttp::verb, N>& methods, bhttp::verb method) {
  for (std::size_t i = 0; i < N; ++i)
    if (methods[i] == method) return i;
  return N;
}

std::string_view method_label(bhttp::verb method) { return bhttp::to_string(method); }

void append_value(std::string& out, std::uint64_t value) { fmt::format_to(std::back_inserter(out), "{}", value); }
void append_value(std::string& out, std::int64_t value) { fmt::format_to(std::back_inserter(out), "{}", value); }
void append_value(std::string& out, double value) {
  if (std::isnan(value)) out += "NaN";
  else if (std::isinf(value)) out += value > 0 ? "+Inf" : "-Inf";
  else fmt::format_to(std::back_inserter(out), "{}", value);
}

template <typename T>
void append_sample(std::string& out, std::string_view name, std::string_view labels, T value) {
  out += name;
  if (!labels.empty()) {
    out += '{';
    out += labels;
    out += '}';
  }
  out += ' ';
  append_value(out, value);
  out += '\n';
}

}  // namespace

std::string label(std::string_view name, std::string_view value) {
  std::string out(name);
  out += "=\"";
  for (char c : value) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  out += '"';
  return out;
}

void MetricsText::family(std::string_view name, std::string_view help, std::string_view type) {
  fmt::format_to(std::back_inserter(out_), "# HELP {} ", name);
  for (char c : help) {  // HELP escapes backslash and new line
    if (c == '\\') out_ += "\\\\";
    else if (c == '\n') out_ += "\\n";
    else out_ += c;
  }
  fmt::format_to(std::back_inserter(out_), "\n# TYPE {} {}\n", name, type);
}

void MetricsText::sample(std::string_view name, std::string_view labels, std::uint64_t value) {
  append_sample(out_, name, labels, value);
}
void MetricsText::sample(std::string_view name, std::string_view labels, std::int64_t value) {
  append_sample(out_, name, labels, value);
}
void MetricsText::sample(std::string_view name, std::string_view labels, double value) {
  append_sample(out_, name, labels, value);
}

void MetricsText::counter(std::string_view name, std::string_view help, std::uint64_t value) {
  family(name, help, "counter");
  sample(name, {}, value);
}

void MetricsText::gauge(std::string_view name, std::string_view help, std::int64_t value) {
  family(name, help, "gauge");
  sample(name, {}, value);
}

void MetricsText::histogram(std::string_view name, std::string_view labels, const Histogram& h, double per_unit) {
  auto snap = h.snapshot();
  auto bounds = h.bounds();
  std::string bucket = fmt::format("{}_bucket", name);
  std::string prefix = labels.empty() ? std::string() : fmt::format("{},", labels);
  for (std::size_t i = 0; i < bounds.size(); ++i) {
    std::string le = fmt::format("{}", static_cast<double>(bounds[i]) / per_unit);
    append_sample(out_, bucket, prefix + label("le", le), snap.cumulative[i]);
  }
  append_sample(out_, bucket, prefix + label("le", "+Inf"), snap.count());
  append_sample(out_, fmt::format("{}_sum", name), labels, static_cast<double>(snap.sum) / per_unit);
  append_sample(out_, fmt::format("{}_count", name), labels, snap.count());
}

struct RequestMetrics::Slot {
  Slot() : latency(kLatencyBoundsMicros) {}
  std::array<std::atomic<std::uint64_t>, kStatusSlots> statuses{};
  Histogram latency;
};

RequestMetrics::RequestMetrics() = default;
RequestMetrics::~RequestMetrics() = default;

void RequestMetrics::prepare(const Router& router) {
  route_labels_.clear();
  method_labels_.clear();
  route_base_.clear();
  route_has_head_.clear();
  auto add = [&](std::string_view route, std::string_view method) {
    route_labels_.emplace_back(route);
    method_labels_.push_back(method);
  };
  for (const auto& route : router.routes()) {
    route_base_.push_back(route_labels_.size());
    add(route.path, method_label(route.method));
    route_has_head_.push_back(route.method == bhttp::verb::get);
    if (route_has_head_.back()) add(route.path, method_label(bhttp::verb::head));
  }
  static_base_ = route_labels_.size();
  for (auto m : kStaticMethods) add("static", method_label(m));
  add("static", "OTHER");
  unmatched_base_ = route_labels_.size();
  for (auto m : kUnmatchedMethods) add("unmatched", method_label(m));
  add("unmatched", "OTHER");
  slots_ = std::make_unique<Slot[]>(route_labels_.size());
}

std::size_t RequestMetrics::route_slot(std::size_t route, bhttp::verb method) const {
  if (route >= route_base_.size()) return unmatched_slot(method);
  std::size_t base = route_base_[route];
  // A GET route's HEAD slot follows it.
  return method == bhttp::verb::head && route_has_head_[route] ? base + 1 : base;
}

std::size_t RequestMetrics::static_slot(bhttp::verb method) const {
  return static_base_ + method_place(kStaticMethods, method);
}

std::size_t RequestMetrics::unmatched_slot(bhttp::verb method) const {
  return unmatched_base_ + method_place(kUnmatchedMethods, method);
}

void RequestMetrics::record(std::size_t slot, unsigned status, std::uint64_t micros) noexcept {
  if (!slots_ || slot >= route_labels_.size()) return;
  Slot& s = slots_[slot];
  s.statuses[status < kStatusPlace.size() ? kStatusPlace[status] : 0].fetch_add(1, std::memory_order_relaxed);
  s.latency.observe(micros);
}

void RequestMetrics::render(MetricsText& out) const {
  out.family("pillars_http_requests_total", "HTTP requests answered, by route pattern, method and status.",
             "counter");
  std::size_t count = slots_ ? route_labels_.size() : 0;
  for (std::size_t i = 0; i < count; ++i) {
    std::string labels;
    for (std::size_t place = 0; place < kStatusSlots; ++place) {
      auto n = slots_[i].statuses[place].load(std::memory_order_relaxed);
      if (!n) continue;
      if (labels.empty()) labels = label("route", route_labels_[i]) + "," + label("method", method_labels_[i]);
      std::string status = place ? std::to_string(kStatuses[place - 1]) : std::string("other");
      out.sample("pillars_http_requests_total", labels + "," + label("status", status), n);
    }
  }
  out.family("pillars_http_request_duration_seconds",
             "Time from a request read to its answer ready to write, by route pattern and method.", "histogram");
  for (std::size_t i = 0; i < count; ++i) {
    if (slots_[i].latency.empty()) continue;
    out.histogram("pillars_http_request_duration_seconds",
                  label("route", route_labels_[i]) + "," + label("method", method_labels_[i]), slots_[i].latency, 1e6);
  }
}

void PushCounters::render(MetricsText& out) const {
  out.counter("pillars_push_sent_total", "Web Push messages the push service accepted.", sent_count());
  out.family("pillars_push_failed_total",
             "Web Push messages not delivered: the subscription expired, the service rejected the message, or "
             "another error.",
             "counter");
  for (auto [why, name] : {std::pair{PushFailure::expired, "expired"}, std::pair{PushFailure::rejected, "rejected"},
                           std::pair{PushFailure::error, "error"}})
    out.sample("pillars_push_failed_total", label("reason", name), failed_count(why));
}

}  // namespace pillars::http
