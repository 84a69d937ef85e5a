// Moments: the journey of a bond as a timeline of highs and lows that either member adds (a date, a
// short title, an optional note), and the milestones the app marks by itself from what both did:
// the day the bond began, the first day both checked in and saw each other's answers, every 50th
// day both checked in, and each deeper level of a conversation deck they opened. Pure rules; the store keeps moments, the milestones are computed.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/checkin.h"
#include "core/decks.h"
#include "core/error.h"
#include "core/types.h"

namespace pillars {

inline constexpr std::size_t kMaxMomentTitle = 120;  // characters
inline constexpr std::size_t kMaxMomentNote = 5000;  // characters
inline constexpr int kMilestoneEvery = 50;           // days both checked in

enum class MomentKind { high, low };
std::string_view to_string(MomentKind kind);
std::optional<MomentKind> parse_moment_kind(std::string_view text);

struct Moment {
  std::string id;
  std::string bond_id;
  Person author;
  Day day = 0;
  MomentKind kind = MomentKind::high;
  std::string title;
  std::optional<std::string> note;
  Millis created_at = 0;
  Millis updated_at = 0;
};

// What a person sent, before validation; absent fields keep the moment's values on an edit.
struct MomentDraft {
  std::optional<std::string> day;
  std::optional<std::string> kind;
  std::optional<std::string> title;
  std::optional<std::string> note;  // empty or blank clears it
  bool clear_note = false;          // "note": null on an edit
};

// Validates a draft and fills `moment`. A day may be any real date up to the day after `today` (a
// memory from before the bond began belongs on its journey too); a title is 1 to 120 characters
// after trimming, one line; a note at most 5,000 characters. Returns every field error.
std::vector<FieldError> apply_moment_draft(const MomentDraft& draft, Day today, Moment& moment, bool creating);

enum class MilestoneKind { began, first_reveal, days_both, deck_level };
std::string_view to_string(MilestoneKind kind);

struct Milestone {
  MilestoneKind kind = MilestoneKind::began;
  Day day = 0;
  int count = 0;  // days_both: how many days both had checked in by `day`
  std::string deck = {};  // deck_level: the conversation deck
  int level = 0;          // and the level it opened
  bool operator==(const Milestone&) const = default;
};

// The milestones of a bond that began on `began`, given the days both members checked in
// (ascending, each once) and the conversation levels it opened (core/decks.h; on the UTC day they
// opened), in the order of their days. A first check-in dated before `began` (a calendar behind
// UTC) moves the beginning to its day, so the journey never starts after it.
std::vector<Milestone> milestones(Day began, const std::vector<Day>& both_days,
                                  const std::vector<LevelOpened>& opened = {});

}  // namespace pillars
