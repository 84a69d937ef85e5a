// Calm notifications, per person: what they chose (a daily check-in reminder, a push when the other
// did something, quiet hours) and the browsers they turned pushes on for. Everything here is one's
// own: no route shows or changes another person's choices or devices.
#include "api/async_store.h"
#include "api/handlers.h"
#include "api/json.h"
#include "crypto/crypto.h"
#include "push/webpush.h"

namespace pillars::api {

namespace {

json::value clock_json(const std::optional<int>& minute) {
  return minute ? json::value(format_clock(*minute)) : json::value(nullptr);
}

json::object settings_json(const NotifySettings& s) {
  return {{"reminder", clock_json(s.reminder)},
          {"events", s.events},
          {"quiet_from", clock_json(s.quiet_from)},
          {"quiet_to", clock_json(s.quiet_to)}};
}

json::object device_json(const store::PushDevice& d) {
  return {{"id", d.id},
          {"service", push::host_of(d.endpoint)},
          {"created_at", format_rfc3339(d.created_at)},
          {"last_sent_at", d.last_sent_at ? json::value(format_rfc3339(*d.last_sent_at)) : json::value(nullptr)}};
}

// A time-of-day field of the body: absent (nullopt), null (an empty optional) or text; anything
// else is an error on the field.
std::optional<std::optional<std::string>> time_field(const json::object& body, std::string_view name, Fields& fields) {
  auto it = body.find(name);
  if (it == body.end()) return std::nullopt;
  if (it->value().is_null()) return std::optional<std::string>();
  if (!it->value().is_string()) {
    fields.error(std::string(name), "Please give a time of day such as 07:30 or 21:00, or null.");
    return std::nullopt;
  }
  return std::optional<std::string>(std::string(it->value().get_string()));
}

}  // namespace

Awaitable get_notifications(AppContext& app, Context& ctx) {
  const std::string& me = ctx.user().id;
  struct Mine {
    NotifySettings settings;
    std::vector<store::PushDevice> devices;
  };
  auto mine = co_await read(app.store(), [&](store::ReadTx& tx) -> Result<Mine> {
    auto s = tx.notify_settings(me);
    if (!s) return std::unexpected(s.error());
    auto d = tx.push_devices(me);
    if (!d) return std::unexpected(d.error());
    return Mine{*s, std::move(*d)};
  });
  if (!mine) co_return mine.error();
  json::array devices;
  for (const auto& d : mine->devices) devices.push_back(device_json(d));
  const auto& key = app.settings().push_public_key;
  co_return json_ok(json::object{
      {"push", json::object{{"available", !key.empty()}, {"public_key", key.empty() ? json::value(nullptr) : json::value(key)}}},
      {"settings", settings_json(mine->settings)},
      {"devices", std::move(devices)}});
}

Awaitable put_notifications(AppContext& app, Context& ctx) {
  auto body = parse_body(ctx);
  if (!body) co_return body.error();
  Fields fields(*body);
  NotifyDraft draft;
  draft.reminder = time_field(*body, "reminder", fields);
  draft.quiet_from = time_field(*body, "quiet_from", fields);
  draft.quiet_to = time_field(*body, "quiet_to", fields);
  draft.events = bool_field(*body, "events", fields);
  if (!fields.ok()) co_return fields.failure();
  const std::string& me = ctx.user().id;
  auto saved = co_await write(app.store(), [&, now = app.now()](store::WriteTx& tx) -> Result<NotifySettings> {
    auto s = tx.notify_settings(me);
    if (!s) return std::unexpected(s.error());
    if (auto errors = apply_notify_draft(draft, *s); !errors.empty()) return std::unexpected(Fields::invalid(errors));
    if (auto r = tx.put_notify_settings(me, *s, now); !r) return std::unexpected(r.error());
    return *s;
  });
  if (!saved) co_return saved.error();
  co_return json_ok(json::object{{"settings", settings_json(*saved)}});
}

Awaitable add_push_device(AppContext& app, Context& ctx) {
  if (app.settings().push_public_key.empty())
    co_return Error(Errc::unavailable, "Notifications are not available on this Pillars.");
  auto body = parse_body(ctx);
  if (!body) co_return body.error();
  Fields fields(*body);
  push::Subscription sub;
  if (auto endpoint = fields.string("endpoint")) sub.endpoint = *endpoint;
  const json::object* keys = nullptr;
  if (auto it = body->find("keys"); it != body->end() && it->value().is_object()) keys = &it->value().get_object();
  else fields.error("keys", "The browser's keys for this subscription are missing.");
  if (keys) {
    auto key = [&](std::string_view name) {
      auto k = keys->find(name);
      if (k != keys->end() && k->value().is_string()) return std::string(k->value().get_string());
      fields.error("keys." + std::string(name), "This key is missing.");
      return std::string();
    };
    sub.p256dh = key("p256dh");
    sub.auth = key("auth");
  }
  if (!fields.ok()) co_return fields.failure();
  if (auto ok = push::check(sub, app.settings().push_loopback_http); !ok) {
    fields.error("endpoint", ok.error());
    co_return fields.failure();
  }
  store::PushDevice device{crypto::random_id(), ctx.user().id, sub.endpoint, sub.p256dh, sub.auth, app.now(), {}};
  auto saved = co_await write(app.store(), [&](store::WriteTx& tx) { return tx.put_push_device(device, kMaxPushDevices); });
  if (!saved) co_return saved.error();
  co_return json_created(json::object{{"device", device_json(device)}});
}

Awaitable remove_push_device(AppContext& app, Context& ctx) {
  auto deleted = co_await write(app.store(), [&](store::WriteTx& tx) {
    return tx.delete_push_device(ctx.user().id, std::string(ctx.param("id")));
  });
  if (!deleted) co_return deleted.error();
  if (!*deleted) co_return Error(Errc::not_found, "There is no such device.");
  co_return http::no_content();
}

}  // namespace pillars::api
