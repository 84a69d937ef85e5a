// Day and id parsing: parse_day, the invite code, email, display name and time zone cleaners, and
// path_segments. Every parser gets the whole input; each accepted value must be stable when it is
// cleaned again.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "check.h"
#include "core/checkin.h"
#include "core/validation.h"
#include "http/router.h"

using namespace pillars;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  if (auto day = parse_day(text)) {
    // Only the canonical "YYYY-MM-DD" of a real date is accepted, so it prints back to itself.
    FUZZ_CHECK(format_day(*day) == text);
    FUZZ_CHECK(parse_day(format_day(*day)) == day);
  }

  if (auto code = normalize_invite_code(text)) {
    FUZZ_CHECK(code->size() == kInviteCodeLength);
    for (char c : *code) FUZZ_CHECK(kInviteAlphabet.find(c) != std::string_view::npos);
    auto shown = format_invite_code(*code);
    FUZZ_CHECK(shown.size() == kInviteCodeLength + 1 && shown[4] == '-');
    FUZZ_CHECK(normalize_invite_code(shown) == code);
  }

  if (auto email = normalize_email(text)) {
    FUZZ_CHECK(!email->empty() && email->size() <= 254);
    FUZZ_CHECK(email->find('@') != std::string::npos);
    FUZZ_CHECK(normalize_email(*email) == email);
  }

  if (auto name = clean_display_name(text)) {
    FUZZ_CHECK(!name->empty() && utf8_length(*name) <= 60);
    FUZZ_CHECK(trim(*name) == *name);
    FUZZ_CHECK(clean_display_name(*name) == name);
  }

  if (auto zone = clean_timezone(text)) {
    FUZZ_CHECK(!zone->empty() && zone->size() <= 64);
    FUZZ_CHECK(clean_timezone(*zone) == zone);
  }

  (void)password_weakness(text, "someone@example.org");

  if (auto segments = http::path_segments(text)) {
    // Only origin-form targets ("/..."), at most one segment per slash ("//" is one empty segment,
    // which no route pattern matches).
    FUZZ_CHECK(!text.empty() && text.front() == '/');
    FUZZ_CHECK(segments->size() <= static_cast<std::size_t>(std::count(text.begin(), text.end(), '/')));
  }
  return 0;
}
