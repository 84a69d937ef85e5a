#include "core/inner_world.h"

#include <algorithm>
#include <charconv>

#include "core/validation.h"

namespace pillars {

namespace {
constexpr std::string_view kEntryKinds[] = {"feeling", "hope",     "fear",        "hurt",      "memory",
                                            "daydream", "achievement", "knock", "reflection", "own_time"};
constexpr std::string_view kResponseKinds[] = {"hear", "comfort", "celebrate", "thanks"};
constexpr std::string_view kAppreciationKinds[] = {"love", "thanks", "admire"};
constexpr std::string_view kRequestKinds[] = {"comfort", "space"};
constexpr std::string_view kSpaceWhens[] = {"now", "tonight", "tomorrow"};
constexpr std::string_view kSpaceReplies[] = {"enjoy", "of_course", "here_after"};

// The kinds made only through a screen of their own, never chosen or changed into or out of.
bool made_apart(EntryKind kind) { return kind == EntryKind::reflection || kind == EntryKind::own_time; }

template <class E, std::size_t N>
std::optional<E> parse_from(const std::string_view (&names)[N], std::string_view text) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == text) return static_cast<E>(i);
  return std::nullopt;
}
}  // namespace

std::string_view to_string(EntryKind kind) { return kEntryKinds[static_cast<int>(kind)]; }
std::optional<EntryKind> parse_entry_kind(std::string_view text) { return parse_from<EntryKind>(kEntryKinds, text); }
std::string_view to_string(ResponseKind kind) { return kResponseKinds[static_cast<int>(kind)]; }
std::optional<ResponseKind> parse_response_kind(std::string_view text) {
  return parse_from<ResponseKind>(kResponseKinds, text);
}
std::string_view to_string(AppreciationKind kind) { return kAppreciationKinds[static_cast<int>(kind)]; }
std::optional<AppreciationKind> parse_appreciation_kind(std::string_view text) {
  return parse_from<AppreciationKind>(kAppreciationKinds, text);
}

std::string_view to_string(RequestKind kind) { return kRequestKinds[static_cast<int>(kind)]; }
std::optional<RequestKind> parse_request_kind(std::string_view text) {
  return parse_from<RequestKind>(kRequestKinds, text);
}
std::string_view to_string(SpaceWhen when) { return kSpaceWhens[static_cast<int>(when)]; }
std::optional<SpaceWhen> parse_space_when(std::string_view text) { return parse_from<SpaceWhen>(kSpaceWhens, text); }
std::string_view to_string(SpaceReply reply) { return kSpaceReplies[static_cast<int>(reply)]; }
std::optional<SpaceReply> parse_space_reply(std::string_view text) {
  return parse_from<SpaceReply>(kSpaceReplies, text);
}

std::vector<ResponseKind> fitting_responses(EntryKind kind, const Feelings& feelings, const Catalog& catalog) {
  bool any_vulnerable = false;
  bool all_bright = !feelings.empty();
  for (const auto& f : feelings) {
    const auto* family = catalog.family(f.family);
    bool vulnerable = family && family->vulnerable;
    any_vulnerable = any_vulnerable || vulnerable;
    if (vulnerable || f.family == "anger") all_bright = false;
  }
  std::string first = feelings.empty() ? std::string() : feelings.front().family;
  const auto* first_family = catalog.family(first);
  bool first_hurts = (first_family && first_family->vulnerable) || first == "anger";

  bool hurts = kind == EntryKind::fear || kind == EntryKind::hurt || kind == EntryKind::knock;
  bool good = kind == EntryKind::achievement || kind == EntryKind::hope || kind == EntryKind::daydream ||
              kind == EntryKind::own_time;
  bool comfort = hurts || first_hurts || (any_vulnerable && !good);
  bool celebrate = !hurts && !any_vulnerable && first != "anger" &&
                   (good || ((kind == EntryKind::feeling || kind == EntryKind::memory) && all_bright));

  std::vector<ResponseKind> out{ResponseKind::hear};
  if (comfort) out.push_back(ResponseKind::comfort);
  if (celebrate) out.push_back(ResponseKind::celebrate);
  out.push_back(ResponseKind::thanks);
  return out;
}

std::vector<FieldError> apply_entry_draft(const EntryDraft& draft, const Catalog& catalog, Entry& entry,
                                          bool creating) {
  std::vector<FieldError> errors;
  if (draft.kind) {
    auto k = parse_entry_kind(*draft.kind);
    if (!k) errors.push_back({"kind", "Choose one of the kinds of entry."});
    else if (!creating && made_apart(entry.kind) && *k != entry.kind)
      errors.push_back({"kind", entry.kind == EntryKind::reflection ? "An answer to a reflection stays one."
                                                                    : "Time of your own stays time of your own."});
    else if (made_apart(*k) && (creating || entry.kind != *k))
      errors.push_back({"kind", *k == EntryKind::reflection
                                    ? "A reflection is written by answering one of your questions."
                                    : "Time of your own is noted in its own place, apart from the journal."});
    else entry.kind = *k;
  } else if (creating) {
    errors.push_back({"kind", "Choose what kind of entry this is."});
  }
  if (draft.feelings) {
    auto problems = check_feelings(*draft.feelings, catalog, 0, entry.feelings);
    errors.insert(errors.end(), problems.begin(), problems.end());
  }
  if (draft.body) {
    if (utf8_length(*draft.body) > kMaxEntryBody)
      errors.push_back({"body", "Please keep an entry to 20,000 characters."});
    else if (draft.body->find('\0') != std::string::npos)
      errors.push_back({"body", "The text contains a character that is not allowed."});
    else
      entry.body = *draft.body;
  }
  // Time of one's own says what it was by itself; its note is optional.
  if (errors.empty() && entry.kind != EntryKind::own_time && entry.feelings.empty() && trim(entry.body).empty())
    errors.push_back({"body", "Write a few words or choose a feeling."});
  return errors;
}

std::string check_note(const std::optional<std::string>& note, std::optional<std::string>& cleaned) {
  cleaned.reset();
  if (!note) return {};
  if (utf8_length(*note) > kMaxNote) return "Please keep a note to 2,000 characters.";
  if (note->find('\0') != std::string::npos) return "The note contains a character that is not allowed.";
  if (!trim(*note).empty()) cleaned = *note;
  return {};
}

std::optional<std::string_view> follow_up_for(const Entry& entry) {
  for (const auto& f : entry.feelings)
    if (f.family == "anger") return "look_beneath_anger";
  return std::nullopt;
}

bool may_respond(std::string_view viewer, std::string_view author, bool shared_in_bond, bool viewer_is_member,
                 BondStatus status) {
  return viewer != author && shared_in_bond && viewer_is_member && status == BondStatus::active;
}

bool visible_in_bond(std::string_view viewer, std::string_view writer, BondStatus status) {
  return status == BondStatus::active || viewer == writer;
}

std::string make_cursor(Millis at, std::string_view id) { return std::to_string(at) + "." + std::string(id); }

std::optional<std::pair<Millis, std::string>> parse_cursor(std::string_view cursor) {
  auto dot = cursor.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 >= cursor.size() || cursor.size() > 80) return std::nullopt;
  Millis at = 0;
  auto [ptr, ec] = std::from_chars(cursor.data(), cursor.data() + dot, at);
  if (ec != std::errc() || ptr != cursor.data() + dot || at < 0) return std::nullopt;
  std::string id(cursor.substr(dot + 1));
  if (!std::all_of(id.begin(), id.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'); }))
    return std::nullopt;
  return std::pair{at, std::move(id)};
}

}  // namespace pillars
