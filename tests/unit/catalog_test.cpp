// The built-in content keeps the catalog's rules: the server refuses to start otherwise, and this
// test says why before anyone tries.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "api/app_context.h"
#include "core/embedded_file.h"
#include "core/insights.h"
#include "core/needs.h"
#include "core/reflections.h"

namespace pillars {
std::span<const EmbeddedFile> content_files();  // generated from content/
namespace {

TEST(Catalog, TheBuiltInContentIsComplete) {
  auto loaded = api::load_catalog();
  ASSERT_TRUE(loaded) << loaded.error().detail;
  const auto& c = loaded->catalog;
  EXPECT_GE(c.families.size(), 11u);
  EXPECT_GE(c.words.size(), 60u);
  EXPECT_TRUE(catalog_problems(c).empty());
  EXPECT_TRUE(c.is_vulnerable_word(c.family("hurt")->word_ids.front()));
  EXPECT_FALSE(c.is_vulnerable_word(c.family("joy")->word_ids.front()));
  EXPECT_NE(loaded->json.find("look_beneath_anger"), std::string::npos);
  // Every insight card's words are served with it.
  auto served = boost::json::parse(loaded->json).as_object();
  ASSERT_TRUE(served.contains("insights"));
  for (const auto& card : insight_cards())
    for (auto state : card.states)
      EXPECT_NO_THROW((void)served.at("insights").at(card.scope).at(card.card).at("states").at(state).at("sentence"))
          << card.card << "." << state;
}

// The menus as built in: both, with their counts, each category used, and every item's kinds a
// part of its menu's; the served JSON carries every item the rules checked.
TEST(Catalog, TheMenusAreCheckedAndServed) {
  auto loaded = api::load_catalog();
  ASSERT_TRUE(loaded) << loaded.error().detail;
  const auto& menus = loaded->catalog.menus;
  ASSERT_EQ(menus.size(), 2u);
  EXPECT_TRUE(menu_problems(menus).empty());
  EXPECT_GE(menus[0].items.size(), kMinAffectionItems);
  EXPECT_GE(menus[1].items.size(), kMinIntimacyItems);
  std::size_t for_friends = 0, for_family = 0;
  for (const auto& i : menus[0].items) {
    for_friends += suits(i.kinds, BondKind::friend_) ? 1 : 0;
    for_family += suits(i.kinds, BondKind::family) ? 1 : 0;
  }
  EXPECT_GE(for_friends, 20u) << "a friend gets a menu of their own";
  EXPECT_GE(for_family, 20u);
  auto served = boost::json::parse(loaded->json).as_object();
  std::size_t items = 0;
  for (const auto& m : served.at("menus").as_array()) items += m.at("items").as_array().size();
  EXPECT_EQ(items, menus[0].items.size() + menus[1].items.size());
  EXPECT_NE(loaded->catalog.menu_item(menus[1].items[0].id), nullptr);
  EXPECT_EQ(loaded->catalog.menu_item("intimacy.no_such_item"), nullptr);

  // A file that breaks the rules keeps the server from starting, and says why.
  std::string_view feelings, affection, intimacy;
  for (const auto& f : content_files()) {
    if (f.path == "feelings.json") feelings = f.data;
    if (f.path == "menus/affection.json") affection = f.data;
    if (f.path == "menus/intimacy.json") intimacy = f.data;
  }
  auto doc = boost::json::parse(intimacy).as_object();
  doc["items"].as_array()[0].as_object()["kinds"] = boost::json::array{"partner", "friend"};
  const auto broken_text = boost::json::serialize(doc);
  auto broken = api::parse_catalog(
      {{"feelings.json", feelings}, {"menus/affection.json", affection}, {"menus/intimacy.json", broken_text}});
  ASSERT_FALSE(broken);
  EXPECT_NE(broken.error().detail.find("content/menus"), std::string::npos) << broken.error().detail;
  auto missing = api::parse_catalog({{"feelings.json", feelings}, {"menus/affection.json", affection}});
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().detail.find("menus/intimacy.json: is missing"), std::string::npos) << missing.error().detail;
}

// The insights' words must cover every state of every card, or the server does not start.
TEST(Catalog, InsightWordsMissingAStateAreRefused) {
  std::string_view feelings;
  for (const auto& f : content_files())
    if (f.path == "feelings.json") feelings = f.data;
  std::string_view insights;
  for (const auto& f : content_files())
    if (f.path == "insights.json") insights = f.data;
  ASSERT_TRUE(api::parse_catalog({{"feelings.json", feelings}, {"insights.json", insights}}));

  auto without = [&](auto&& change) {
    auto doc = boost::json::parse(insights).as_object();
    change(doc);
    const auto text = boost::json::serialize(doc);
    return api::parse_catalog({{"feelings.json", feelings}, {"insights.json", text}});
  };
  auto gone = without([](boost::json::object& d) { d["bond"].as_object()["closeness"].as_object()["states"].as_object().erase("pursue_withdraw"); });
  ASSERT_FALSE(gone);
  EXPECT_NE(gone.error().detail.find("bond.closeness.pursue_withdraw"), std::string::npos) << gone.error().detail;
  auto one_side = without([](boost::json::object& d) {
    d["bond"].as_object()["vulnerability"].as_object()["states"].as_object()["one_sided"].as_object().erase("suggestion_quiet");
  });
  ASSERT_FALSE(one_side);
  EXPECT_NE(one_side.error().detail.find("suggestion_quiet"), std::string::npos);
  auto untitled = without([](boost::json::object& d) { d["self"].as_object()["own_time"].as_object().erase("title"); });
  ASSERT_FALSE(untitled);
  EXPECT_NE(untitled.error().detail.find("self.own_time needs a title"), std::string::npos);
  EXPECT_FALSE(api::parse_catalog({{"feelings.json", feelings}, {"insights.json", "[1, 2]"}}));
  EXPECT_FALSE(api::parse_catalog({{"feelings.json", feelings}, {"insights.json", "{\"bond\": "}}));
}

// The two needs' statements are loaded for scoring and their words served; a questionnaire that
// breaks a rule, or a dance state without words, stops the server.
TEST(Catalog, TheTwoNeedsAreCheckedAndServed) {
  auto loaded = api::load_catalog();
  ASSERT_TRUE(loaded) << loaded.error().detail;
  EXPECT_TRUE(need_items_problems(loaded->catalog.need_items).empty());
  EXPECT_GE(loaded->catalog.need_items.size(), kMinNeedItems);
  auto served = boost::json::parse(loaded->json).as_object();
  for (auto state : kDanceStates)
    EXPECT_NO_THROW((void)served.at("needs").at("dance").at("states").at(state).at("suggestion")) << state;

  std::string_view feelings, needs;
  for (const auto& f : content_files()) {
    if (f.path == "feelings.json") feelings = f.data;
    if (f.path == "needs.json") needs = f.data;
  }
  auto with = [&](auto&& change) {
    auto doc = boost::json::parse(needs).as_object();
    change(doc);
    const auto text = boost::json::serialize(doc);
    return api::parse_catalog({{"feelings.json", feelings}, {"needs.json", text}});
  };
  ASSERT_TRUE(with([](boost::json::object&) {}));
  auto no_dance = with([](boost::json::object& d) { d["dance"].as_object()["states"].as_object().erase("more_of_both"); });
  ASSERT_FALSE(no_dance);
  EXPECT_NE(no_dance.error().detail.find("dance.more_of_both"), std::string::npos) << no_dance.error().detail;
  auto few = with([](boost::json::object& d) { d["items"].as_array().resize(6); });
  ASSERT_FALSE(few);
  EXPECT_NE(few.error().detail.find("not 12 to 20"), std::string::npos) << few.error().detail;
  auto unknown_need = with([](boost::json::object& d) { d["items"].as_array()[0].as_object()["need"] = "money"; });
  EXPECT_FALSE(unknown_need);
  auto no_band = with([](boost::json::object& d) {
    d["needs"].as_object()["independence"].as_object()["bands"].as_object().erase("strong");
  });
  ASSERT_FALSE(no_band);
  EXPECT_NE(no_band.error().detail.find("independence.bands.strong"), std::string::npos);
}

TEST(Catalog, TheJourneyHasWordsForEveryKindAndMilestone) {
  auto loaded = api::load_catalog();
  ASSERT_TRUE(loaded) << loaded.error().detail;
  auto served = boost::json::parse(loaded->json).as_object();
  for (auto kind : {"began", "first_reveal", "days_both", "deck_level"})
    EXPECT_TRUE(served.at("journey").at("milestones").at(kind).is_string()) << kind;
  std::string_view feelings, journey;
  for (const auto& f : content_files()) {
    if (f.path == "feelings.json") feelings = f.data;
    if (f.path == "journey.json") journey = f.data;
  }
  auto doc = boost::json::parse(journey).as_object();
  doc["milestones"].as_object().erase("days_both");
  const auto text = boost::json::serialize(doc);
  auto broken = api::parse_catalog({{"feelings.json", feelings}, {"journey.json", text}});
  ASSERT_FALSE(broken);
  EXPECT_NE(broken.error().detail.find("milestones.days_both"), std::string::npos);
}

TEST(Catalog, ReflectionsAreCheckedAndServed) {
  auto loaded = api::load_catalog();
  ASSERT_TRUE(loaded) << loaded.error().detail;
  EXPECT_GE(loaded->catalog.reflections.size(), kMinReflections);
  EXPECT_TRUE(reflection_problems(loaded->catalog.reflections, {"own_life", "knocks", "leaning", "unsaid", "strong_one", "self"}).empty())
      << "every theme the product comes from has its questions";
  std::string_view feelings, reflections;
  for (const auto& f : content_files()) {
    if (f.path == "feelings.json") feelings = f.data;
    if (f.path == "reflections.json") reflections = f.data;
  }
  auto with = [&](auto&& change) {
    auto doc = boost::json::parse(reflections).as_object();
    change(doc);
    const auto text = boost::json::serialize(doc);
    return api::parse_catalog({{"feelings.json", feelings}, {"reflections.json", text}});
  };
  auto few = with([](boost::json::object& d) { d["prompts"].as_array().resize(10); });
  ASSERT_FALSE(few);
  EXPECT_NE(few.error().detail.find("fewer than 16"), std::string::npos);
  EXPECT_FALSE(with([](boost::json::object& d) { d["every_days"] = 0; }));
  EXPECT_FALSE(with([](boost::json::object& d) { d["prompts"].as_array()[0].as_object()["theme"] = "money"; }));
}

TEST(Catalog, ProblemsAreFound) {
  Catalog c;
  c.families = {{"joy", "Joy", true, "", {"glad", "glad"}}};
  c.words = {{"glad", {"glad", "glad", "joy", ""}}};
  auto problems = catalog_problems(c, 60);
  auto has = [&](std::string_view text) {
    return std::any_of(problems.begin(), problems.end(), [&](const auto& p) { return p.find(text) != std::string::npos; });
  };
  EXPECT_TRUE(has("missing family sadness"));
  EXPECT_TRUE(has("wrong vulnerable mark"));
  EXPECT_TRUE(has("appears twice"));
  EXPECT_TRUE(has("no description"));
  EXPECT_TRUE(has("only 2 words"));
}

}  // namespace
}  // namespace pillars
