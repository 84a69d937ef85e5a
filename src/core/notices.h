// What is new for a person: one notice per thing the other member of a bond did that concerns them
// (a share, a response, a warm word, a request for comfort or for space and its answer, a
// check-in, a reveal, an accepted invite, an ended bond, a moment on the journey). Notices carry no text, only what to
// open; each person's unread state is their own. The rules of what a list shows are here, pure.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/checkin.h"
#include "core/types.h"

namespace pillars {

enum class NoticeKind {
  entry_shared,
  response_added,
  appreciation_added,
  comfort_requested,
  comfort_answered,
  space_requested,
  space_answered,
  checkin_added,
  checkin_revealed,
  invite_accepted,
  bond_ended,
  moment_added,   // a moment on the bond's journey, told while it stands
  deck_answered,  // the other answered a conversation prompt (its id the subject); gone at the reveal
  deck_revealed,  // both have answered a prompt, so both answers are open
};
std::string_view to_string(NoticeKind kind);
// Every kind, in the order above (the store keeps the same list in its table of notice kinds).
std::span<const NoticeKind> all_notice_kinds();
std::optional<NoticeKind> parse_notice_kind(std::string_view text);

inline constexpr int kNoticeDays = 30;        // how far back the list looks
inline constexpr std::size_t kMaxNotices = 50;  // how many it shows at most
inline constexpr std::size_t kMaxSeenIds = 100;  // ids in one "seen" request

struct Notice {
  std::string id;
  std::string user_id;  // who is told
  std::string bond_id;
  NoticeKind kind = NoticeKind::entry_shared;
  std::string subject_id;               // what to open: the response, warm word, request, bond or day
  std::optional<std::string> entry_id;  // for a share or a response: the entry it concerns
  std::optional<Day> day;               // for a check-in or a reveal
  std::string from_id;                  // who did it
  Millis created_at = 0;
  std::optional<Millis> seen_at;
};

// A notice as read for listing, with what decides whether it is still shown.
struct NoticeRow {
  Notice notice;
  BondStatus bond = BondStatus::active;
  bool still_shared = true;   // for a share or a response: the entry is still shared in the bond
  bool request_open = false;  // for a request: not answered yet
};

// Whether a notice is listed now. It never tells more than the bond shows:
// - in an ended bond only the ending itself (each keeps only their own there);
// - a share or a response only while the entry is still shared in the bond;
// - "has checked in" only while the day can still be answered, as the day view shows it.
bool notice_listed(const NoticeRow& row, Millis now);

// Open requests for comfort or space first (they ask for an answer), then unread, then newest;
// at most kMaxNotices. Rows that are not listed are dropped.
std::vector<NoticeRow> notices_to_show(std::vector<NoticeRow> rows, Millis now);

// The oldest time a listed notice may have.
Millis notices_since(Millis now);

}  // namespace pillars
