#include "core/feelings.h"

#include <algorithm>

namespace pillars {

std::vector<FieldError> check_feelings(const std::vector<FeelingPick>& picks, const Catalog& catalog,
                                       std::size_t at_least, Feelings& out) {
  std::vector<FieldError> errors;
  if (picks.size() < at_least || picks.size() > kMaxFeelings)
    errors.push_back({"feelings", at_least == 0 ? "Choose up to three feelings." : "Choose one to three feelings."});
  out.clear();
  for (std::size_t i = 0; i < picks.size() && i < kMaxFeelings; ++i) {
    const auto& [word_id, intensity] = picks[i];
    std::string field = "feelings[" + std::to_string(i) + "]";
    const FeelingWord* word = catalog.word(word_id);
    if (!word) errors.push_back({field + ".word", "We do not know that feeling word."});
    else if (intensity < kMinIntensity || intensity > kMaxIntensity) errors.push_back({field + ".intensity", kIntensityMessage});
    else if (std::any_of(out.begin(), out.end(), [&](const Feeling& f) { return f.word == word_id; }))
      errors.push_back({field + ".word", "Each feeling can be chosen once."});
    else out.push_back({word->id, word->family, static_cast<int>(intensity)});
  }
  return errors;
}

std::string primary_family(const Feelings& feelings) {
  const Feeling* best = nullptr;
  for (const auto& f : feelings)
    if (!best || f.intensity > best->intensity) best = &f;
  return best ? best->family : std::string();
}

}  // namespace pillars
