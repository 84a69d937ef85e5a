// Time as the API shows it: RFC 3339 in UTC with a trailing Z.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/types.h"

namespace pillars {

// 1764072000000 -> "2025-11-25T12:00:00Z" (whole seconds; milliseconds are dropped).
std::string format_rfc3339(Millis t);

// The inverse, for "YYYY-MM-DDTHH:MM:SSZ" with optional fractional seconds.
std::optional<Millis> parse_rfc3339(std::string_view text);

}  // namespace pillars
