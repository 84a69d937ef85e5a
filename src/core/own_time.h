// Time of one's own: a private log of the time a person takes for themselves (a walk, a hobby, an
// evening with friends), with an optional note. Each piece is an entry of the kind `own_time`, so it
// is sealed, private and shared exactly like any entry. The log and the check-in's "time for
// yourself" answer tell of the same days, so a day's own time is the larger of the two, never their
// sum (`own_time_days`).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/types.h"

namespace pillars {

struct CheckIn;
struct Entry;

inline constexpr int kMinOwnMinutes = 5;
inline constexpr int kMaxOwnMinutes = 24 * 60;
inline constexpr int kOwnTimeDaysBack = 366;  // how far back a piece may be logged

// The rules content/own_time.json keeps: at least one kind of time, ids unique, lower-case letters
// and underscores; the offered lengths whole minutes within the allowed range, rising. Returns the
// problems found.
std::vector<std::string> own_time_problems(const std::vector<std::string>& activities, const std::vector<int>& minutes);

// One piece of time a person took for themselves.
struct OwnTimeSpent {
  Day day = 0;
  int minutes = 0;
  std::string activity;  // catalog id (content/own_time.json)
  bool operator==(const OwnTimeSpent&) const = default;
};

// What a person asked for, before validation. For an edit, absent fields keep their values.
struct OwnTimeDraft {
  std::optional<std::string> day;
  std::optional<long long> minutes;
  std::optional<std::string> activity;
  std::optional<std::string> note;
};

// Checks a draft and fills `entry` (kind own_time, its day, minutes, activity, and the note as its
// body). The day is a real date no later than the latest calendar anywhere may show (`today` + 1)
// and no more than kOwnTimeDaysBack days before `today`; minutes are whole, kMinOwnMinutes to
// kMaxOwnMinutes; the activity is one of `activities`; the note is optional. Returns every error.
std::vector<FieldError> apply_own_time_draft(const OwnTimeDraft& draft, const std::vector<std::string>& activities,
                                             Day today, Entry& entry, bool creating);

// A day's own time, as the check-in told it (the largest answer of the day over the person's bonds:
// a day told in two bonds counts once) and as the log told it (its pieces added, at most a day).
// `counted` is the larger: the two describe the same hours, so they are never added together.
struct OwnDay {
  Day day = 0;
  std::optional<int> checked_in;  // absent when no check-in of that day says
  int logged = 0;
  int counted = 0;
  bool operator==(const OwnDay&) const = default;
};
// The days from `first` to `last` (both included) with a check-in or a logged piece, oldest first.
std::vector<OwnDay> own_time_days(const std::vector<CheckIn>& mine, const std::vector<OwnTimeSpent>& logged,
                                  Day first, Day last);

}  // namespace pillars
