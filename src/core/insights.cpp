#include "core/insights.h"

#include <algorithm>
#include <map>
#include <set>

namespace pillars {

Window window_ending(Day last, int days) { return {last - (days - 1), last}; }

std::vector<AnsweredDay> answered_days(const std::vector<CheckIn>& checkins, const std::string& a,
                                       const std::string& b, Window window) {
  std::map<Day, AnsweredDay> by_day;
  for (const auto& c : checkins) {
    if (!window.contains(c.day)) continue;
    auto& d = by_day[c.day];
    d.day = c.day;
    if (c.from.id == a) d.a = &c;
    else if (c.from.id == b) d.b = &c;
  }
  std::vector<AnsweredDay> out;
  for (const auto& [day, d] : by_day)
    if (d.a && d.b) out.push_back(d);
  return out;
}

std::string_view to_string(Lean lean) {
  switch (lean) {
    case Lean::more_closeness: return "more_closeness";
    case Lean::more_space: return "more_space";
    case Lean::balanced: break;
  }
  return "balanced";
}

Lean lean_of(double gap) {
  if (gap >= kLeanThreshold) return Lean::more_closeness;
  if (gap <= -kLeanThreshold) return Lean::more_space;
  return Lean::balanced;
}

ClosenessInsight closeness_insight(const std::vector<AnsweredDay>& days) {
  ClosenessInsight out;
  out.days = static_cast<int>(days.size());
  out.enough = out.days >= kMinDaysForCloseness;
  std::array<long, 2> now_sum{}, wanted_sum{};
  for (const auto& d : days) {
    ClosenessPoint p{d.day, {d.a->closeness_now, d.b->closeness_now}, {d.a->closeness_wanted, d.b->closeness_wanted}};
    for (int i = 0; i < 2; ++i) {
      now_sum[i] += p.now[i];
      wanted_sum[i] += p.wanted[i];
    }
    out.series.push_back(p);
  }
  if (!out.enough) return out;
  std::array<MemberCloseness, 2> members;
  for (int i = 0; i < 2; ++i) {
    auto& m = members[i];
    m.mean_now = static_cast<double>(now_sum[i]) / out.days;
    m.mean_wanted = static_cast<double>(wanted_sum[i]) / out.days;
    m.gap = m.mean_wanted - m.mean_now;
    m.lean = lean_of(m.gap);
  }
  auto leans = [&](Lean x, Lean y) { return members[0].lean == x && members[1].lean == y; };
  out.pursue_withdraw = leans(Lean::more_closeness, Lean::more_space) || leans(Lean::more_space, Lean::more_closeness);
  out.members = members;
  return out;
}

std::array<NeedCounts, 2> need_counts(const std::vector<AnsweredDay>& days) {
  std::array<NeedCounts, 2> out{};
  auto count = [](NeedCounts& n, Need need) {
    switch (need) {
      case Need::space: ++n.space; break;
      case Need::closeness: ++n.closeness; break;
      case Need::comfort: ++n.comfort; break;
      case Need::fine: ++n.fine; break;
    }
  };
  for (const auto& d : days) {
    count(out[0], d.a->need);
    count(out[1], d.b->need);
  }
  return out;
}

std::array<MemberTime, 2> time_insight(const std::vector<AnsweredDay>& days) {
  std::array<MemberTime, 2> out{};
  for (const auto& d : days) {
    const CheckIn* both[] = {d.a, d.b};
    for (int i = 0; i < 2; ++i) {
      out[i].own_minutes += both[i]->own_minutes;
      out[i].together_minutes += both[i]->together_minutes;
    }
  }
  for (auto& m : out) {
    long all = m.own_minutes + m.together_minutes;
    if (all > 0) m.own_share = static_cast<double>(m.own_minutes) / static_cast<double>(all);
  }
  return out;
}

OwnTime own_time_against_wish(long own_minutes, int days, std::optional<int> wish_per_week) {
  OwnTime out;
  if (days > 0) out.weekly_minutes = (own_minutes * 7 + days / 2) / days;  // rounded to the nearest minute
  if (wish_per_week) out.under_wish = out.weekly_minutes < *wish_per_week;
  return out;
}

std::optional<AffectionDays> affection_insight(const std::vector<AnsweredDay>& days, bool first_tracks,
                                               bool second_tracks) {
  if (!ticks_shared(first_tracks, second_tracks)) return std::nullopt;
  AffectionDays out;
  for (const auto& d : days) {
    bool affection = d.a->affection.value_or(false) || d.b->affection.value_or(false);
    bool lovemaking = d.a->lovemaking.value_or(false) || d.b->lovemaking.value_or(false);
    if (affection) ++out.with_affection;
    if (lovemaking) ++out.with_lovemaking;
    if (affection && !lovemaking) ++out.affection_without_lovemaking;
  }
  std::map<std::string, int> lived;
  for (const auto& d : days) {
    std::set<std::string> that_day(d.a->wishes.begin(), d.a->wishes.end());
    that_day.insert(d.b->wishes.begin(), d.b->wishes.end());
    for (const auto& w : that_day) ++lived[w];
  }
  for (const auto& [id, n] : lived) out.wishes.push_back({id, n});
  std::stable_sort(out.wishes.begin(), out.wishes.end(), [](const LivedWish& x, const LivedWish& y) { return x.days > y.days; });
  if (out.wishes.size() > kLivedWishesShown) out.wishes.resize(kLivedWishesShown);
  return out;
}

VulnerabilityInsight vulnerability_insight(std::array<Vulnerability, 2> shown, const std::vector<AnsweredDay>& days) {
  VulnerabilityInsight out{shown, std::nullopt};
  for (const auto& d : days) {
    if (d.a->need == Need::comfort) ++out.members[0].comfort_days;
    if (d.b->need == Need::comfort) ++out.members[1].comfort_days;
  }
  for (int i = 0; i < 2; ++i)
    if (out.members[i].total() >= kOneSidedAt && out.members[1 - i].total() == 0) out.one_sided = i;
  return out;
}

Responsiveness responsiveness(std::vector<Call> calls) {
  Responsiveness out;
  out.calls = static_cast<int>(calls.size());
  std::vector<Millis> waits;
  for (const auto& c : calls)
    if (c.answered_at) waits.push_back(std::max<Millis>(0, *c.answered_at - c.asked_at));
  out.answered = static_cast<int>(waits.size());
  if (waits.empty()) return out;
  std::sort(waits.begin(), waits.end());
  auto mid = waits.size() / 2;
  out.median_wait = waits.size() % 2 ? waits[mid] : (waits[mid - 1] + waits[mid]) / 2;
  return out;
}

Warmth warmth(const std::vector<Sent>& sent, Window window) {
  Warmth out;
  std::optional<Day> last_love;
  for (const auto& s : sent) {
    if (s.day > window.last) continue;
    if (window.contains(s.day)) ++out.sent;
    if (s.love && (!last_love || s.day > *last_love)) last_love = s.day;
  }
  if (last_love) out.days_since_love = window.last - *last_love;
  return out;
}

const std::vector<CardStates>& insight_cards() {
  static const std::vector<CardStates> cards = {
      {"bond", "closeness",
       {"not_enough", "balanced", "both_closer", "both_space", "one_closer", "one_space", "pursue_withdraw"}},
      {"bond", "needs", {"not_enough", "comfort", "space", "closeness", "fine"}},
      {"bond", "vulnerability", {"quiet", "both", "one", "one_sided"}},
      {"bond", "appreciation", {"none", "some"}},
      {"bond", "space", {"not_enough", "told", "room_unmet"}},
      {"bond", "affection", {"none", "some"}},
      {"bond", "responsiveness", {"no_calls", "answered", "some_unanswered"}},
      {"self", "sharing_gap", {"not_enough", "told"}},
      {"self", "own_time", {"not_enough", "no_wish", "under_wish", "met_wish"}},
      {"self", "mind_reading", {"not_enough", "told"}},
  };
  return cards;
}

CardState closeness_state(const ClosenessInsight& insight) {
  if (!insight.enough || !insight.members) return {"not_enough", std::nullopt};
  if (insight.pursue_withdraw) return {"pursue_withdraw", std::nullopt};
  const auto& m = *insight.members;
  auto both = [&](Lean l) { return m[0].lean == l && m[1].lean == l; };
  if (both(Lean::more_closeness)) return {"both_closer", std::nullopt};
  if (both(Lean::more_space)) return {"both_space", std::nullopt};
  for (int i = 0; i < 2; ++i) {
    if (m[i].lean == Lean::more_closeness) return {"one_closer", i};
    if (m[i].lean == Lean::more_space) return {"one_space", i};
  }
  return {"balanced", std::nullopt};
}

CardState needs_state(int answered_days, const std::array<NeedCounts, 2>& counts) {
  auto any = [&](int NeedCounts::*field) { return counts[0].*field + counts[1].*field > 0; };
  const bool asked = any(&NeedCounts::space_requests) || any(&NeedCounts::comfort_requests);
  if (answered_days < kMinDaysForCloseness && !asked) return {"not_enough", std::nullopt};
  if (any(&NeedCounts::comfort) || any(&NeedCounts::comfort_requests)) return {"comfort", std::nullopt};
  if (any(&NeedCounts::space) || any(&NeedCounts::space_requests)) return {"space", std::nullopt};
  if (any(&NeedCounts::closeness)) return {"closeness", std::nullopt};
  return {"fine", std::nullopt};
}

CardState vulnerability_state(const VulnerabilityInsight& insight) {
  if (insight.one_sided) return {"one_sided", insight.one_sided};
  int a = insight.members[0].total(), b = insight.members[1].total();
  if (a == 0 && b == 0) return {"quiet", std::nullopt};
  if (a > 0 && b > 0) return {"both", std::nullopt};
  return {"one", std::nullopt};
}

CardState appreciation_state(const std::array<Warmth, 2>& warmth) {
  return {warmth[0].sent + warmth[1].sent > 0 ? "some" : "none", std::nullopt};
}

CardState space_state(int answered_days, const std::array<std::optional<bool>, 2>& under_shown_wish) {
  if (answered_days < kMinDaysForCloseness) return {"not_enough", std::nullopt};
  for (int i = 0; i < 2; ++i)
    if (under_shown_wish[i].value_or(false)) return {"room_unmet", i};
  return {"told", std::nullopt};
}

CardState affection_state(const AffectionDays& days) {
  return {days.with_affection + days.with_lovemaking > 0 ? "some" : "none", std::nullopt};
}

CardState responsiveness_state(const Responsiveness& r) {
  if (r.calls == 0) return {"no_calls", std::nullopt};
  return {r.answered == r.calls ? "answered" : "some_unanswered", std::nullopt};
}

std::string_view highlight(const std::vector<NamedState>& cards) {
  // What most needs care first, then what is going well; the first present wins.
  static constexpr std::pair<std::string_view, std::string_view> order[] = {
      {"closeness", "pursue_withdraw"}, {"vulnerability", "one_sided"}, {"responsiveness", "some_unanswered"},
      {"closeness", "both_closer"},     {"closeness", "one_closer"},    {"space", "room_unmet"},
      {"closeness", "both_space"},      {"closeness", "one_space"},     {"appreciation", "none"},
      {"vulnerability", "quiet"},       {"needs", "comfort"},           {"needs", "space"},
      {"closeness", "balanced"},        {"appreciation", "some"},
  };
  for (const auto& [card, state] : order)
    for (const auto& c : cards)
      if (c.card == card && c.state == state) return card;
  return "closeness";
}

std::vector<FamilyShare> sharing_gap(const std::vector<WrittenEntry>& entries) {
  std::map<std::string, FamilyShare, std::less<>> by_family;
  for (const auto& e : entries) {
    std::vector<std::string> families = e.families;
    std::sort(families.begin(), families.end());
    families.erase(std::unique(families.begin(), families.end()), families.end());
    for (const auto& f : families) {
      auto& row = by_family[f];
      row.family = f;
      ++row.written;
      if (e.shared) ++row.shared;
    }
  }
  std::vector<FamilyShare> out;
  for (auto& [id, row] : by_family)
    if (row.written >= kMinEntriesForGap) out.push_back(std::move(row));
  std::stable_sort(out.begin(), out.end(), [](const auto& x, const auto& y) { return x.written > y.written; });
  return out;
}

MindReading mind_reading(const std::vector<AnsweredDay>& days, int me) {
  MindReading out;
  std::map<std::string, int, std::less<>> misses;
  for (const auto& d : days) {
    const CheckIn& mine = me == 0 ? *d.a : *d.b;
    const CheckIn& theirs = me == 0 ? *d.b : *d.a;
    ++out.days;
    auto score = score_guess(mine, theirs);
    if (score.family_right) ++out.family_right;
    else if (auto family = primary_family(theirs.feelings); !family.empty()) ++misses[family];
    if (score.closeness_right) ++out.closeness_right;
  }
  std::vector<std::pair<std::string, int>> missed(misses.begin(), misses.end());
  std::stable_sort(missed.begin(), missed.end(), [](const auto& x, const auto& y) { return x.second > y.second; });
  for (const auto& [family, count] : missed)
    if (count >= kMinMissesToAsk && out.ask_about.size() < kMostAskAbout) out.ask_about.push_back(family);
  return out;
}

std::pair<int, long> own_minutes_by_day(const std::vector<CheckIn>& mine, const std::vector<OwnTimeSpent>& logged,
                                        Window window) {
  long total = 0;
  const auto days = own_time_days(mine, logged, window.first, window.last);
  for (const auto& d : days) total += d.counted;
  return {static_cast<int>(days.size()), total};
}

CardState own_time_state(int days, const OwnTime& own) {
  if (days < kMinDaysForCloseness) return {"not_enough", std::nullopt};
  if (!own.under_wish) return {"no_wish", std::nullopt};
  return {*own.under_wish ? "under_wish" : "met_wish", std::nullopt};
}

}  // namespace pillars
