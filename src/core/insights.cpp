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

}  // namespace pillars
