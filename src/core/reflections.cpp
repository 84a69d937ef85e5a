#include "core/reflections.h"

#include <algorithm>
#include <cstdint>
#include <set>

#include "core/stable_hash.h"

namespace pillars {

std::vector<std::string> reflection_problems(const std::vector<ReflectionPrompt>& prompts,
                                             const std::vector<std::string>& themes) {
  std::vector<std::string> problems;
  if (prompts.size() < kMinReflections)
    problems.push_back("only " + std::to_string(prompts.size()) + " questions, fewer than 16");
  std::set<std::string> ids;
  std::set<std::string> used;
  for (const auto& p : prompts) {
    if (p.id.empty()) problems.push_back("a question has no id");
    else if (!ids.insert(p.id).second) problems.push_back("question " + p.id + " appears twice");
    if (std::find(themes.begin(), themes.end(), p.theme) == themes.end())
      problems.push_back("question " + p.id + " has an unknown theme");
    used.insert(p.theme);
  }
  for (const auto& t : themes)
    if (!used.contains(t)) problems.push_back("theme " + t + " has no question");
  return problems;
}

std::vector<std::size_t> reflection_order(std::string_view user_id, std::size_t count) {
  std::vector<std::size_t> order(count);
  for (std::size_t i = 0; i < count; ++i) order[i] = i;
  std::uint64_t state = fnv1a(user_id);
  for (std::size_t i = count; i > 1; --i) std::swap(order[i - 1], order[splitmix64(state) % i]);
  return order;
}

ReflectionOffer reflection_for(std::string_view user_id, Day day, std::size_t count, int every_days) {
  if (count == 0) return {};
  every_days = std::clamp(every_days, kMinEveryDays, kMaxEveryDays);
  // Whole periods since the epoch, rounding down for days before it too.
  const Day period = day >= 0 ? day / every_days : -((-day + every_days - 1) / every_days);
  const auto n = static_cast<Day>(count);
  const auto slot = static_cast<std::size_t>(((period % n) + n) % n);
  return {reflection_order(user_id, count)[slot], period * every_days, (period + 1) * every_days};
}

}  // namespace pillars
