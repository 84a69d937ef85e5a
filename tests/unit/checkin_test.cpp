#include "core/checkin.h"

#include <gtest/gtest.h>

namespace pillars {
namespace {

Catalog catalog() {
  Catalog c;
  c.families = {{"hurt", "Hurt", true, "d", {"rejected"}}, {"joy", "Joy", false, "d", {"glad", "cheerful"}},
                {"calm", "Calm", false, "d", {"settled"}}};
  c.words = {{"rejected", {"rejected", "rejected", "hurt", "d"}},
             {"glad", {"glad", "glad", "joy", "d"}},
             {"cheerful", {"cheerful", "cheerful", "joy", "d"}},
             {"settled", {"settled", "settled", "calm", "d"}}};
  return c;
}

CheckInDraft valid() {
  CheckInDraft d;
  d.feelings = {{"glad", 3}};
  d.closeness_now = 4;
  d.closeness_wanted = 6;
  d.own_minutes = 60;
  d.together_minutes = 120;
  d.need = "closeness";
  d.guess_family = "calm";
  d.guess_closeness = 5;
  return d;
}

std::vector<std::string> fields_of(const std::vector<FieldError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field);
  return out;
}

TEST(CheckInDraft, AcceptsAValidCheckIn) {
  CheckIn c;
  EXPECT_TRUE(apply_checkin_draft(valid(), catalog(), BondKind::friend_, false, c).empty());
  EXPECT_EQ(c.closeness_wanted, 6);
  EXPECT_EQ(c.need, Need::closeness);
  EXPECT_EQ(c.feelings.at(0).family, "joy");
  EXPECT_FALSE(c.affection);
}

TEST(CheckInDraft, EveryRangeIsChecked) {
  auto d = valid();
  d.feelings.clear();
  d.closeness_now = 0;
  d.closeness_wanted = 8;
  d.own_minutes = -1;
  d.together_minutes = 1441;
  d.need = "hugs";
  d.guess_family = "nope";
  d.guess_closeness = std::nullopt;
  CheckIn c;
  auto f = fields_of(apply_checkin_draft(d, catalog(), BondKind::partner, true, c));
  for (const char* want : {"feelings", "closeness_now", "closeness_wanted", "own_minutes", "together_minutes", "need",
                           "guess.family", "guess.closeness_now"})
    EXPECT_NE(std::find(f.begin(), f.end(), want), f.end()) << want;
}

TEST(CheckInDraft, AffectionTicksOnlyBetweenPartnersWhoOptedIn) {
  auto d = valid();
  d.affection = true;
  d.lovemaking = false;
  CheckIn c;
  EXPECT_EQ(fields_of(apply_checkin_draft(d, catalog(), BondKind::friend_, true, c)),
            (std::vector<std::string>{"affection", "lovemaking"}));
  EXPECT_EQ(fields_of(apply_checkin_draft(d, catalog(), BondKind::partner, false, c)),
            (std::vector<std::string>{"affection", "lovemaking"}));
  EXPECT_TRUE(apply_checkin_draft(d, catalog(), BondKind::partner, true, c).empty());
  EXPECT_EQ(c.affection, true);
  EXPECT_EQ(c.lovemaking, false);
}

TEST(PrimaryFeeling, HighestIntensityFirstListedOnATie) {
  EXPECT_EQ(primary_family({{"glad", "joy", 3}, {"rejected", "hurt", 4}}), "hurt");
  EXPECT_EQ(primary_family({{"glad", "joy", 4}, {"rejected", "hurt", 4}}), "joy");
  EXPECT_EQ(primary_family({}), "");
}

TEST(GuessScore, FamilyMustMatchAndClosenessWithinOne) {
  CheckIn guesser, other;
  other.feelings = {{"settled", "calm", 2}, {"rejected", "hurt", 5}};
  other.closeness_now = 4;
  guesser.guess_family = "hurt";
  for (int g : {3, 4, 5}) {
    guesser.guess_closeness = g;
    EXPECT_TRUE(score_guess(guesser, other).closeness_right) << g;
  }
  guesser.guess_closeness = 6;
  EXPECT_FALSE(score_guess(guesser, other).closeness_right);
  EXPECT_TRUE(score_guess(guesser, other).family_right);
  guesser.guess_family = "calm";
  EXPECT_FALSE(score_guess(guesser, other).family_right) << "calm is there, but not the primary feeling";
}

TEST(Days, ParseFormatAndTheOneDayWindow) {
  auto d = parse_day("2026-11-25");
  ASSERT_TRUE(d);
  EXPECT_EQ(format_day(*d), "2026-11-25");
  for (const char* bad : {"", "2026-11-31", "2026-2-01", "2026/11/25", "20261125", "2026-11-25T00"})
    EXPECT_FALSE(parse_day(bad)) << bad;
  Millis noon = 1795608000000;  // 2026-11-25T12:00:00Z
  EXPECT_EQ(format_day(utc_day(noon)), "2026-11-25");
  EXPECT_TRUE(day_is_current(*parse_day("2026-11-24"), noon));
  EXPECT_TRUE(day_is_current(*parse_day("2026-11-26"), noon));
  EXPECT_FALSE(day_is_current(*parse_day("2026-11-23"), noon));
  EXPECT_FALSE(day_is_current(*parse_day("2026-11-27"), noon));
}

TEST(Reveal, OnlyWhenBothHaveCheckedIn) {
  EXPECT_FALSE(revealed(0));
  EXPECT_FALSE(revealed(1));
  EXPECT_TRUE(revealed(2));
}

// The other's part of one day, for every combination of bond status, who answered, and the day.
TEST(DayShown, TheOtherIsShownInFullOnlyOnceBothAnsweredInAnActiveBond) {
  Millis noon = 1795608000000;  // 2026-11-25T12:00:00Z
  Day today = *parse_day("2026-11-25");
  for (Day day : {today - 1, today, today + 1, today - 2, today + 2, today - 400}) {
    auto both = day_shown(BondStatus::active, true, true, day, noon);
    EXPECT_TRUE(both.revealed) << format_day(day);
    EXPECT_EQ(both.other, OtherPart::full) << "a revealed day stays revealed, however old: " << format_day(day);
    EXPECT_FALSE(both.edit_times) << "a revealed check-in shows no edit time";
  }
}

TEST(DayShown, TheOthersPresenceOnlyForADayThatCanStillBeAnswered) {
  Millis noon = 1795608000000;  // 2026-11-25T12:00:00Z
  Day today = *parse_day("2026-11-25");
  for (bool mine : {false, true}) {
    for (bool theirs : {false, true}) {
      if (mine && theirs) continue;
      for (Day day : {today - 1, today, today + 1}) {
        auto shown = day_shown(BondStatus::active, mine, theirs, day, noon);
        EXPECT_FALSE(shown.revealed);
        EXPECT_EQ(shown.other, OtherPart::status) << format_day(day);
        EXPECT_TRUE(shown.edit_times) << "one's own unrevealed check-in keeps its edit time";
      }
      for (Day day : {today - 2, today + 2, today - 400, today + 9}) {
        auto shown = day_shown(BondStatus::active, mine, theirs, day, noon);
        EXPECT_FALSE(shown.revealed);
        EXPECT_EQ(shown.other, OtherPart::none) << "nothing of the other on " << format_day(day);
      }
    }
  }
  // The rule does not depend on whether the other answered: "none" and "status" are the same for both.
  for (Day day : {today - 2, today, today - 400})
    EXPECT_EQ(day_shown(BondStatus::active, false, true, day, noon).other,
              day_shown(BondStatus::active, false, false, day, noon).other);
}

TEST(DayShown, InAnEndedBondEachKeepsOnlyTheirOwn) {
  Millis noon = 1795608000000;  // 2026-11-25T12:00:00Z
  Day today = *parse_day("2026-11-25");
  for (bool mine : {false, true}) {
    for (bool theirs : {false, true}) {
      for (Day day : {today - 1, today, today + 1, today - 400}) {
        auto shown = day_shown(BondStatus::ended, mine, theirs, day, noon);
        EXPECT_FALSE(shown.revealed) << "nothing is revealed in an ended bond, not even a day both answered";
        EXPECT_EQ(shown.other, OtherPart::none);
        EXPECT_TRUE(shown.edit_times) << "one's own check-in is shown as one's own";
      }
    }
  }
}

}  // namespace
}  // namespace pillars

namespace pillars {
namespace {

CheckIn answer(Need need, int now, int wanted) {
  CheckIn c;
  c.need = need;
  c.closeness_now = now;
  c.closeness_wanted = wanted;
  return c;
}

TEST(RevealNote, ComfortIsNamedFirstAndForWhomItIs) {
  EXPECT_EQ(reveal_note(answer(Need::comfort, 4, 4), answer(Need::space, 4, 2)), (RevealNote{Reflection::comfort, Who::me}));
  EXPECT_EQ(reveal_note(answer(Need::fine, 4, 4), answer(Need::comfort, 4, 6)), (RevealNote{Reflection::comfort, Who::them}));
  EXPECT_EQ(reveal_note(answer(Need::comfort, 4, 4), answer(Need::comfort, 4, 6)), (RevealNote{Reflection::comfort, Who::both}));
}

TEST(RevealNote, SpaceBesideClosenessNamesWhoWantsSpace) {
  EXPECT_EQ(reveal_note(answer(Need::space, 5, 5), answer(Need::closeness, 3, 6)),
            (RevealNote{Reflection::space_and_closeness, Who::me}));
  EXPECT_EQ(reveal_note(answer(Need::fine, 3, 6), answer(Need::fine, 6, 4)),
            (RevealNote{Reflection::space_and_closeness, Who::them}))
      << "the circles say it too: one wants them further apart, the other closer";
}

TEST(RevealNote, BothCloserAndBothSpace) {
  EXPECT_EQ(reveal_note(answer(Need::fine, 3, 5), answer(Need::closeness, 4, 4)),
            (RevealNote{Reflection::both_closer, Who::both}));
  EXPECT_EQ(reveal_note(answer(Need::space, 4, 4), answer(Need::fine, 5, 3)), (RevealNote{Reflection::both_space, Who::both}));
}

TEST(RevealNote, NothingToSayWhenBothAreWhereTheyWantToBe) {
  EXPECT_FALSE(reveal_note(answer(Need::fine, 4, 4), answer(Need::fine, 5, 5)));
  EXPECT_FALSE(reveal_note(answer(Need::fine, 4, 4), answer(Need::closeness, 5, 5)))
      << "one wanting closeness alone is not a meeting of the two";
  EXPECT_FALSE(reveal_note(answer(Need::fine, 4, 4), answer(Need::fine, 4, 6)));
}

TEST(AffectionTicks, AreSharedOnlyWhereBothTrack) {
  EXPECT_TRUE(ticks_shared(true, true));
  EXPECT_FALSE(ticks_shared(true, false));
  EXPECT_FALSE(ticks_shared(false, true));
  EXPECT_FALSE(ticks_shared(false, false));
}

}  // namespace
}  // namespace pillars
