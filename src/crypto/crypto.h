// Everything secret goes through libsodium: password hashing (Argon2id), random tokens and ids, and
// hashing session tokens before they are stored. Call init() once before anything else.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace pillars::crypto {

// Initialises libsodium; safe to call more than once. Returns false if the library cannot start.
bool init();

// Argon2id through crypto_pwhash_str at libsodium's "interactive" cost (64 MiB, 2 passes), above
// OWASP's minimum. Slow on purpose: call it on a CPU pool, never on an I/O thread.
std::string hash_password(std::string_view password);

// True when `password` matches `stored`. Also slow; same rule as hash_password.
bool verify_password(std::string_view password, const std::string& stored);

// True when `stored` was hashed with weaker parameters than hash_password uses today.
bool password_needs_rehash(const std::string& stored);

// `bytes` random bytes as unpadded base64url: the session cookie token (32 bytes), the CSRF token.
std::string random_token(std::size_t bytes = 32);

// An opaque public id: 16 random bytes as 26 lower-case base32 characters.
std::string random_id();

// An id of the same form whose text order follows `unix_ms`: the time in its first 48 bits, then
// 80 random bits. For rows written often and kept (entries): each new key lands at the end of its
// indexes instead of on a random page, so a commit writes a few pages, not one per row. It tells
// when it was made, so only where that time is shown anyway.
std::string time_ordered_id(std::int64_t unix_ms);

// An invite code in canonical form: kInviteCodeLength characters of kInviteAlphabet, uniformly drawn.
std::string random_invite_code();

// SHA-256 of a session token as lower-case hex: what the store keeps instead of the token.
std::string token_hash(std::string_view token);

// Compares two strings in time independent of where they differ.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace pillars::crypto
