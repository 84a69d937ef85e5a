#include "core/decks.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/stable_hash.h"
#include "core/validation.h"

namespace pillars {

namespace {

bool is_slug(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// "<deck>.<level>.<slug>" naming this prompt's own deck and level.
bool well_named(const DeckPrompt& p) {
  const std::string want = p.deck + "." + std::to_string(p.level) + ".";
  return p.id.size() > want.size() && p.id.starts_with(want) && is_slug(std::string_view(p.id).substr(want.size()));
}

constexpr std::array<BondKind, 3> kKinds = {BondKind::partner, BondKind::friend_, BondKind::family};

}  // namespace

const DeckPrompt* Deck::prompt(std::string_view prompt_id) const {
  for (const auto& p : prompts)
    if (p.id == prompt_id) return &p;
  return nullptr;
}

std::vector<std::string> deck_problems(const std::vector<Deck>& decks) {
  std::vector<std::string> problems;
  std::vector<std::string> ids;
  for (const auto& d : decks) ids.push_back(d.id);
  if (ids != std::vector<std::string>(kDeckIds.begin(), kDeckIds.end()))
    problems.push_back("the decks must be exactly inner_world, feelings, self_worth, vulnerability, affection, "
                       "own_space, journey, love_map, in that order");
  std::set<std::string> seen;
  std::size_t total = 0;
  std::size_t choice_prompts = 0;
  for (const auto& d : decks) {
    if (d.kinds == 0) problems.push_back("deck " + d.id + " suits no kind of bond");
    std::map<std::pair<int, BondKind>, std::size_t> per_level_kind;
    for (const auto& p : d.prompts) {
      ++total;
      const std::string name = "prompt " + p.id;
      if (!seen.insert(p.id).second) problems.push_back(name + " appears twice");
      if (p.deck != d.id) problems.push_back(name + " is in another deck's file");
      if (p.level < 1 || p.level > kDeckLevels) problems.push_back(name + " has a level outside 1 to 3");
      else if (!well_named(p)) problems.push_back(name + " is not named <deck>.<level>.<slug>");
      if (p.kinds == 0 || (p.kinds & ~d.kinds) != 0)
        problems.push_back(name + " needs kinds of bond that its deck suits");
      if (p.text_length < kMinPromptText || p.text_length > kMaxPromptText)
        problems.push_back(name + " needs a text of 10 to 200 characters");
      if (p.is_choice()) {
        ++choice_prompts;
        if (d.id != "love_map") problems.push_back(name + " offers choices outside the love map");
        if (p.choices.size() < kMinChoices || p.choices.size() > kMaxChoices)
          problems.push_back(name + " needs 3 to 5 choices");
        std::set<std::string> distinct(p.choices.begin(), p.choices.end());
        if (distinct.size() != p.choices.size()) problems.push_back(name + " offers a choice twice");
        for (const auto& c : p.choices)
          if (c.empty() || utf8_length(c) > kMaxChoiceText) problems.push_back(name + " has a choice of the wrong length");
      }
      for (auto k : kKinds)
        if (suits(p.kinds, k)) ++per_level_kind[{p.level, k}];
    }
    for (int level = 1; level <= kDeckLevels; ++level)
      for (auto k : kKinds)
        if (suits(d.kinds, k) && per_level_kind[{level, k}] < kMinPerLevelAndKind)
          problems.push_back("deck " + d.id + " has fewer than 8 prompts at level " + std::to_string(level) + " for a " +
                             std::string(to_string(k)) + " bond");
  }
  if (total < kMinDeckPrompts)
    problems.push_back("only " + std::to_string(total) + " prompts, fewer than " + std::to_string(kMinDeckPrompts));
  if (choice_prompts < kMinChoicePrompts)
    problems.push_back("only " + std::to_string(choice_prompts) + " love-map choices, fewer than " +
                       std::to_string(kMinChoicePrompts));
  return problems;
}

int unlocked_level(const std::array<int, kDeckLevels>& revealed) {
  int level = 1;
  while (level < kDeckLevels && revealed[static_cast<std::size_t>(level - 1)] >= kRevealsToUnlock) ++level;
  return level;
}

DeckProgress deck_progress(const Deck& deck, BondKind kind, const std::vector<std::string>& revealed_ids) {
  const std::set<std::string_view> revealed(revealed_ids.begin(), revealed_ids.end());
  DeckProgress out;
  for (const auto& p : deck.prompts) {
    if (!suits(p.kinds, kind) || p.level < 1 || p.level > kDeckLevels) continue;
    const auto at = static_cast<std::size_t>(p.level - 1);
    ++out.available[at];
    if (revealed.contains(p.id)) ++out.revealed[at];
  }
  out.unlocked = unlocked_level(out.revealed);
  return out;
}

std::vector<LevelOpened> levels_opened(const std::vector<Deck>& decks, BondKind kind, const std::vector<Reveal>& reveals) {
  std::map<std::string_view, std::array<int, kDeckLevels>> counts;  // per deck: revealed by level
  std::vector<LevelOpened> out;
  for (const auto& r : reveals) {
    const DeckPrompt* p = nullptr;
    const Deck* in = nullptr;
    for (const auto& d : decks)
      if (r.prompt_id.starts_with(d.id) && (p = d.prompt(r.prompt_id))) {
        in = &d;
        break;
      }
    if (!p || !suits(in->kinds, kind) || !suits(p->kinds, kind) || p->level < 1 || p->level > kDeckLevels) continue;
    auto& revealed = counts[in->id];
    const int before = unlocked_level(revealed);
    ++revealed[static_cast<std::size_t>(p->level - 1)];
    for (int level = before + 1; level <= unlocked_level(revealed); ++level) out.push_back({in->id, level, r.at});
  }
  return out;
}

std::optional<bool> may_answer(const Deck& deck, const DeckPrompt& prompt, BondKind kind, const DeckProgress& progress) {
  if (!suits(deck.kinds, kind) || !suits(prompt.kinds, kind)) return std::nullopt;
  return prompt.level <= progress.unlocked;
}

std::optional<PromptChoice> prompt_of_the_day(std::string_view bond_id, Day day, const std::vector<Deck>& decks,
                                              BondKind kind, const std::vector<std::string>& revealed_ids) {
  const std::set<std::string_view> revealed(revealed_ids.begin(), revealed_ids.end());
  std::vector<std::size_t> suited;
  for (std::size_t i = 0; i < decks.size(); ++i)
    if (suits(decks[i].kinds, kind)) suited.push_back(i);
  if (suited.empty()) return std::nullopt;
  // One sequence per bond and day: the same for both members, on every device.
  std::uint64_t state = fnv1a(bond_id) ^ (static_cast<std::uint64_t>(static_cast<std::int64_t>(day)) * 0x9E3779B97F4A7C15ULL);
  const std::size_t deck_index = suited[splitmix64(state) % suited.size()];
  const Deck& deck = decks[deck_index];
  const int open = deck_progress(deck, kind, revealed_ids).unlocked;
  std::vector<std::size_t> fresh, all;
  for (std::size_t i = 0; i < deck.prompts.size(); ++i) {
    const auto& p = deck.prompts[i];
    if (!suits(p.kinds, kind) || p.level > open) continue;
    all.push_back(i);
    if (!revealed.contains(p.id)) fresh.push_back(i);
  }
  const auto& from = fresh.empty() ? all : fresh;  // only a deck whose open prompts are all revealed repeats
  if (from.empty()) return std::nullopt;
  return PromptChoice{deck_index, from[splitmix64(state) % from.size()]};
}

std::vector<FieldError> apply_deck_answer(const DeckAnswerDraft& draft, const DeckPrompt& prompt, DeckAnswer& answer) {
  std::vector<FieldError> errors;
  DeckAnswer next = answer;
  if (prompt.is_choice()) {
    if (draft.body) errors.push_back({"body", "This question is answered by choosing, not in words."});
    const auto n = static_cast<long long>(prompt.choices.size());
    auto pick = [&](const std::optional<long long>& v, const char* field, const char* missing, std::optional<int>& into) {
      if (!v) errors.push_back({field, missing});
      else if (*v < 0 || *v >= n) errors.push_back({field, "Choose one of the answers offered."});
      else into = static_cast<int>(*v);
    };
    pick(draft.choice, "choice", "Choose your own answer.", next.choice);
    pick(draft.guess, "guess", "Guess what the other would choose.", next.guess);
    next.body.reset();
  } else {
    if (draft.choice) errors.push_back({"choice", "This question is answered in words."});
    if (draft.guess) errors.push_back({"guess", "This question is answered in words."});
    if (!draft.body || trim(*draft.body).empty()) errors.push_back({"body", "Write a few words."});
    else if (utf8_length(*draft.body) > kMaxDeckAnswer) errors.push_back({"body", "Please keep an answer to 5,000 characters."});
    else if (draft.body->find('\0') != std::string::npos)
      errors.push_back({"body", "The text contains a character that is not allowed."});
    else next.body = *draft.body;
    next.choice.reset();
    next.guess.reset();
  }
  if (errors.empty()) answer = std::move(next);
  return errors;
}

bool guessed_right(const DeckAnswer& guesser, const DeckAnswer& other) {
  return guesser.guess && other.choice && *guesser.guess == *other.choice;
}

}  // namespace pillars
