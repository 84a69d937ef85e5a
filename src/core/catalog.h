// The content the app speaks with: the feelings vocabulary, the names of kinds and the two needs' statements. Loaded once from
// the embedded content files; read-only afterwards, so any thread may use it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/decks.h"
#include "core/menus.h"
#include "core/needs.h"
#include "core/reflections.h"

namespace pillars {

struct FeelingWord {
  std::string id;
  std::string name;
  std::string family;
  std::string description;
};

struct FeelingFamily {
  std::string id;
  std::string name;
  bool vulnerable = false;
  std::string description;
  std::vector<std::string> word_ids;
};

struct Catalog {
  std::vector<FeelingFamily> families;
  std::map<std::string, FeelingWord, std::less<>> words;  // by word id
  std::vector<NeedItem> need_items;                        // the two needs' statements, in order
  std::vector<ReflectionPrompt> reflections;               // the questions for oneself, in order
  int reflection_every_days = 3;                           // a new question every so many days
  std::vector<std::string> own_time_activities;            // the kinds of time of one's own (ids), in order
  std::vector<Deck> decks;                                 // the conversation decks, in kDeckIds' order
  std::vector<Menu> menus;                                 // the affection and intimacy menus, in kMenuIds' order

  const Menu* menu(std::string_view id) const {
    for (const auto& m : menus)
      if (m.id == id) return &m;
    return nullptr;
  }
  // The catalog item with this id, in whichever menu has it.
  const MenuItem* menu_item(std::string_view id) const {
    for (const auto& m : menus)
      if (const auto* i = m.item(id)) return i;
    return nullptr;
  }

  const Deck* deck(std::string_view id) const {
    for (const auto& d : decks)
      if (d.id == id) return &d;
    return nullptr;
  }

  const FeelingWord* word(std::string_view id) const {
    auto it = words.find(id);
    return it == words.end() ? nullptr : &it->second;
  }
  const FeelingFamily* family(std::string_view id) const {
    for (const auto& f : families)
      if (f.id == id) return &f;
    return nullptr;
  }
  bool is_vulnerable_word(std::string_view word_id) const {
    const auto* w = word(word_id);
    const auto* f = w ? family(w->family) : nullptr;
    return f && f->vulnerable;
  }
};

// Checks the rules every catalog must keep: the required families, the vulnerable set, unique word
// ids, every word with a description, at least `min_words` words. Returns the problems found.
std::vector<std::string> catalog_problems(const Catalog& catalog, std::size_t min_words = 60);

}  // namespace pillars
