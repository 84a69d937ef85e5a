#include "core/own_time.h"

#include <algorithm>
#include <map>

#include "core/checkin.h"
#include "core/inner_world.h"
#include "core/validation.h"

namespace pillars {

std::vector<std::string> own_time_problems(const std::vector<std::string>& activities, const std::vector<int>& minutes) {
  std::vector<std::string> problems;
  if (activities.empty()) problems.push_back("needs at least one kind of time");
  for (std::size_t i = 0; i < activities.size(); ++i) {
    const auto& id = activities[i];
    if (id.empty() || !std::all_of(id.begin(), id.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; }))
      problems.push_back("kind of time \"" + id + "\" needs an id of lower-case letters and underscores");
    if (std::find(activities.begin(), activities.begin() + static_cast<std::ptrdiff_t>(i), id) !=
        activities.begin() + static_cast<std::ptrdiff_t>(i))
      problems.push_back("kind of time \"" + id + "\" is there twice");
  }
  if (minutes.empty()) problems.push_back("needs the lengths of time to offer");
  for (std::size_t i = 0; i < minutes.size(); ++i) {
    if (minutes[i] < kMinOwnMinutes || minutes[i] > kMaxOwnMinutes)
      problems.push_back("the length " + std::to_string(minutes[i]) + " is outside 5 to 1440 minutes");
    else if (i > 0 && minutes[i] <= minutes[i - 1])
      problems.push_back("the lengths must rise");
  }
  return problems;
}

std::vector<FieldError> apply_own_time_draft(const OwnTimeDraft& draft, const std::vector<std::string>& activities,
                                             Day today, Entry& entry, bool creating) {
  std::vector<FieldError> errors;
  OwnTimeSpent spent = entry.own_time.value_or(OwnTimeSpent{});
  if (draft.day) {
    auto day = parse_day(*draft.day);
    if (!day) errors.push_back({"day", "Give the day as YYYY-MM-DD."});
    else if (*day > today + 1) errors.push_back({"day", "This day has not come yet."});
    else if (*day < today - kOwnTimeDaysBack) errors.push_back({"day", "Time of your own can be noted up to a year back."});
    else spent.day = *day;
  } else if (creating) {
    errors.push_back({"day", "Say which day this was."});
  }
  if (draft.minutes) {
    if (*draft.minutes < kMinOwnMinutes || *draft.minutes > kMaxOwnMinutes)
      errors.push_back({"minutes", "Give the time in whole minutes, from 5 to 1,440 (a whole day)."});
    else spent.minutes = static_cast<int>(*draft.minutes);
  } else if (creating) {
    errors.push_back({"minutes", "Say how long it was."});
  }
  if (draft.activity) {
    if (std::find(activities.begin(), activities.end(), *draft.activity) == activities.end())
      errors.push_back({"activity", "Choose one of the kinds of time offered."});
    else spent.activity = *draft.activity;
  } else if (creating) {
    errors.push_back({"activity", "Choose what kind of time it was."});
  }
  if (draft.note) {
    if (utf8_length(*draft.note) > kMaxEntryBody)
      errors.push_back({"note", "Please keep a note to 20,000 characters."});
    else if (draft.note->find('\0') != std::string::npos)
      errors.push_back({"note", "The note contains a character that is not allowed."});
    else entry.body = trim(*draft.note).empty() ? std::string() : *draft.note;
  }
  if (errors.empty()) {
    entry.kind = EntryKind::own_time;
    entry.own_time = std::move(spent);
  }
  return errors;
}

std::vector<OwnDay> own_time_days(const std::vector<CheckIn>& mine, const std::vector<OwnTimeSpent>& logged,
                                  Day first, Day last) {
  std::map<Day, OwnDay> days;
  auto at = [&](Day d) -> OwnDay& {
    auto& o = days[d];
    o.day = d;
    return o;
  };
  for (const auto& c : mine) {
    if (c.day < first || c.day > last) continue;
    auto& o = at(c.day);
    o.checked_in = std::max(o.checked_in.value_or(0), c.own_minutes);
  }
  for (const auto& s : logged) {
    if (s.day < first || s.day > last) continue;
    auto& o = at(s.day);
    o.logged = std::min(kMaxOwnMinutes, o.logged + s.minutes);
  }
  std::vector<OwnDay> out;
  out.reserve(days.size());
  for (auto& [d, o] : days) {
    o.counted = std::max(o.checked_in.value_or(0), o.logged);
    out.push_back(o);
  }
  return out;
}

}  // namespace pillars
