#include "app/seed.h"

#include <algorithm>
#include <array>
#include <random>

#include <fmt/format.h>

#include "core/checkin.h"
#include "crypto/crypto.h"
#include "store/blocking.h"

namespace pillars::app {

namespace {

constexpr Millis kMinute = 60'000;
constexpr Millis kHour = 60 * kMinute;
constexpr Millis kDay = 24 * kHour;
constexpr Millis kSessionLife = 30 * kDay;

// How often, per person and day, each thing happens. Roughly what couples apps see of their steady
// users: a check-in on most days, something written every few days, most of it shared.
constexpr double kCheckInOdds = 0.5;
constexpr double kEntryOdds = 0.15;
constexpr double kShareOdds = 0.55;
constexpr double kAnswerOdds = 0.6;  // the other answers a shared entry
constexpr double kWarmOdds = 0.1;
constexpr double kOwnTimeOdds = 0.08;
constexpr double kMomentOdds = 0.04;  // per couple and day
constexpr int kDeckEveryDays = 7;     // a question both answer
constexpr int kNoticeDays = 7;        // what the last week brought is still "new"

constexpr std::array kNames{"Alex",  "Sam",  "Robin", "Kim",   "Noa",   "Jules", "Maya", "Ravi",
                            "Lena",  "Omar", "Ines",  "Tomas", "Yuki",  "Ada",   "Ben",  "Priya",
                            "Jonas", "Mira", "Leo",   "Sara",  "Hugo",  "Nell",  "Ezra", "Zoe"};
constexpr std::array kZones{"UTC", "Europe/Berlin", "Europe/London", "America/New_York", "America/Los_Angeles",
                            "Asia/Tokyo", "Australia/Sydney"};
// Pieces of everyday writing, joined two at a time, so bodies vary in length and content.
constexpr std::array kLines{
    "Long day at work and I am more tired than I expected.",
    "We laughed about the burnt toast this morning and it set the tone for the whole day.",
    "I keep thinking about what you said on the walk home.",
    "Quiet evening with a book, and it felt exactly right.",
    "A little worried about the appointment next week.",
    "I wish we had more unhurried time together lately.",
    "Finished the project I have been carrying around for weeks.",
    "Missed my family today, more than usual.",
    "The run by the river cleared my head.",
    "I felt unheard at dinner and did not say so.",
    "Grateful for the way you made coffee without asking.",
    "Trying to notice what I need before I get short with people.",
    "I would like us to plan a weekend away in the spring.",
    "Remembered the first flat we shared, the tiny kitchen and the noisy heating.",
    "Nervous about the conversation with my manager tomorrow.",
    "Some time alone in the garden and I came back lighter.",
};
constexpr std::array kNotes{"Thank you for today.", "I noticed, and it meant a lot.", "You made the evening.",
                            "Proud of you.", "I am here whenever you want to talk."};
constexpr std::array kMomentTitles{"A walk by the sea", "The long talk after the party", "Moving day",
                                   "A hard week, and getting through it", "Our first holiday in years",
                                   "Cooking for friends together"};
constexpr std::array kEntryKinds{EntryKind::feeling, EntryKind::hope,     EntryKind::fear,        EntryKind::hurt,
                                 EntryKind::memory,  EntryKind::daydream, EntryKind::achievement, EntryKind::knock};

// One couple's writing: the store transaction, the catalogue, the random draws and the counts.
struct Couple {
  store::WriteTx& tx;
  const Catalog& catalog;
  std::mt19937_64& rng;
  SeedReport& report;
  std::array<Person, 2> people;
  std::string bond;
  Day today = 0;

  bool chance(double odds) { return std::uniform_real_distribution<double>(0, 1)(rng) < odds; }
  int between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }
  template <class C>
  const auto& pick(const C& items) {
    return items[static_cast<std::size_t>(between(0, static_cast<int>(std::size(items)) - 1))];
  }
  std::string text() { return fmt::format("{} {}", pick(kLines), pick(kLines)); }
  Feelings feelings() {
    Feelings out;
    const int n = between(1, 2);
    for (int i = 0; i < n; ++i) {
      const auto& family = pick(catalog.families);
      const auto& word = pick(family.word_ids);
      if (std::none_of(out.begin(), out.end(), [&](const Feeling& f) { return f.word == word; }))
        out.push_back({word, family.id, between(1, 5)});
    }
    return out;
  }
  Millis at(Day day, Millis time_of_day) const { return static_cast<Millis>(day) * kDay + time_of_day; }

  // Tells `to` what the other did, when it happened in the last week.
  Result<void> tell(int to, NoticeKind kind, const std::string& subject, Millis when, Day day,
                    std::optional<std::string> entry_id = std::nullopt) {
    if (day <= today - kNoticeDays) return {};
    Notice n{crypto::random_id(), people[static_cast<std::size_t>(to)].id, bond, kind, subject, std::move(entry_id),
             std::nullopt, people[static_cast<std::size_t>(1 - to)].id, when, std::nullopt};
    ++report.notices;
    return tx.add_notice(n);
  }

  Result<void> checkin(int who, Day day, int mood) {
    CheckIn c;
    c.bond_id = bond;
    c.from = people[static_cast<std::size_t>(who)];
    c.day = day;
    c.feelings = feelings();
    c.closeness_now = std::clamp(mood + between(-1, 1), 1, 7);
    c.closeness_wanted = std::clamp(mood + between(0, 2), 1, 7);
    const int need = between(0, 9);
    c.need = need < 6 ? Need::fine : need < 8 ? Need::closeness : need < 9 ? Need::space : Need::comfort;
    c.own_minutes = between(0, 24) * 5;
    c.together_minutes = between(0, 36) * 5;
    c.guess_family = pick(catalog.families).id;
    c.guess_closeness = std::clamp(mood + between(-2, 2), 1, 7);
    c.created_at = c.updated_at = at(day, 20 * kHour + between(0, 180) * kMinute);
    ++report.checkins;
    return tx.put_checkin(c);
  }

  Result<void> entry(int who, Day day) {
    const int other = 1 - who;
    const Millis written = at(day, between(7, 22) * kHour + between(0, 59) * kMinute);
    Entry e{crypto::random_id(), people[static_cast<std::size_t>(who)].id, pick(kEntryKinds), feelings(), text(),
            written, written, {}};
    ++report.entries;
    if (auto r = tx.insert_entry(e); !r) return r;
    if (!chance(kShareOdds)) return {};
    const Millis shared_at = written + between(1, 30) * kMinute;
    ++report.shares;
    if (auto r = tx.share_entry(e.id, bond, e.author_id, shared_at); !r) return std::unexpected(r.error());
    if (auto r = tell(other, NoticeKind::entry_shared, e.id, shared_at, day, e.id); !r) return r;
    if (!chance(kAnswerOdds)) return {};
    EntryResponse answer{crypto::random_id(), e.id, bond, people[static_cast<std::size_t>(other)],
                         static_cast<ResponseKind>(between(0, 3)),
                         chance(0.4) ? std::optional<std::string>(pick(kNotes)) : std::nullopt,
                         shared_at + between(10, 300) * kMinute};
    ++report.responses;
    if (auto r = tx.insert_response(answer); !r) return r;
    return tell(who, NoticeKind::response_added, answer.id, answer.created_at, day, e.id);
  }

  Result<void> own_time(int who, Day day) {
    if (catalog.own_time_activities.empty()) return {};
    const Millis logged = at(day, 19 * kHour);
    Entry e{crypto::random_id(), people[static_cast<std::size_t>(who)].id, EntryKind::own_time, {}, pick(kLines),
            logged, logged, {}, std::nullopt,
            OwnTimeSpent{day, between(2, 24) * 5, pick(catalog.own_time_activities)}};
    ++report.entries;
    return tx.insert_entry(e);
  }

  Result<void> warm(int who, Day day) {
    Appreciation a{crypto::random_id(), bond, people[static_cast<std::size_t>(who)],
                   static_cast<AppreciationKind>(between(0, 2)),
                   chance(0.3) ? std::optional<std::string>(pick(kNotes)) : std::nullopt,
                   at(day, between(8, 22) * kHour)};
    ++report.appreciations;
    if (auto r = tx.insert_appreciation(a); !r) return r;
    return tell(1 - who, NoticeKind::appreciation_added, a.id, a.created_at, day);
  }

  Result<void> moment(Day day) {
    const int who = between(0, 1);
    const Millis made = at(day, 21 * kHour);
    Moment m{crypto::random_id(), bond, people[static_cast<std::size_t>(who)], day,
             chance(0.75) ? MomentKind::high : MomentKind::low, pick(kMomentTitles),
             chance(0.5) ? std::optional<std::string>(pick(kLines)) : std::nullopt, made, made};
    ++report.moments;
    return tx.put_moment(m);
  }

  // Both answer an open question of a deck that suits their bond, and it is revealed.
  Result<void> deck(Day day, std::size_t turn) {
    std::vector<const DeckPrompt*> open;
    for (const auto& d : catalog.decks)
      for (const auto& p : d.prompts)
        if (p.level == 1 && !p.is_choice() && suits(p.kinds, BondKind::partner)) open.push_back(&p);
    if (open.empty()) return {};
    const DeckPrompt& prompt = *open[turn % open.size()];
    Millis when = at(day, 21 * kHour);
    for (const auto& person : people) {
      when += between(5, 90) * kMinute;
      DeckAnswer answer{bond, prompt.id, person.id, text(), std::nullopt, std::nullopt, when, when};
      ++report.deck_answers;
      if (auto r = tx.put_deck_answer(answer); !r) return r;
    }
    return tx.reveal_prompt(bond, prompt.id, when);
  }

  // Every day of the history, oldest first. Each couple has its own closeness. Nobody has checked in
  // today yet, so a load generator's check-ins for today are first ones, never refused as locked.
  Result<void> history(int days) {
    const int mood = between(3, 6);
    std::size_t deck_turn = static_cast<std::size_t>(between(0, 1000));
    for (Day day = today - days + 1; day <= today; ++day) {
      for (int who = 0; who < 2; ++who) {
        if (day < today && chance(kCheckInOdds))
          if (auto r = checkin(who, day, mood); !r) return r;
        if (chance(kEntryOdds))
          if (auto r = entry(who, day); !r) return r;
        if (chance(kOwnTimeOdds))
          if (auto r = own_time(who, day); !r) return r;
        if (chance(kWarmOdds))
          if (auto r = warm(who, day); !r) return r;
      }
      if (chance(kMomentOdds))
        if (auto r = moment(day); !r) return r;
      if ((today - day) % kDeckEveryDays == 3)
        if (auto r = deck(day, deck_turn++); !r) return r;
    }
    return {};
  }
};

}  // namespace

Result<SeedReport> seed_couples(store::Store& store, const Catalog& catalog, const SeedOptions& options, Millis now,
                                const std::function<void(const std::vector<SeededSession>&)>& made,
                                const std::function<void(int)>& progress) {
  if (options.couples < 0 || options.days < 1 || options.couples_per_job < 1)
    return fail(Errc::validation, "couples must be 0 or more and days 1 or more");
  if (catalog.families.empty()) return fail(Errc::internal, "the catalogue has no feelings");
  const std::string hash = crypto::hash_password(options.password);
  const std::string run = options.run.empty() ? crypto::random_id().substr(0, 6) : options.run;
  const Day today = utc_day(now);
  const Millis start = static_cast<Millis>(today - options.days) * kDay;
  std::mt19937_64 rng(options.seed + static_cast<std::uint64_t>(options.first));
  SeedReport report;

  const int end = options.first + options.couples;
  for (int first = options.first; first < end; first += options.couples_per_job) {
    const int last = std::min(end, first + options.couples_per_job);
    std::vector<SeededSession> sessions;
    SeedReport counted = report;
    auto written = store::write_now(
        store,
        [&](store::WriteTx& tx) -> Result<void> {
          sessions.clear();
          counted = report;
          for (int n = first; n < last; ++n) {
            std::array<User, 2> users;
            for (int who = 0; who < 2; ++who) {
              auto& u = users[static_cast<std::size_t>(who)];
              u = User{crypto::random_id(), fmt::format("seed-{}-{}-{}@example.org", run, n, who == 0 ? 'a' : 'b'),
                       kNames[static_cast<std::size_t>(n * 2 + who) % kNames.size()],
                       kZones[static_cast<std::size_t>(n) % kZones.size()], start, false, std::nullopt, false};
              if (auto r = tx.insert_user(u, hash); !r) return r;
            }
            const std::string bond = crypto::random_id();
            const BondKind kind = n % 10 == 9 ? BondKind::friend_ : n % 10 == 8 ? BondKind::family : BondKind::partner;
            if (auto r = tx.insert_bond(bond, kind, users[0].id, users[1].id, start); !r) return r;
            Couple couple{tx, catalog, rng, counted,
                          {Person{users[0].id, users[0].display_name}, Person{users[1].id, users[1].display_name}},
                          bond, today};
            if (auto r = couple.history(options.days); !r) return r;
            if (n >= options.sessions) continue;
            for (const auto& u : users) {
              SeededSession s{u.id, bond, crypto::random_token(24), crypto::random_token(24)};
              Session stored{crypto::random_id(), u.id, crypto::token_hash(s.token), s.csrf, "pillars seed", now, now,
                             now + kSessionLife};
              if (auto r = tx.insert_session(stored); !r) return r;
              sessions.push_back(std::move(s));
            }
          }
          return {};
        },
        true);
    if (!written) return std::unexpected(written.error());
    report = counted;
    report.couples += last - first;
    if (!sessions.empty()) made(sessions);
    progress(last - first);
  }
  return report;
}

}  // namespace pillars::app
