// What is new: a person's notices, listed by the rule in core/notices.h, and marked seen.
#include "api/async_store.h"
#include "api/handlers.h"
#include "api/json.h"
#include "crypto/crypto.h"

namespace pillars::api {

Notice notice_of(NoticeKind kind, std::string to, std::string bond_id, std::string from, std::string subject,
                 Millis at, std::optional<std::string> entry_id, std::optional<Day> day) {
  Notice n;
  n.id = crypto::random_id();
  n.kind = kind;
  n.user_id = std::move(to);
  n.bond_id = std::move(bond_id);
  n.from_id = std::move(from);
  n.subject_id = std::move(subject);
  n.created_at = at;
  n.entry_id = std::move(entry_id);
  n.day = day;
  return n;
}

void tell(AppContext& app, const Notice& n) {
  if (n.user_id.empty()) return;
  json::object event{{"type", to_string(n.kind)}, {"bond_id", n.bond_id}, {"id", n.subject_id}, {"notice_id", n.id}};
  // What the notice names besides its subject, so a link can lead straight to it.
  if (n.entry_id) event["entry_id"] = *n.entry_id;
  app.publish(n.user_id, json::serialize(event));
}

Awaitable list_notices(AppContext& app, Context& ctx) {
  auto now = app.now();
  auto rows = co_await read(app.store(),
                            [&](store::ReadTx& tx) { return tx.notices_for(ctx.user().id, notices_since(now)); });
  if (!rows) co_return rows.error();
  auto shown = notices_to_show(std::move(*rows), now);
  json::array out;
  std::int64_t unread = 0;
  for (const auto& row : shown) {
    if (!row.notice.seen_at) ++unread;
    auto item = to_json(row.notice);
    if (row.notice.kind == NoticeKind::comfort_requested || row.notice.kind == NoticeKind::space_requested)
      item["open"] = row.request_open;
    out.push_back(std::move(item));
  }
  co_return json_ok(json::object{{"notices", std::move(out)}, {"unread", unread}});
}

Awaitable mark_notices_seen(AppContext& app, Context& ctx) {
  auto body = parse_body(ctx);
  if (!body) co_return body.error();
  std::vector<std::string> ids;
  const auto* all = body->if_contains("all");
  const auto* list = body->if_contains("ids");
  bool everything = all && all->is_bool() && all->get_bool();
  Fields fields(*body);
  if (all && !all->is_bool()) fields.error("all", "Say true to mark everything seen.");
  if (!everything) {
    if (!list || !list->is_array()) {
      fields.error("ids", "Name the notices seen, or say all: true.");
    } else if (list->get_array().empty() || list->get_array().size() > kMaxSeenIds) {
      fields.error("ids", "Name from 1 to 100 notices.");
    } else {
      for (const auto& v : list->get_array()) {
        if (!v.is_string() || v.get_string().empty() || v.get_string().size() > 64) {
          fields.error("ids", "Each notice is named by its id.");
          break;
        }
        ids.emplace_back(v.get_string());
      }
    }
  }
  if (!fields.ok()) co_return fields.failure();
  auto changed = co_await write(app.store(), [&](store::WriteTx& tx) {
    return tx.mark_notices_seen(ctx.user().id, ids, app.now());
  });
  if (!changed) co_return changed.error();
  co_return json_ok(json::object{{"marked", *changed}});
}

}  // namespace pillars::api
