// Menus by hand: the content's rules, answers and their stored form, who sees which menu and
// suggestion, and the matches for every combination of two answers.
#include "core/menus.h"

#include <gtest/gtest.h>

namespace pillars {
namespace {

constexpr BondKinds kAll = kind_bit(BondKind::partner) | kind_bit(BondKind::friend_) | kind_bit(BondKind::family);
constexpr BondKinds kPartner = kind_bit(BondKind::partner);

Menu menu(std::string id, BondKinds kinds, std::vector<std::string> categories, std::size_t per_category) {
  Menu m{id, kinds, categories, {}};
  for (const auto& c : categories)
    for (std::size_t i = 0; i < per_category; ++i)
      m.items.push_back({id + "." + c + std::to_string(i), id, c, kinds, 20, 0});
  return m;
}

std::vector<Menu> good_menus() {
  return {menu("affection", kAll, {"touch", "time", "words", "care", "play"}, 8),
          menu("intimacy", kPartner, {"closeness", "touch", "talk", "mood", "new", "care"}, 10)};
}

TEST(Menus, TheContentRules) {
  EXPECT_TRUE(menu_problems(good_menus()).empty());
  auto has = [](const std::vector<std::string>& problems, std::string_view what) {
    for (const auto& p : problems)
      if (p.find(what) != std::string::npos) return true;
    return false;
  };
  {
    auto m = good_menus();
    std::swap(m[0], m[1]);
    EXPECT_TRUE(has(menu_problems(m), "exactly affection, intimacy"));
  }
  {
    auto m = good_menus();
    m[1].kinds = kAll;
    for (auto& i : m[1].items) i.kinds = kAll;
    EXPECT_TRUE(has(menu_problems(m), "menu intimacy is for partners only"));
  }
  {
    auto m = good_menus();
    m[0].items[3].id = m[0].items[2].id;
    EXPECT_TRUE(has(menu_problems(m), "appears twice"));
    m = good_menus();
    m[0].items[0].id = "intimacy.hug";
    EXPECT_TRUE(has(menu_problems(m), "is not named <menu>.<slug>"));
    m = good_menus();
    m[0].items[0].id = "affection.Hug";
    EXPECT_TRUE(has(menu_problems(m), "is not named <menu>.<slug>"));
    m = good_menus();
    m[0].items[0].category = "nowhere";
    EXPECT_TRUE(has(menu_problems(m), "is in no category"));
    m = good_menus();
    m[1].items[0].kinds = kAll;
    EXPECT_TRUE(has(menu_problems(m), "needs kinds of bond that its menu suits"));
    m = good_menus();
    m[0].items[0].kinds = 0;
    EXPECT_TRUE(has(menu_problems(m), "needs kinds of bond"));
    m = good_menus();
    m[0].items[0].text_length = 2;
    m[0].items[1].text_length = 91;
    EXPECT_EQ(menu_problems(m).size(), 2u);
    m = good_menus();
    m[0].items[0].detail_length = 161;
    EXPECT_TRUE(has(menu_problems(m), "detail longer than 160"));
  }
  {
    auto m = good_menus();
    m[1].items.resize(50);  // the last category, care, loses all its items
    EXPECT_TRUE(has(menu_problems(m), "fewer than 60"));
    EXPECT_TRUE(has(menu_problems(m), "fewer than 6 items in care"));
    m = good_menus();
    m[0].items.resize(39);
    EXPECT_TRUE(has(menu_problems(m), "fewer than 40"));
  }
}

TEST(Menus, AnAnswerIsYesMaybeOrNoAndAskFirstGoesWithMaybe) {
  MenuChoice c;
  EXPECT_TRUE(apply_menu_choice({"yes", std::nullopt}, c).empty());
  EXPECT_EQ(c, (MenuChoice{MenuAnswer::yes, false}));
  EXPECT_TRUE(apply_menu_choice({"maybe", true}, c).empty());
  EXPECT_EQ(c, (MenuChoice{MenuAnswer::maybe, true}));
  EXPECT_TRUE(apply_menu_choice({"no", false}, c).empty());
  EXPECT_EQ(c, (MenuChoice{MenuAnswer::no, false}));
  c = {MenuAnswer::yes, false};
  auto bad = apply_menu_choice({"yes", true}, c);
  ASSERT_EQ(bad.size(), 1u);
  EXPECT_EQ(bad[0].field, "ask_first");
  EXPECT_EQ(apply_menu_choice({"sometimes", std::nullopt}, c)[0].field, "answer");
  EXPECT_EQ(apply_menu_choice({std::nullopt, std::nullopt}, c)[0].field, "answer");
  EXPECT_EQ(c, (MenuChoice{MenuAnswer::yes, false})) << "a refused draft changes nothing";
}

TEST(Menus, EveryAnswerIsStoredAsOneCharacter) {
  for (auto choice : {MenuChoice{MenuAnswer::yes, false}, MenuChoice{MenuAnswer::maybe, false},
                      MenuChoice{MenuAnswer::maybe, true}, MenuChoice{MenuAnswer::no, false}}) {
    const std::string stored(1, encode_choice(choice));
    EXPECT_EQ(decode_choice(stored), choice);
  }
  EXPECT_FALSE(decode_choice(""));
  EXPECT_FALSE(decode_choice("yes"));
  EXPECT_FALSE(decode_choice("x"));
}

TEST(Menus, ASuggestionNeedsAMenuACategoryAndALineOfWords) {
  const auto menus = good_menus();
  MenuSuggestion s;
  EXPECT_TRUE(apply_menu_suggestion({"affection", "play", "  Stargazing on the roof  "}, menus, s).empty());
  EXPECT_EQ(s.menu, "affection");
  EXPECT_EQ(s.category, "play");
  EXPECT_EQ(s.text, "Stargazing on the roof");
  EXPECT_EQ(apply_menu_suggestion({"desserts", "play", "Cake"}, menus, s)[0].field, "menu");
  EXPECT_EQ(apply_menu_suggestion({"affection", "mood", "Candles"}, menus, s)[0].field, "category")
      << "a category of the other menu";
  EXPECT_EQ(apply_menu_suggestion({"affection", "play", "ab"}, menus, s)[0].field, "text");
  EXPECT_EQ(apply_menu_suggestion({"affection", "play", std::string(91, 'a')}, menus, s)[0].field, "text");
  EXPECT_EQ(apply_menu_suggestion({"affection", "play", "two\nlines"}, menus, s)[0].field, "text");
  EXPECT_EQ(apply_menu_suggestion({"affection", "play", "   "}, menus, s)[0].field, "text");
  EXPECT_EQ(s.text, "Stargazing on the roof") << "a refused draft changes nothing";
}

TEST(Menus, TheIntimacyMenuIsOpenOnlyToPartnersWhoOpenedIt) {
  const auto menus = good_menus();
  EXPECT_TRUE(menu_open(menus[0], BondKind::friend_, false));
  EXPECT_TRUE(menu_open(menus[0], BondKind::partner, false));
  EXPECT_FALSE(menu_open(menus[1], BondKind::partner, false));
  EXPECT_TRUE(menu_open(menus[1], BondKind::partner, true));
  EXPECT_FALSE(menu_open(menus[1], BondKind::family, true)) << "never outside a partner bond";

  MenuSuggestion s;
  s.author.id = "ana";
  EXPECT_TRUE(suggestion_shown(s, "ana", true, false)) << "its author sees it while the menu is open to her";
  EXPECT_FALSE(suggestion_shown(s, "ana", false, false));
  EXPECT_FALSE(suggestion_shown(s, "ben", true, false)) << "the other only once it is open to both";
  EXPECT_TRUE(suggestion_shown(s, "ben", true, true));
}

// The matches for one item answered by two members: every combination, in both menus.
TEST(Menus, AMatchIsBothSayingYesOrMaybeAndNothingElse) {
  const auto menus = good_menus();
  const std::optional<MenuChoice> none;
  const std::vector<std::optional<MenuChoice>> choices = {
      none, MenuChoice{MenuAnswer::yes, false}, MenuChoice{MenuAnswer::maybe, false}, MenuChoice{MenuAnswer::maybe, true},
      MenuChoice{MenuAnswer::no, false}};
  for (const auto& item : {menus[0].items[0].id, menus[1].items[0].id}) {
    const bool intimate = item.starts_with("intimacy.");
    for (const auto& a : choices)
      for (const auto& b : choices)
        for (int opened = 0; opened < 4; ++opened) {
          std::vector<MenuAnswerRow> answers;
          if (a) answers.push_back({"ana", item, *a, 1});
          if (b) answers.push_back({"ben", item, *b, 2});
          MenuMembers members{"ana", "ben", (opened & 1) != 0, (opened & 2) != 0};
          auto m = menu_matches(menus, BondKind::partner, members, {}, answers);
          const bool both_open = !intimate || opened == 3;
          const bool want = both_open && a && b && a->answer != MenuAnswer::no && b->answer != MenuAnswer::no;
          ASSERT_EQ(m.size(), want ? 1u : 0u) << item << " " << opened;
          if (!want) continue;
          EXPECT_EQ(m[0].item_id, item);
          EXPECT_EQ(m[0].menu, intimate ? "intimacy" : "affection");
          EXPECT_EQ(m[0].both_yes, a->answer == MenuAnswer::yes && b->answer == MenuAnswer::yes);
          EXPECT_EQ(m[0].ask_first, a->ask_first || b->ask_first);
          // The same from the other side.
          MenuMembers swapped{"ben", "ana", members.b_opened, members.a_opened};
          EXPECT_EQ(menu_matches(menus, BondKind::partner, swapped, {}, answers), m);
        }
  }
}

TEST(Menus, MatchesFollowTheContentThenSuggestionsOldestFirst) {
  const auto menus = good_menus();
  auto yes = MenuChoice{MenuAnswer::yes, false};
  MenuSuggestion late{"s2", "b", "affection", "play", Person{"ben", ""}, "Late", 20};
  MenuSuggestion early{"s1", "b", "intimacy", "mood", Person{"ana", ""}, "Early", 10};
  MenuSuggestion friendless{"s3", "b", "intimacy", "mood", Person{"ana", ""}, "Closed", 5};
  std::vector<MenuAnswerRow> answers;
  // Answered in an order of their own: the matches never follow it.
  for (const auto& id : {std::string("s2"), menus[0].items[5].id, std::string("s1"), menus[1].items[0].id, menus[0].items[1].id})
    for (const auto& who : {"ben", "ana"}) answers.push_back({who, id, yes, 0});
  std::vector<std::string> ids;
  for (const auto& m : menu_matches(menus, BondKind::partner, {"ana", "ben", true, true}, {late, early}, answers))
    ids.push_back(m.item_id);
  EXPECT_EQ(ids, (std::vector<std::string>{menus[0].items[1].id, menus[0].items[5].id, menus[1].items[0].id, "s1", "s2"}));
  // With the intimacy menu open to one only, neither its items nor its suggestions match.
  ids.clear();
  for (const auto& m : menu_matches(menus, BondKind::partner, {"ana", "ben", true, false}, {late, early, friendless}, answers))
    ids.push_back(m.item_id);
  EXPECT_EQ(ids, (std::vector<std::string>{menus[0].items[1].id, menus[0].items[5].id, "s2"}));
  // An item that does not suit the bond never matches, whatever was stored.
  auto family = menus;
  family[0].items[1].kinds = kPartner;
  ids.clear();
  for (const auto& m : menu_matches(family, BondKind::family, {"ana", "ben", true, true}, {late}, answers))
    ids.push_back(m.item_id);
  EXPECT_EQ(ids, (std::vector<std::string>{menus[0].items[5].id, "s2"}));
  // Someone else's answers (a former member, a stranger) never count.
  std::vector<MenuAnswerRow> strangers{{"cat", menus[0].items[0].id, yes, 0}, {"ana", menus[0].items[0].id, yes, 0}};
  EXPECT_TRUE(menu_matches(menus, BondKind::partner, {"ana", "ben", true, true}, {}, strangers).empty());
}

}  // namespace
}  // namespace pillars
