// Conversation decks by hand: the content's rules, how levels open, and the prompt of the day.
#include "core/decks.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace pillars {
namespace {

constexpr BondKinds kAll = kind_bit(BondKind::partner) | kind_bit(BondKind::friend_) | kind_bit(BondKind::family);
constexpr BondKinds kPartner = kind_bit(BondKind::partner);

// A deck with `per_level` open prompts at each level for every kind it suits.
Deck deck(std::string id, BondKinds kinds, int per_level, int choices = 0) {
  Deck d{id, kinds, {}};
  for (int level = 1; level <= kDeckLevels; ++level)
    for (int i = 0; i < per_level; ++i) {
      DeckPrompt p{id + "." + std::to_string(level) + ".p" + std::to_string(i), id, level, kinds, 40, {}};
      if (i < choices) p.choices = {"one", "two", "three"};
      d.prompts.push_back(std::move(p));
    }
  return d;
}

std::vector<Deck> good_decks() {
  std::vector<Deck> out;
  for (auto id : kDeckIds)
    out.push_back(deck(std::string(id), id == "affection" ? kPartner : kAll, id == "love_map" ? 16 : 10,
                       id == "love_map" ? 14 : 0));
  return out;
}

TEST(Decks, TheContentRules) {
  EXPECT_EQ(deck_problems(good_decks()), std::vector<std::string>{});

  auto missing = good_decks();
  missing.pop_back();
  EXPECT_FALSE(deck_problems(missing).empty());

  auto twice = good_decks();
  twice[1].prompts[1].id = twice[1].prompts[0].id;
  EXPECT_EQ(deck_problems(twice).front(), "prompt feelings.1.p0 appears twice");

  auto misnamed = good_decks();
  misnamed[0].prompts[0].id = "inner_world.2.p99";  // at level 1
  EXPECT_EQ(deck_problems(misnamed).front(), "prompt inner_world.2.p99 is not named <deck>.<level>.<slug>");

  auto stray_kind = good_decks();
  stray_kind[4].prompts[0].kinds = kAll;  // the affection deck suits partners only
  EXPECT_EQ(deck_problems(stray_kind).front(), "prompt affection.1.p0 needs kinds of bond that its deck suits");

  auto long_text = good_decks();
  long_text[0].prompts[0].text_length = 201;
  EXPECT_EQ(deck_problems(long_text).front(), "prompt inner_world.1.p0 needs a text of 10 to 200 characters");

  auto choice_outside = good_decks();
  choice_outside[0].prompts[0].choices = {"a", "b", "c"};
  EXPECT_EQ(deck_problems(choice_outside).front(), "prompt inner_world.1.p0 offers choices outside the love map");

  auto two_choices = good_decks();
  two_choices[7].prompts[0].choices = {"a", "b"};
  EXPECT_EQ(deck_problems(two_choices).front(), "prompt love_map.1.p0 needs 3 to 5 choices");
  two_choices[7].prompts[0].choices = {"a", "b", "a"};
  EXPECT_EQ(deck_problems(two_choices).front(), "prompt love_map.1.p0 offers a choice twice");

  // A level that would run dry for one kind of bond before the next opens.
  auto thin = good_decks();
  for (auto& p : thin[2].prompts)
    if (p.level == 3 && p.id.ends_with("p0")) p.kinds = kPartner;
  for (auto& p : thin[2].prompts)
    if (p.level == 3 && (p.id.ends_with("p1") || p.id.ends_with("p2"))) p.kinds = kPartner;
  EXPECT_EQ(deck_problems(thin).front(), "deck self_worth has fewer than 8 prompts at level 3 for a friend bond");

  auto few = good_decks();
  for (auto& d : few) d.prompts.resize(d.prompts.size() - 3);
  EXPECT_FALSE(deck_problems(few).empty());
}

TEST(Decks, ALevelOpensWhenBothRevealedFiveOfTheOneBefore) {
  EXPECT_EQ(unlocked_level({0, 0, 0}), 1);
  EXPECT_EQ(unlocked_level({4, 0, 0}), 1);
  EXPECT_EQ(unlocked_level({5, 0, 0}), 2);
  EXPECT_EQ(unlocked_level({5, 4, 0}), 2);
  EXPECT_EQ(unlocked_level({7, 5, 0}), 3);
  EXPECT_EQ(unlocked_level({4, 9, 9}), 1) << "a level opens only from the one before";

  Deck d = deck("feelings", kAll, 10);
  d.prompts[0].kinds = kPartner;  // not a family's
  std::vector<std::string> revealed;
  for (int i = 0; i < 5; ++i) revealed.push_back("feelings.1.p" + std::to_string(i));
  revealed.push_back("journey.1.p0");  // another deck's: ignored
  auto family = deck_progress(d, BondKind::family, revealed);
  EXPECT_EQ(family.available, (std::array<int, 3>{9, 10, 10}));
  EXPECT_EQ(family.revealed, (std::array<int, 3>{4, 0, 0})) << "a prompt the bond cannot have does not count";
  EXPECT_EQ(family.unlocked, 1);
  auto partner = deck_progress(d, BondKind::partner, revealed);
  EXPECT_EQ(partner.revealed, (std::array<int, 3>{5, 0, 0}));
  EXPECT_EQ(partner.unlocked, 2);

  EXPECT_EQ(may_answer(d, d.prompts[12], BondKind::partner, partner), true) << "level 2, open";
  EXPECT_EQ(may_answer(d, d.prompts[25], BondKind::partner, partner), false) << "level 3, locked";
  EXPECT_EQ(may_answer(d, d.prompts[0], BondKind::family, family), std::nullopt) << "not a family's prompt";
  Deck affection = deck("affection", kPartner, 10);
  EXPECT_EQ(may_answer(affection, affection.prompts[0], BondKind::friend_, DeckProgress{}), std::nullopt);
}

TEST(Decks, EachLevelOpensAtTheRevealThatMadeItTheFifth) {
  std::vector<Deck> decks{deck("feelings", kAll, 10), deck("affection", kPartner, 10)};
  decks[0].prompts[0].kinds = kPartner;
  std::vector<Reveal> reveals;
  Millis at = 1000;
  auto reveal = [&](std::string id) { reveals.push_back({std::move(id), at++}); };
  for (int i = 0; i < 4; ++i) reveal("feelings.1.p" + std::to_string(i));
  reveal("affection.1.p0");  // a partner's deck, in between
  reveal("nowhere.1.p0");    // unknown: ignored
  reveal("feelings.1.p4");   // the fifth of level 1 for a partner (1006), the fourth for family
  reveal("feelings.1.p5");   // the fifth for family (1007)
  for (int i = 0; i < 5; ++i) reveal("feelings.2.p" + std::to_string(i));  // level 3 at 1012

  EXPECT_EQ(levels_opened(decks, BondKind::partner, reveals),
            (std::vector<LevelOpened>{{"feelings", 2, 1006}, {"feelings", 3, 1012}}));
  EXPECT_EQ(levels_opened(decks, BondKind::family, reveals),
            (std::vector<LevelOpened>{{"feelings", 2, 1007}, {"feelings", 3, 1012}}))
      << "the partner-only prompt does not count in a family bond, nor the partner-only deck";
  EXPECT_TRUE(levels_opened(decks, BondKind::friend_, {}).empty());
  // The same levels as deck_progress says are open, whatever the order of reveals.
  std::vector<std::string> ids;
  for (const auto& r : reveals) ids.push_back(r.prompt_id);
  EXPECT_EQ(deck_progress(decks[0], BondKind::partner, ids).unlocked, 3);
}

TEST(Decks, ThePromptOfTheDayIsTheSameForBothAndFairAcrossDecks) {
  const auto decks = good_decks();
  auto today = prompt_of_the_day("bond-a", 20000, decks, BondKind::partner, {});
  ASSERT_TRUE(today);
  EXPECT_EQ(prompt_of_the_day("bond-a", 20000, decks, BondKind::partner, {}), today) << "the same on every call";
  EXPECT_EQ(decks[today->deck].prompts[today->prompt].level, 1) << "only open levels";

  // Over many days every suited deck comes up about as often as the others.
  std::map<std::size_t, int> by_deck;
  for (Day day = 0; day < 4000; ++day) ++by_deck[prompt_of_the_day("bond-a", day, decks, BondKind::friend_, {})->deck];
  EXPECT_EQ(by_deck.size(), 7u) << "never the affection deck for friends";
  EXPECT_FALSE(by_deck.contains(4));
  for (const auto& [deck, n] : by_deck) EXPECT_NEAR(n, 4000 / 7, 110) << kDeckIds[deck];

  // Other bonds, other days: other prompts.
  std::set<std::string> seen;
  for (Day day = 0; day < 30; ++day) {
    auto c = prompt_of_the_day("bond-a", day, decks, BondKind::partner, {});
    seen.insert(decks[c->deck].prompts[c->prompt].id);
  }
  EXPECT_GT(seen.size(), 20u);

  EXPECT_FALSE(prompt_of_the_day("bond-a", 1, {deck("affection", kPartner, 10)}, BondKind::family, {}));
}

TEST(Decks, ARevealedPromptComesAgainOnlyWhenItsDeckIsSpent) {
  const std::vector<Deck> one{deck("journey", kAll, 10)};
  std::vector<std::string> revealed;
  for (int i = 0; i < 9; ++i) revealed.push_back("journey.1.p" + std::to_string(i));
  // Levels 1 and 2 are open (9 of level 1 revealed); the day's prompt is never a revealed one.
  for (Day day = 0; day < 200; ++day) {
    auto c = prompt_of_the_day("b", day, one, BondKind::friend_, revealed);
    const auto& p = one[0].prompts[c->prompt];
    EXPECT_EQ(std::find(revealed.begin(), revealed.end(), p.id), revealed.end()) << p.id;
    EXPECT_LE(p.level, 2);
  }
  // Every open prompt revealed: then they may come again.
  for (int level = 1; level <= 3; ++level)
    for (int i = 0; i < 10; ++i) revealed.push_back("journey." + std::to_string(level) + ".p" + std::to_string(i));
  auto again = prompt_of_the_day("b", 7, one, BondKind::friend_, revealed);
  ASSERT_TRUE(again);
}

TEST(Decks, AnAnswerIsWordsOrAChoiceWithAGuess) {
  DeckPrompt open{"feelings.1.a", "feelings", 1, kAll, 40, {}};
  DeckPrompt choice{"love_map.1.b", "love_map", 1, kAll, 40, {"tea", "coffee", "neither"}};
  DeckAnswer a;
  EXPECT_TRUE(apply_deck_answer({std::string("A quiet morning"), std::nullopt, std::nullopt}, open, a).empty());
  EXPECT_EQ(a.body, "A quiet morning");
  auto fields = [](const std::vector<FieldError>& errors) {
    std::vector<std::string> out;
    for (const auto& e : errors) out.push_back(e.field);
    return out;
  };
  DeckAnswer b;
  EXPECT_EQ(fields(apply_deck_answer({std::string("  "), std::nullopt, std::nullopt}, open, b)), std::vector<std::string>{"body"});
  EXPECT_EQ(fields(apply_deck_answer({std::string(kMaxDeckAnswer + 1, 'a'), std::nullopt, std::nullopt}, open, b)),
            std::vector<std::string>{"body"});
  EXPECT_TRUE(apply_deck_answer({std::string(kMaxDeckAnswer, 'a'), std::nullopt, std::nullopt}, open, b).empty());
  EXPECT_EQ(fields(apply_deck_answer({std::string("x"), 1, 1}, open, b)), (std::vector<std::string>{"choice", "guess"}));

  DeckAnswer c;
  EXPECT_TRUE(apply_deck_answer({std::nullopt, 2, 0}, choice, c).empty());
  EXPECT_EQ(c.choice, 2);
  EXPECT_EQ(c.guess, 0);
  EXPECT_FALSE(c.body);
  EXPECT_EQ(fields(apply_deck_answer({std::nullopt, 3, 0}, choice, c)), std::vector<std::string>{"choice"});
  EXPECT_EQ(fields(apply_deck_answer({std::nullopt, 0, -1}, choice, c)), std::vector<std::string>{"guess"});
  EXPECT_EQ(fields(apply_deck_answer({std::nullopt, 0, std::nullopt}, choice, c)), std::vector<std::string>{"guess"});
  EXPECT_EQ(fields(apply_deck_answer({std::string("tea"), 0, 0}, choice, c)), std::vector<std::string>{"body"});
  EXPECT_EQ(c.choice, 2) << "a refused answer changes nothing";

  DeckAnswer mine{"b", "love_map.1.b", "u1", std::nullopt, 0, 1, 0, 0};
  DeckAnswer theirs{"b", "love_map.1.b", "u2", std::nullopt, 1, 2, 0, 0};
  EXPECT_TRUE(guessed_right(mine, theirs));
  EXPECT_FALSE(guessed_right(theirs, mine));
}

}  // namespace
}  // namespace pillars
