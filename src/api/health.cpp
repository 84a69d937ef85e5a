#include "api/async_store.h"
#include "api/handlers.h"
#include "api/json.h"
#include "mail/mailer.h"

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
// Labels name route patterns, methods, statuses and fixed reasons only: never a person, a bond, an
// address or a path as asked. docs/metrics.md describes every family.
Awaitable metrics(AppContext& app, Context&) {
  auto& m = app.server_metrics();
  http::MetricsText text;
  m.http.render(text);
  text.family("pillars_http_responses_total", "HTTP responses by status class.", "counter");
  for (auto [name, count] : {std::pair{"2xx", &m.responses_2xx}, std::pair{"3xx", &m.responses_3xx},
                             std::pair{"4xx", &m.responses_4xx}, std::pair{"5xx", &m.responses_5xx}})
    text.sample("pillars_http_responses_total", http::label("class", name), count->load());
  text.family("pillars_http_request_seconds_total", "Time spent handling requests.", "counter");
  text.sample("pillars_http_request_seconds_total", {}, static_cast<double>(m.request_micros.load()) / 1e6);
  text.counter("pillars_http_connections_accepted_total", "Connections accepted.", m.connections_accepted.load());
  text.counter("pillars_http_connections_rejected_total", "Connections refused at the connection cap.",
               m.connections_rejected.load());
  text.counter("pillars_http_connections_rejected_per_address_total",
               "Connections refused because their address held too many.", m.connections_rejected_per_address.load());
  text.counter("pillars_http_connections_reclaimed_total", "Idle connections closed to make room near the cap.",
               m.connections_reclaimed.load());
  text.counter("pillars_http_accept_errors_total", "Failed accepts, such as running out of file descriptors.",
               m.accept_errors.load());
  text.gauge("pillars_http_connections_open", "Connections open now.", m.connections_open.load());
  text.counter("pillars_signin_failures_total", "Sign-ins with an email and password that do not match.",
               m.signin_failures.load());
  text.counter("pillars_signin_refused_total", "Sign-ins refused by the rate limit before the password was checked.",
               m.signin_refused.load());
  auto mails = app.settings().mailer ? app.settings().mailer->counts() : mail::Mailer::Counts{};
  text.counter("pillars_password_reset_mails_sent_total", "Password-reset emails the mail server took.", mails.sent);
  text.counter("pillars_password_reset_mails_failed_total",
               "Password-reset emails not sent: the mail server refused or did not answer, or too many waited.",
               mails.failed);
  m.push.render(text);
  std::string out = text.take();
  out += app.store_metrics();
  http::Response res{http::bhttp::status::ok, 11};
  res.set(http::bhttp::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
  res.body() = std::move(out);
  res.prepare_payload();
  co_return res;
}

}  // namespace pillars::api
