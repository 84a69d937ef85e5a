// A lost password: one-time links to set a new one. The operator's command makes one for a person
// (`pillars user reset-password`); "forgot password" sends one by email when an SMTP server is
// configured. A link works once, within an hour; only the SHA-256 of its token is stored.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "store/store.h"

namespace pillars::api {

inline constexpr Millis kResetLinkTtl = 3'600'000;

// The address a person opens: the token in the fragment, so it never reaches a server log or a
// Referer header; the web app reads it there and sends it only in the request that uses it.
std::string reset_link(std::string_view base_url, std::string_view token);

// Makes a new link's token for the person with this (normalized) email, stores its hash and
// returns the token; nullopt when no account uses the address. The person's older links stop
// working. Runs inside the caller's write transaction.
Result<std::optional<std::string>> issue_reset_token(store::WriteTx& tx, const std::string& email, Millis now);

}  // namespace pillars::api
