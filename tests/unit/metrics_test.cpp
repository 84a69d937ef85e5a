#include "http/metrics.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <thread>

#include "http/router.h"

namespace pillars::http {
namespace {

constexpr std::array<std::uint64_t, 3> kBounds{1, 2, 4};

TEST(Histogram, CountsEachObservationInTheFirstBucketThatHoldsIt) {
  Histogram h(kBounds);
  EXPECT_TRUE(h.empty());
  for (std::uint64_t v : {0, 1, 2, 3, 4, 5, 100}) h.observe(v);
  EXPECT_FALSE(h.empty());
  auto s = h.snapshot();
  // <=1: 0 and 1; <=2: and 2; <=4: and 3, 4; +Inf: and 5, 100.
  EXPECT_EQ(s.cumulative, (std::vector<std::uint64_t>{2, 3, 5, 7}));
  EXPECT_EQ(s.count(), 7u);
  EXPECT_EQ(s.sum, 115u);
}

TEST(Histogram, RefusesBoundsThatDoNotAscend) {
  static constexpr std::array<std::uint64_t, 3> unordered{1, 4, 2};
  static constexpr std::array<std::uint64_t, 2> repeated{3, 3};
  EXPECT_THROW(Histogram{unordered}, std::invalid_argument);
  EXPECT_THROW(Histogram{repeated}, std::invalid_argument);
}

TEST(Histogram, LosesNothingUnderConcurrentRecording) {
  Histogram h(kBounds);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&h, t] {
      for (int i = 0; i < 10'000; ++i) h.observe(static_cast<std::uint64_t>((i + t) % 6));
    });
  for (auto& t : threads) t.join();
  auto s = h.snapshot();
  EXPECT_EQ(s.count(), 40'000u);
  for (std::size_t i = 1; i < s.cumulative.size(); ++i) EXPECT_LE(s.cumulative[i - 1], s.cumulative[i]);
}

TEST(MetricsText, WritesHelpAndTypeBeforeTheSamples) {
  MetricsText text;
  text.counter("pillars_things_total", "Things done.", 3);
  text.gauge("pillars_things_open", "Things open now.", -2);
  EXPECT_EQ(text.text(),
            "# HELP pillars_things_total Things done.\n# TYPE pillars_things_total counter\npillars_things_total 3\n"
            "# HELP pillars_things_open Things open now.\n# TYPE pillars_things_open gauge\npillars_things_open -2\n");
}

TEST(MetricsText, EscapesLabelValuesAndHelp) {
  EXPECT_EQ(label("route", "a\"b\\c\nd"), "route=\"a\\\"b\\\\c\\nd\"");
  MetricsText text;
  text.family("x_total", "one\\two\nthree", "counter");
  EXPECT_EQ(text.text(), "# HELP x_total one\\\\two\\nthree\n# TYPE x_total counter\n");
}

TEST(MetricsText, RendersAHistogramInSecondsWithCumulativeBuckets) {
  Histogram h(RequestMetrics::kLatencyBoundsMicros);
  h.observe(400);        // 0.4 ms
  h.observe(2'000);      // 2 ms
  h.observe(9'000'000);  // 9 s: beyond the last bound
  MetricsText text;
  text.histogram("d_seconds", label("route", "/x"), h, 1e6);
  const std::string& out = text.text();
  EXPECT_NE(out.find("d_seconds_bucket{route=\"/x\",le=\"0.0005\"} 1\n"), std::string::npos) << out;
  EXPECT_NE(out.find("d_seconds_bucket{route=\"/x\",le=\"0.001\"} 1\n"), std::string::npos) << out;
  EXPECT_NE(out.find("d_seconds_bucket{route=\"/x\",le=\"0.0025\"} 2\n"), std::string::npos) << out;
  EXPECT_NE(out.find("d_seconds_bucket{route=\"/x\",le=\"5\"} 2\n"), std::string::npos) << out;
  EXPECT_NE(out.find("d_seconds_bucket{route=\"/x\",le=\"+Inf\"} 3\n"), std::string::npos) << out;
  EXPECT_NE(out.find("d_seconds_sum{route=\"/x\"} 9.0024\n"), std::string::npos) << out;
  EXPECT_NE(out.find("d_seconds_count{route=\"/x\"} 3\n"), std::string::npos) << out;
  // One bucket line per bound and one for +Inf, nothing else.
  std::size_t buckets = 0;
  for (std::size_t at = out.find("_bucket{"); at != std::string::npos; at = out.find("_bucket{", at + 1)) ++buckets;
  EXPECT_EQ(buckets, RequestMetrics::kLatencyBoundsMicros.size() + 1);
}

Handler noop() {
  return [](Context&) -> asio::awaitable<Reply> { co_return no_content(); };
}

TEST(RequestMetrics, CountsByRoutePatternMethodAndStatus) {
  Router router;
  router.add({bhttp::verb::get, "/api/v1/bonds/{id}", Access::bond_member, noop()});
  router.add({bhttp::verb::post, "/api/v1/bonds/{id}/end", Access::bond_member, noop()});
  RequestMetrics m;
  m.prepare(router);

  m.record(m.route_slot(0, bhttp::verb::get), 200, 700);
  m.record(m.route_slot(0, bhttp::verb::get), 200, 300);
  m.record(m.route_slot(0, bhttp::verb::get), 404, 300);
  m.record(m.route_slot(0, bhttp::verb::head), 200, 100);
  m.record(m.route_slot(1, bhttp::verb::post), 299, 100);  // a status without a place of its own
  m.record(m.unmatched_slot(bhttp::verb::unknown), 400, 0);
  m.record(m.unmatched_slot(bhttp::verb::delete_), 405, 10);
  m.record(m.static_slot(bhttp::verb::get), 304, 10);
  m.record(m.route_slot(Router::no_route, bhttp::verb::get), 404, 10);

  MetricsText text;
  m.render(text);
  const std::string& out = text.text();
  for (const char* line : {
           "pillars_http_requests_total{route=\"/api/v1/bonds/{id}\",method=\"GET\",status=\"200\"} 2\n",
           "pillars_http_requests_total{route=\"/api/v1/bonds/{id}\",method=\"GET\",status=\"404\"} 1\n",
           "pillars_http_requests_total{route=\"/api/v1/bonds/{id}\",method=\"HEAD\",status=\"200\"} 1\n",
           "pillars_http_requests_total{route=\"/api/v1/bonds/{id}/end\",method=\"POST\",status=\"other\"} 1\n",
           "pillars_http_requests_total{route=\"unmatched\",method=\"OTHER\",status=\"400\"} 1\n",
           "pillars_http_requests_total{route=\"unmatched\",method=\"DELETE\",status=\"405\"} 1\n",
           "pillars_http_requests_total{route=\"unmatched\",method=\"GET\",status=\"404\"} 1\n",
           "pillars_http_requests_total{route=\"static\",method=\"GET\",status=\"304\"} 1\n",
           "pillars_http_request_duration_seconds_count{route=\"/api/v1/bonds/{id}\",method=\"GET\"} 3\n",
           "pillars_http_request_duration_seconds_bucket{route=\"/api/v1/bonds/{id}\",method=\"GET\",le=\"0.0005\"} 2\n",
           "pillars_http_request_duration_seconds_sum{route=\"/api/v1/bonds/{id}\",method=\"GET\"} 0.0013\n",
       })
    EXPECT_NE(out.find(line), std::string::npos) << "missing " << line << "in\n" << out;
  // Series appear once they have a request: nothing for static HEAD, nothing for the POST's 200.
  EXPECT_EQ(out.find("route=\"static\",method=\"HEAD\""), std::string::npos);
  EXPECT_EQ(out.find("method=\"POST\",status=\"200\""), std::string::npos);
  // Each family is declared once, before its samples.
  EXPECT_EQ(out.find("# TYPE pillars_http_requests_total counter\n"), out.find("# TYPE"));
  EXPECT_LT(out.find("# TYPE pillars_http_request_duration_seconds histogram\n"),
            out.find("pillars_http_request_duration_seconds_bucket"));
}

TEST(RequestMetrics, RecordingBeforeLayoutIsHarmless) {
  RequestMetrics m;
  m.record(0, 200, 1);
  MetricsText text;
  m.render(text);
  EXPECT_EQ(text.text().find("pillars_http_requests_total{"), std::string::npos);
}

TEST(PushCounters, ShowEveryReasonFromZero) {
  PushCounters push;
  MetricsText zero;
  push.render(zero);
  EXPECT_NE(zero.text().find("pillars_push_sent_total 0\n"), std::string::npos) << zero.text();
  for (const char* reason : {"expired", "rejected", "error"})
    EXPECT_NE(zero.text().find(fmt::format("pillars_push_failed_total{{reason=\"{}\"}} 0\n", reason)),
              std::string::npos)
        << zero.text();
  push.sent();
  push.sent();
  push.failed(PushFailure::expired);
  push.failed(PushFailure::error);
  MetricsText after;
  push.render(after);
  EXPECT_NE(after.text().find("pillars_push_sent_total 2\n"), std::string::npos);
  EXPECT_NE(after.text().find("pillars_push_failed_total{reason=\"expired\"} 1\n"), std::string::npos);
  EXPECT_NE(after.text().find("pillars_push_failed_total{reason=\"rejected\"} 0\n"), std::string::npos);
  EXPECT_NE(after.text().find("pillars_push_failed_total{reason=\"error\"} 1\n"), std::string::npos);
}

}  // namespace
}  // namespace pillars::http
