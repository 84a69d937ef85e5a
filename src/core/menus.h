// Menus: an affection menu for every bond kind it suits and an intimacy menu for partners who both
// choose to open it. Each member answers yes, maybe (perhaps "ask me first") or no, privately; the
// bond sees only the items both said yes or maybe to. Either member may suggest an item of their
// own, which then works like any other. Pure rules: the content's checks, the answers' encoding,
// which menus a member may use, and the matches, always computed afresh from what is stored.
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

// The menus every catalog has, in this order.
inline constexpr std::array<std::string_view, 2> kMenuIds = {"affection", "intimacy"};
inline constexpr std::string_view kIntimacyMenu = "intimacy";  // partners only, opened by each for themselves

inline constexpr std::size_t kMinAffectionItems = 40;
inline constexpr std::size_t kMinIntimacyItems = 60;
inline constexpr std::size_t kMinItemsPerCategory = 6;
inline constexpr std::size_t kMinItemText = 3;     // characters
inline constexpr std::size_t kMaxItemText = 90;    // characters, the same for a suggestion
inline constexpr std::size_t kMaxItemDetail = 160;  // characters
inline constexpr std::size_t kMaxSuggestions = 50;  // one member's suggestions in one menu of a bond

struct MenuItem {
  std::string id;        // "<menu>.<slug>" for the catalog's items, stable forever
  std::string menu;      // its menu's id
  std::string category;  // one of its menu's categories
  BondKinds kinds = 0;
  std::size_t text_length = 0;    // characters, for the content's rules
  std::size_t detail_length = 0;  // 0 when there is none
};

struct Menu {
  std::string id;
  BondKinds kinds = 0;
  std::vector<std::string> categories;  // ids, in order
  std::vector<MenuItem> items;          // in the content's order
  bool opt_in() const { return id == kIntimacyMenu; }
  const MenuItem* item(std::string_view id) const;
  bool has_category(std::string_view id) const;
};

// The rules the content keeps: the two menus in order, each suiting some kind (the intimacy menu
// partners only); ids unique across both and named "<menu>.<slug>"; each item in one of its menu's
// categories, with kinds a non-empty part of its menu's, a text of 3 to 90 characters and a detail
// of at most 160; at least 40 affection items and 60 intimacy items, and kMinItemsPerCategory in
// every category. The problems found.
std::vector<std::string> menu_problems(const std::vector<Menu>& menus);

// ---- answers

enum class MenuAnswer { yes, maybe, no };
std::string_view to_string(MenuAnswer answer);
std::optional<MenuAnswer> parse_menu_answer(std::string_view text);

struct MenuChoice {
  MenuAnswer answer = MenuAnswer::no;
  bool ask_first = false;  // only with maybe: "ask me first"
  bool operator==(const MenuChoice&) const = default;
};

// What a person sent, before validation.
struct MenuChoiceDraft {
  std::optional<std::string> answer;
  std::optional<bool> ask_first;
};
// Validates a draft: answer is yes, maybe or no; ask_first only with maybe. Every field error.
std::vector<FieldError> apply_menu_choice(const MenuChoiceDraft& draft, MenuChoice& out);

// The stored form of a choice: one character whatever the answer, so a sealed answer is the same
// length for yes, maybe and no ('y', 'm', 'a' for maybe and ask first, 'n').
char encode_choice(const MenuChoice& choice);
std::optional<MenuChoice> decode_choice(std::string_view stored);

// One member's answer to an item in a bond.
struct MenuAnswerRow {
  std::string user_id;
  std::string item_id;
  MenuChoice choice;
  Millis updated_at = 0;
};

// An item a member added to a bond's menu. It shows its author, and is answered like any other.
struct MenuSuggestion {
  std::string id;  // the item's id in the bond: a random id, never a catalog item's
  std::string bond_id;
  std::string menu;
  std::string category;
  Person author;
  std::string text;
  Millis created_at = 0;
};
struct MenuSuggestionDraft {
  std::optional<std::string> menu, category, text;
};
// Validates a suggestion for `menus`: a menu and one of its categories, and a text of 3 to 90
// characters on one line (trimmed). Fills `out`'s menu, category and text.
std::vector<FieldError> apply_menu_suggestion(const MenuSuggestionDraft& draft, const std::vector<Menu>& menus,
                                              MenuSuggestion& out);

// ---- who sees what

// Whether a member may see and answer `menu` in a bond of `kind`: the menu suits the bond, and an
// opt-in menu only once the member opened it. It never depends on the other member.
bool menu_open(const Menu& menu, BondKind kind, bool opened);

// Whether a suggestion is shown to `viewer`: its author always (while the menu is open to them);
// the other member only while the menu is open to both.
bool suggestion_shown(const MenuSuggestion& s, const std::string& viewer, bool open_to_viewer, bool open_to_both);

struct MenuMatch {
  std::string item_id;
  std::string menu;
  bool both_yes = false;
  bool ask_first = false;  // one of the two said "maybe, ask me first"
  bool operator==(const MenuMatch&) const = default;
};

// What the two members of a bond see together: the items of every menu open to both (`opened`:
// whether each has opened the intimacy menu) where both said yes or maybe, the catalog's items in
// the content's order and then the suggestions oldest first. Computed from the answers alone, the
// same for both members, so nothing tells whether an item was never matched or stopped matching.
struct MenuMembers {
  std::string a, b;            // the two members' ids
  bool a_opened = false, b_opened = false;  // the intimacy menu
};
std::vector<MenuMatch> menu_matches(const std::vector<Menu>& menus, BondKind kind, const MenuMembers& members,
                                    const std::vector<MenuSuggestion>& suggestions,
                                    const std::vector<MenuAnswerRow>& answers);

// The wishes a member says were lived on a day of their check-in must be the bond's matches in the
// affection menu now. The field errors ("wishes").
std::vector<FieldError> check_wishes_lived(const std::vector<std::string>& wishes, const std::vector<MenuMatch>& matches);

}  // namespace pillars
