// Notifications: what each person chose, their push devices, and what the dispatcher reads to
// decide whom to tell what (store.h). Nothing here is anyone's writing; endpoints are capability
// addresses of push services and never leave the server except to be called.
#include <map>

#include "store/sql/tx.h"

namespace pillars::store::sql {

namespace {
std::optional<int> opt_minute(const Query& q, int col) {
  auto v = q.opt_integer(col);
  return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
}
std::optional<std::int64_t> widen(const std::optional<int>& v) {
  return v ? std::optional<std::int64_t>(*v) : std::nullopt;
}
}  // namespace

Result<NotifySettings> SqlTx::notify_settings(const std::string& user_id) {
  Query q(c_, "SELECT reminder, events, quiet_from, quiet_to FROM notify_settings WHERE user_id = ?");
  q.bind(user_id);
  NotifySettings s;
  if (q.step()) s = {opt_minute(q, 0), q.integer(1) != 0, opt_minute(q, 2), opt_minute(q, 3)};
  PILLARS_CHECK(q);
  return s;
}

Result<std::vector<PushDevice>> SqlTx::push_devices(const std::string& user_id) {
  Query q(c_, "SELECT id, endpoint, p256dh, auth, created_at, last_sent_at FROM push_devices WHERE user_id = ? "
              "ORDER BY created_at, id");
  q.bind(user_id);
  std::vector<PushDevice> out;
  while (q.step())
    out.push_back({q.text(0), user_id, q.text(1), q.text(2), q.text(3), q.integer(4), q.opt_integer(5)});
  PILLARS_CHECK(q);
  return out;
}

Result<std::vector<NotifyCandidate>> SqlTx::notify_candidates(Millis pending_since) {
  std::vector<NotifyCandidate> out;
  std::map<std::string, std::size_t, std::less<>> index;
  {
    Query q(c_, "SELECT u.id, u.timezone, s.reminder, coalesce(s.events, 1), s.quiet_from, s.quiet_to, "
                "s.last_reminder_day, s.last_event_push FROM users u LEFT JOIN notify_settings s ON s.user_id = u.id "
                "WHERE EXISTS (SELECT 1 FROM push_devices d WHERE d.user_id = u.id) ORDER BY u.id");
    while (q.step()) {
      NotifyCandidate c;
      c.user_id = q.text(0);
      c.timezone = q.text(1);
      c.settings = {opt_minute(q, 2), q.integer(3) != 0, opt_minute(q, 4), opt_minute(q, 5)};
      c.last_reminder_day = opt_minute(q, 6);
      c.last_event_push = q.opt_integer(7);
      index[c.user_id] = out.size();
      out.push_back(std::move(c));
    }
    PILLARS_CHECK(q);
  }
  if (out.empty()) return out;
  {
    Query q(c_, "SELECT m.user_id, (SELECT max(c.day) FROM checkins c WHERE c.bond_id = b.id AND c.user_id = m.user_id) "
                "FROM bond_members m JOIN bonds b ON b.id = m.bond_id "
                "WHERE b.status = 'active' AND EXISTS (SELECT 1 FROM push_devices d WHERE d.user_id = m.user_id)");
    while (q.step())
      if (auto it = index.find(q.text(0)); it != index.end())
        out[it->second].latest_checkins.push_back(opt_minute(q, 1));
    PILLARS_CHECK(q);
  }
  {
    Query q(c_, "SELECT n.user_id, n.kind, n.created_at FROM notices n "
                "LEFT JOIN notify_settings s ON s.user_id = n.user_id "
                "WHERE n.seen_at IS NULL AND n.created_at >= ? AND n.created_at > coalesce(s.last_event_push, 0) "
                "AND EXISTS (SELECT 1 FROM push_devices d WHERE d.user_id = n.user_id) ORDER BY n.created_at");
    q.bind(pending_since);
    while (q.step()) {
      auto it = index.find(q.text(0));
      auto kind = parse_notice_kind(q.text(1));
      if (it != index.end() && kind) out[it->second].pending.emplace_back(*kind, q.integer(2));
    }
    PILLARS_CHECK(q);
  }
  return out;
}

Result<void> SqlTx::put_notify_settings(const std::string& user_id, const NotifySettings& s, Millis at) {
  Query q(c_, "INSERT INTO notify_settings (user_id, reminder, events, quiet_from, quiet_to, updated_at) "
              "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET reminder = excluded.reminder, "
              "events = excluded.events, quiet_from = excluded.quiet_from, quiet_to = excluded.quiet_to, "
              "updated_at = excluded.updated_at");
  q.bind(user_id).bind(widen(s.reminder)).bind(s.events ? 1 : 0).bind(widen(s.quiet_from)).bind(widen(s.quiet_to)).bind(at);
  return q.run();
}

Result<void> SqlTx::put_push_device(const PushDevice& d, std::size_t keep) {
  Query q(c_, "INSERT INTO push_devices (id, user_id, endpoint, p256dh, auth, created_at) VALUES (?, ?, ?, ?, ?, ?) "
              "ON CONFLICT (endpoint) DO UPDATE SET id = excluded.id, user_id = excluded.user_id, "
              "p256dh = excluded.p256dh, auth = excluded.auth, created_at = excluded.created_at, last_sent_at = NULL");
  q.bind(d.id).bind(d.user_id).bind(d.endpoint).bind(d.p256dh).bind(d.auth).bind(d.created_at);
  if (auto r = q.run(); !r) return r;
  Query trim(c_, "DELETE FROM push_devices WHERE user_id = ?1 AND id NOT IN "
                 "(SELECT id FROM push_devices WHERE user_id = ?1 ORDER BY created_at DESC, id DESC LIMIT ?2)");
  trim.bind(d.user_id).bind(static_cast<std::int64_t>(keep));
  return trim.run();
}

Result<bool> SqlTx::delete_push_device(const std::string& user_id, const std::string& id) {
  Query q(c_, "DELETE FROM push_devices WHERE user_id = ? AND id = ?");
  q.bind(user_id).bind(id);
  if (auto r = q.run(); !r) return std::unexpected(r.error());
  return q.changes() == 1;
}

Result<void> SqlTx::drop_push_endpoint(const std::string& endpoint) {
  Query q(c_, "DELETE FROM push_devices WHERE endpoint = ?");
  q.bind(endpoint);
  return q.run();
}

Result<void> SqlTx::mark_push_sent(const std::string& endpoint, Millis at) {
  Query q(c_, "UPDATE push_devices SET last_sent_at = ? WHERE endpoint = ?");
  q.bind(at).bind(endpoint);
  return q.run();
}

namespace {
// Makes sure the person has a settings row (the defaults) before one of its columns is set.
Result<void> ensure_settings(Conn& c, const std::string& user_id, Millis at) {
  Query q(c, "INSERT INTO notify_settings (user_id, updated_at) VALUES (?, ?) ON CONFLICT (user_id) DO NOTHING");
  q.bind(user_id).bind(at);
  return q.run();
}
}  // namespace

Result<void> SqlTx::mark_reminded(const std::string& user_id, Day day, Millis at) {
  if (auto r = ensure_settings(c_, user_id, at); !r) return r;
  Query q(c_, "UPDATE notify_settings SET last_reminder_day = ? WHERE user_id = ?");
  q.bind(day).bind(user_id);
  return q.run();
}

Result<void> SqlTx::mark_event_pushed(const std::string& user_id, Millis at) {
  if (auto r = ensure_settings(c_, user_id, at); !r) return r;
  Query q(c_, "UPDATE notify_settings SET last_event_push = ? WHERE user_id = ?");
  q.bind(at).bind(user_id);
  return q.run();
}

Result<void> SqlTx::announce(const std::string& message) {
  if (!c_.postgres()) return {};
  Query q(c_, "SELECT pg_notify('pillars', ?)");
  q.bind(message);
  while (q.step()) {
  }
  PILLARS_CHECK(q);
  return {};
}

}  // namespace pillars::store::sql
