// Moments by hand: what a draft may say, and the milestones the app marks by itself.
#include "core/moments.h"

#include <gtest/gtest.h>

namespace pillars {
namespace {

constexpr Day kToday = 20700;  // 2026-09-04

MomentDraft draft(std::optional<std::string> day, std::optional<std::string> kind, std::optional<std::string> title,
                  std::optional<std::string> note = std::nullopt) {
  return {std::move(day), std::move(kind), std::move(title), std::move(note), false};
}

TEST(MomentDraft, ADayAKindAndAShortTitle) {
  Moment m;
  auto errors = apply_moment_draft(draft(format_day(kToday - 400), "high", "  The night we got lost in Porto  ",
                                         "We laughed until the tram came."),
                                   kToday, m, true);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(m.day, kToday - 400) << "a day before the bond began is fine: memories belong too";
  EXPECT_EQ(m.kind, MomentKind::high);
  EXPECT_EQ(m.title, "The night we got lost in Porto") << "trimmed";
  EXPECT_EQ(m.note, "We laughed until the tram came.");

  // Tomorrow is allowed for time zones; the day after is not.
  EXPECT_TRUE(apply_moment_draft(draft(format_day(kToday + 1), "low", "x"), kToday, m, true).empty());
  auto future = apply_moment_draft(draft(format_day(kToday + 2), "low", "x"), kToday, m, true);
  ASSERT_EQ(future.size(), 1u);
  EXPECT_EQ(future[0].field, "day");
}

TEST(MomentDraft, EveryProblemAtOnce) {
  Moment m;
  auto errors = apply_moment_draft(draft("2026-02-30", "middling", "   ", std::string(5001, 'a')), kToday, m, true);
  ASSERT_EQ(errors.size(), 4u);
  EXPECT_EQ(errors[0].field, "day");
  EXPECT_EQ(errors[1].field, "kind");
  EXPECT_EQ(errors[2].field, "title");
  EXPECT_EQ(errors[3].field, "note");

  auto missing = apply_moment_draft(draft(std::nullopt, std::nullopt, std::nullopt), kToday, m, true);
  EXPECT_EQ(missing.size(), 3u) << "day, kind and title are needed to create";

  // 120 characters (not bytes) is the most; a line break is not a title.
  std::string accents;
  for (int i = 0; i < 120; ++i) accents += "é";
  EXPECT_TRUE(apply_moment_draft(draft(std::nullopt, std::nullopt, accents), kToday, m, false).empty());
  EXPECT_EQ(apply_moment_draft(draft(std::nullopt, std::nullopt, accents + "e"), kToday, m, false).size(), 1u);
  EXPECT_EQ(apply_moment_draft(draft(std::nullopt, std::nullopt, "two\nlines"), kToday, m, false).size(), 1u);
}

TEST(MomentDraft, AnEditChangesOnlyWhatIsGiven) {
  Moment m;
  ASSERT_TRUE(apply_moment_draft(draft("2025-06-01", "low", "Moving house", "Boxes everywhere."), kToday, m, true).empty());
  ASSERT_TRUE(apply_moment_draft(draft(std::nullopt, "high", std::nullopt), kToday, m, false).empty());
  EXPECT_EQ(m.kind, MomentKind::high);
  EXPECT_EQ(m.title, "Moving house");
  EXPECT_EQ(m.note, "Boxes everywhere.");
  EXPECT_EQ(format_day(m.day), "2025-06-01");
  // A blank note clears it, as does null.
  ASSERT_TRUE(apply_moment_draft(draft(std::nullopt, std::nullopt, std::nullopt, "  "), kToday, m, false).empty());
  EXPECT_FALSE(m.note);
  m.note = "again";
  MomentDraft clear;
  clear.clear_note = true;
  ASSERT_TRUE(apply_moment_draft(clear, kToday, m, false).empty());
  EXPECT_FALSE(m.note);
}

TEST(Milestones, TheStartTheFirstRevealAndEveryFiftiethDayBoth) {
  EXPECT_EQ(milestones(100, {}), (std::vector<Milestone>{{MilestoneKind::began, 100, 0}}));
  EXPECT_EQ(milestones(100, {103}),
            (std::vector<Milestone>{{MilestoneKind::began, 100, 0}, {MilestoneKind::first_reveal, 103, 1}}));
  // 120 days both checked in, with gaps: every other day from 101. The 50th is day 199, the 100th 299.
  std::vector<Day> days;
  for (int i = 0; i < 120; ++i) days.push_back(101 + 2 * i);
  auto m = milestones(100, days);
  ASSERT_EQ(m.size(), 4u);
  EXPECT_EQ(m[1], (Milestone{MilestoneKind::first_reveal, 101, 1}));
  EXPECT_EQ(m[2], (Milestone{MilestoneKind::days_both, 199, 50}));
  EXPECT_EQ(m[3], (Milestone{MilestoneKind::days_both, 299, 100}));
  // Both checked in on the day before the bond's UTC start (a calendar behind UTC): it began then.
  EXPECT_EQ(milestones(100, {99, 100}),
            (std::vector<Milestone>{{MilestoneKind::began, 99, 0}, {MilestoneKind::first_reveal, 99, 1}}));
  // 49 days: not yet the first fifty.
  days.resize(49);
  EXPECT_EQ(milestones(100, days).size(), 2u);
  days.push_back(500);
  EXPECT_EQ(milestones(100, days).back(), (Milestone{MilestoneKind::days_both, 500, 50}));
}

TEST(Milestones, ALevelOpenedInAConversationDeckTakesItsPlaceByDay) {
  constexpr Millis kDayMs = 24LL * 3600 * 1000;
  std::vector<LevelOpened> opened{{"feelings", 2, 102 * kDayMs + 5}, {"love_map", 2, 104 * kDayMs}, {"feelings", 3, 104 * kDayMs + 9}};
  auto m = milestones(100, {103}, opened);
  ASSERT_EQ(m.size(), 5u);
  EXPECT_EQ(m[0], (Milestone{MilestoneKind::began, 100, 0}));
  EXPECT_EQ(m[1], (Milestone{MilestoneKind::deck_level, 102, 0, "feelings", 2}));
  EXPECT_EQ(m[2], (Milestone{MilestoneKind::first_reveal, 103, 1}));
  EXPECT_EQ(m[3], (Milestone{MilestoneKind::deck_level, 104, 0, "love_map", 2})) << "same day: in the order they opened";
  EXPECT_EQ(m[4], (Milestone{MilestoneKind::deck_level, 104, 0, "feelings", 3}));
  EXPECT_EQ(to_string(MilestoneKind::deck_level), "deck_level");
}

}  // namespace
}  // namespace pillars
