#include "core/notices.h"

#include <algorithm>
#include <array>
#include <utility>

namespace pillars {

namespace {

constexpr std::array<std::pair<NoticeKind, std::string_view>, 14> kNames{{
    {NoticeKind::entry_shared, "entry_shared"},
    {NoticeKind::response_added, "response_added"},
    {NoticeKind::appreciation_added, "appreciation_added"},
    {NoticeKind::comfort_requested, "comfort_requested"},
    {NoticeKind::comfort_answered, "comfort_answered"},
    {NoticeKind::space_requested, "space_requested"},
    {NoticeKind::space_answered, "space_answered"},
    {NoticeKind::checkin_added, "checkin_added"},
    {NoticeKind::checkin_revealed, "checkin_revealed"},
    {NoticeKind::invite_accepted, "invite_accepted"},
    {NoticeKind::bond_ended, "bond_ended"},
    {NoticeKind::moment_added, "moment_added"},
    {NoticeKind::deck_answered, "deck_answered"},
    {NoticeKind::deck_revealed, "deck_revealed"},
}};

constexpr auto kKinds = [] {
  std::array<NoticeKind, kNames.size()> out{};
  for (std::size_t i = 0; i < kNames.size(); ++i) out[i] = kNames[i].first;
  return out;
}();

bool is_request(NoticeKind kind) {
  return kind == NoticeKind::comfort_requested || kind == NoticeKind::space_requested;
}

}  // namespace

std::string_view to_string(NoticeKind kind) {
  for (const auto& [k, name] : kNames)
    if (k == kind) return name;
  return "entry_shared";
}

std::span<const NoticeKind> all_notice_kinds() { return kKinds; }

std::optional<NoticeKind> parse_notice_kind(std::string_view text) {
  for (const auto& [k, name] : kNames)
    if (name == text) return k;
  return std::nullopt;
}

bool notice_listed(const NoticeRow& row, Millis now) {
  const auto& n = row.notice;
  if (row.bond == BondStatus::ended) return n.kind == NoticeKind::bond_ended;
  switch (n.kind) {
    case NoticeKind::entry_shared:
    case NoticeKind::response_added:
      return row.still_shared;
    case NoticeKind::checkin_added:
      return n.day && day_is_current(*n.day, now);
    default:
      return true;
  }
}

std::vector<NoticeRow> notices_to_show(std::vector<NoticeRow> rows, Millis now) {
  std::erase_if(rows, [now](const NoticeRow& r) { return !notice_listed(r, now); });
  auto rank = [](const NoticeRow& r) {
    if (is_request(r.notice.kind) && r.request_open) return 0;
    return r.notice.seen_at ? 2 : 1;
  };
  std::stable_sort(rows.begin(), rows.end(), [&](const NoticeRow& a, const NoticeRow& b) {
    if (rank(a) != rank(b)) return rank(a) < rank(b);
    if (a.notice.created_at != b.notice.created_at) return a.notice.created_at > b.notice.created_at;
    return a.notice.id > b.notice.id;
  });
  if (rows.size() > kMaxNotices) rows.resize(kMaxNotices);
  return rows;
}

Millis notices_since(Millis now) { return now - Millis{kNoticeDays} * 24 * 3600 * 1000; }

}  // namespace pillars
