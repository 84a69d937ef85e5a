// Rules for what people type. Pure functions: each returns the cleaned value or the reason it is
// not acceptable, phrased for the person typing it.
#pragma once

#include <cstddef>
#include <expected>
#include <string>
#include <string_view>

namespace pillars {

// The most bytes `chars` characters of text can take inside a JSON string: twelve, when a client
// writes a character beyond the Basic Multilingual Plane (an emoji) as two \uXXXX escapes; four
// when it sends it as UTF-8, as browsers do. Request body limits are sized from this, so the
// longest text a field accepts always fits, however it is written.
constexpr std::size_t json_text_bytes(std::size_t chars) { return chars * 12; }

// What a request body may hold besides its long texts: ids, numbers, short fields, the JSON
// around them. The server's default body limit is this much.
inline constexpr std::size_t kBodyFrameBytes = 64 * 1024;

// Number of Unicode code points in valid UTF-8 text.
std::size_t utf8_length(std::string_view text);

// Strips leading and trailing ASCII whitespace.
std::string_view trim(std::string_view text);

// Whether the text holds a control character (a line break, a tab, ...): one-line fields refuse it.
bool has_control(std::string_view text);

// Trims and lower-cases; accepts a plausible address of at most 254 characters with one '@',
// a non-empty local part and a dotted domain. Returns the normalised email or a message.
std::expected<std::string, std::string> normalize_email(std::string_view email);

// Trims; 1 to 60 characters with no control characters.
std::expected<std::string, std::string> clean_display_name(std::string_view name);

// An IANA-like zone name ("UTC", "Europe/Berlin", "America/Argentina/Buenos_Aires").
std::expected<std::string, std::string> clean_timezone(std::string_view zone);

inline constexpr std::size_t kMinPasswordLength = 10;
inline constexpr std::size_t kMaxPasswordLength = 256;

// Checks a new password: length, not a well-known password, not built from the email's local part.
// Returns an empty string when acceptable, else the reason.
std::string password_weakness(std::string_view password, std::string_view normalized_email);

// Invite codes: 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L, U),
// shown as "ABCD-EFGH".
inline constexpr std::string_view kInviteAlphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
inline constexpr std::size_t kInviteCodeLength = 8;

// Canonical form (upper case, no separators) of what a person typed, or nullopt-like failure when it
// cannot be a code. Accepts any case, dashes and spaces.
std::expected<std::string, std::string> normalize_invite_code(std::string_view typed);

// "ABCDEFGH" -> "ABCD-EFGH".
std::string format_invite_code(std::string_view canonical);

}  // namespace pillars
