#include "core/time.h"

#include <gtest/gtest.h>

namespace pillars {
namespace {

TEST(Rfc3339, FormatsUtcWithZ) {
  EXPECT_EQ(format_rfc3339(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_rfc3339(1764072000123), "2025-11-25T12:00:00Z");
  EXPECT_EQ(format_rfc3339(951782400000), "2000-02-29T00:00:00Z");
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
