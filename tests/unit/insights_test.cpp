// The insights' rules against hand-worked fixtures: no data, one member only, a window's edges,
// gaps in days, the lean's thresholds exactly, someone who is not a member.
#include "core/insights.h"

#include <gtest/gtest.h>

namespace pillars {
namespace {

CheckIn checkin(const std::string& who, Day day, int now, int wanted, Need need = Need::fine) {
  CheckIn c;
  c.bond_id = "bond";
  c.from.id = who;
  c.day = day;
  c.closeness_now = now;
  c.closeness_wanted = wanted;
  c.need = need;
  return c;
}

// Days 94 to 100.
const Window week = window_ending(100, 7);

TEST(InsightWindow, EndsOnItsLastDayAndHoldsExactlyItsDays) {
  EXPECT_EQ(week, (Window{94, 100}));
  EXPECT_TRUE(week.contains(94));
  EXPECT_TRUE(week.contains(100));
  EXPECT_FALSE(week.contains(93));
  EXPECT_FALSE(week.contains(101));
  EXPECT_EQ(window_ending(400, kMaxWindowDays), (Window{36, 400}));
}

TEST(AnsweredDays, CountOnlyDaysBothAnsweredWithinTheWindow) {
  std::vector<CheckIn> all = {
      checkin("a", 93, 4, 4), checkin("b", 93, 4, 4),    // the day before the window
      checkin("a", 94, 3, 5), checkin("b", 94, 5, 4),    // the first day: in
      checkin("a", 95, 4, 4),                            // only a answered
      checkin("b", 97, 4, 4),                            // only b answered
      checkin("c", 98, 1, 7), checkin("a", 98, 4, 4),    // c is not a member
      checkin("b", 100, 6, 4), checkin("a", 100, 2, 4),  // the last day, b first: in, still as (a, b)
      checkin("a", 101, 4, 4), checkin("b", 101, 4, 4),  // the day after
  };
  auto days = answered_days(all, "a", "b", week);
  ASSERT_EQ(days.size(), 2u);
  EXPECT_EQ(days[0].day, 94);
  EXPECT_EQ(days[1].day, 100);
  EXPECT_EQ(days[1].a->from.id, "a");
  EXPECT_EQ(days[1].b->from.id, "b");
  EXPECT_EQ(days[1].a->closeness_now, 2);
}

TEST(ClosenessInsight, NoDataIsNotEnoughAndShowsNothing) {
  auto c = closeness_insight(answered_days({}, "a", "b", week));
  EXPECT_EQ(c.days, 0);
  EXPECT_FALSE(c.enough);
  EXPECT_FALSE(c.members.has_value());
  EXPECT_FALSE(c.pursue_withdraw);
  EXPECT_TRUE(c.series.empty());
}

TEST(ClosenessInsight, OneMemberAloneNeverCounts) {
  std::vector<CheckIn> all;
  for (Day d = 94; d <= 100; ++d) all.push_back(checkin("a", d, 2, 7));
  auto c = closeness_insight(answered_days(all, "a", "b", week));
  EXPECT_EQ(c.days, 0);
  EXPECT_FALSE(c.enough);
  EXPECT_TRUE(c.series.empty()) << "a check-in the other has not seen never reaches an insight";
}

TEST(ClosenessInsight, ThreeDaysAreNotEnoughButTheSeriesIsThere) {
  std::vector<CheckIn> all;
  for (Day d : {94, 95, 96}) {
    all.push_back(checkin("a", d, 3, 5));
    all.push_back(checkin("b", d, 5, 4));
  }
  auto c = closeness_insight(answered_days(all, "a", "b", week));
  EXPECT_EQ(c.days, 3);
  EXPECT_FALSE(c.enough);
  EXPECT_FALSE(c.members.has_value());
  EXPECT_FALSE(c.pursue_withdraw);
  EXPECT_EQ(c.series.size(), 3u);
}

// Four answered days with gaps between them (94, 96, 99, 100):
//   a feels 3, 3, 4, 2 (mean 3.0) and wants 5, 4, 5, 4 (mean 4.5): gap +1.5, more closeness;
//   b feels 5, 4, 5, 6 (mean 5.0) and wants 4, 4, 4, 4 (mean 4.0): gap -1.0, more space.
TEST(ClosenessInsight, MeansGapsLeansAndOnePursuingWhileTheOtherWithdraws) {
  std::vector<CheckIn> all = {
      checkin("a", 94, 3, 5), checkin("b", 94, 5, 4), checkin("a", 96, 3, 4), checkin("b", 96, 4, 4),
      checkin("a", 99, 4, 5), checkin("b", 99, 5, 4), checkin("a", 100, 2, 4), checkin("b", 100, 6, 4),
  };
  auto c = closeness_insight(answered_days(all, "a", "b", week));
  EXPECT_EQ(c.days, 4);
  ASSERT_TRUE(c.enough);
  ASSERT_TRUE(c.members.has_value());
  const auto& [a, b] = *c.members;
  EXPECT_DOUBLE_EQ(a.mean_now, 3.0);
  EXPECT_DOUBLE_EQ(a.mean_wanted, 4.5);
  EXPECT_DOUBLE_EQ(a.gap, 1.5);
  EXPECT_EQ(a.lean, Lean::more_closeness);
  EXPECT_DOUBLE_EQ(b.mean_now, 5.0);
  EXPECT_DOUBLE_EQ(b.mean_wanted, 4.0);
  EXPECT_DOUBLE_EQ(b.gap, -1.0);
  EXPECT_EQ(b.lean, Lean::more_space);
  EXPECT_TRUE(c.pursue_withdraw);
  ASSERT_EQ(c.series.size(), 4u);
  EXPECT_EQ(c.series[1], (ClosenessPoint{96, {3, 4}, {4, 4}}));
  EXPECT_EQ(c.series[3], (ClosenessPoint{100, {2, 6}, {4, 4}}));
}

TEST(ClosenessInsight, BothWantingMoreClosenessIsNotPursuing) {
  std::vector<CheckIn> all;
  for (Day d : {94, 95, 96, 97}) {
    all.push_back(checkin("a", d, 3, 5));
    all.push_back(checkin("b", d, 2, 6));
  }
  auto c = closeness_insight(answered_days(all, "a", "b", week));
  ASSERT_TRUE(c.members.has_value());
  EXPECT_EQ((*c.members)[0].lean, Lean::more_closeness);
  EXPECT_EQ((*c.members)[1].lean, Lean::more_closeness);
  EXPECT_FALSE(c.pursue_withdraw);
}

TEST(Lean, TheThresholdsBelongToTheLean) {
  EXPECT_EQ(lean_of(0.75), Lean::more_closeness);
  EXPECT_EQ(lean_of(0.74), Lean::balanced);
  EXPECT_EQ(lean_of(0.0), Lean::balanced);
  EXPECT_EQ(lean_of(-0.74), Lean::balanced);
  EXPECT_EQ(lean_of(-0.75), Lean::more_space);
  EXPECT_EQ(to_string(Lean::more_closeness), "more_closeness");
  EXPECT_EQ(to_string(Lean::more_space), "more_space");
  EXPECT_EQ(to_string(Lean::balanced), "balanced");
}

// A gap of exactly three quarters, reached through the means: a wants 5, 5, 5, 4 (4.75) and feels 4.
TEST(ClosenessInsight, AGapOfExactlyThreeQuartersLeans) {
  std::vector<CheckIn> all;
  int wanted[] = {5, 5, 5, 4};
  for (int i = 0; i < 4; ++i) {
    all.push_back(checkin("a", 94 + i, 4, wanted[i]));
    all.push_back(checkin("b", 94 + i, 4 + (i == 3 ? 0 : 1), 4));  // b: feels 5, 5, 5, 4 and wants 4
  }
  auto c = closeness_insight(answered_days(all, "a", "b", week));
  ASSERT_TRUE(c.members.has_value());
  EXPECT_DOUBLE_EQ((*c.members)[0].gap, 0.75);
  EXPECT_EQ((*c.members)[0].lean, Lean::more_closeness);
  EXPECT_DOUBLE_EQ((*c.members)[1].gap, -0.75);
  EXPECT_EQ((*c.members)[1].lean, Lean::more_space);
  EXPECT_TRUE(c.pursue_withdraw);
}

TEST(NeedCounts, CountEachMembersNeedOverAnsweredDaysOnly) {
  std::vector<CheckIn> all = {
      checkin("a", 94, 4, 4, Need::space),     checkin("b", 94, 4, 4, Need::closeness),
      checkin("a", 95, 4, 4, Need::space),     checkin("b", 95, 4, 4, Need::comfort),
      checkin("a", 96, 4, 4, Need::comfort),   checkin("b", 96, 4, 4, Need::closeness),
      checkin("a", 97, 4, 4, Need::space),  // b did not answer: not counted for either
  };
  auto counts = need_counts(answered_days(all, "a", "b", week));
  EXPECT_EQ(counts[0], (NeedCounts{2, 0, 1, 0}));
  EXPECT_EQ(counts[1], (NeedCounts{0, 2, 1, 0}));
  EXPECT_EQ(need_counts({})[0], (NeedCounts{}));
}

CheckIn timed(const std::string& who, Day day, int own, int together) {
  auto c = checkin(who, day, 4, 4);
  c.own_minutes = own;
  c.together_minutes = together;
  return c;
}

// a: 60 + 30 own, 120 + 30 together (share 90/240); b: 0 + 90 own, 120 + 0 together (share 90/210).
TEST(TimeInsight, AddsEachMembersTimeAndTheirOwnShare) {
  std::vector<CheckIn> all = {timed("a", 94, 60, 120), timed("b", 94, 0, 120), timed("a", 95, 30, 30),
                              timed("b", 95, 90, 0), timed("a", 96, 600, 0)};  // b did not answer the 96th
  auto t = time_insight(answered_days(all, "a", "b", week));
  EXPECT_EQ(t[0].own_minutes, 90);
  EXPECT_EQ(t[0].together_minutes, 150);
  ASSERT_TRUE(t[0].own_share.has_value());
  EXPECT_DOUBLE_EQ(*t[0].own_share, 0.375);
  EXPECT_EQ(t[1].own_minutes, 90);
  EXPECT_EQ(t[1].together_minutes, 120);
  EXPECT_DOUBLE_EQ(*t[1].own_share, 90.0 / 210.0);
}

TEST(TimeInsight, NoTimeAtAllHasNoShare) {
  std::vector<CheckIn> all = {timed("a", 94, 0, 0), timed("b", 94, 0, 0)};
  auto t = time_insight(answered_days(all, "a", "b", week));
  EXPECT_EQ(t[0], (MemberTime{0, 0, std::nullopt}));
  EXPECT_EQ(time_insight({})[1], (MemberTime{}));
}

TEST(OwnTime, WeeklyMinutesAgainstThePersonsOwnWish) {
  // 300 minutes over 28 days is 75 a week.
  EXPECT_EQ(own_time_against_wish(300, 28, 120), (OwnTime{75, true}));
  EXPECT_EQ(own_time_against_wish(300, 28, 75), (OwnTime{75, false})) << "meeting the wish exactly is not under it";
  EXPECT_EQ(own_time_against_wish(300, 28, std::nullopt), (OwnTime{75, std::nullopt}));
  // 100 minutes over 3 days is 233.3 a week, rounded to 233.
  EXPECT_EQ(own_time_against_wish(100, 3, std::nullopt).weekly_minutes, 233);
  EXPECT_EQ(own_time_against_wish(0, 0, 60), (OwnTime{0, true}));
}

CheckIn ticked(const std::string& who, Day day, std::optional<bool> affection, std::optional<bool> lovemaking) {
  auto c = checkin(who, day, 4, 4);
  c.affection = affection;
  c.lovemaking = lovemaking;
  return c;
}

TEST(AffectionInsight, OnlyWhereBothTrackAndWithoutSayingWhoDoesNot) {
  std::vector<CheckIn> all = {
      ticked("a", 94, true, false), ticked("b", 94, false, false),               // affection only
      ticked("a", 95, true, std::nullopt), ticked("b", 95, std::nullopt, true),  // both
      ticked("a", 96, false, false), ticked("b", 96, false, false),              // neither
      ticked("a", 97, true, true),                                               // b did not answer
  };
  auto days = answered_days(all, "a", "b", week);
  EXPECT_FALSE(affection_insight(days, true, false).has_value());
  EXPECT_FALSE(affection_insight(days, false, true).has_value());
  EXPECT_FALSE(affection_insight(days, false, false).has_value());
  auto both = affection_insight(days, true, true);
  ASSERT_TRUE(both.has_value());
  EXPECT_EQ(*both, (AffectionDays{2, 1, 1}));
}

TEST(VulnerabilityInsight, OneSidedWhenOneLeansOftenAndTheOtherNever) {
  std::vector<CheckIn> all = {checkin("a", 94, 4, 4, Need::comfort), checkin("b", 94, 4, 4, Need::fine)};
  auto days = answered_days(all, "a", "b", week);
  // a: two shared entries naming a vulnerable feeling and a comfort day make three; b: none.
  auto v = vulnerability_insight({Vulnerability{2, 0, 0}, Vulnerability{}}, days);
  EXPECT_EQ(v.members[0], (Vulnerability{2, 0, 1}));
  EXPECT_EQ(v.members[1].total(), 0);
  EXPECT_EQ(v.one_sided, 0);

  auto other = vulnerability_insight({Vulnerability{}, Vulnerability{1, 2, 0}}, {});
  EXPECT_EQ(other.one_sided, 1);

  auto below = vulnerability_insight({Vulnerability{1, 1, 0}, Vulnerability{}}, {});
  EXPECT_FALSE(below.one_sided.has_value()) << "two is not yet a pattern";

  auto both = vulnerability_insight({Vulnerability{3, 2, 0}, Vulnerability{0, 1, 0}}, {});
  EXPECT_FALSE(both.one_sided.has_value()) << "both lean on each other";
}

constexpr Millis kMinute = 60'000;

TEST(Responsiveness, CountsAnswersAndTheMedianWait) {
  EXPECT_EQ(responsiveness({}), (Responsiveness{0, 0, std::nullopt}));
  // Waits of 5, 30 and 10 minutes, one call unanswered: the median is 10 minutes.
  std::vector<Call> calls = {{0, 5 * kMinute}, {100 * kMinute, 130 * kMinute}, {200 * kMinute, std::nullopt},
                             {300 * kMinute, 310 * kMinute}};
  EXPECT_EQ(responsiveness(calls), (Responsiveness{4, 3, 10 * kMinute}));
  // An even number of answers: the middle two averaged (10 and 30 minutes make 20).
  calls.push_back({400 * kMinute, 460 * kMinute});
  EXPECT_EQ(responsiveness(calls), (Responsiveness{5, 4, 20 * kMinute}));
  EXPECT_EQ(responsiveness({{0, std::nullopt}}), (Responsiveness{1, 0, std::nullopt}));
}

TEST(Warmth, SentInTheWindowAndDaysSinceTheLastILoveYou) {
  // The window is 94..100. A love on day 90 (before it) still says how long it has been.
  EXPECT_EQ(warmth({{90, true}, {95, false}, {99, false}}, week), (Warmth{2, 10}));
  EXPECT_EQ(warmth({{94, true}, {100, true}}, week), (Warmth{2, 0}));
  EXPECT_EQ(warmth({{96, false}, {101, true}}, week), (Warmth{1, std::nullopt})) << "after the window does not count";
  EXPECT_EQ(warmth({}, week), (Warmth{0, std::nullopt}));
}

// ---- card states

ClosenessInsight with_leans(Lean a, Lean b) {
  ClosenessInsight c;
  c.days = kMinDaysForCloseness;
  c.enough = true;
  std::array<MemberCloseness, 2> m{};
  m[0].lean = a;
  m[1].lean = b;
  c.members = m;
  c.pursue_withdraw = (a == Lean::more_closeness && b == Lean::more_space) ||
                      (a == Lean::more_space && b == Lean::more_closeness);
  return c;
}

TEST(CardStates, ClosenessNamesTheWayTheTwoLean) {
  EXPECT_EQ(closeness_state(closeness_insight({})), (CardState{"not_enough", std::nullopt}));
  EXPECT_EQ(closeness_state(with_leans(Lean::balanced, Lean::balanced)), (CardState{"balanced", std::nullopt}));
  EXPECT_EQ(closeness_state(with_leans(Lean::more_closeness, Lean::more_closeness)),
            (CardState{"both_closer", std::nullopt}));
  EXPECT_EQ(closeness_state(with_leans(Lean::more_space, Lean::more_space)), (CardState{"both_space", std::nullopt}));
  EXPECT_EQ(closeness_state(with_leans(Lean::balanced, Lean::more_closeness)), (CardState{"one_closer", 1}));
  EXPECT_EQ(closeness_state(with_leans(Lean::more_space, Lean::balanced)), (CardState{"one_space", 0}));
  EXPECT_EQ(closeness_state(with_leans(Lean::more_space, Lean::more_closeness)),
            (CardState{"pursue_withdraw", std::nullopt}));
}

TEST(CardStates, ClosenessFromRealDaysMatchesTheHandWorkedLeans) {
  // a: now 3, wanted 5 every day (gap +2); b: now 5, wanted 5 (gap 0). Four days: enough.
  std::vector<CheckIn> all;
  for (Day d = 95; d <= 98; ++d) {
    all.push_back(checkin("a", d, 3, 5));
    all.push_back(checkin("b", d, 5, 5));
  }
  EXPECT_EQ(closeness_state(closeness_insight(answered_days(all, "a", "b", week))), (CardState{"one_closer", 0}));
}

TEST(CardStates, NeedsNameComfortBeforeSpaceBeforeCloseness) {
  std::array<NeedCounts, 2> none{};
  EXPECT_EQ(needs_state(3, none).state, "not_enough");
  EXPECT_EQ(needs_state(4, none).state, "fine");
  std::array<NeedCounts, 2> mixed{};
  mixed[0].closeness = 2;
  EXPECT_EQ(needs_state(4, mixed).state, "closeness");
  mixed[1].space = 1;
  EXPECT_EQ(needs_state(4, mixed).state, "space");
  mixed[0].comfort = 1;
  EXPECT_EQ(needs_state(4, mixed).state, "comfort");
}

TEST(CardStates, AskingOutrightCountsAsANeedEvenBeforeEnoughDays) {
  std::array<NeedCounts, 2> asked{};
  asked[1].space_requests = 1;
  EXPECT_EQ(needs_state(0, asked).state, "space") << "a request for space is a need, named as one";
  asked[0].comfort_requests = 1;
  EXPECT_EQ(needs_state(2, asked).state, "comfort");
  std::array<NeedCounts, 2> days_only{};
  days_only[0].space = 2;
  EXPECT_EQ(needs_state(3, days_only).state, "not_enough");
}

TEST(CardStates, VulnerabilityQuietOneBothAndOneSided) {
  VulnerabilityInsight v{};
  EXPECT_EQ(vulnerability_state(v), (CardState{"quiet", std::nullopt}));
  v.members[1].comfort_requests = 2;
  EXPECT_EQ(vulnerability_state(v), (CardState{"one", std::nullopt}));
  v.members[0].shared_vulnerable = 1;
  EXPECT_EQ(vulnerability_state(v), (CardState{"both", std::nullopt}));
  // Through the rule itself: three for b, none for a.
  auto sided = vulnerability_insight({Vulnerability{}, Vulnerability{2, 1, 0}}, {});
  EXPECT_EQ(vulnerability_state(sided), (CardState{"one_sided", 1}));
}

TEST(CardStates, WarmWordsAffectionAndAnswers) {
  EXPECT_EQ(appreciation_state({Warmth{}, Warmth{}}).state, "none");
  EXPECT_EQ(appreciation_state({Warmth{}, Warmth{1, std::nullopt}}).state, "some");
  EXPECT_EQ(affection_state({}).state, "none");
  EXPECT_EQ(affection_state({0, 1, 0}).state, "some");
  EXPECT_EQ(responsiveness_state({}).state, "no_calls");
  EXPECT_EQ(responsiveness_state({2, 2, 10}).state, "answered");
  EXPECT_EQ(responsiveness_state({3, 2, 10}).state, "some_unanswered");
}

TEST(CardStates, SpaceNamesOnlyAWishThePersonChoseToShow) {
  EXPECT_EQ(space_state(3, {true, true}).state, "not_enough");
  // Nobody showed a wish: nothing is measured against anything.
  EXPECT_EQ(space_state(4, {std::nullopt, std::nullopt}), (CardState{"told", std::nullopt}));
  EXPECT_EQ(space_state(4, {false, std::nullopt}), (CardState{"told", std::nullopt}));
  EXPECT_EQ(space_state(4, {false, true}), (CardState{"room_unmet", 1}));
  EXPECT_EQ(space_state(4, {true, true}), (CardState{"room_unmet", 0}));
}

TEST(Highlight, WhatNeedsCareComesBeforeWhatGoesWell) {
  EXPECT_EQ(highlight({}), "closeness");
  EXPECT_EQ(highlight({{"appreciation", "some"}, {"closeness", "balanced"}}), "closeness");
  EXPECT_EQ(highlight({{"appreciation", "none"}, {"closeness", "balanced"}}), "appreciation");
  EXPECT_EQ(highlight({{"appreciation", "none"}, {"responsiveness", "some_unanswered"}}), "responsiveness");
  EXPECT_EQ(highlight({{"vulnerability", "one_sided"}, {"closeness", "pursue_withdraw"}}), "closeness");
  EXPECT_EQ(highlight({{"closeness", "not_enough"}, {"space", "room_unmet"}}), "space");
}

// ---- insights for one person

TEST(SharingGap, FamiliesWithTwoEntriesOrMoreMostWrittenFirst) {
  EXPECT_TRUE(sharing_gap({}).empty());
  std::vector<WrittenEntry> entries = {
      {{"hurt", "hurt", "sadness"}, false},  // hurt twice in one entry counts once
      {{"hurt"}, true},
      {{"hurt"}, false},
      {{"joy"}, true},
      {{"joy"}, true},
      {{"sadness"}, true},
      {{"fear"}, false},  // one entry only: left out
      {{}, true},         // no feelings: in no family
  };
  auto gap = sharing_gap(entries);
  ASSERT_EQ(gap.size(), 3u);
  EXPECT_EQ(gap[0], (FamilyShare{"hurt", 3, 1}));
  EXPECT_EQ(gap[1], (FamilyShare{"joy", 2, 2}));  // a tie with sadness: by family id
  EXPECT_EQ(gap[2], (FamilyShare{"sadness", 2, 1}));
}

CheckIn guessed(const std::string& who, Day day, int now, const std::string& feeling_family,
                const std::string& guess_family, int guess_closeness) {
  CheckIn c = checkin(who, day, now, now);
  c.feelings.push_back(Feeling{"word_" + feeling_family, feeling_family, 3});
  c.guess_family = guess_family;
  c.guess_closeness = guess_closeness;
  return c;
}

TEST(MindReading, EachSideScoredForItselfWithTheFamiliesMostMissed) {
  std::vector<CheckIn> all = {
      // a guesses b; b guesses a.
      guessed("a", 95, 4, "joy", "hurt", 2), guessed("b", 95, 2, "hurt", "joy", 4),        // a right, b right
      guessed("a", 96, 4, "fear", "joy", 5), guessed("b", 96, 5, "hurt", "joy", 1),        // a missed hurt; b missed fear, far
      guessed("a", 97, 4, "fear", "calm", 4), guessed("b", 97, 4, "hurt", "fear", 2),      // a missed hurt; b right family, far off
      guessed("a", 98, 4, "sadness", "calm", 4), guessed("b", 98, 4, "calm", "fear", 4),   // a right; b missed sadness
      guessed("a", 99, 4, "joy", "calm", 7), guessed("b", 99, 4, "anger", "joy", 4),      // a missed anger, far; b right
  };
  auto days = answered_days(all, "a", "b", week);
  auto a = mind_reading(days, 0);
  EXPECT_EQ(a.days, 5);
  EXPECT_EQ(a.family_right, 2);
  EXPECT_EQ(a.closeness_right, 4);
  EXPECT_EQ(a.ask_about, (std::vector<std::string>{"hurt"}));  // anger was missed once only
  auto b = mind_reading(days, 1);
  EXPECT_EQ(b.days, 5);
  EXPECT_EQ(b.family_right, 3);
  EXPECT_EQ(b.closeness_right, 3);
  EXPECT_TRUE(b.ask_about.empty());
  EXPECT_EQ(mind_reading({}, 0), MindReading{});
}

TEST(OwnTimeForOneself, ADayToldInTwoBondsIsOneDay) {
  std::vector<CheckIn> mine = {checkin("a", 95, 4, 4), checkin("a", 95, 4, 4), checkin("a", 96, 4, 4),
                               checkin("a", 80, 4, 4)};
  mine[0].own_minutes = 60;
  mine[1].own_minutes = 90;  // the same day in another bond: the larger counts
  mine[1].bond_id = "other";
  mine[2].own_minutes = 30;
  mine[3].own_minutes = 600;  // before the window
  EXPECT_EQ(own_minutes_by_day(mine, {}, week), (std::pair<int, long>{2, 120}));
  EXPECT_EQ(own_minutes_by_day({}, {}, week), (std::pair<int, long>{0, 0}));
  // The log tells of the same days: the larger counts, and a day only logged is a day told.
  std::vector<OwnTimeSpent> logged{{95, 45, "walk"}, {95, 60, "hobby"}, {96, 20, "rest"}, {97, 40, "friends"}};
  EXPECT_EQ(own_minutes_by_day(mine, logged, week), (std::pair<int, long>{3, 105 + 30 + 40}));
  EXPECT_EQ(own_time_state(3, own_time_against_wish(120, 3, 60)).state, "not_enough");
  EXPECT_EQ(own_time_state(4, own_time_against_wish(120, 4, std::nullopt)).state, "no_wish");
  EXPECT_EQ(own_time_state(7, own_time_against_wish(120, 7, 121)).state, "under_wish");
  EXPECT_EQ(own_time_state(7, own_time_against_wish(120, 7, 120)).state, "met_wish");
}

}  // namespace
}  // namespace pillars
