#include "core/menus.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/validation.h"

namespace pillars {

namespace {

bool is_slug(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

constexpr BondKinds kPartnerOnly = kind_bit(BondKind::partner);

}  // namespace

const MenuItem* Menu::item(std::string_view item_id) const {
  for (const auto& i : items)
    if (i.id == item_id) return &i;
  return nullptr;
}

bool Menu::has_category(std::string_view category) const {
  return std::find(categories.begin(), categories.end(), category) != categories.end();
}

std::vector<std::string> menu_problems(const std::vector<Menu>& menus) {
  std::vector<std::string> problems;
  std::vector<std::string> ids;
  for (const auto& m : menus) ids.push_back(m.id);
  if (ids != std::vector<std::string>(kMenuIds.begin(), kMenuIds.end()))
    problems.push_back("the menus must be exactly affection, intimacy, in that order");
  std::set<std::string> seen;
  for (const auto& m : menus) {
    if (m.kinds == 0) problems.push_back("menu " + m.id + " suits no kind of bond");
    if (m.opt_in() && m.kinds != kPartnerOnly) problems.push_back("menu " + m.id + " is for partners only");
    if (m.categories.empty()) problems.push_back("menu " + m.id + " has no categories");
    std::map<std::string, std::size_t> per_category;
    for (const auto& i : m.items) {
      const std::string name = "item " + i.id;
      if (!seen.insert(i.id).second) problems.push_back(name + " appears twice");
      if (i.menu != m.id) problems.push_back(name + " is in another menu's file");
      const std::string prefix = m.id + ".";
      if (!i.id.starts_with(prefix) || !is_slug(std::string_view(i.id).substr(prefix.size())))
        problems.push_back(name + " is not named <menu>.<slug>");
      if (!m.has_category(i.category)) problems.push_back(name + " is in no category of its menu");
      if (i.kinds == 0 || (i.kinds & ~m.kinds) != 0) problems.push_back(name + " needs kinds of bond that its menu suits");
      if (i.text_length < kMinItemText || i.text_length > kMaxItemText)
        problems.push_back(name + " needs a text of 3 to 90 characters");
      if (i.detail_length > kMaxItemDetail) problems.push_back(name + " has a detail longer than 160 characters");
      ++per_category[i.category];
    }
    for (const auto& c : m.categories)
      if (per_category[c] < kMinItemsPerCategory)
        problems.push_back("menu " + m.id + " has fewer than " + std::to_string(kMinItemsPerCategory) +
                           " items in " + c);
    const std::size_t least = m.opt_in() ? kMinIntimacyItems : kMinAffectionItems;
    if (m.items.size() < least)
      problems.push_back("menu " + m.id + " has only " + std::to_string(m.items.size()) + " items, fewer than " +
                         std::to_string(least));
  }
  return problems;
}

std::string_view to_string(MenuAnswer answer) {
  switch (answer) {
    case MenuAnswer::yes: return "yes";
    case MenuAnswer::maybe: return "maybe";
    case MenuAnswer::no: return "no";
  }
  return "no";
}

std::optional<MenuAnswer> parse_menu_answer(std::string_view text) {
  if (text == "yes") return MenuAnswer::yes;
  if (text == "maybe") return MenuAnswer::maybe;
  if (text == "no") return MenuAnswer::no;
  return std::nullopt;
}

std::vector<FieldError> apply_menu_choice(const MenuChoiceDraft& draft, MenuChoice& out) {
  std::vector<FieldError> errors;
  MenuChoice next;
  if (!draft.answer) errors.push_back({"answer", "Say yes, maybe or no."});
  else if (auto a = parse_menu_answer(*draft.answer)) next.answer = *a;
  else errors.push_back({"answer", "Say yes, maybe or no."});
  if (draft.ask_first && *draft.ask_first) {
    if (errors.empty() && next.answer != MenuAnswer::maybe)
      errors.push_back({"ask_first", "\"Ask me first\" goes with maybe."});
    next.ask_first = true;
  }
  if (errors.empty()) out = next;
  return errors;
}

char encode_choice(const MenuChoice& choice) {
  switch (choice.answer) {
    case MenuAnswer::yes: return 'y';
    case MenuAnswer::maybe: return choice.ask_first ? 'a' : 'm';
    case MenuAnswer::no: return 'n';
  }
  return 'n';
}

std::optional<MenuChoice> decode_choice(std::string_view stored) {
  if (stored.size() != 1) return std::nullopt;
  switch (stored[0]) {
    case 'y': return MenuChoice{MenuAnswer::yes, false};
    case 'm': return MenuChoice{MenuAnswer::maybe, false};
    case 'a': return MenuChoice{MenuAnswer::maybe, true};
    case 'n': return MenuChoice{MenuAnswer::no, false};
    default: return std::nullopt;
  }
}

std::vector<FieldError> apply_menu_suggestion(const MenuSuggestionDraft& draft, const std::vector<Menu>& menus,
                                              MenuSuggestion& out) {
  std::vector<FieldError> errors;
  const Menu* menu = nullptr;
  if (draft.menu)
    for (const auto& m : menus)
      if (m.id == *draft.menu) menu = &m;
  if (!menu) errors.push_back({"menu", "Choose the menu to add it to."});
  else if (!draft.category || !menu->has_category(*draft.category))
    errors.push_back({"category", "Choose one of the menu's categories."});
  std::string_view text = draft.text ? trim(*draft.text) : std::string_view();
  if (text.empty()) errors.push_back({"text", "Say in a few words what you would like."});
  else if (utf8_length(text) < kMinItemText) errors.push_back({"text", "Please write at least 3 characters."});
  else if (utf8_length(text) > kMaxItemText) errors.push_back({"text", "Please keep it to 90 characters."});
  else if (has_control(text)) errors.push_back({"text", "Keep it to one line."});
  if (!errors.empty()) return errors;
  out.menu = menu->id;
  out.category = *draft.category;
  out.text = std::string(text);
  return errors;
}

bool menu_open(const Menu& menu, BondKind kind, bool opened) {
  return suits(menu.kinds, kind) && (!menu.opt_in() || opened);
}

bool suggestion_shown(const MenuSuggestion& s, const std::string& viewer, bool open_to_viewer, bool open_to_both) {
  return s.author.id == viewer ? open_to_viewer : open_to_both;
}

std::vector<MenuMatch> menu_matches(const std::vector<Menu>& menus, BondKind kind, const MenuMembers& members,
                                    const std::vector<MenuSuggestion>& suggestions,
                                    const std::vector<MenuAnswerRow>& answers) {
  // Each member's answers, by item.
  std::map<std::string_view, MenuChoice> of_a, of_b;
  for (const auto& r : answers) {
    if (r.user_id == members.a) of_a[r.item_id] = r.choice;
    else if (r.user_id == members.b) of_b[r.item_id] = r.choice;
  }
  auto open_to_both = [&](const Menu& m) {
    return menu_open(m, kind, members.a_opened) && menu_open(m, kind, members.b_opened);
  };
  auto yes_or_maybe = [](const MenuChoice& c) { return c.answer != MenuAnswer::no; };
  std::vector<MenuMatch> out;
  auto consider = [&](const std::string& item_id, const std::string& menu) {
    auto a = of_a.find(item_id);
    auto b = of_b.find(item_id);
    if (a == of_a.end() || b == of_b.end() || !yes_or_maybe(a->second) || !yes_or_maybe(b->second)) return;
    out.push_back({item_id, menu, a->second.answer == MenuAnswer::yes && b->second.answer == MenuAnswer::yes,
                   a->second.ask_first || b->second.ask_first});
  };
  for (const auto& m : menus) {
    if (!open_to_both(m)) continue;
    for (const auto& i : m.items)
      if (suits(i.kinds, kind)) consider(i.id, m.id);
  }
  std::vector<const MenuSuggestion*> ordered;
  for (const auto& s : suggestions) ordered.push_back(&s);
  std::stable_sort(ordered.begin(), ordered.end(), [](const MenuSuggestion* x, const MenuSuggestion* y) {
    return x->created_at != y->created_at ? x->created_at < y->created_at : x->id < y->id;
  });
  for (const auto* s : ordered) {
    const Menu* m = nullptr;
    for (const auto& candidate : menus)
      if (candidate.id == s->menu) m = &candidate;
    if (m && open_to_both(*m)) consider(s->id, m->id);
  }
  return out;
}

std::vector<FieldError> check_wishes_lived(const std::vector<std::string>& wishes, const std::vector<MenuMatch>& matches) {
  for (const auto& w : wishes) {
    auto it = std::find_if(matches.begin(), matches.end(), [&](const MenuMatch& m) { return m.item_id == w; });
    if (it == matches.end() || it->menu != "affection")
      return {{"wishes", "Choose from the affection you both said you would like."}};
  }
  return {};
}

}  // namespace pillars
