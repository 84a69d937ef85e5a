// The two needs, scored by hand: the questionnaire's rules, answers checked, reverse-keyed
// statements, the bands and the dance between two people.
#include "core/needs.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace pillars {
namespace {

// A small questionnaire to work by hand: four statements per need, one of each reversed.
std::vector<NeedItem> items() {
  return {
      {"c1", NeedScale::closeness, false},    {"i1", NeedScale::independence, false}, {"c2", NeedScale::closeness, false},
      {"i2", NeedScale::independence, false}, {"c3", NeedScale::closeness, true},     {"i3", NeedScale::independence, true},
      {"c4", NeedScale::closeness, false},    {"i4", NeedScale::independence, false},
  };
}

std::vector<NeedAnswer> answers(const std::vector<int>& values) {
  std::vector<NeedAnswer> out;
  auto it = items();
  for (std::size_t i = 0; i < it.size(); ++i) out.push_back({it[i].id, values[i]});
  return out;
}

TEST(NeedItems, TheQuestionnaireRules) {
  auto twelve = items();
  for (int i = 0; i < 4; ++i) twelve.push_back({"extra" + std::to_string(i), i % 2 ? NeedScale::closeness : NeedScale::independence});
  EXPECT_TRUE(need_items_problems(twelve).empty());

  EXPECT_FALSE(need_items_problems(items()).empty()) << "eight statements are too few";

  auto twice = twelve;
  twice.back().id = "c1";
  ASSERT_EQ(need_items_problems(twice).size(), 1u);
  EXPECT_EQ(need_items_problems(twice)[0], "statement c1 appears twice");

  auto one_way = twelve;
  for (auto& item : one_way)
    if (item.need == NeedScale::closeness) item.reverse = false;
  ASSERT_EQ(need_items_problems(one_way).size(), 1u);
  EXPECT_EQ(need_items_problems(one_way)[0], "closeness needs statements keyed both ways");

  auto lopsided = twelve;
  for (auto& item : lopsided) item.need = NeedScale::closeness;
  lopsided[0].reverse = true;
  EXPECT_GE(need_items_problems(lopsided).size(), 1u) << "no statement for independence";
}

TEST(NeedAnswers, EveryStatementOnceFromOneToSeven) {
  std::vector<int> out;
  EXPECT_TRUE(check_need_answers(items(), answers({1, 2, 3, 4, 5, 6, 7, 1}), out).empty());
  EXPECT_EQ(out, (std::vector<int>{1, 2, 3, 4, 5, 6, 7, 1}));

  // Given in another order, the values still land in the items' order.
  auto shuffled = answers({1, 2, 3, 4, 5, 6, 7, 1});
  std::reverse(shuffled.begin(), shuffled.end());
  EXPECT_TRUE(check_need_answers(items(), shuffled, out).empty());
  EXPECT_EQ(out, (std::vector<int>{1, 2, 3, 4, 5, 6, 7, 1}));

  auto bad = answers({0, 8, 3, 4, 5, 6, 7, 1});
  bad.push_back({"nope", 3});
  bad.push_back({"c2", 4});
  auto errors = check_need_answers(items(), bad, out);
  ASSERT_EQ(errors.size(), 4u);
  EXPECT_EQ(errors[0].field, "answers.c1");
  EXPECT_EQ(errors[1].field, "answers.i1");
  EXPECT_EQ(errors[2].field, "answers.nope");
  EXPECT_EQ(errors[3].field, "answers.c2");
  EXPECT_EQ(errors[3].message, "Answer each statement once.");

  auto missing = answers({4, 4, 4, 4, 4, 4, 4, 4});
  missing.pop_back();
  missing.pop_back();
  errors = check_need_answers(items(), missing, out);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "answers");
  EXPECT_EQ(errors[0].message, "2 statements have no answer yet.");

  errors = check_need_answers(items(), {}, out);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message, "8 statements have no answer yet.");
}

TEST(NeedScores, MeansWithReverseKeyedStatements) {
  // Closeness: c1=7, c2=6, c3 reversed 2 -> 6, c4=5: (7+6+6+5)/4 = 6.
  // Independence: i1=1, i2=2, i3 reversed 7 -> 1, i4=3: (1+2+1+3)/4 = 1.75.
  EXPECT_EQ(score_needs(items(), {7, 1, 6, 2, 2, 7, 5, 3}), (NeedScores{6.0, 1.75}));
  // All in the middle reads the middle, reversed or not.
  EXPECT_EQ(score_needs(items(), {4, 4, 4, 4, 4, 4, 4, 4}), (NeedScores{4.0, 4.0}));
  // Agreeing with everything is not "strong" on both: the reversed statements pull it back.
  EXPECT_EQ(score_needs(items(), {7, 7, 7, 7, 7, 7, 7, 7}), (NeedScores{5.5, 5.5}));
  // The extremes: 1 and 7.
  EXPECT_EQ(score_needs(items(), {7, 1, 7, 1, 1, 7, 7, 1}), (NeedScores{7.0, 1.0}));
  // Rounded to two decimals: three statements give thirds, (1+1+2)/3 = 1.33 and (2+2+1)/3 = 1.67.
  std::vector<NeedItem> thirds = {{"a", NeedScale::closeness, false}, {"b", NeedScale::closeness, false},
                                  {"c", NeedScale::closeness, true},  {"d", NeedScale::independence, false},
                                  {"e", NeedScale::independence, false}, {"f", NeedScale::independence, false}};
  EXPECT_EQ(score_needs(thirds, {1, 1, 6, 2, 2, 1}), (NeedScores{1.33, 1.67}));
}

TEST(NeedBands, LightMiddleStrong) {
  EXPECT_EQ(need_band(1.0), "light");
  EXPECT_EQ(need_band(3.0), "light");
  EXPECT_EQ(need_band(3.01), "middle");
  EXPECT_EQ(need_band(4.99), "middle");
  EXPECT_EQ(need_band(5.0), "strong");
  EXPECT_EQ(need_band(7.0), "strong");
}

TEST(NeedsDance, NamesTheMixNeverAVerdict) {
  // Much alike: differences under one point on both needs.
  EXPECT_EQ(needs_dance({5.0, 3.0}, {4.25, 3.75}), (Dance{"alike", -1, -1, -1}));
  // One reaches for closeness, the other for room: the classic dance, either way round.
  EXPECT_EQ(needs_dance({6.0, 2.5}, {4.0, 5.0}), (Dance{"closer_and_roomier", 0, 1, -1}));
  EXPECT_EQ(needs_dance({4.0, 5.0}, {6.0, 2.5}), (Dance{"closer_and_roomier", 1, 0, -1}));
  // Exactly one point apart counts as a difference (rounded scores, no float surprises).
  EXPECT_EQ(needs_dance({5.25, 3.0}, {4.25, 3.0}), (Dance{"closeness_differs", 0, -1, 1}));
  EXPECT_EQ(needs_dance({4.0, 2.13}, {4.5, 3.13}), (Dance{"room_differs", -1, 1, 0}));
  // One looks for more of both.
  EXPECT_EQ(needs_dance({3.0, 3.0}, {5.0, 6.0}), (Dance{"more_of_both", 1, 1, 0}));
  // Identical needs: alike.
  EXPECT_EQ(needs_dance({4.0, 4.0}, {4.0, 4.0}), (Dance{"alike", -1, -1, -1}));
}

}  // namespace
}  // namespace pillars
