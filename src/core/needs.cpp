#include "core/needs.h"

#include <cmath>
#include <map>
#include <set>

namespace pillars {

std::string_view to_string(NeedScale need) { return need == NeedScale::closeness ? "closeness" : "independence"; }

std::optional<NeedScale> need_scale_from_string(std::string_view s) {
  if (s == "closeness") return NeedScale::closeness;
  if (s == "independence") return NeedScale::independence;
  return std::nullopt;
}

std::vector<std::string> need_items_problems(const std::vector<NeedItem>& items) {
  std::vector<std::string> problems;
  if (items.size() < kMinNeedItems || items.size() > kMaxNeedItems)
    problems.push_back(std::to_string(items.size()) + " statements, not 12 to 20");
  std::set<std::string> ids;
  for (const auto& item : items) {
    if (item.id.empty()) problems.push_back("a statement has no id");
    else if (!ids.insert(item.id).second) problems.push_back("statement " + item.id + " appears twice");
  }
  for (NeedScale need : {NeedScale::closeness, NeedScale::independence}) {
    std::size_t count = 0, reversed = 0;
    for (const auto& item : items)
      if (item.need == need) {
        ++count;
        reversed += item.reverse ? 1 : 0;
      }
    const std::string name(to_string(need));
    if (count < kMinItemsPerNeed) problems.push_back("only " + std::to_string(count) + " statements for " + name);
    if (reversed == 0 || reversed == count)
      problems.push_back(name + " needs statements keyed both ways");
  }
  return problems;
}

std::vector<FieldError> check_need_answers(const std::vector<NeedItem>& items, const std::vector<NeedAnswer>& answers,
                                           std::vector<int>& out) {
  std::vector<FieldError> errors;
  std::map<std::string_view, long long> given;
  for (const auto& [id, value] : answers) {
    const std::string field = "answers." + id;
    bool known = false;
    for (const auto& item : items) known = known || item.id == id;
    if (!known) errors.push_back({field, "There is no such statement."});
    else if (!given.emplace(id, value).second) errors.push_back({field, "Answer each statement once."});
    else if (value < kNeedAnswerMin || value > kNeedAnswerMax)
      errors.push_back({field, "Answer from 1 (not like me at all) to 7 (very much like me)."});
  }
  std::size_t missing = 0;
  for (const auto& item : items) missing += given.contains(item.id) ? 0 : 1;
  if (missing > 0)
    errors.push_back({"answers", missing == 1 ? "One statement has no answer yet."
                                              : std::to_string(missing) + " statements have no answer yet."});
  if (!errors.empty()) return errors;
  out.clear();
  for (const auto& item : items) out.push_back(static_cast<int>(given.at(item.id)));
  return errors;
}

NeedScores score_needs(const std::vector<NeedItem>& items, const std::vector<int>& values) {
  std::array<double, 2> sum{0, 0};
  std::array<int, 2> count{0, 0};
  for (std::size_t i = 0; i < items.size() && i < values.size(); ++i) {
    const auto n = static_cast<std::size_t>(items[i].need);
    sum[n] += items[i].reverse ? (kNeedAnswerMin + kNeedAnswerMax) - values[i] : values[i];
    ++count[n];
  }
  auto mean = [&](std::size_t n) { return count[n] ? std::round(sum[n] / count[n] * 100) / 100 : 0.0; };
  return {mean(0), mean(1)};
}

std::string_view need_band(double score) {
  if (score <= kLightUpTo) return kNeedBands[0];
  if (score >= kStrongFrom) return kNeedBands[2];
  return kNeedBands[1];
}

Dance needs_dance(const NeedScores& first, const NeedScores& second) {
  constexpr double eps = 1e-9;
  const double dc = first.closeness - second.closeness;
  const double di = first.independence - second.independence;
  const bool c_differs = std::abs(dc) >= kDanceGap - eps;
  const bool i_differs = std::abs(di) >= kDanceGap - eps;
  const int more_closeness = dc > 0 ? 0 : 1;
  const int more_room = di > 0 ? 0 : 1;
  if (c_differs && i_differs) {
    if (more_closeness != more_room) return {kDanceStates[1], more_closeness, more_room, -1};
    return {kDanceStates[4], more_closeness, more_room, 1 - more_closeness};
  }
  if (c_differs) return {kDanceStates[2], more_closeness, -1, 1 - more_closeness};
  if (i_differs) return {kDanceStates[3], -1, more_room, 1 - more_room};
  return {kDanceStates[0]};
}

}  // namespace pillars
