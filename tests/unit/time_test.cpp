#include "core/time.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

namespace pillars {
namespace {

TEST(Rfc3339, FormatsUtcWithZ) {
  EXPECT_EQ(format_rfc3339(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_rfc3339(1764072000123), "2025-11-25T12:00:00Z");
  EXPECT_EQ(format_rfc3339(951782400000), "2000-02-29T00:00:00Z");
}

// The formatter writes its digits by hand; each field's padding and every boundary against the
// C library's formatting of the same calendar fields.
TEST(Rfc3339, EveryFieldPaddedAsPrintfWould) {
  EXPECT_EQ(format_rfc3339(-1), "1969-12-31T23:59:59Z");
  EXPECT_EQ(format_rfc3339(946684799999), "1999-12-31T23:59:59Z");
  EXPECT_EQ(format_rfc3339(253402300799000), "9999-12-31T23:59:59Z");
  EXPECT_EQ(format_date(7, 3, 4), "0007-03-04");
  for (Millis t = -86'400'000; t < 4'102'444'800'000; t += 7'777'777'777) {
    using namespace std::chrono;
    sys_seconds secs{duration_cast<seconds>(milliseconds(t - ((t % 1000) + 1000) % 1000))};
    auto day = floor<days>(secs);
    year_month_day ymd{day};
    hh_mm_ss hms{secs - day};
    char expected[32];
    std::snprintf(expected, sizeof expected, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                  static_cast<int>(hms.seconds().count()));
    EXPECT_EQ(format_rfc3339(t), expected) << t;
  }
}

TEST(Rfc3339, RoundTrips) {
  for (Millis t : {Millis{0}, Millis{1764072000000}, Millis{4102444799000}})
    EXPECT_EQ(parse_rfc3339(format_rfc3339(t)), t);
  EXPECT_EQ(parse_rfc3339("2025-11-25T12:00:00.5Z"), 1764072000500);
}

TEST(Rfc3339, RejectsOtherForms) {
  for (const char* bad : {"", "2025-11-25", "2025-11-25T12:00:00", "2025-11-25T12:00:00+01:00",
                          "2025-02-30T12:00:00Z", "2025-11-25T24:00:00Z", "2025-11-25T12:00:00.Z"})
    EXPECT_FALSE(parse_rfc3339(bad)) << bad;
}

}  // namespace
}  // namespace pillars
