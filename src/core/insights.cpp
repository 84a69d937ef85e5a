#include "core/insights.h"

#include <algorithm>
#include <map>

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

}  // namespace pillars
