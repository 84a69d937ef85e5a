#include "app/demo.h"

#include <algorithm>

#include "crypto/crypto.h"
#include "store/blocking.h"

namespace pillars::app {

namespace {

constexpr Millis kHour = 3'600'000;
constexpr Millis kDay = 24 * kHour;

// The words of a family, by position (wrapping), as catalog ids.
Feeling feeling(const Catalog& catalog, std::string_view family, std::size_t i, int intensity) {
  const auto* f = catalog.family(family);
  return Feeling{f->word_ids[i % f->word_ids.size()], f->id, intensity};
}

struct DemoEntry {
  int day;  // index into the history
  int who;  // 0 Ada, 1 Ben
  EntryKind kind;
  std::string_view family;
  std::string_view body;
  bool shared;
};

// What they wrote, in the app's own words. Ada lets Ben in often; Ben keeps more to himself.
constexpr DemoEntry kEntries[] = {
    {2, 0, EntryKind::hurt, "hurt", "You checked your phone while I was telling you about my day. It stung more than I said.", true},
    {4, 1, EntryKind::achievement, "pride", "Finished the shelf I have been putting off all autumn.", true},
    {7, 0, EntryKind::memory, "love", "The rainy afternoon we spent reading in the same room without saying much.", true},
    {9, 1, EntryKind::fear, "fear", "Worried about the reorganisation at work. Not ready to talk about it yet.", false},
    {11, 0, EntryKind::feeling, "loneliness", "Quiet evening on my own. Lonely more than restful this time.", true},
    {14, 1, EntryKind::hope, "hope", "I would like us to plan a trip for the spring, just the two of us.", true},
    {16, 0, EntryKind::knock, "shame", "Made a mistake in front of the whole team today and felt very small.", false},
    {18, 0, EntryKind::knock, "shame", "Still thinking about the meeting. I keep replaying it.", false},
    {21, 1, EntryKind::daydream, "joy", "A small boat, a lake, no plans.", false},
    {23, 0, EntryKind::hope, "hope", "I want to start painting again, on Sunday mornings.", true},
    {26, 1, EntryKind::hurt, "hurt", "When my idea was brushed aside at dinner I went quiet. I did mind.", true},
    {29, 0, EntryKind::fear, "fear", "Scared the test results will be bad. Trying not to show it.", true},
    {31, 1, EntryKind::feeling, "calm", "A long run this morning, and the whole day felt lighter.", true},
    {34, 0, EntryKind::feeling, "sadness", "Missing my sister. It has been too long.", false},
    {36, 0, EntryKind::feeling, "sadness", "Called my sister. Still a bit heavy, but better.", true},
    {38, 1, EntryKind::hope, "hope", "Could we keep Thursday evenings for each other?", true},
    {40, 0, EntryKind::achievement, "pride", "Sent off the application. Whatever happens, I tried.", true},
};

}  // namespace

Result<bool> seed_demo(store::Store& store, const Catalog& catalog, Millis now) {
  auto existing = store::read_now(store, [](store::ReadTx& tx) { return tx.user_by_email(std::string(kDemoEmails[0])); });
  if (!existing) return std::unexpected(existing.error());
  if (*existing) return false;

  const Day today = utc_day(now);
  const Day first = today - kDemoDays;
  const Millis start = static_cast<Millis>(first) * kDay;
  const std::string hash = crypto::hash_password(kDemoPassword);
  User ada{crypto::random_id(), std::string(kDemoEmails[0]), "Ada", "UTC", start, true, 600, true};
  User ben{crypto::random_id(), std::string(kDemoEmails[1]), "Ben", "UTC", start, true, std::nullopt, false};
  const std::string bond = crypto::random_id();
  const User* people[] = {&ada, &ben};

  auto done = store::write_now(store, [&](store::WriteTx& tx) -> Result<void> {
    for (const User* u : people) {
      if (auto r = tx.insert_user(*u, hash); !r) return r;
      if (auto r = tx.update_user(*u, start); !r) return r;  // the settings insert_user leaves at their defaults
    }
    if (auto r = tx.insert_bond(bond, BondKind::partner, ada.id, ben.id, start); !r) return r;

    static constexpr std::string_view ada_moods[] = {"joy", "calm", "hope", "love", "calm", "joy"};
    static constexpr std::string_view ben_moods[] = {"calm", "joy", "pride", "calm", "hope", "anger", "calm"};
    for (int i = 0; i < kDemoDays; ++i) {
      const Day day = first + i;
      const Millis evening = static_cast<Millis>(day) * kDay + 20 * kHour;
      const bool early = i < 21;  // the first three weeks: Ada reaching, Ben needing room
      CheckIn a, b;
      for (auto* c : {&a, &b}) {
        c->bond_id = bond;
        c->day = day;
        c->together_minutes = 90 + static_cast<int>((i * 31) % 150);
        c->affection = i % 3 != 0;
        c->lovemaking = i % 7 == 3;
      }
      a.from = Person{ada.id, ada.display_name};
      b.from = Person{ben.id, ben.display_name};
      a.created_at = a.updated_at = evening;
      b.created_at = b.updated_at = evening + 25 * 60'000;

      a.need = i % 9 == 4 ? Need::comfort : i % 5 == 1 ? Need::closeness : Need::fine;
      b.need = early && i % 4 == 2 ? Need::space : i % 11 == 7 ? Need::space : Need::fine;
      a.closeness_now = early ? 3 + i % 2 : 4 + (i % 3 == 0);
      a.closeness_wanted = early ? 6 : 5 + (i % 4 == 0);
      b.closeness_now = early ? 5 : 4 + (i % 3 == 0);
      b.closeness_wanted = early ? 3 + (i % 3 == 0) : 5;
      a.own_minutes = 20 + static_cast<int>((i * 17) % 60);
      b.own_minutes = 90 + static_cast<int>((i * 23) % 90);
      a.feelings = a.need == Need::comfort
                       ? Feelings{feeling(catalog, "sadness", static_cast<std::size_t>(i), 4), feeling(catalog, "love", 1, 2)}
                       : Feelings{feeling(catalog, ada_moods[i % 6], static_cast<std::size_t>(i), 3)};
      b.feelings = b.need == Need::space
                       ? Feelings{feeling(catalog, "calm", 2, 2), feeling(catalog, "anger", static_cast<std::size_t>(i), 3)}
                       : Feelings{feeling(catalog, ben_moods[i % 7], static_cast<std::size_t>(i), 3)};
      // Ada reads Ben fairly well; Ben often takes her sadness for calm.
      a.guess_family = i % 3 != 0 ? primary_family(b.feelings) : "joy";
      a.guess_closeness = b.closeness_now + (i % 4 == 0 ? 2 : 0);
      b.guess_family = i % 2 == 0 ? primary_family(a.feelings) : "calm";
      b.guess_closeness = a.closeness_now + (i % 5 == 0 ? -2 : 1);
      for (auto* c : {&a, &b}) c->guess_closeness = std::clamp(c->guess_closeness, 1, 7);
      if (auto r = tx.put_checkin(a); !r) return r;
      if (auto r = tx.put_checkin(b); !r) return r;

      // Warm words: Ben says "I love you" every few days; Ada thanks him often and says it too.
      auto warm = [&](const User& from, AppreciationKind kind, Millis at) {
        return tx.insert_appreciation({crypto::random_id(), bond, Person{from.id, ""}, kind, std::nullopt, at});
      };
      if (i % 4 == 1)
        if (auto r = warm(ben, AppreciationKind::love, evening - 10 * kHour); !r) return r;
      if (i % 3 == 2)
        if (auto r = warm(ada, i % 6 == 2 ? AppreciationKind::love : AppreciationKind::thanks, evening - 6 * kHour); !r)
          return r;
      if (i % 10 == 5)
        if (auto r = warm(ada, AppreciationKind::admire, evening - 3 * kHour); !r) return r;
    }

    for (const auto& e : kEntries) {
      const User& author = *people[e.who];
      const User& other = *people[1 - e.who];
      const Millis at = (static_cast<Millis>(first + e.day)) * kDay + 13 * kHour;
      Entry entry{crypto::random_id(), author.id, e.kind,
                  {feeling(catalog, e.family, static_cast<std::size_t>(e.day), 3)}, std::string(e.body), at, at, {}};
      if (auto r = tx.insert_entry(entry); !r) return r;
      if (!e.shared) continue;
      if (auto r = tx.share_entry(entry.id, bond, author.id, at + 5 * 60'000); !r) return std::unexpected(r.error());
      // Most shared entries get an answer within a few hours; Ben's last hurt is still waiting.
      if (e.who == 1 && e.kind == EntryKind::hurt && e.day > 25) continue;
      const bool hard = e.kind == EntryKind::hurt || e.kind == EntryKind::fear || e.family == "sadness" ||
                        e.family == "loneliness";
      EntryResponse response{crypto::random_id(), entry.id, bond, Person{other.id, ""},
                             hard ? ResponseKind::comfort : e.kind == EntryKind::achievement ? ResponseKind::celebrate
                                                                                             : ResponseKind::hear,
                             std::nullopt, at + (1 + e.day % 4) * kHour};
      if (auto r = tx.insert_response(response); !r) return r;
    }

    // Calls for comfort and a wish for space, answered.
    struct Ask {
      int day;
      int who;
      RequestKind kind;
      Millis wait;
    };
    for (const Ask& ask : {Ask{4, 0, RequestKind::comfort, 20 * 60'000}, Ask{13, 1, RequestKind::space, 45 * 60'000},
                           Ask{29, 0, RequestKind::comfort, 35 * 60'000}, Ask{33, 1, RequestKind::space, 2 * kHour}}) {
      const Millis at = (static_cast<Millis>(first + ask.day)) * kDay + 18 * kHour;
      Request request{crypto::random_id(), bond, ask.kind, Person{people[ask.who]->id, ""}, std::nullopt,
                      ask.kind == RequestKind::space ? std::optional<SpaceWhen>(SpaceWhen::tonight) : std::nullopt,
                      at, {}, {}, {}};
      if (auto r = tx.insert_request(request); !r) return r;
      auto reply = ask.kind == RequestKind::space ? std::optional<SpaceReply>(SpaceReply::enjoy) : std::nullopt;
      if (auto r = tx.answer_request(request.id, people[1 - ask.who]->id, at + ask.wait, std::nullopt, reply); !r) return r;
    }
    return {};
  });
  if (!done) return std::unexpected(done.error());
  return true;
}

}  // namespace pillars::app
