// Time of one's own by hand: what a piece may be, and how a day's own time is counted once.
#include "core/own_time.h"

#include <gtest/gtest.h>

#include "core/checkin.h"
#include "core/inner_world.h"

namespace pillars {
namespace {

const std::vector<std::string> kActivities{"walk", "hobby", "friends"};
constexpr Day kToday = 20000;

OwnTimeDraft draft(std::optional<std::string> day, std::optional<long long> minutes,
                   std::optional<std::string> activity, std::optional<std::string> note = std::nullopt) {
  return OwnTimeDraft{std::move(day), minutes, std::move(activity), std::move(note)};
}

std::vector<std::string> fields_of(const std::vector<FieldError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field);
  return out;
}

TEST(OwnTime, APieceNeedsItsDayLengthAndKind) {
  Entry e;
  auto errors = apply_own_time_draft(draft(format_day(kToday), 45, "walk", "By the river"), kActivities, kToday, e, true);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(e.kind, EntryKind::own_time);
  EXPECT_EQ(e.own_time, (OwnTimeSpent{kToday, 45, "walk"}));
  EXPECT_EQ(e.body, "By the river");

  Entry none;
  EXPECT_EQ(fields_of(apply_own_time_draft(draft(std::nullopt, std::nullopt, std::nullopt), kActivities, kToday, none, true)),
            (std::vector<std::string>{"day", "minutes", "activity"}));
  EXPECT_FALSE(none.own_time) << "nothing is filled when something is wrong";
}

TEST(OwnTime, RejectsEachKindOfBadInput) {
  auto field = [](OwnTimeDraft d) {
    Entry e;
    auto errors = apply_own_time_draft(d, kActivities, kToday, e, true);
    return errors.empty() ? std::string() : errors.front().field + ": " + errors.front().message;
  };
  const auto today = format_day(kToday);
  EXPECT_EQ(field(draft("2026-02-30", 30, "walk")), "day: Give the day as YYYY-MM-DD.");
  EXPECT_EQ(field(draft("yesterday", 30, "walk")), "day: Give the day as YYYY-MM-DD.");
  EXPECT_EQ(field(draft(format_day(kToday + 2), 30, "walk")), "day: This day has not come yet.");
  EXPECT_EQ(field(draft(format_day(kToday + 1), 30, "walk")), "") << "somewhere it is already tomorrow";
  EXPECT_EQ(field(draft(format_day(kToday - kOwnTimeDaysBack), 30, "walk")), "");
  EXPECT_EQ(field(draft(format_day(kToday - kOwnTimeDaysBack - 1), 30, "walk")).substr(0, 4), "day:");
  EXPECT_EQ(field(draft(today, 4, "walk")).substr(0, 8), "minutes:");
  EXPECT_EQ(field(draft(today, 5, "walk")), "");
  EXPECT_EQ(field(draft(today, 1440, "walk")), "");
  EXPECT_EQ(field(draft(today, 1441, "walk")).substr(0, 8), "minutes:");
  EXPECT_EQ(field(draft(today, -30, "walk")).substr(0, 8), "minutes:");
  EXPECT_EQ(field(draft(today, 30, "sleeping")), "activity: Choose one of the kinds of time offered.");
  EXPECT_EQ(field(draft(today, 30, "walk", std::string(kMaxEntryBody + 1, 'a'))).substr(0, 5), "note:");
  EXPECT_EQ(field(draft(today, 30, "walk", std::string("a\0b", 3))).substr(0, 5), "note:");
  EXPECT_EQ(field(draft(today, 30, "walk", std::string(kMaxEntryBody, 'a'))), "");
}

TEST(OwnTime, AnEditKeepsWhatItDoesNotMentionAndANoteMayGo) {
  Entry e;
  ASSERT_TRUE(apply_own_time_draft(draft(format_day(kToday), 60, "hobby", "Pottery"), kActivities, kToday, e, true).empty());
  ASSERT_TRUE(apply_own_time_draft(draft(std::nullopt, 90, std::nullopt), kActivities, kToday, e, false).empty());
  EXPECT_EQ(e.own_time, (OwnTimeSpent{kToday, 90, "hobby"}));
  EXPECT_EQ(e.body, "Pottery");
  ASSERT_TRUE(apply_own_time_draft(draft(std::nullopt, std::nullopt, std::nullopt, "   "), kActivities, kToday, e, false).empty());
  EXPECT_EQ(e.body, "") << "a blank note is no note";
  // A bad edit changes nothing.
  EXPECT_FALSE(apply_own_time_draft(draft(std::nullopt, 2, "walk"), kActivities, kToday, e, false).empty());
  EXPECT_EQ(e.own_time, (OwnTimeSpent{kToday, 90, "hobby"}));
}

CheckIn told(std::string bond, Day day, int own) {
  CheckIn c;
  c.bond_id = std::move(bond);
  c.day = day;
  c.own_minutes = own;
  return c;
}

TEST(OwnTime, ADayCountsOnceTheLargerOfCheckInAndLog) {
  std::vector<CheckIn> mine{told("b1", 10, 60), told("b2", 10, 30), told("b1", 11, 0), told("b1", 14, 200),
                            told("b1", 2, 500)};
  std::vector<OwnTimeSpent> logged{{10, 20, "walk"}, {10, 25, "hobby"}, {11, 45, "walk"},
                                   {12, 1000, "friends"}, {12, 1000, "walk"}, {13, 30, "walk"}, {30, 60, "walk"}};
  auto days = own_time_days(mine, logged, 10, 14);
  ASSERT_EQ(days.size(), 5u);
  // Two bonds told 60 and 30; the log 45: the day is 60, not 60 + 30 + 45.
  EXPECT_EQ(days[0], (OwnDay{10, 60, 45, 60}));
  // The check-in said none; the log found 45 after all.
  EXPECT_EQ(days[1], (OwnDay{11, 0, 45, 45}));
  // Only logged, and never more than a day.
  EXPECT_EQ(days[2], (OwnDay{12, std::nullopt, 1440, 1440}));
  EXPECT_EQ(days[3], (OwnDay{13, std::nullopt, 30, 30}));
  EXPECT_EQ(days[4], (OwnDay{14, 200, 0, 200}));
  EXPECT_TRUE(own_time_days({}, {}, 10, 14).empty());
}

TEST(OwnTime, TheContentRules) {
  EXPECT_TRUE(own_time_problems(kActivities, {15, 30, 60}).empty());
  EXPECT_EQ(own_time_problems({}, {15}), std::vector<std::string>{"needs at least one kind of time"});
  EXPECT_EQ(own_time_problems({"walk", "walk"}, {15}), std::vector<std::string>{"kind of time \"walk\" is there twice"});
  EXPECT_EQ(own_time_problems({"Walk"}, {15}).size(), 1u);
  EXPECT_EQ(own_time_problems({"walk"}, {}), std::vector<std::string>{"needs the lengths of time to offer"});
  EXPECT_EQ(own_time_problems({"walk"}, {30, 15}), std::vector<std::string>{"the lengths must rise"});
  EXPECT_EQ(own_time_problems({"walk"}, {0}).size(), 1u);
  EXPECT_EQ(own_time_problems({"walk"}, {1441}).size(), 1u);
}

}  // namespace
}  // namespace pillars
