// The built-in content keeps the catalog's rules: the server refuses to start otherwise, and this
// test says why before anyone tries.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "api/app_context.h"
#include "core/embedded_file.h"
#include "core/insights.h"

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

// The insights' words must cover every state of every card, or the server does not start.
TEST(Catalog, InsightWordsMissingAStateAreRefused) {
  std::string_view feelings;
  for (const auto& f : content_files())
    if (f.path == "feelings.json") feelings = f.data;
  std::string_view insights;
  for (const auto& f : content_files())
    if (f.path == "insights.json") insights = f.data;
  ASSERT_TRUE(api::parse_catalog(feelings, insights));

  auto without = [&](auto&& change) {
    auto doc = boost::json::parse(insights).as_object();
    change(doc);
    return api::parse_catalog(feelings, boost::json::serialize(doc));
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
  EXPECT_FALSE(api::parse_catalog(feelings, "[1, 2]"));
  EXPECT_FALSE(api::parse_catalog(feelings, "{\"bond\": "));
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
