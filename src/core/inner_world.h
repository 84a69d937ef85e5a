// The inner world: entries a person writes, the responses the other gives, comfort requests and
// appreciations. Validation and visibility rules live here, pure and tested without a server.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "core/error.h"
#include "core/feelings.h"
#include "core/own_time.h"
#include "core/types.h"

namespace pillars {

inline constexpr std::size_t kMaxEntryBody = 20000;  // characters
inline constexpr std::size_t kMaxNote = 2000;        // characters, for responses and notes

// `reflection` is an answer to one of the questions for oneself (core/reflections.h), and `own_time`
// a piece of time of one's own (core/own_time.h): each made only through its own screen, never
// chosen as a kind, and never changed into or out of.
enum class EntryKind { feeling, hope, fear, hurt, memory, daydream, achievement, knock, reflection, own_time };
std::string_view to_string(EntryKind kind);
std::optional<EntryKind> parse_entry_kind(std::string_view text);

enum class ResponseKind { hear, comfort, celebrate, thanks };
std::string_view to_string(ResponseKind kind);
std::optional<ResponseKind> parse_response_kind(std::string_view text);

enum class AppreciationKind { love, thanks, admire };
std::string_view to_string(AppreciationKind kind);
std::optional<AppreciationKind> parse_appreciation_kind(std::string_view text);

// What a person can ask the other for: comfort ("I could use some comfort") or space ("I'd like
// some time to myself"). Asking for space is a need, never a rejection, and is counted so.
enum class RequestKind { comfort, space };
std::string_view to_string(RequestKind kind);
std::optional<RequestKind> parse_request_kind(std::string_view text);

// When the time of one's own is wanted.
enum class SpaceWhen { now, tonight, tomorrow };
std::string_view to_string(SpaceWhen when);
std::optional<SpaceWhen> parse_space_when(std::string_view text);

// The gentle replies to a request for space: it is granted, never argued with.
enum class SpaceReply { enjoy, of_course, here_after };
std::string_view to_string(SpaceReply reply);
std::optional<SpaceReply> parse_space_reply(std::string_view text);


struct Entry {
  std::string id;
  std::string author_id;
  EntryKind kind = EntryKind::feeling;
  Feelings feelings;
  std::string body;
  Millis created_at = 0;
  Millis updated_at = 0;
  std::vector<std::string> shared_with;  // bond ids, filled when read for the author
  std::optional<std::string> prompt = std::nullopt;  // a reflection's question (catalog id); only for reflections
  std::optional<OwnTimeSpent> own_time = std::nullopt;  // only for time of one's own; its note is the body
};

struct EntryResponse {
  std::string id;
  std::string entry_id;
  std::string bond_id;
  Person from;
  ResponseKind kind = ResponseKind::hear;
  std::optional<std::string> body;
  Millis created_at = 0;
};

// An entry as it appears in a bond's shared space.
struct SharedEntry {
  Entry entry;
  Person author;
  Millis shared_at = 0;
  std::vector<EntryResponse> responses;  // in the bond it is shared in, oldest first
};

struct Appreciation {
  std::string id;
  std::string bond_id;
  Person from;
  AppreciationKind kind = AppreciationKind::love;
  std::optional<std::string> note;
  Millis created_at = 0;
};

// A request for comfort or for space, and its answer.
struct Request {
  std::string id;
  std::string bond_id;
  RequestKind kind = RequestKind::comfort;
  Person from;
  std::optional<std::string> note;
  std::optional<SpaceWhen> when;  // space only
  Millis created_at = 0;
  std::optional<Millis> answered_at;
  std::optional<std::string> answer_note;
  std::optional<SpaceReply> reply;  // space only: the reply chosen
};

// What a person asked for, before validation.
struct EntryDraft {
  std::optional<std::string> kind;
  std::optional<std::vector<FeelingPick>> feelings;
  std::optional<std::string> body;
};

// Validates a draft against the catalog and fills `entry` (kind, feelings with families, body).
// For an edit, absent draft fields keep the entry's current values. Returns every field error.
std::vector<FieldError> apply_entry_draft(const EntryDraft& draft, const Catalog& catalog, Entry& entry,
                                          bool creating);

// An optional note (responses, appreciations, comfort): at most kMaxNote characters, no NUL.
// Empty or whitespace-only becomes nullopt. Returns an error message or empty.
std::string check_note(const std::optional<std::string>& note, std::optional<std::string>& cleaned);

// "look_beneath_anger" when the entry names a feeling of the anger family: anger often covers
// hurt or sadness, and the app offers (never insists) a look underneath.
std::optional<std::string_view> follow_up_for(const Entry& entry);

// Whether `viewer` may respond to an entry by `author` shared in a bond: only the other member,
// only while the share stands and the bond is active.
bool may_respond(std::string_view viewer, std::string_view author, bool shared_in_bond, bool viewer_is_member,
                 BondStatus status);

// After a bond ends, each person still sees only what they themselves wrote in it.
bool visible_in_bond(std::string_view viewer, std::string_view writer, BondStatus status);

// The responses that fit an entry: "I hear you" and "thank you for sharing" fit anything; comfort
// fits what hurts (a fear, a hurt, a knock, or a vulnerable feeling or anger named first); joy
// ("so glad for you") fits what is good (an achievement, a hope, a daydream, or a feeling or
// memory whose feelings are all of the bright families) and never sits beside a vulnerable
// feeling. In the catalog's order.
std::vector<ResponseKind> fitting_responses(EntryKind kind, const Feelings& feelings, const Catalog& catalog);

// Paging cursors: "<millis>.<id>", opaque to clients.
std::string make_cursor(Millis at, std::string_view id);
std::optional<std::pair<Millis, std::string>> parse_cursor(std::string_view cursor);

}  // namespace pillars
