// Reflections: private questions for oneself, drawn from the questions the product comes from (a
// part of life to oneself, taking a knock, leaning on someone, what goes unsaid, being the strong
// one, how one feels about oneself). One is offered every few days, by a rule of the person's own
// that every device computes alike; an answer is private unless its author shares it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/types.h"

namespace pillars {

inline constexpr std::size_t kMinReflections = 16;
inline constexpr std::size_t kMaxReflectionText = 200;  // bytes: a question reads in one breath
inline constexpr int kMinEveryDays = 1;
inline constexpr int kMaxEveryDays = 14;

struct ReflectionPrompt {
  std::string id;
  std::string theme;
};

// The rules the content keeps: at least 16 questions, unique ids, each of a known theme, every
// theme with at least one question. Returns the problems found.
std::vector<std::string> reflection_problems(const std::vector<ReflectionPrompt>& prompts,
                                             const std::vector<std::string>& themes);

// The question offered to a person on a day. The questions come in an order of the person's own (a
// shuffle seeded by their id, the same on every device and every build), a new one every
// `every_days` days counted from the epoch, all of them before any comes back.
struct ReflectionOffer {
  std::size_t index = 0;  // into the prompts
  Day since = 0;          // the first day it is offered
  Day next = 0;           // the day the next one is
  bool operator==(const ReflectionOffer&) const = default;
};
ReflectionOffer reflection_for(std::string_view user_id, Day day, std::size_t count, int every_days);

// The person's order itself: a permutation of 0..count-1.
std::vector<std::size_t> reflection_order(std::string_view user_id, std::size_t count);

}  // namespace pillars
