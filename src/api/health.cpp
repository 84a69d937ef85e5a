#include <fmt/format.h>

#include "api/async_store.h"
#include "api/handlers.h"
#include "api/json.h"

namespace pillars::api {

Awaitable healthz(AppContext&, Context&) { co_return json_ok(json::object{{"status", "ok"}}); }

// Ready when start-up finished and the store answers a query.
Awaitable readyz(AppContext& app, Context&) {
  if (!app.ready) co_return Error(Errc::unavailable, "Pillars is starting.");
  auto version = co_await read(app.store(), [](store::ReadTx& tx) { return tx.schema_version(); });
  if (!version) co_return Error(Errc::unavailable, "The store does not answer.");
  co_return json_ok(json::object{{"status", "ready"}, {"schema_version", *version}});
}

// Served only on the metrics listener (--metrics-listen, off by default), never beside the app: even
// counts of writes could tell one person when the other is active, so they are for the operator.
Awaitable metrics(AppContext& app, Context&) {
  auto& m = app.server_metrics();
  std::string out;
  auto counter = [&](std::string_view name, std::string_view help, auto value, std::string_view type = "counter") {
    out += fmt::format("# HELP {0} {1}\n# TYPE {0} {2}\n{0} {3}\n", name, help, type, value);
  };
  counter("pillars_http_requests_total", "HTTP requests answered.", m.requests.load());
  out += "# HELP pillars_http_responses_total HTTP responses by status class.\n"
         "# TYPE pillars_http_responses_total counter\n";
  out += fmt::format("pillars_http_responses_total{{class=\"2xx\"}} {}\n", m.responses_2xx.load());
  out += fmt::format("pillars_http_responses_total{{class=\"3xx\"}} {}\n", m.responses_3xx.load());
  out += fmt::format("pillars_http_responses_total{{class=\"4xx\"}} {}\n", m.responses_4xx.load());
  out += fmt::format("pillars_http_responses_total{{class=\"5xx\"}} {}\n", m.responses_5xx.load());
  counter("pillars_http_request_seconds_total", "Time spent handling requests.",
          static_cast<double>(m.request_micros.load()) / 1e6);
  counter("pillars_http_connections_accepted_total", "Connections accepted.", m.connections_accepted.load());
  counter("pillars_http_connections_rejected_total", "Connections refused at the connection cap.",
          m.connections_rejected.load());
  counter("pillars_http_connections_rejected_per_address_total",
          "Connections refused because their address held too many.", m.connections_rejected_per_address.load());
  counter("pillars_http_connections_reclaimed_total", "Idle connections closed to make room near the cap.",
          m.connections_reclaimed.load());
  counter("pillars_http_accept_errors_total", "Failed accepts, such as running out of file descriptors.",
          m.accept_errors.load());
  counter("pillars_http_connections_open", "Connections open now.", m.connections_open.load(), "gauge");
  out += app.store_metrics();
  http::Response res{http::bhttp::status::ok, 11};
  res.set(http::bhttp::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
  res.body() = std::move(out);
  res.prepare_payload();
  co_return res;
}

}  // namespace pillars::api
