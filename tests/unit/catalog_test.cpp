// The built-in content keeps the catalog's rules: the server refuses to start otherwise, and this
// test says why before anyone tries.
#include <gtest/gtest.h>

#include "api/app_context.h"

namespace pillars {
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
