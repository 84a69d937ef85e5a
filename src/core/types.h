// The domain's nouns. Plain data: no behaviour, no I/O. Times are milliseconds since the Unix epoch
// in UTC; the API layer renders them as RFC 3339.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pillars {

using Millis = std::int64_t;
// A calendar day as days since 1970-01-01.
using Day = int;

struct User {
  std::string id;
  std::string email;  // normalised: trimmed, lower case
  std::string display_name;
  std::string timezone;  // IANA name such as "Europe/Berlin"
  Millis created_at = 0;
  bool track_affection = false;  // opted in to affection and love-making ticks in check-ins
  // Time of one's own one would like each week, in minutes; private unless `show_own_time_wish`.
  std::optional<int> own_time_wish = std::nullopt;
  bool show_own_time_wish = false;
};

struct Session {
  std::string id;          // public id, used to list and revoke; not a credential
  std::string user_id;
  std::string token_hash;  // hash of the cookie token; the token itself is never stored
  std::string csrf;        // the value X-CSRF-Token must carry for this session
  std::string user_agent;
  Millis created_at = 0;
  Millis last_seen_at = 0;
  Millis expires_at = 0;
};

enum class BondKind { partner, friend_, family };
enum class BondStatus { active, ended };

// A set of bond kinds, one bit each: what a piece of content (a deck, a prompt, a menu item) suits.
using BondKinds = unsigned;
constexpr BondKinds kind_bit(BondKind kind) { return 1u << static_cast<unsigned>(kind); }
constexpr bool suits(BondKinds kinds, BondKind kind) { return (kinds & kind_bit(kind)) != 0; }

std::string_view to_string(BondKind kind);
std::optional<BondKind> parse_bond_kind(std::string_view text);
std::string_view to_string(BondStatus status);
std::optional<BondStatus> parse_bond_status(std::string_view text);

struct Invite {
  std::string code;  // canonical form: 8 characters, no dash
  std::string creator_id;
  BondKind kind = BondKind::partner;
  Millis created_at = 0;
  Millis expires_at = 0;
  std::optional<std::string> used_by;
  std::optional<Millis> used_at;
};

struct Person {
  std::string id;
  std::string display_name;
};

// A bond as one of its two members sees it: `other` is the other member.
struct BondView {
  std::string id;
  BondKind kind = BondKind::partner;
  BondStatus status = BondStatus::active;
  Millis created_at = 0;
  std::optional<Millis> ended_at;
  Person other;
  // Never shown to the viewer: it only decides whether affection ticks are shared (ticks_shared).
  bool other_tracks_affection = false;
};

}  // namespace pillars
