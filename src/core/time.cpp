#include "core/time.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace pillars {

Clock wall_clock() {
  return [] {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  };
}

namespace {

// Writes n (below 10^width) as `width` decimal digits, zero-padded, ending just before `end`.
// The dates and times of every response pass here: digits by hand, not through printf.
void put_digits(char* end, unsigned n, int width) {
  for (int i = 0; i < width; ++i, n /= 10) *--end = static_cast<char>('0' + n % 10);
}

}  // namespace

std::string format_date(int year, unsigned month, unsigned day) {
  std::string out(10, '-');
  put_digits(out.data() + 4, static_cast<unsigned>(std::clamp(year, 0, 9999)), 4);
  put_digits(out.data() + 7, month, 2);
  put_digits(out.data() + 10, day, 2);
  return out;
}

std::string format_rfc3339(Millis t) {
  using namespace std::chrono;
  sys_seconds secs{duration_cast<seconds>(milliseconds(t - ((t % 1000) + 1000) % 1000))};
  auto day = floor<days>(secs);
  year_month_day ymd{day};
  hh_mm_ss hms{secs - day};
  std::string out = format_date(static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                                static_cast<unsigned>(ymd.day()));
  out.resize(20);
  char* p = out.data();
  p[10] = 'T';
  p[13] = p[16] = ':';
  p[19] = 'Z';
  put_digits(p + 13, static_cast<unsigned>(hms.hours().count()), 2);
  put_digits(p + 16, static_cast<unsigned>(hms.minutes().count()), 2);
  put_digits(p + 19, static_cast<unsigned>(hms.seconds().count()), 2);
  return out;
}

std::optional<Millis> parse_rfc3339(std::string_view text) {
  using namespace std::chrono;
  int y, mo, d, h, mi, s;
  if (text.size() < 20) return std::nullopt;
  std::string str(text);
  int consumed = 0;
  if (std::sscanf(str.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &consumed) != 6)
    return std::nullopt;
  std::string_view rest = text.substr(static_cast<std::size_t>(consumed));
  Millis frac = 0;
  if (!rest.empty() && rest.front() == '.') {
    rest.remove_prefix(1);
    int digits = 0;
    while (!rest.empty() && rest.front() >= '0' && rest.front() <= '9') {
      if (digits < 3) frac = frac * 10 + (rest.front() - '0');
      ++digits;
      rest.remove_prefix(1);
    }
    if (digits == 0) return std::nullopt;
    for (; digits < 3; ++digits) frac *= 10;
  }
  if (rest != "Z") return std::nullopt;
  year_month_day ymd{year(y), month(static_cast<unsigned>(mo)), day(static_cast<unsigned>(d))};
  if (!ymd.ok() || h > 23 || mi > 59 || s > 60) return std::nullopt;
  auto tp = sys_days(ymd) + hours(h) + minutes(mi) + seconds(s);
  return duration_cast<milliseconds>(tp.time_since_epoch()).count() + frac;
}

}  // namespace pillars
