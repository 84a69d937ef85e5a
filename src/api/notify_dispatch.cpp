#include "api/notify_dispatch.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json.hpp>
#include <date/tz.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "api/async_store.h"

namespace pillars::api {

namespace json = boost::json;

std::pair<Day, int> local_time(const std::string& timezone, Millis now) {
  using std::chrono::milliseconds;
  date::sys_time<milliseconds> at{milliseconds(now)};
  date::local_time<milliseconds> local{milliseconds(now)};
  try {
    local = date::locate_zone(timezone)->to_local(at);
  } catch (const std::exception&) {
    // An unknown zone (the system's data may be older than the browser's): UTC.
  }
  auto day = date::floor<date::days>(local);
  int minute = static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(local - day).count());
  return {static_cast<Day>(day.time_since_epoch().count()), minute};
}

namespace {

std::string payload(const PushText& text) {
  return json::serialize(json::object{{"title", text.title}, {"body", text.body}, {"tag", text.tag}, {"url", text.url}});
}

// One message to each of the person's devices; what the push service answers is written back.
int send_all(AppContext& app, push::Pusher& pusher, const std::vector<store::PushDevice>& devices, const PushText& text,
             std::chrono::seconds ttl, std::string_view urgency, std::string_view topic) {
  const std::string body = payload(text);
  for (const auto& d : devices) {
    push::Message m;
    m.payload = body;
    m.ttl = ttl;
    m.urgency = std::string(urgency);
    m.topic = std::string(topic);
    store::Store* store = &app.store();
    AppContext* ctx = &app;
    std::string endpoint = d.endpoint;
    pusher.send(push::Subscription{d.endpoint, d.p256dh, d.auth}, std::move(m), [store, ctx, endpoint](push::Delivery r) {
      auto& counts = ctx->server_metrics().push;
      switch (r.outcome) {
        case push::Outcome::delivered: counts.sent(); break;
        case push::Outcome::expired: counts.failed(http::PushFailure::expired); break;
        case push::Outcome::rejected: counts.failed(http::PushFailure::rejected); break;
        case push::Outcome::failed: counts.failed(http::PushFailure::error); break;
      }
      if (r.outcome == push::Outcome::expired) {
        store->submit_write([endpoint](store::WriteTx& tx) { return tx.drop_push_endpoint(endpoint).has_value(); },
                            nullptr);
      } else if (r.outcome == push::Outcome::delivered) {
        store->submit_write([endpoint, at = ctx->now()](store::WriteTx& tx) {
          return tx.mark_push_sent(endpoint, at).has_value();
        }, nullptr);
      } else {
        spdlog::warn("push to {} not delivered (status {})", push::host_of(endpoint), r.status);
      }
    });
  }
  return static_cast<int>(devices.size());
}

}  // namespace

boost::asio::awaitable<int> dispatch_round(AppContext& app, push::Pusher& pusher, const NotifyTiming& timing) {
  const Millis now = app.now();
  const Millis since = now - 24LL * 3600 * 1000;
  auto candidates = co_await read(app.store(), [&](store::ReadTx& tx) { return tx.notify_candidates(since); });
  if (!candidates) {
    spdlog::error("notifications: reading who to tell failed");
    co_return 0;
  }
  int sent = 0;
  for (const auto& c : *candidates) {
    NotifyState state;
    state.settings = c.settings;
    std::tie(state.local_day, state.local_minute) = local_time(c.timezone, now);
    // Nothing to remind of without an active bond; otherwise until every active bond has today's.
    state.checked_in_today = std::all_of(c.latest_checkins.begin(), c.latest_checkins.end(),
                                         [&](const std::optional<Day>& d) { return d && *d >= state.local_day; });
    state.last_reminder_day = c.last_reminder_day;
    state.last_event_push = c.last_event_push;
    state.pending = c.pending;
    NotifyPlan plan = plan_pushes(state, now, timing);
    if (!plan.reminder && plan.events.empty()) continue;
    const std::string& who = c.user_id;
    const Day day = state.local_day;
    auto devices = co_await write(app.store(), [&](store::WriteTx& tx) -> Result<std::vector<store::PushDevice>> {
      auto marked = plan.reminder ? tx.mark_reminded(who, day, now) : tx.mark_event_pushed(who, now);
      if (!marked) return std::unexpected(marked.error());
      return tx.push_devices(who);
    });
    if (!devices) continue;
    if (plan.reminder) sent += send_all(app, pusher, *devices, reminder_text(), std::chrono::hours(1), "low", "reminder");
    else sent += send_all(app, pusher, *devices, event_text(plan.events), std::chrono::hours(12), "normal", "new");
  }
  co_return sent;
}

boost::asio::awaitable<void> dispatch_loop(AppContext& app, push::Pusher& pusher, DispatchOptions options) {
  boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor);
  for (;;) {
    timer.expires_after(options.every);
    auto [ec] = co_await timer.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
    if (ec) co_return;
    if (app.ready) co_await dispatch_round(app, pusher, options.timing);
  }
}

}  // namespace pillars::api
