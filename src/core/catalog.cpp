#include "core/catalog.h"

#include <algorithm>
#include <array>
#include <set>

namespace pillars {

std::vector<std::string> catalog_problems(const Catalog& catalog, std::size_t min_words) {
  std::vector<std::string> problems;
  static constexpr std::array<std::string_view, 11> required = {
      "joy", "love", "pride", "calm", "hope", "sadness", "hurt", "fear", "anger", "shame", "loneliness"};
  static constexpr std::array<std::string_view, 5> vulnerable = {"sadness", "hurt", "fear", "shame", "loneliness"};
  for (auto id : required)
    if (!catalog.family(id)) problems.push_back("missing family " + std::string(id));
  std::set<std::string> seen;
  std::size_t word_count = 0;
  for (const auto& f : catalog.families) {
    bool should = std::find(vulnerable.begin(), vulnerable.end(), f.id) != vulnerable.end();
    if (f.vulnerable != should) problems.push_back("family " + f.id + " has the wrong vulnerable mark");
    if (f.description.empty()) problems.push_back("family " + f.id + " has no description");
    if (f.word_ids.empty()) problems.push_back("family " + f.id + " has no words");
    for (const auto& w : f.word_ids) {
      ++word_count;
      if (!seen.insert(w).second) problems.push_back("word " + w + " appears twice");
      const auto* word = catalog.word(w);
      if (!word) problems.push_back("word " + w + " is not indexed");
      else if (word->description.empty()) problems.push_back("word " + w + " has no description");
      else if (word->family != f.id) problems.push_back("word " + w + " is indexed under another family");
    }
  }
  if (word_count < min_words) problems.push_back("only " + std::to_string(word_count) + " words");
  return problems;
}

}  // namespace pillars
