#include "core/moments.h"

#include <algorithm>

#include "core/validation.h"

namespace pillars {

std::string_view to_string(MomentKind kind) { return kind == MomentKind::high ? "high" : "low"; }

std::optional<MomentKind> parse_moment_kind(std::string_view text) {
  if (text == "high") return MomentKind::high;
  if (text == "low") return MomentKind::low;
  return std::nullopt;
}

std::string_view to_string(MilestoneKind kind) {
  switch (kind) {
    case MilestoneKind::began: return "began";
    case MilestoneKind::first_reveal: return "first_reveal";
    case MilestoneKind::days_both: return "days_both";
    case MilestoneKind::deck_level: return "deck_level";
  }
  return "began";
}

std::vector<FieldError> apply_moment_draft(const MomentDraft& draft, Day today, Moment& moment, bool creating) {
  std::vector<FieldError> errors;
  if (draft.day) {
    if (auto day = parse_day(*draft.day); !day) errors.push_back({"day", "Give the day as YYYY-MM-DD."});
    else if (*day > today + 1) errors.push_back({"day", "A moment is something that has happened: pick a day up to today."});
    else moment.day = *day;
  } else if (creating) {
    errors.push_back({"day", "Which day was it?"});
  }
  if (draft.kind) {
    if (auto kind = parse_moment_kind(*draft.kind)) moment.kind = *kind;
    else errors.push_back({"kind", "Choose high or low."});
  } else if (creating) {
    errors.push_back({"kind", "Choose high or low."});
  }
  if (draft.title) {
    auto title = trim(*draft.title);
    if (title.empty()) errors.push_back({"title", "Give the moment a short title."});
    else if (utf8_length(title) > kMaxMomentTitle) errors.push_back({"title", "Please keep the title to 120 characters."});
    else if (has_control(title)) errors.push_back({"title", "Keep the title to one line."});
    else moment.title = std::string(title);
  } else if (creating) {
    errors.push_back({"title", "Give the moment a short title."});
  }
  if (draft.clear_note) {
    moment.note.reset();
  } else if (draft.note) {
    if (utf8_length(*draft.note) > kMaxMomentNote) errors.push_back({"note", "Please keep the note to 5,000 characters."});
    else if (draft.note->find('\0') != std::string::npos) errors.push_back({"note", "The note contains a character that is not allowed."});
    else if (trim(*draft.note).empty()) moment.note.reset();
    else moment.note = *draft.note;
  }
  return errors;
}

std::vector<Milestone> milestones(Day began, const std::vector<Day>& both_days, const std::vector<LevelOpened>& opened) {
  // A check-in may be dated by a calendar a day behind UTC's, so the first one can fall on the day
  // before the bond's UTC start: the bond began on that day for them, and the journey starts there.
  if (!both_days.empty()) began = std::min(began, both_days.front());
  std::vector<Milestone> out{{MilestoneKind::began, began, 0}};
  if (!both_days.empty()) out.push_back({MilestoneKind::first_reveal, both_days.front(), 1});
  for (std::size_t n = kMilestoneEvery; n <= both_days.size(); n += kMilestoneEvery)
    out.push_back({MilestoneKind::days_both, both_days[n - 1], static_cast<int>(n)});
  for (const auto& o : opened)
    out.push_back({MilestoneKind::deck_level, std::max(began, utc_day(o.at)), 0, o.deck, o.level});
  std::stable_sort(out.begin(), out.end(), [](const Milestone& a, const Milestone& b) { return a.day < b.day; });
  return out;
}

}  // namespace pillars
