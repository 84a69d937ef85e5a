// The demo (`pillars serve --demo`): what it names in the content is there, and one seeding fills
// every feature's store with ten weeks that end yesterday, once.
#include "app/demo.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "api/app_context.h"
#include "core/menus.h"
#include "crypto/seal.h"
#include "core/notices.h"
#include "store/blocking.h"
#include "store/sqlite/sqlite_store.h"
#include "seeded_store.h"

namespace pillars::app {
namespace {

namespace fs = std::filesystem;

constexpr Millis kDayMs = 86'400'000;

TEST(Demo, SignInLineNamesBothPeopleAndThePassword) {
  const std::string line = demo_sign_in();
  EXPECT_EQ(line, "Demo: sign in as ada@example.com or ben@example.com with the password pillars-demo-2026");
}

TEST(Demo, NamesOnlyWhatTheContentHas) {
  auto loaded = api::load_catalog();
  ASSERT_TRUE(loaded) << loaded.error().detail;
  EXPECT_EQ(demo_content_problems(loaded->catalog), std::vector<std::string>{});
}

TEST(Demo, SaysWhichNameTheContentLost) {
  auto loaded = api::load_catalog();
  ASSERT_TRUE(loaded) << loaded.error().detail;
  Catalog catalog = loaded->catalog;
  std::erase_if(catalog.reflections, [](const ReflectionPrompt& p) { return p.id == "own_corner"; });
  for (auto& menu : catalog.menus)
    for (auto& item : menu.items)
      if (item.id == "affection.long_hug") item.id = "affection.long_embrace";
  const auto problems = demo_content_problems(catalog);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_NE(problems[0].find("own_corner"), std::string::npos) << problems[0];
  EXPECT_NE(problems[1].find("affection.long_hug"), std::string::npos) << problems[1];
}

class DemoSeed : public testing::SeededStore {
 protected:
  DemoSeed() : SeededStore("demo") {}
};

TEST_F(DemoSeed, FillsEveryFeatureOnceWithinTheTenWeeksEndingYesterday) {
  const Millis now = 20'000 * kDayMs + 9 * 3'600'000;  // a morning
  const Day today = 20'000;
  auto seeded = seed_demo(*store_, catalog_, now);
  ASSERT_TRUE(seeded) << seeded.error().detail;
  EXPECT_TRUE(*seeded);
  auto again = seed_demo(*store_, catalog_, now + kDayMs);
  ASSERT_TRUE(again);
  EXPECT_FALSE(*again) << "a second start adds nobody";

  // What the store holds now, read in one snapshot (`value()` throws, failing the test, on an error).
  struct Facts {
    User ada, ben;
    std::vector<BondView> bonds;
    std::vector<CheckIn> checkins;
    std::vector<MenuSuggestion> suggestions;
    std::vector<MenuAnswerRow> answers;
    std::vector<Reveal> reveals;
    std::vector<store::ReadTx::PromptState> states;
    std::vector<NeedsResult> shown;
    std::vector<Moment> moments;
    std::vector<OwnTimeSpent> own;
    std::vector<NoticeRow> notices;
  };
  const Facts f = store::read_now(*store_, [&](store::ReadTx& tx) {
    Facts r;
    r.ada = tx.user_by_email("ada@example.com").value().value();
    r.ben = tx.user_by_email("ben@example.com").value().value();
    r.bonds = tx.bonds_of(r.ada.id).value();
    if (r.bonds.size() != 1) return r;
    const std::string& bond = r.bonds.front().id;
    r.checkins = tx.checkins_between(bond, today - 200, today + 1).value();
    r.suggestions = tx.menu_suggestions(bond).value();
    r.answers = tx.menu_answers_of(bond, r.ada.id).value();
    const auto bens = tx.menu_answers_of(bond, r.ben.id).value();
    r.answers.insert(r.answers.end(), bens.begin(), bens.end());
    r.reveals = tx.reveals(bond).value();
    r.states = tx.prompt_states(bond, r.ada.id).value();
    r.shown = tx.needs_shown_in(bond).value();
    r.moments = tx.moments_in(bond).value();
    r.own = tx.own_time_between(r.ben.id, today - kDemoDays, today - 1).value();
    r.notices = tx.notices_for(r.ada.id, now - 30 * kDayMs).value();
    return r;
  });
  ASSERT_EQ(f.bonds.size(), 1u);
  EXPECT_EQ(f.bonds.front().kind, BondKind::partner);

  // Both checked in on each of the 70 days, the last yesterday.
  ASSERT_EQ(f.checkins.size(), 140u);
  EXPECT_EQ(f.checkins.front().day, today - kDemoDays);
  EXPECT_EQ(f.checkins.back().day, today - 1);

  // Eight shared affection wishes (one of them Ada's own suggestion), a few intimate ones with an
  // "ask me first"; the later check-ins name only those wishes.
  const auto matches = menu_matches(catalog_.menus, BondKind::partner, MenuMembers{f.ada.id, f.ben.id, true, true},
                                    f.suggestions, f.answers);
  const auto in = [&](std::string_view menu) {
    return std::count_if(matches.begin(), matches.end(), [&](const MenuMatch& m) { return m.menu == menu; });
  };
  EXPECT_EQ(in("affection"), 8);
  EXPECT_GE(in("intimacy"), 3);
  EXPECT_TRUE(std::any_of(matches.begin(), matches.end(), [](const MenuMatch& m) { return m.ask_first; }));
  EXPECT_EQ(f.suggestions.size(), 2u);
  std::size_t named = 0;
  for (const auto& c : f.checkins) {
    named += c.wishes.size();
    EXPECT_TRUE(check_wishes_lived(c.wishes, matches).empty()) << format_day(c.day);
  }
  EXPECT_GT(named, 10u);

  // Three decks opened their second level; one prompt waits for Ada, one for Ben.
  EXPECT_EQ(levels_opened(catalog_.decks, BondKind::partner, f.reveals).size(), 3u);
  EXPECT_EQ(std::count_if(f.states.begin(), f.states.end(), [](const auto& s) { return s.mine && !s.other; }), 1);
  EXPECT_EQ(std::count_if(f.states.begin(), f.states.end(), [](const auto& s) { return s.other && !s.mine; }), 1);

  EXPECT_EQ(f.shown.size(), 2u) << "both show their needs";
  EXPECT_GE(f.moments.size(), 8u);
  for (const auto& m : f.moments) EXPECT_LT(m.day, today);
  EXPECT_GE(f.own.size(), 25u);
  EXPECT_GT(f.notices.size(), 20u);
  for (const auto& n : f.notices) EXPECT_LT(n.notice.created_at, today * kDayMs);
  EXPECT_TRUE(std::any_of(f.notices.begin(), f.notices.end(), [](const NoticeRow& n) { return !n.notice.seen_at; }));
}

}  // namespace
}  // namespace pillars::app
