// A list of feelings: the one shape entries and check-ins share. Each feeling is a word of the
// catalog, the family the word belongs to, and how strongly it is felt. Stored in the clear (never
// free text), so insights can read feelings without reading anything anyone wrote.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/catalog.h"
#include "core/error.h"

namespace pillars {

inline constexpr std::size_t kMaxFeelings = 3;
inline constexpr int kMinIntensity = 1;  // a little
inline constexpr int kMaxIntensity = 5;  // very strongly

struct Feeling {
  std::string word;
  std::string family;
  int intensity = kMinIntensity;

  bool operator==(const Feeling&) const = default;
};
using Feelings = std::vector<Feeling>;

// One feeling as a person sent it, before validation. The intensity is as given (may be out of
// range); the word may not exist.
struct FeelingPick {
  std::string word;
  long long intensity = 0;
};

// Validates picks against the catalog: at least `at_least` and at most kMaxFeelings, each a known
// word (not a family id), an intensity from kMinIntensity to kMaxIntensity, no word twice. Every
// problem becomes a FieldError under `feelings` (`feelings[1].word`, ...); the valid picks fill
// `out` with their families, in the order given.
std::vector<FieldError> check_feelings(const std::vector<FeelingPick>& picks, const Catalog& catalog,
                                       std::size_t at_least, Feelings& out);

// The message for an intensity out of range (or not a whole number).
inline constexpr const char* kIntensityMessage = "Intensity goes from 1 (a little) to 5 (very strongly).";

// The primary feeling's family: the highest intensity, the first listed on a tie. Empty when none.
std::string primary_family(const Feelings& feelings);

}  // namespace pillars
