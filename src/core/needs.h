// The two needs: a private reflection on how much closeness and how much room of one's own a person
// is looking for right now. Statements come from content/needs.json; each is answered on a 1-7
// agreement scale and belongs to one need, some keyed in reverse (agreeing means less of that need).
// A result is two means on the same 1-7 scale. Nothing here is a test or a diagnosis: the bands and
// the dance between two people only name a mix, never a verdict.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"
#include "core/types.h"

namespace pillars {

// The two needs (not the check-in's need of the day, `Need`).
enum class NeedScale { closeness, independence };
std::string_view to_string(NeedScale need);
std::optional<NeedScale> need_scale_from_string(std::string_view s);

struct NeedItem {
  std::string id;
  NeedScale need = NeedScale::closeness;
  bool reverse = false;  // agreeing speaks for less of the need
};

inline constexpr int kNeedAnswerMin = 1;  // not like me at all
inline constexpr int kNeedAnswerMax = 7;  // very much like me
inline constexpr std::size_t kMinNeedItems = 12;
inline constexpr std::size_t kMaxNeedItems = 20;
inline constexpr std::size_t kMinItemsPerNeed = 4;
inline constexpr std::size_t kMaxStatementBytes = 200;  // a statement reads in one breath

// The rules a questionnaire keeps: 12-20 statements, unique ids, at least 4 for each need, each need
// with at least one statement keyed in reverse and one not. Returns the problems found.
std::vector<std::string> need_items_problems(const std::vector<NeedItem>& items);

// One answer as sent: a statement id and the value as given (may be out of range or unknown).
using NeedAnswer = std::pair<std::string, long long>;

// Checks a whole questionnaire's answers: every statement answered exactly once with a whole number
// from 1 to 7, no unknown statement. Problems become FieldErrors under `answers.<id>` (or `answers`
// itself when something is missing); the valid values fill `out` in the items' order.
std::vector<FieldError> check_need_answers(const std::vector<NeedItem>& items, const std::vector<NeedAnswer>& answers,
                                           std::vector<int>& out);

struct NeedScores {
  double closeness = 0;     // 1..7
  double independence = 0;  // 1..7
  bool operator==(const NeedScores&) const = default;
};

// The mean of each need's statements, reverse-keyed ones counted as 8 - value, rounded to 2
// decimals. `values` are in the items' order and already checked.
NeedScores score_needs(const std::vector<NeedItem>& items, const std::vector<int>& values);

// How strong a need reads: `light` up to 3, `strong` from 5, else `middle`.
inline constexpr double kLightUpTo = 3.0;
inline constexpr double kStrongFrom = 5.0;
std::string_view need_band(double score);
inline constexpr std::array<std::string_view, 3> kNeedBands = {"light", "middle", "strong"};

// The dance between two people's needs, both shown. A difference of kDanceGap or more on a need is
// a difference worth naming; less is "much alike".
inline constexpr double kDanceGap = 1.0;
inline constexpr std::array<std::string_view, 5> kDanceStates = {"alike", "closer_and_roomier", "closeness_differs",
                                                                 "room_differs", "more_of_both"};
struct Dance {
  std::string_view state;
  // Who the sentence names, as 0 (the first) or 1 (the second), or -1 when it names nobody:
  // `closer` looks for more closeness, `roomier` for more room (in `more_of_both` one person is
  // both), `other` is the one compared with.
  int closer = -1;
  int roomier = -1;
  int other = -1;
  bool operator==(const Dance&) const = default;
};
Dance needs_dance(const NeedScores& first, const NeedScores& second);

// One result of the questionnaire as kept: the scores, and the answers they came from (statement id
// and value, in the questionnaire's order at the time).
struct NeedsResult {
  std::string id;
  std::string user_id;
  Millis taken_at = 0;
  NeedScores scores;
  std::vector<std::pair<std::string, int>> answers;
  bool operator==(const NeedsResult&) const = default;
};

}  // namespace pillars
