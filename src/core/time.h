// Time: the clock the app reads "now" from, and time as the API shows it (RFC 3339 in UTC with a
// trailing Z).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/types.h"

namespace pillars {

// Milliseconds since the Unix epoch, UTC. The app context owns the one clock the server reads; code
// that needs the time takes it from there (or as a parameter), never from the system, so a test can
// set the time. Must be safe to call from any thread.
using Clock = std::function<Millis()>;

// The system's wall clock.
Clock wall_clock();

// 1764072000000 -> "2025-11-25T12:00:00Z" (whole seconds; milliseconds are dropped).
std::string format_rfc3339(Millis t);

// A civil date as "YYYY-MM-DD" (years 0 to 9999), the date part of both formats above.
std::string format_date(int year, unsigned month, unsigned day);

// The inverse, for "YYYY-MM-DDTHH:MM:SSZ" with optional fractional seconds.
std::optional<Millis> parse_rfc3339(std::string_view text);

}  // namespace pillars
