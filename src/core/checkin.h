// The daily check-in: how close each feels and wants to be, what they need, their time apart and
// together, and a guess at the other. Nobody has to go first: the other's answers stay hidden
// until both have checked in for the day, and then both are locked.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "core/error.h"
#include "core/feelings.h"
#include "core/inner_world.h"
#include "core/types.h"

namespace pillars {

enum class Need { space, closeness, comfort, fine };
std::string_view to_string(Need need);
std::optional<Need> parse_need(std::string_view text);

// Days (`Day`, in core/types.h) as text and from a time.
std::optional<Day> parse_day(std::string_view text);  // "YYYY-MM-DD", a real date
std::string format_day(Day day);
Day utc_day(Millis t);

// The person's local day may be a day ahead of or behind the server's UTC date, not more.
bool day_is_current(Day day, Millis now);

struct CheckIn {
  std::string bond_id;
  Person from;
  Day day = 0;
  Feelings feelings;  // 1..kMaxFeelings
  int closeness_now = 1;               // 1..7: two circles from apart to overlapping
  int closeness_wanted = 1;
  Need need = Need::fine;
  int own_minutes = 0;       // 0..1440
  int together_minutes = 0;  // 0..1440
  std::optional<bool> affection;
  std::optional<bool> lovemaking;
  // Shared wishes from the affection menu lived that day (item ids of the bond's matches), shown
  // like the ticks: only where both track affection.
  std::vector<std::string> wishes = {};
  std::string guess_family;
  int guess_closeness = 1;
  Millis created_at = 0;
  Millis updated_at = 0;
};

// What a person sent, before validation. Numbers are as given (may be out of range).
struct CheckInDraft {
  std::vector<FeelingPick> feelings;
  std::optional<long long> closeness_now, closeness_wanted, own_minutes, together_minutes, guess_closeness;
  std::optional<std::string> need, guess_family;
  std::optional<bool> affection, lovemaking;
  std::optional<std::vector<std::string>> wishes;
};

inline constexpr std::size_t kMaxWishesPerDay = 5;

// Validates a draft and fills `out`. Affection and love-making ticks, and the wishes lived, are
// accepted only in partner bonds and only from a person who turned tracking on. Wishes are up to
// kMaxWishesPerDay distinct item ids (that they are the bond's matches is the caller's to check);
// any wish means affection, so it ticks affection unless that was said otherwise (an error).
std::vector<FieldError> apply_checkin_draft(const CheckInDraft& draft, const Catalog& catalog, BondKind kind,
                                            bool track_affection, CheckIn& out);

struct GuessScore {
  bool family_right = false;
  bool closeness_right = false;  // within one step
};
// How well `guesser` read `other` on the same day.
GuessScore score_guess(const CheckIn& guesser, const CheckIn& other);

// A day is revealed once both members have checked in.
inline bool revealed(std::size_t checkins_that_day) { return checkins_that_day >= 2; }

// What saving one's check-in for a day means, given who had checked in for it before: refused when
// both had (the day is revealed and locked); otherwise a first check-in or an edit, and it reveals
// the day when the other had checked in already. Who is told: on a reveal both members
// (checkin_revealed); on a first check-in that reveals nothing the other (checkin_added, no
// content); on an edit nobody, so edits before the reveal leave no trace.
struct CheckInSave {
  bool locked = false;
  bool first = false;    // the person's first check-in of the day, else an edit
  bool reveals = false;  // completes the pair: both now see both
};
CheckInSave checkin_save(bool mine_before, bool theirs_before);

// What one member is shown of the other member's check-in for a day.
enum class OtherPart {
  none,    // nothing at all: not even whether they checked in
  status,  // only whether they checked in ("checked_in" or "waiting")
  full,    // their whole check-in: the day is revealed
};

// How one member sees one day of a bond's check-ins. The one rule behind the day view, the answer
// to a check-in and the history:
// - in an ended bond each keeps only their own check-in: nothing of the other's, nothing revealed;
// - in an active bond a day both answered is revealed: both in full, each guess scored;
// - otherwise the other's presence is shown only for a day that can still be answered
//   (`day_is_current`), and not at all for any other day.
// Edit times are shown only on one's own unrevealed check-in: after the reveal they would tell the
// other whether, and when, an answer changed before it was seen.
struct DayShown {
  bool revealed = false;
  OtherPart other = OtherPart::none;
  bool edit_times = true;  // one's own updated_at
};
DayShown day_shown(BondStatus bond, bool mine, bool theirs, Day day, Millis now);

// Affection and love-making ticks are shown to the other, and counted in insights, only where both
// members turned tracking on. Until then neither sees the other's ticks, and since the answer is the
// same whoever has it off, nobody learns who that is.
inline bool ticks_shared(bool mine_tracks, bool theirs_tracks) { return mine_tracks && theirs_tracks; }

// A short, gentle word on a revealed day, when the two answers meet in a way worth naming: one
// needs comfort; one asked for space while the other wanted closeness; both would like to be
// closer than they feel; both need some space. Never a judgement, only what the answers say.
enum class Reflection { comfort, space_and_closeness, both_closer, both_space };
std::string_view to_string(Reflection reflection);
enum class Who { me, them, both };
std::string_view to_string(Who who);
struct RevealNote {
  Reflection reflection = Reflection::comfort;
  Who who = Who::both;  // whose need it names: for space_and_closeness, the one who wants space
  bool operator==(const RevealNote&) const = default;
};
std::optional<RevealNote> reveal_note(const CheckIn& mine, const CheckIn& theirs);

}  // namespace pillars
