// Conversation decks: themes of questions that both members of a bond answer, each alone, and read
// side by side once both have (core/deck_answers later). Each deck has three levels that deepen;
// a level opens for a bond once both have revealed kRevealsToUnlock prompts of the level before. A
// love-map prompt is a choice: each answers for themselves and guesses the other's answer.
// The content's rules, the unlocking and the prompt of the day are here, pure.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/types.h"

namespace pillars {

inline constexpr int kDeckLevels = 3;
inline constexpr int kRevealsToUnlock = 5;         // revealed prompts of a level that open the next
inline constexpr std::size_t kMinDeckPrompts = 240;  // in all decks together
inline constexpr std::size_t kMinChoicePrompts = 40;
inline constexpr std::size_t kMinPerLevelAndKind = 8;  // so a level never runs out before the next opens
inline constexpr std::size_t kMinChoices = 3;
inline constexpr std::size_t kMaxChoices = 5;
inline constexpr std::size_t kMinPromptText = 10;   // characters
inline constexpr std::size_t kMaxPromptText = 200;  // characters
inline constexpr std::size_t kMaxChoiceText = 60;   // characters

// The decks every catalog has, in this order.
inline constexpr std::array<std::string_view, 8> kDeckIds = {
    "inner_world", "feelings", "self_worth", "vulnerability", "affection", "own_space", "journey", "love_map"};

struct DeckPrompt {
  std::string id;    // "<deck>.<level>.<slug>", stable forever
  std::string deck;  // its deck's id
  int level = 1;     // 1..kDeckLevels
  BondKinds kinds = 0;
  std::size_t text_length = 0;       // characters, for the content's rules
  std::vector<std::string> choices;  // a love-map choice prompt's choices; empty for an open prompt
  bool is_choice() const { return !choices.empty(); }
};

struct Deck {
  std::string id;
  BondKinds kinds = 0;
  std::vector<DeckPrompt> prompts;
  const DeckPrompt* prompt(std::string_view id) const;
};

// The rules the content keeps: the eight decks in order; ids unique and well formed
// ("<deck>.<level>.<slug>", matching the prompt's deck and level); levels 1..3; each prompt's kinds a
// non-empty part of its deck's; texts of 10..200 characters; choices 3..5, distinct, of 1..60
// characters, only in the love map; at least kMinPerLevelAndKind prompts at every level for every
// kind a deck suits; kMinDeckPrompts in all, kMinChoicePrompts of them choices. The problems found.
std::vector<std::string> deck_problems(const std::vector<Deck>& decks);

// The level a deck has reached in a bond, from how many prompts of each level both have revealed:
// level 1 always, and L+1 once kRevealsToUnlock of level L are revealed.
int unlocked_level(const std::array<int, kDeckLevels>& revealed);

// Where a bond stands in one deck.
struct DeckProgress {
  int unlocked = 1;
  std::array<int, kDeckLevels> revealed{};   // prompts revealed, by level
  std::array<int, kDeckLevels> available{};  // prompts suited to the bond, by level
  bool operator==(const DeckProgress&) const = default;
};
// `revealed_ids` are the prompt ids the bond has revealed (any deck's; others are ignored).
DeckProgress deck_progress(const Deck& deck, BondKind kind, const std::vector<std::string>& revealed_ids);

// Whether a member may answer `prompt` of `deck` in a bond of `kind` now: the deck and the prompt
// suit the bond and its level is open. Unsuited: nullopt (the prompt is not the bond's at all);
// suited but locked: false.
std::optional<bool> may_answer(const Deck& deck, const DeckPrompt& prompt, BondKind kind, const DeckProgress& progress);

// The bond's prompt of the day: the same for both members on a day, and on every device. A deck is
// chosen evenly among the decks suited to the bond, then a prompt within it among its open levels'
// prompts not revealed yet; only when every one of those is revealed may a revealed one come again.
// `revealed_ids` as for deck_progress. Nullopt when no deck suits the bond.
struct PromptChoice {
  std::size_t deck = 0;    // index into decks
  std::size_t prompt = 0;  // index into its prompts
  bool operator==(const PromptChoice&) const = default;
};
std::optional<PromptChoice> prompt_of_the_day(std::string_view bond_id, Day day, const std::vector<Deck>& decks,
                                              BondKind kind, const std::vector<std::string>& revealed_ids);

// A prompt the bond revealed, and when.
struct Reveal {
  std::string prompt_id;
  Millis at = 0;
};
// A level the bond opened in a deck, and when: the moment of the reveal that made it the
// kRevealsToUnlock-th of the level before.
struct LevelOpened {
  std::string deck;
  int level = 2;
  Millis at = 0;
  bool operator==(const LevelOpened&) const = default;
};
// Every level the bond has opened, from its reveals in the order they happened (any deck's;
// prompts unknown or unsuited to `kind` are ignored, as deck_progress ignores them). In the order
// they opened.
std::vector<LevelOpened> levels_opened(const std::vector<Deck>& decks, BondKind kind, const std::vector<Reveal>& reveals);

// ---- answers

inline constexpr std::size_t kMaxDeckAnswer = 5000;  // characters

// One member's answer to a prompt in a bond: words for an open prompt; for a love-map choice, their
// own choice and their guess of the other's (indices into the prompt's choices).
struct DeckAnswer {
  std::string bond_id;
  std::string prompt_id;
  std::string user_id;
  std::optional<std::string> body = std::nullopt;
  std::optional<int> choice = std::nullopt;
  std::optional<int> guess = std::nullopt;
  Millis created_at = 0;
  Millis updated_at = 0;
};

// What a member sent, before validation.
struct DeckAnswerDraft {
  std::optional<std::string> body;
  std::optional<long long> choice;
  std::optional<long long> guess;
};

// Checks a draft against its prompt and fills `answer`: an open prompt takes words (1 to 5,000
// characters, not only spaces) and no choice; a choice prompt takes a choice and a guess, both
// one of its choices, and no words. Returns every error; on any, `answer` is unchanged.
std::vector<FieldError> apply_deck_answer(const DeckAnswerDraft& draft, const DeckPrompt& prompt, DeckAnswer& answer);

// Whether a guess read the other right: the guesser's guess is the other's own choice.
bool guessed_right(const DeckAnswer& guesser, const DeckAnswer& other);

}  // namespace pillars
