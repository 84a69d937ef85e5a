// Calm notifications: a daily check-in reminder at the time a person chooses, and one push when the
// other did something that concerns them, gathered so there is never a burst; quiet hours hold
// everything back. A push never carries anything anyone wrote, nor a name: only that something is
// new, or which kind of thing, so a lock screen shows nothing the other did not share. No streaks,
// no counts, no guilt. What to send and when is decided here, pure; sending is elsewhere.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/notices.h"
#include "core/types.h"

namespace pillars {

inline constexpr int kMinutesPerDay = 24 * 60;
// A reminder is sent from its minute until this many minutes later (so a restart does not lose it),
// once a day, and only when the person has not checked in that day.
inline constexpr int kReminderWindow = 60;
// Notices gather this long after the first before anything is sent, so a share and its follow-ups
// arrive as one push.
inline constexpr Millis kSettleMillis = 2 * 60 * 1000;
// And at most one push about what others did per this long; more waits and goes out as one.
inline constexpr Millis kEventGapMillis = 60 * 60 * 1000;
// Devices one person may register for pushes.
inline constexpr std::size_t kMaxPushDevices = 10;

// What a person chose. Minutes count from local midnight (0 to 1439) in the person's time zone.
struct NotifySettings {
  std::optional<int> reminder;    // none: no reminder
  bool events = true;             // a push when the other did something
  std::optional<int> quiet_from;  // quiet hours, both or neither; may wrap past midnight
  std::optional<int> quiet_to;
  bool operator==(const NotifySettings&) const = default;
};

// "HH:MM" (24-hour) to minutes from midnight; nullopt when it is not a time of day.
std::optional<int> parse_clock(std::string_view text);
std::string format_clock(int minute);

// What a person asked for, before validation: each field absent keeps its value; a null reminder
// or quiet hours turn them off.
struct NotifyDraft {
  std::optional<std::optional<std::string>> reminder;
  std::optional<bool> events;
  std::optional<std::optional<std::string>> quiet_from;
  std::optional<std::optional<std::string>> quiet_to;
};
// Applies a draft to `settings`; returns every problem (a time that is not HH:MM, quiet hours with
// one end only or both ends the same).
std::vector<FieldError> apply_notify_draft(const NotifyDraft& draft, NotifySettings& settings);

// Whether `minute` of the local day falls in the quiet hours (from inclusive, to exclusive).
bool in_quiet_hours(int minute, const NotifySettings& settings);

// The notice kinds a push may tell of: a share, an answer to one's share or call, warm words, a
// call for comfort or for space, a reveal, an accepted invite. Not a check-in by the other (that
// would press), not an answer still waiting for one's own, not a moment, not a bond ending.
bool pushes_for(NoticeKind kind);

// What the person's device shows. No name and no text of anyone's: only the kind of thing.
struct PushText {
  std::string title;
  std::string body;
  std::string tag;  // one notification per tag on the device: a newer one replaces the older
  std::string url;  // where a tap opens, a path of the app
};
// One kind told alone, or "Something new" for a mix.
PushText event_text(const std::vector<NoticeKind>& kinds);
PushText reminder_text();

// Where a person stands, as the dispatcher read it.
struct NotifyState {
  NotifySettings settings;
  int local_minute = 0;       // now, in the person's time zone
  Day local_day = 0;          // today, in the person's time zone
  bool checked_in_today = false;  // in every active bond, or has no bond to check in
  std::optional<Day> last_reminder_day;
  std::optional<Millis> last_event_push;
  // Unread notices a push may tell of, made after the last event push: their kinds and times.
  std::vector<std::pair<NoticeKind, Millis>> pending;
};

struct NotifyPlan {
  bool reminder = false;
  std::vector<NoticeKind> events;  // empty: no event push now
};

// What to send now, if anything: at most one reminder a day, in its window, not in quiet hours and
// not once checked in; and one event push once the first pending notice has settled and the last
// event push is an hour old, outside quiet hours. Never both at once: the reminder waits for the
// next round.
// The two waits, adjustable by the operator (and shortened by tests).
struct NotifyTiming {
  Millis settle = kSettleMillis;
  Millis gap = kEventGapMillis;
};
NotifyPlan plan_pushes(const NotifyState& state, Millis now, const NotifyTiming& timing = {});

}  // namespace pillars
