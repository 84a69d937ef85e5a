#include "core/validation.h"

#include <gtest/gtest.h>

namespace pillars {
namespace {

TEST(Email, IsTrimmedAndLowerCased) {
  auto e = normalize_email("  Ann.Lee@Example.ORG ");
  ASSERT_TRUE(e);
  EXPECT_EQ(*e, "ann.lee@example.org");
}

TEST(Email, RejectsWhatCannotBeAnAddress) {
  for (const char* bad : {"", "   ", "ann", "@example.org", "ann@", "ann@example", "ann@@example.org",
                          "ann@.org", "ann@example.", "ann lee@example.org", "ann@exa..mple.org", "<a>@b.org"}) {
    EXPECT_FALSE(normalize_email(bad)) << bad;
  }
  std::string long_email(250, 'a');
  long_email.append("@b.org");
  EXPECT_FALSE(normalize_email(long_email));
}

TEST(DisplayName, TrimsAndLimitsByCharactersNotBytes) {
  EXPECT_EQ(*clean_display_name("  Mia "), "Mia");
  EXPECT_FALSE(clean_display_name("   "));
  EXPECT_FALSE(clean_display_name("a\x01" "b"));
  std::string sixty_umlauts;
  for (int i = 0; i < 60; ++i) sixty_umlauts += "\xC3\xBC";  // 60 characters, 120 bytes
  EXPECT_TRUE(clean_display_name(sixty_umlauts));
  EXPECT_FALSE(clean_display_name(sixty_umlauts + "x"));
}

TEST(Timezone, AcceptsZoneNamesOnly) {
  for (const char* ok : {"UTC", "Europe/Berlin", "America/Argentina/Buenos_Aires", "Etc/GMT+5"})
    EXPECT_TRUE(clean_timezone(ok)) << ok;
  for (const char* bad : {"", "/Europe", "Europe/", "Europe//Berlin", "9Zone", "Europe/Ber lin", "../etc/passwd"})
    EXPECT_FALSE(clean_timezone(bad)) << bad;
}

TEST(Password, WeaknessHasAReason) {
  EXPECT_EQ(password_weakness("quiet river lantern", "ann@example.org"), "");
  EXPECT_NE(password_weakness("short", "ann@example.org"), "");
  EXPECT_NE(password_weakness("password123", "ann@example.org"), "");
  EXPECT_NE(password_weakness("PASSWORD123", "ann@example.org"), "");
  EXPECT_NE(password_weakness("zzzzzzzzzzzz", "ann@example.org"), "");
  EXPECT_NE(password_weakness("my-annalee-secret", "annalee@example.org"), "");
  std::string too_long(258, 'x');
  too_long[7] = 'y';
  EXPECT_NE(password_weakness(too_long, "ann@example.org"), "");
}

TEST(InviteCode, NormalisesWhatPeopleType) {
  EXPECT_EQ(*normalize_invite_code("k7qm-3hxd"), "K7QM3HXD");
  EXPECT_EQ(*normalize_invite_code(" K7QM 3HXD "), "K7QM3HXD");
  EXPECT_FALSE(normalize_invite_code("K7QM-3HX"));     // too short
  EXPECT_FALSE(normalize_invite_code("K7QM-3HXDA"));   // too long
  EXPECT_FALSE(normalize_invite_code("K0QM-3HXD"));    // 0 is not in the alphabet
  EXPECT_FALSE(normalize_invite_code("K7QM/3HXD"));
  EXPECT_EQ(format_invite_code("K7QM3HXD"), "K7QM-3HXD");
}

TEST(Utf8, CountsCodePoints) {
  EXPECT_EQ(utf8_length(""), 0u);
  EXPECT_EQ(utf8_length("abc"), 3u);
  EXPECT_EQ(utf8_length("\xE2\x9D\xA4"), 1u);  // a heart
}

}  // namespace
}  // namespace pillars
