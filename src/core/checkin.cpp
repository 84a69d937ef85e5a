#include "core/checkin.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <set>
#include <tuple>

#include "core/time.h"

namespace pillars {

namespace {
constexpr std::string_view kNeeds[] = {"space", "closeness", "comfort", "fine"};
}

std::string_view to_string(Need need) { return kNeeds[static_cast<int>(need)]; }
std::optional<Need> parse_need(std::string_view text) {
  for (int i = 0; i < 4; ++i)
    if (kNeeds[i] == text) return static_cast<Need>(i);
  return std::nullopt;
}

std::optional<Day> parse_day(std::string_view text) {
  using namespace std::chrono;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  auto num = [&](std::size_t at, std::size_t len) {
    int n = 0;
    for (std::size_t i = at; i < at + len; ++i) n = n * 10 + (text[i] - '0');
    return n;
  };
  year_month_day ymd{year(num(0, 4)), month(static_cast<unsigned>(num(5, 2))), day(static_cast<unsigned>(num(8, 2)))};
  if (!ymd.ok()) return std::nullopt;
  return static_cast<Day>(sys_days(ymd).time_since_epoch().count());
}

std::string format_day(Day d) {
  using namespace std::chrono;
  year_month_day ymd{sys_days(days(d))};
  return format_date(static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()));
}

Day utc_day(Millis t) {
  using namespace std::chrono;
  return static_cast<Day>(floor<days>(sys_time<milliseconds>(milliseconds(t))).time_since_epoch().count());
}

bool day_is_current(Day day, Millis now) { return std::abs(day - utc_day(now)) <= 1; }

std::vector<FieldError> apply_checkin_draft(const CheckInDraft& d, const Catalog& catalog, BondKind kind,
                                            bool track_affection, CheckIn& out) {
  std::vector<FieldError> errors = check_feelings(d.feelings, catalog, 1, out.feelings);
  auto scale = [&](const std::optional<long long>& v, std::string field, int lo, int hi, std::string message,
                   int& target) {
    if (!v || *v < lo || *v > hi) errors.push_back({std::move(field), std::move(message)});
    else target = static_cast<int>(*v);
  };

  scale(d.closeness_now, "closeness_now", 1, 7, "Closeness goes from 1 (far apart) to 7 (very close).",
        out.closeness_now);
  scale(d.closeness_wanted, "closeness_wanted", 1, 7, "Closeness goes from 1 (far apart) to 7 (very close).",
        out.closeness_wanted);
  scale(d.own_minutes, "own_minutes", 0, 1440, "Minutes go from 0 to 1440 (a whole day).", out.own_minutes);
  scale(d.together_minutes, "together_minutes", 0, 1440, "Minutes go from 0 to 1440 (a whole day).",
        out.together_minutes);
  if (!d.need || !parse_need(*d.need)) errors.push_back({"need", "Choose space, closeness, comfort or fine."});
  else out.need = *parse_need(*d.need);
  if (!d.guess_family || !catalog.family(*d.guess_family))
    errors.push_back({"guess.family", "Guess one of the families of feelings."});
  else out.guess_family = *d.guess_family;
  scale(d.guess_closeness, "guess.closeness_now", 1, 7, "Guess a closeness from 1 to 7.", out.guess_closeness);

  for (auto [value, field, target] : {std::tuple{&d.affection, "affection", &out.affection},
                                      std::tuple{&d.lovemaking, "lovemaking", &out.lovemaking}}) {
    *target = std::nullopt;
    if (!*value) continue;
    if (kind != BondKind::partner) errors.push_back({field, "This is only tracked between partners."});
    else if (!track_affection) errors.push_back({field, "Turn on affection tracking in your settings first."});
    else *target = **value;
  }
  out.wishes.clear();
  if (d.wishes && !d.wishes->empty()) {
    std::set<std::string_view> distinct(d.wishes->begin(), d.wishes->end());
    if (kind != BondKind::partner) errors.push_back({"wishes", "This is only tracked between partners."});
    else if (!track_affection) errors.push_back({"wishes", "Turn on affection tracking in your settings first."});
    else if (d.wishes->size() > kMaxWishesPerDay) errors.push_back({"wishes", "Choose up to five."});
    else if (distinct.size() != d.wishes->size()) errors.push_back({"wishes", "Choose each one once."});
    else if (d.affection == false) errors.push_back({"wishes", "A shared wish lived is affection: tick it, or leave these out."});
    else {
      out.wishes = *d.wishes;
      out.affection = true;
    }
  }
  return errors;
}

CheckInSave checkin_save(bool mine_before, bool theirs_before) {
  if (mine_before && theirs_before) return {.locked = true, .first = false, .reveals = false};
  return {.locked = false, .first = !mine_before, .reveals = theirs_before};
}

GuessScore score_guess(const CheckIn& guesser, const CheckIn& other) {
  return {guesser.guess_family == primary_family(other.feelings),
          std::abs(guesser.guess_closeness - other.closeness_now) <= 1};
}

DayShown day_shown(BondStatus bond, bool mine, bool theirs, Day day, Millis now) {
  if (bond != BondStatus::active) return {.revealed = false, .other = OtherPart::none, .edit_times = true};
  if (mine && theirs) return {.revealed = true, .other = OtherPart::full, .edit_times = false};
  return {.revealed = false, .other = day_is_current(day, now) ? OtherPart::status : OtherPart::none, .edit_times = true};
}

std::string_view to_string(Reflection reflection) {
  switch (reflection) {
    case Reflection::comfort: return "comfort";
    case Reflection::space_and_closeness: return "space_and_closeness";
    case Reflection::both_closer: return "both_closer";
    case Reflection::both_space: return "both_space";
  }
  return "comfort";
}

std::string_view to_string(Who who) {
  switch (who) {
    case Who::me: return "me";
    case Who::them: return "them";
    case Who::both: return "both";
  }
  return "both";
}

namespace {
// Wants more room than they have: asked for space, or wants the circles further apart.
bool wants_space(const CheckIn& c) { return c.need == Need::space || c.closeness_wanted < c.closeness_now; }
// Wants to come closer: asked for closeness, or wants the circles to overlap more.
bool wants_closer(const CheckIn& c) {
  return c.need == Need::closeness || (c.need != Need::space && c.closeness_wanted > c.closeness_now);
}
}  // namespace

std::optional<RevealNote> reveal_note(const CheckIn& mine, const CheckIn& theirs) {
  bool my_comfort = mine.need == Need::comfort, their_comfort = theirs.need == Need::comfort;
  if (my_comfort || their_comfort)
    return RevealNote{Reflection::comfort, my_comfort && their_comfort ? Who::both : my_comfort ? Who::me : Who::them};
  if (wants_space(mine) && wants_space(theirs)) return RevealNote{Reflection::both_space, Who::both};
  if (wants_space(mine) && wants_closer(theirs)) return RevealNote{Reflection::space_and_closeness, Who::me};
  if (wants_space(theirs) && wants_closer(mine)) return RevealNote{Reflection::space_and_closeness, Who::them};
  if (wants_closer(mine) && wants_closer(theirs)) return RevealNote{Reflection::both_closer, Who::both};
  return std::nullopt;
}

}  // namespace pillars
