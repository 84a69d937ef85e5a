// Insights: how the balance between closeness and space looks over a window of days, for the two
// people in a bond. Computed from the check-ins' structured fields only, never from text, and only
// from days both have answered: a check-in the other has not yet seen never counts, so an insight
// can show nothing that the day's reveal did not already show to both.
//
// The closeness insight follows the research the product draws on: the gap between the closeness
// a person feels and the closeness they want says more about how they feel in the relationship than
// closeness itself, and one person pursuing while the other withdraws is the pattern worth naming
// gently. Never a score of one person against the other.
#pragma once
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include "core/checkin.h"
#include "core/own_time.h"

namespace pillars {

// The days an insight looks at, both ends included.
struct Window {
  Day first = 0;
  Day last = 0;
  bool contains(Day day) const { return day >= first && day <= last; }
  bool operator==(const Window&) const = default;
};
inline constexpr int kMinWindowDays = 7;
inline constexpr int kMaxWindowDays = 365;
inline constexpr int kDefaultWindowDays = 28;
// The `days` days that end with `last`. `days` must be within [kMinWindowDays, kMaxWindowDays].
Window window_ending(Day last, int days);

// The days in `window` that both members answered: each as the pair (first member's, second's),
// oldest first. Days only one answered are left out, whoever it was.
struct AnsweredDay {
  Day day = 0;
  const CheckIn* a = nullptr;
  const CheckIn* b = nullptr;
};
std::vector<AnsweredDay> answered_days(const std::vector<CheckIn>& checkins, const std::string& a,
                                       const std::string& b, Window window);

// Which way a person's wish leans: wanting more closeness than they feel (gap >= 0.75 of a step on
// the seven-step scale), more space (gap <= -0.75), or content with how close they are.
enum class Lean { more_closeness, more_space, balanced };
std::string_view to_string(Lean lean);
inline constexpr double kLeanThreshold = 0.75;
Lean lean_of(double gap);

// Below this many answered days the closeness insight says "not enough yet".
inline constexpr int kMinDaysForCloseness = 4;

struct MemberCloseness {
  double mean_now = 0;
  double mean_wanted = 0;
  double gap = 0;  // mean_wanted - mean_now
  Lean lean = Lean::balanced;
  bool operator==(const MemberCloseness&) const = default;
};

struct ClosenessPoint {
  Day day = 0;
  std::array<int, 2> now{};     // first member, second member
  std::array<int, 2> wanted{};
  bool operator==(const ClosenessPoint&) const = default;
};

struct ClosenessInsight {
  int days = 0;        // answered days in the window
  bool enough = false;  // days >= kMinDaysForCloseness; the means are empty otherwise
  std::optional<std::array<MemberCloseness, 2>> members;
  // One wants more closeness while the other wants more space.
  bool pursue_withdraw = false;
  std::vector<ClosenessPoint> series;  // one point per answered day, oldest first
};
ClosenessInsight closeness_insight(const std::vector<AnsweredDay>& days);

// How often each member's need of the day was space, closeness or comfort, over answered days; and
// how often they asked for space or comfort outright (requests, counted by the caller). Asking for
// space is counted as a need of one's own, like the others, never as a turning away.
struct NeedCounts {
  int space = 0;
  int closeness = 0;
  int comfort = 0;
  int fine = 0;
  int space_requests = 0;
  int comfort_requests = 0;
  bool operator==(const NeedCounts&) const = default;
};
std::array<NeedCounts, 2> need_counts(const std::vector<AnsweredDay>& days);

// Time of one's own and time together, as each member told it on answered days. `own_share` is the
// part of the two that was one's own (0..1), absent when both were zero. It is compared only with
// what that person said they would like (`own_time_against_wish`), never with an even split.
struct MemberTime {
  long own_minutes = 0;
  long together_minutes = 0;
  std::optional<double> own_share;
  bool operator==(const MemberTime&) const = default;
};
std::array<MemberTime, 2> time_insight(const std::vector<AnsweredDay>& days);

// Own minutes over `days` days, as minutes a week; and whether that is under the person's own wish.
struct OwnTime {
  long weekly_minutes = 0;
  std::optional<bool> under_wish;  // absent when the person has not said what they would like
  bool operator==(const OwnTime&) const = default;
};
OwnTime own_time_against_wish(long own_minutes, int days, std::optional<int> wish_per_week);

// Affection ticks are counted only where both members track them (`ticks_shared`); otherwise there
// is no affection insight at all, for either, so nobody learns who does not track them. A day counts
// when either ticked it.
struct LivedWish {
  std::string item_id;
  int days = 0;
  bool operator==(const LivedWish&) const = default;
};
inline constexpr std::size_t kLivedWishesShown = 5;
struct AffectionDays {
  int with_affection = 0;
  int with_lovemaking = 0;
  int affection_without_lovemaking = 0;
  // The shared wishes lived most, by the days either named them (a day counts once), most first,
  // then by id; at most kLivedWishesShown.
  std::vector<LivedWish> wishes = {};
  bool operator==(const AffectionDays&) const = default;
};
std::optional<AffectionDays> affection_insight(const std::vector<AnsweredDay>& days, bool first_tracks,
                                               bool second_tracks);

// Who lets the other see them when it is hard: per member, shared entries naming a vulnerable
// feeling, calls for comfort, and answered days whose need was comfort. One-sided when one has
// kOneSidedAt or more and the other none (the "strong one" who never leans).
struct Vulnerability {
  int shared_vulnerable = 0;
  int comfort_requests = 0;
  int comfort_days = 0;
  int total() const { return shared_vulnerable + comfort_requests + comfort_days; }
  bool operator==(const Vulnerability&) const = default;
};
inline constexpr int kOneSidedAt = 3;
struct VulnerabilityInsight {
  std::array<Vulnerability, 2> members{};
  std::optional<int> one_sided;  // the member (0 or 1) who shows it while the other does not
};
// `shown` holds the entries and requests counted per member; the comfort days come from `days`.
VulnerabilityInsight vulnerability_insight(std::array<Vulnerability, 2> shown, const std::vector<AnsweredDay>& days);

// How often a call was answered: the shared hurts and calls for comfort in a window, how many got a
// response, and the median time to it. Both members' together, never per person.
struct Call {
  Millis asked_at = 0;
  std::optional<Millis> answered_at;  // the first response or answer
};
struct Responsiveness {
  int calls = 0;
  int answered = 0;
  std::optional<Millis> median_wait;  // over the answered ones
  bool operator==(const Responsiveness&) const = default;
};
Responsiveness responsiveness(std::vector<Call> calls);

// Warm words: how many a member sent in the window, and how many days have passed since their last
// "I love you" (absent when there was none).
struct Warmth {
  int sent = 0;
  std::optional<int> days_since_love;
  bool operator==(const Warmth&) const = default;
};
struct Sent {
  Day day = 0;
  bool love = false;
};
Warmth warmth(const std::vector<Sent>& sent, Window window);

// ---- what each card says. Each insight comes with a state, the key of its sentence and suggestion
// in the content (content/insights.json), chosen here from the numbers alone.

// Every card and the states it can be in: the contract the content must keep (each state a
// sentence and a suggestion; vulnerability's one_sided a suggestion for each side instead).
struct CardStates {
  std::string_view scope;  // "bond" or "self"
  std::string_view card;
  std::vector<std::string_view> states;
};
const std::vector<CardStates>& insight_cards();

// Closeness: not_enough, balanced, both_closer, both_space, one_closer, one_space, pursue_withdraw;
// `who` (0 or 1) names the member for one_closer and one_space.
struct CardState {
  std::string_view state;
  std::optional<int> who;
  bool operator==(const CardState&) const = default;
};
CardState closeness_state(const ClosenessInsight& insight);
// Needs: not_enough below kMinDaysForCloseness answered days unless someone asked outright;
// otherwise the need most worth naming that was named at all, in a check-in or a request: comfort,
// then space, then closeness; fine when every day was fine.
CardState needs_state(int answered_days, const std::array<NeedCounts, 2>& counts);
// Vulnerability: quiet (nobody), both, one (one below kOneSidedAt, the other none), one_sided (who
// is the member who has been showing it).
CardState vulnerability_state(const VulnerabilityInsight& insight);
// Warm words: none or some, sent by either in the window.
CardState appreciation_state(const std::array<Warmth, 2>& warmth);
// Space: not_enough below kMinDaysForCloseness answered days; room_unmet when a member who chose to
// show their wish had less own time than it (`under_shown_wish[i]`, absent when not shown); else
// told. When both are under their shown wish, who is the first.
CardState space_state(int answered_days, const std::array<std::optional<bool>, 2>& under_shown_wish);
CardState affection_state(const AffectionDays& days);
// Responsiveness: no_calls, answered (every call), some_unanswered.
CardState responsiveness_state(const Responsiveness& r);

// The one card whose suggestion the home screen offers: what most needs care, else what is going
// well. `cards` holds the state of each card by name, in any order; an absent card is skipped.
struct NamedState {
  std::string_view card;
  std::string_view state;
};
std::string_view highlight(const std::vector<NamedState>& cards);

// ---- insights for one person alone, never shown to anyone else.

// What one finds easier or harder to share: per feeling family, the entries written in the window
// that name it and how many of them are shared. Only families with kMinEntriesForGap or more
// entries; most written first, then by family id.
struct WrittenEntry {
  std::vector<std::string> families;  // the families its feelings belong to (repeats allowed)
  bool shared = false;                 // shared in at least one bond
};
struct FamilyShare {
  std::string family;
  int written = 0;
  int shared = 0;
  bool operator==(const FamilyShare&) const = default;
};
inline constexpr int kMinEntriesForGap = 2;
std::vector<FamilyShare> sharing_gap(const std::vector<WrittenEntry>& entries);

// How well one read the other over revealed days: family and closeness guesses right, and the
// families one most often misread (missed kMinMissesToAsk times or more; the two most missed, most
// first, then by family id). `me` is 0 or 1: which side of each answered day is the guesser.
struct MindReading {
  int days = 0;
  int family_right = 0;
  int closeness_right = 0;
  std::vector<std::string> ask_about;
  bool operator==(const MindReading&) const = default;
};
inline constexpr int kMinMissesToAsk = 2;
inline constexpr std::size_t kMostAskAbout = 2;
MindReading mind_reading(const std::vector<AnsweredDay>& days, int me);

// One's own minutes per day across bonds and the log of time of one's own: the same day told in two
// bonds, or in a check-in and the log, is one day of one's life, so the larger figure counts
// (`own_time_days`). Returns (days told, own minutes in all).
std::pair<int, long> own_minutes_by_day(const std::vector<CheckIn>& mine, const std::vector<OwnTimeSpent>& logged,
                                        Window window);
// Own time: not_enough below kMinDaysForCloseness days told; no_wish; under_wish; met_wish.
CardState own_time_state(int days, const OwnTime& own);

}  // namespace pillars
