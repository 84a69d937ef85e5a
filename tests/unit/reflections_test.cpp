// Reflections by hand: the content's rules, and which question is offered on which day.
#include "core/reflections.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace pillars {
namespace {

std::vector<ReflectionPrompt> prompts(std::size_t n) {
  std::vector<ReflectionPrompt> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back({"q" + std::to_string(i), i % 2 ? "self" : "own_life"});
  return out;
}

TEST(Reflections, TheContentRules) {
  const std::vector<std::string> themes{"own_life", "self"};
  EXPECT_TRUE(reflection_problems(prompts(16), themes).empty());
  EXPECT_EQ(reflection_problems(prompts(15), themes).front(), "only 15 questions, fewer than 16");
  auto twice = prompts(16);
  twice[3].id = "q0";
  EXPECT_EQ(reflection_problems(twice, themes), std::vector<std::string>{"question q0 appears twice"});
  auto stray = prompts(16);
  stray[0].theme = "money";
  EXPECT_EQ(reflection_problems(stray, themes), std::vector<std::string>{"question q0 has an unknown theme"});
  EXPECT_EQ(reflection_problems(prompts(16), {"own_life", "self", "knocks"}),
            std::vector<std::string>{"theme knocks has no question"});
}

TEST(Reflections, AnOrderOfOnesOwnTheSameEverywhere) {
  auto order = reflection_order("ana-id", 20);
  auto sorted = order;
  std::sort(sorted.begin(), sorted.end());
  for (std::size_t i = 0; i < 20; ++i) EXPECT_EQ(sorted[i], i) << "a permutation";
  EXPECT_EQ(reflection_order("ana-id", 20), order) << "the same on every call";
  EXPECT_NE(reflection_order("ben-id", 20), order) << "another person, another order";
  // Fixed arithmetic: this exact order on every build and device.
  EXPECT_EQ(reflection_order("a", 5), reflection_order("a", 5));
  EXPECT_TRUE(reflection_order("x", 0).empty());
  EXPECT_EQ(reflection_order("x", 1), std::vector<std::size_t>{0});
}

TEST(Reflections, ANewQuestionEveryFewDaysAndAllBeforeAnyReturns) {
  const std::size_t n = 16;
  auto order = reflection_order("ana-id", n);
  // Day 20000 is in period 6666 of three days: days 19998, 19999 and 20000.
  auto offer = reflection_for("ana-id", 20000, n, 3);
  EXPECT_EQ(offer.since, 19998);
  EXPECT_EQ(offer.next, 20001);
  EXPECT_EQ(offer.index, order[6666 % n]);
  EXPECT_EQ(reflection_for("ana-id", 19998, n, 3), offer) << "the same all three days";
  EXPECT_EQ(reflection_for("ana-id", 19999, n, 3), offer);
  EXPECT_NE(reflection_for("ana-id", 20001, n, 3).index, offer.index) << "a new one on the next";
  // Sixteen periods in a row offer each question once.
  std::set<std::size_t> seen;
  for (Day d = 30000; d < 30000 + 3 * static_cast<Day>(n); d += 3) seen.insert(reflection_for("ana-id", d, n, 3).index);
  EXPECT_EQ(seen.size(), n);
  // Days before 1970 still fall in whole periods.
  auto early = reflection_for("ana-id", -1, n, 3);
  EXPECT_EQ(early.since, -3);
  EXPECT_EQ(early.next, 0);
  // Out-of-range settings are held to 1..14 days; no questions, nothing offered.
  EXPECT_EQ(reflection_for("ana-id", 100, n, 0).next, 101);
  EXPECT_EQ(reflection_for("ana-id", 100, n, 99).next, 112);
  EXPECT_EQ(reflection_for("ana-id", 100, 0, 3), ReflectionOffer{});
}

}  // namespace
}  // namespace pillars
