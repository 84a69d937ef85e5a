#include "app/demo.h"

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "core/menus.h"
#include "core/moments.h"
#include "core/needs.h"
#include "core/notices.h"
#include "crypto/crypto.h"
#include "store/blocking.h"

// Each step of the seeding returns the first failure of the store's writes.
#define DEMO_TRY(expr)                                   \
  do {                                                   \
    if (auto demo_r_ = (expr); !demo_r_)                 \
      return std::unexpected(std::move(demo_r_.error())); \
  } while (false)

namespace pillars::app {

namespace {

constexpr Millis kMinute = 60'000;
constexpr Millis kHour = 60 * kMinute;
constexpr Millis kDay = 24 * kHour;
constexpr int kAda = 0;
constexpr int kBen = 1;
// The first four weeks: Ada reaching, Ben needing room. From the seventh week on they have found a
// balance; the two weeks between are the talking it through.
constexpr int kEarlyDays = 28;
constexpr int kBalancedFrom = 42;

// ---- what the demo names in the content. Checked before anything is written (demo_content_problems),
// so a renamed id fails the start with a sentence instead of seeding something the app cannot show.

constexpr std::string_view kFamilies[] = {"joy",   "calm",    "hope",       "love",  "pride", "anger",
                                          "hurt",  "fear",    "loneliness", "shame", "sadness"};

struct DemoEntry {
  int day;  // index into the history
  int who;  // kAda or kBen
  EntryKind kind;
  std::string_view family;
  std::string_view body;
  bool shared;
};

// What they wrote, in the app's own words. Ada lets Ben in often; Ben keeps more to himself at
// first and opens up in the later weeks.
constexpr DemoEntry kEntries[] = {
    {2, kAda, EntryKind::hurt, "hurt", "You checked your phone while I was telling you about my day. It stung more than I said.", true},
    {4, kBen, EntryKind::achievement, "pride", "Finished the shelf I have been putting off all autumn.", true},
    {7, kAda, EntryKind::memory, "love", "The rainy afternoon we spent reading in the same room without saying much.", true},
    {9, kBen, EntryKind::fear, "fear", "Worried about the reorganisation at work. Not ready to talk about it yet.", false},
    {11, kAda, EntryKind::feeling, "loneliness", "Quiet evening on my own. Lonely more than restful this time.", true},
    {14, kBen, EntryKind::hope, "hope", "I would like us to plan a trip for the spring, just the two of us.", true},
    {16, kAda, EntryKind::knock, "shame", "Made a mistake in front of the whole team today and felt very small.", false},
    {18, kAda, EntryKind::knock, "shame", "Still thinking about the meeting. I keep replaying it.", false},
    {21, kBen, EntryKind::daydream, "joy", "A small boat, a lake, no plans.", false},
    {23, kAda, EntryKind::hope, "hope", "I want to start painting again, on Sunday mornings.", true},
    {26, kBen, EntryKind::hurt, "hurt", "When my idea was brushed aside at dinner I went quiet. I did mind.", true},
    {29, kAda, EntryKind::fear, "fear", "Scared the test results will be bad. Trying not to show it.", true},
    {31, kBen, EntryKind::feeling, "calm", "A long run this morning, and the whole day felt lighter.", true},
    {34, kAda, EntryKind::feeling, "sadness", "Missing my sister. It has been too long.", false},
    {36, kAda, EntryKind::feeling, "sadness", "Called my sister. Still a bit heavy, but better.", true},
    {38, kBen, EntryKind::hope, "hope", "Could we keep Thursday evenings for each other?", true},
    {40, kAda, EntryKind::achievement, "pride", "Sent off the application. Whatever happens, I tried.", true},
    {43, kBen, EntryKind::fear, "fear", "Told Ada about the reorganisation at last. Saying it out loud made it smaller.", true},
    {45, kAda, EntryKind::achievement, "pride", "Finished my first painting in years. Ben hung it in the hallway before I could object.", true},
    {48, kBen, EntryKind::memory, "love", "Thursday evening: soup, the radio on, and a long talk about nothing much. I had missed that.", true},
    {50, kAda, EntryKind::feeling, "calm", "An evening on my own with the paints, and I did not feel lonely at all.", true},
    {53, kBen, EntryKind::hurt, "hurt", "Felt left out when the weekend was planned without me. Letting it settle before I say anything.", false},
    {55, kAda, EntryKind::fear, "fear", "The interview is on Friday. My stomach has been in knots all day.", true},
    {59, kBen, EntryKind::memory, "joy", "The lake, a flask of tea, and Ada asleep on the blanket in the sun.", true},
    {60, kAda, EntryKind::achievement, "pride", "I got the job. I cried a little on the way home, the good kind.", true},
    {63, kBen, EntryKind::hope, "hope", "I would like to keep our Thursdays even when work gets busy again.", true},
    {66, kAda, EntryKind::feeling, "love", "Noticed today how much easier it has become to say what I need.", false},
    {68, kBen, EntryKind::feeling, "calm", "A quiet weekend of my own, and glad to come home to her.", true},
};

// Answers to the questions for oneself; Ben shares one with Ada.
struct DemoReflection {
  int day;
  int who;
  std::string_view question;  // content/reflections.json
  std::string_view body;
  bool shared;
};
constexpr DemoReflection kReflections[] = {
    {10, kAda, "lean_on", "Easier than it used to be, but I still say sorry for it. I would like to stop saying sorry.", false},
    {15, kBen, "asking_for_comfort", "I worry that once I start talking it will all come out at once. Writing it down first helps.", false},
    {25, kAda, "own_corner", "I used to paint. I think I gave it up without noticing, and with it some of the quiet I need.", false},
    {35, kBen, "strong_one", "At work, yes. At home I am learning that I do not have to be. Saying I am worried costs less than I thought.", true},
    {44, kAda, "happy_alone", "Sunday morning, painting by the window with the radio on. I came back to Ben in a better mood than I left.", false},
    {57, kBen, "saying_love", "Mostly in deeds: the shelf, the tea. I am trying to say it out loud more, and she lights up when I do.", false},
    {62, kAda, "loved_as_you_are", "When Ben teases me about my terrible singing and then asks for another song.", false},
};

// Moments on their journey, together and apart.
struct DemoMoment {
  int day;
  int who;
  MomentKind kind;
  std::string_view title;
  std::string_view note;  // empty: none
};
constexpr DemoMoment kMoments[] = {
    {3, kAda, MomentKind::high, "Pancakes at midnight after the concert", ""},
    {12, kBen, MomentKind::low, "The evening we talked past each other", "I wanted quiet, Ada wanted to talk, and we both ended up feeling alone."},
    {19, kAda, MomentKind::low, "A week that felt far apart", ""},
    {33, kBen, MomentKind::high, "We talked it through: Thursdays for us, Saturday mornings for me", "Easier than I feared. She did not take it as me pulling away."},
    {40, kAda, MomentKind::high, "Our first Thursday evening", "Soup, the radio and no phones."},
    {46, kAda, MomentKind::high, "A painting on the wall", ""},
    {52, kBen, MomentKind::high, "A weekend apart, and a call every evening", "At my brother's. I missed her, and I liked missing her."},
    {59, kBen, MomentKind::high, "A day at the lake", "No plans, a flask of tea and the first warm sun."},
    {60, kAda, MomentKind::high, "The new job!", ""},
    {65, kAda, MomentKind::low, "A silly quarrel about the dishes, made up by bedtime", ""},
};

// Time of one's own: Ben's runs and workshop from the start; Ada's painting, walks and friends once
// she makes room for them (from the fifth week).
struct DemoOwnTime {
  int who;
  int weekday;  // the day of the history modulo 7
  int from_day;
  std::string_view activity;  // content/own_time.json
  int minutes;
  std::string_view notes[3];  // in turn; empty: no note
};
constexpr DemoOwnTime kOwnTime[] = {
    {kBen, 1, 0, "movement", 50, {"Long run by the river.", "", "Intervals in the park. Hard, and good."}},
    {kBen, 5, 0, "hobby", 120, {"Workshop: sanding the old chair.", "Fixed the bike's brakes at last.", ""}},
    {kBen, 3, 0, "friends", 150, {"Board games at Tom's.", "", "Football with the old team."}},
    {kAda, 6, 30, "hobby", 120, {"Painting by the window.", "Watercolours of the river, two attempts.", ""}},
    {kAda, 2, 35, "walk", 40, {"Walk with a sketchbook.", "", "The long way home through the park."}},
    {kAda, 4, 38, "friends", 150, {"Dinner with Mia.", "Choir rehearsal.", ""}},
};

// Conversation decks: inner_world and own_space both revealed five of their first level and opened
// the second; the love map's first level is five guesses; one prompt each waits for the other.
struct DemoDeckAnswer {
  std::string_view prompt;  // content/decks
  int day;
  int first;  // who answered first
  std::string_view words[2];  // Ada's, Ben's; empty: not answered (open prompts)
  std::array<int, 2> choice{-1, -1};  // love-map choices, Ada's and Ben's
  std::array<int, 2> guess{-1, -1};   // and each one's guess of the other's
};
constexpr DemoDeckAnswer kDeckAnswers[] = {
    {"inner_world.1.daydream_lately", 20, kAda,
     {"A little studio with good light, and an afternoon when nobody needs anything from me.",
      "Being out on the water in a small boat. No phone, no plans."}},
    {"inner_world.1.small_wonder", 23, kBen,
     {"The way bread rises. I know how it works and it still feels like a small miracle.",
      "Frost patterns on the car window in the morning."}},
    {"inner_world.1.before_sleep", 27, kAda,
     {"Replaying conversations and wondering whether I said the wrong thing.",
      "Lists. What needs doing tomorrow, and then, if I am lucky, nothing at all."}},
    {"own_space.1.signs_you_need_it", 30, kBen,
     {"I get snappy about small things, and want to be held and left alone at the same time.",
      "I go quiet and stop hearing what people say. It is not about you when that happens."}},
    {"own_space.1.right_amount", 31, kAda,
     {"Two or three evenings, I think. I used to say none, but that was never true.",
      "A morning at the weekend and an evening in the week. Less than I feared to ask for."}},
    {"inner_world.1.looking_forward", 34, kBen,
     {"Sunday morning, coffee, and the paints out on the table.", "Our Thursday evening. I mean it."}},
    {"own_space.1.nobody_around", 35, kAda,
     {"Singing badly, painting, and toast for dinner.", "Running, and fixing something with my hands."}},
    {"own_space.1.part_of_day", 37, kBen,
     {"Early Sunday morning, before anyone else is up.", "The first hour after work, out on my run."}},
    {"inner_world.1.taste_of_childhood", 39, kAda,
     {"Cinnamon. My grandmother's kitchen in winter.", "The smell of engine oil: my father's old boat."}},
    {"own_space.1.alone_before_us", 41, kBen,
     {"Long walks with a sketchbook. I would like to take that up again.",
      "Sailing with my father, and bringing old bikes back to life."}},
    {"own_space.2.asking_for_space", 44, kBen,
     {"Guilty at first, as if I were taking something away from you. Saying when I will be back makes it easier.",
      "Awkward. I was afraid you would hear 'I don't want you'. What helps is that you say enjoy it, and mean it."}},
    {"love_map.1.free_saturday", 47, kAda, {}, {1, 3}, {3, 0}},
    {"own_space.2.hearing_the_ask", 50, kAda,
     {"I used to hear that I was too much. Now I mostly hear that you will come back lighter, and you do.",
      "Relief that you feel free to ask. Then I find something of my own to do."}},
    {"love_map.1.first_hour", 51, kBen, {}, {0, 1}, {1, 0}},
    {"feelings.1.flash_of_joy", 54, kAda,
     {"Ben singing in the shower, badly and with total commitment.",
      "Ada laughing at her own joke before she got to the end of it."}},
    {"love_map.1.meal_tonight", 56, kAda, {}, {3, 0}, {2, 3}},
    {"love_map.1.break_away", 61, kBen, {}, {0, 1}, {1, 1}},
    {"love_map.1.weather", 64, kAda, {}, {1, 0}, {0, 1}},
    // Waiting: Ben has not answered Ada's yet, nor Ada Ben's.
    {"inner_world.2.hope_unsaid", 66, kAda,
     {"That one day we live near the sea, with a room each and a big kitchen in between.", ""}},
    {"own_space.1.doing_nothing", 67, kBen,
     {"", "Lying on the sofa with the window open, listening to the street. Not often enough."}},
};

// Menus: what each would like. The affection answers give eight shared wishes (with Ada's own
// suggestion); the intimacy answers a few matches, two of them "ask me first".
struct DemoMenuAnswer {
  std::string_view item;  // content/menus
  std::optional<MenuChoice> choice[2];  // Ada's, Ben's; nullopt: not answered
};
constexpr MenuChoice kYes{MenuAnswer::yes, false};
constexpr MenuChoice kMaybe{MenuAnswer::maybe, false};
constexpr MenuChoice kAskFirst{MenuAnswer::maybe, true};
constexpr MenuChoice kNo{MenuAnswer::no, false};
const DemoMenuAnswer kMenuAnswers[] = {
    {"affection.long_hug", {kYes, kYes}},
    {"affection.sitting_close", {kYes, kYes}},
    {"affection.cooking_together", {kYes, kMaybe}},
    {"affection.standing_date", {kYes, kYes}},
    {"affection.quiet_side_by_side", {kMaybe, kYes}},
    {"affection.tea_unasked", {kYes, kYes}},
    {"affection.quiet_when_needed", {kMaybe, kYes}},
    {"affection.phone_free_walk", {kYes, kNo}},
    {"affection.midday_message", {kYes, kNo}},
    {"affection.long_phone_call", {kYes, std::nullopt}},
    {"affection.hand_on_back", {kYes, std::nullopt}},
    {"affection.back_rub", {std::nullopt, kYes}},
    {"affection.game_night", {kNo, kYes}},
    {"affection.somewhere_new", {kMaybe, kNo}},
    {"intimacy.lying_close", {kYes, kYes}},
    {"intimacy.lazy_morning", {kYes, kYes}},
    {"intimacy.long_kissing", {kYes, kAskFirst}},
    {"intimacy.oil_massage", {kAskFirst, kYes}},
    {"intimacy.evening_set_aside", {kYes, kMaybe}},
    {"intimacy.courting_date", {kYes, std::nullopt}},
    {"intimacy.daytime_flirting", {kNo, kYes}},
    {"intimacy.blindfold", {kNo, kMaybe}},
};
struct DemoSuggestion {
  int who;
  int day;
  std::string_view menu, category, text;
  MenuChoice others;  // the other's answer to it
};
constexpr DemoSuggestion kSuggestions[] = {
    {kAda, 30, "affection", "time", "Reading aloud to each other on Sunday evenings", kYes},
    {kBen, 36, "intimacy", "mood", "Slow dancing in the kitchen before bed", kYes},
};

// The two needs each took twice: early on, and again once they had talked it through.
struct DemoNeeds {
  int who;
  int day;
  int closeness, independence;  // the answer given to each need's statements, before reverse keying
};
constexpr DemoNeeds kNeeds[] = {{kAda, 3, 6, 3}, {kBen, 5, 3, 6}, {kAda, 50, 5, 4}, {kBen, 52, 4, 5}};

// Calls for comfort and wishes for space, each answered.
struct DemoAsk {
  int day;
  int who;
  RequestKind kind;
  Millis wait;
  std::optional<SpaceReply> reply = std::nullopt;
};
constexpr DemoAsk kAsks[] = {
    {4, kAda, RequestKind::comfort, 20 * kMinute},          {6, kBen, RequestKind::space, 40 * kMinute, SpaceReply::enjoy},
    {13, kBen, RequestKind::space, 45 * kMinute, SpaceReply::enjoy}, {18, kAda, RequestKind::comfort, 50 * kMinute},
    {20, kBen, RequestKind::space, 2 * kHour, SpaceReply::of_course}, {26, kBen, RequestKind::space, 30 * kMinute, SpaceReply::enjoy},
    {29, kAda, RequestKind::comfort, 35 * kMinute},         {33, kBen, RequestKind::space, 2 * kHour, SpaceReply::here_after},
    {55, kAda, RequestKind::comfort, 15 * kMinute},         {57, kBen, RequestKind::comfort, 25 * kMinute},
    {61, kBen, RequestKind::space, 20 * kMinute, SpaceReply::of_course},
};

// The words of a family, by position (wrapping), as catalog ids.
Feeling feeling(const Catalog& catalog, std::string_view family, std::size_t i, int intensity) {
  const auto* f = catalog.family(family);
  return Feeling{f->word_ids[i % f->word_ids.size()], f->id, intensity};
}

const DeckPrompt* find_prompt(const Catalog& catalog, std::string_view id) {
  for (const auto& deck : catalog.decks)
    if (const auto* p = deck.prompt(id)) return p;
  return nullptr;
}

// Everything the steps share: the transaction, the content, the two people, the bond and the days.
struct Demo {
  store::WriteTx* tx = nullptr;
  const Catalog* catalog = nullptr;
  std::array<const User*, 2> people{};
  std::string bond;
  Day first = 0;  // the first day of the history
  Day today = 0;

  Millis at(int day_index, Millis time_of_day) const {
    return static_cast<Millis>(first + day_index) * kDay + time_of_day;
  }
  Person person(int who) const { return Person{people[who]->id, ""}; }

  // Tells `to` what the other did, as the app does when it happens; what came before the last three
  // days was seen within the hour, the rest is still new.
  Result<void> tell(int to, NoticeKind kind, std::string subject, Millis when,
                    std::optional<std::string> entry_id = std::nullopt, std::optional<Day> day = std::nullopt) const {
    Notice n;
    n.id = crypto::random_id();
    n.user_id = people[to]->id;
    n.bond_id = bond;
    n.kind = kind;
    n.subject_id = std::move(subject);
    n.entry_id = std::move(entry_id);
    n.day = day;
    n.from_id = people[1 - to]->id;
    n.created_at = when;
    DEMO_TRY(tx->add_notice(n));
    if (utc_day(when) >= today - 3) return {};
    DEMO_TRY(tx->mark_notices_seen(n.user_id, {n.id}, when + kHour));
    return {};
  }
};

// The menus first: the shared wishes the later check-ins name are their matches. Returns the
// affection matches (item ids), in the menu's order.
Result<std::vector<std::string>> seed_menus(const Demo& d) {
  std::vector<MenuAnswerRow> answers;
  std::vector<MenuSuggestion> suggestions;
  for (int who : {kAda, kBen}) {
    // Both say they are adults and open the intimacy menu in the fifth week, Ada first.
    const Millis opened = d.at(33 + 2 * who, 21 * kHour);
    DEMO_TRY(d.tx->confirm_adult(d.people[who]->id, opened));
    DEMO_TRY(d.tx->open_menu(d.bond, d.people[who]->id, std::string(kIntimacyMenu), opened));
  }
  for (std::size_t i = 0; i < std::size(kMenuAnswers); ++i) {
    const auto& a = kMenuAnswers[i];
    const bool intimate = a.item.starts_with(kIntimacyMenu);
    for (int who : {kAda, kBen}) {
      if (!a.choice[who]) continue;
      const int day = (intimate ? 35 : 29) + 2 * who;
      MenuAnswerRow row{d.people[who]->id, std::string(a.item), *a.choice[who],
                        d.at(day, 21 * kHour + static_cast<Millis>(i) * kMinute)};
      DEMO_TRY(d.tx->put_menu_answer(d.bond, row));
      answers.push_back(std::move(row));
    }
  }
  for (const auto& s : kSuggestions) {
    MenuSuggestion suggestion{crypto::random_id(), d.bond,          std::string(s.menu), std::string(s.category),
                              d.person(s.who),     std::string(s.text), d.at(s.day, 21 * kHour + 30 * kMinute)};
    DEMO_TRY(d.tx->insert_menu_suggestion(suggestion));
    MenuAnswerRow mine{d.people[s.who]->id, suggestion.id, kYes, suggestion.created_at};
    MenuAnswerRow theirs{d.people[1 - s.who]->id, suggestion.id, s.others, suggestion.created_at + kDay};
    for (auto* row : {&mine, &theirs}) {
      DEMO_TRY(d.tx->put_menu_answer(d.bond, *row));
      answers.push_back(*row);
    }
    suggestions.push_back(std::move(suggestion));
  }
  const auto matches = menu_matches(d.catalog->menus, BondKind::partner,
                                    MenuMembers{d.people[kAda]->id, d.people[kBen]->id, true, true}, suggestions, answers);
  std::vector<std::string> wishes;
  for (const auto& m : matches)
    if (m.menu == "affection") wishes.push_back(m.item_id);
  return wishes;
}

Result<void> seed_checkins(const Demo& d, const std::vector<std::string>& wishes) {
  const Catalog& catalog = *d.catalog;
  static constexpr std::string_view ada_moods[] = {"joy", "calm", "hope", "love", "calm", "joy"};
  static constexpr std::string_view ben_moods[] = {"calm", "joy", "pride", "calm", "hope", "anger", "calm"};
  for (int i = 0; i < kDemoDays; ++i) {
    const Day day = d.first + i;
    const Millis evening = d.at(i, 20 * kHour);
    const bool early = i < kEarlyDays;
    const bool balanced = i >= kBalancedFrom;
    CheckIn a, b;
    for (auto* c : {&a, &b}) {
      c->bond_id = d.bond;
      c->day = day;
      c->together_minutes = 90 + static_cast<int>((i * 31) % 150);
      c->affection = i % 3 != 0;
      c->lovemaking = i % 7 == 3;
    }
    a.from = Person{d.people[kAda]->id, d.people[kAda]->display_name};
    b.from = Person{d.people[kBen]->id, d.people[kBen]->display_name};
    a.created_at = a.updated_at = evening;
    b.created_at = b.updated_at = evening + 25 * kMinute;

    a.need = i % 9 == 4 ? Need::comfort : i % 5 == 1 && !balanced ? Need::closeness : Need::fine;
    b.need = early && i % 4 == 2 ? Need::space : i % 11 == 7 ? Need::space : Need::fine;
    if (balanced && i % 8 == 3) b.need = Need::closeness;  // later Ben reaches too
    // Early on Ada wants more closeness than she feels and Ben less; in between they move towards
    // each other; from the seventh week both feel about as close as they would like.
    a.closeness_now = early ? 3 + i % 2 : balanced ? 5 + (i % 3 == 0) : 4 + (i % 3 == 0);
    a.closeness_wanted = early ? 6 : balanced ? 5 + (i % 4 == 0) : 5 + (i % 4 == 0);
    b.closeness_now = early ? 5 : balanced ? 5 + (i % 3 == 1) : 4 + (i % 3 == 0);
    b.closeness_wanted = early ? 3 + (i % 3 == 0) : 5;
    a.own_minutes = (early ? 20 : 35) + static_cast<int>((i * 17) % 60);
    b.own_minutes = (balanced ? 70 : 90) + static_cast<int>((i * 23) % 90);
    a.feelings = a.need == Need::comfort
                     ? Feelings{feeling(catalog, "sadness", static_cast<std::size_t>(i), 4), feeling(catalog, "love", 1, 2)}
                     : Feelings{feeling(catalog, ada_moods[i % 6], static_cast<std::size_t>(i), 3)};
    b.feelings = b.need == Need::space
                     ? Feelings{feeling(catalog, "calm", 2, 2), feeling(catalog, "anger", static_cast<std::size_t>(i), 3)}
                     : Feelings{feeling(catalog, ben_moods[i % 7], static_cast<std::size_t>(i), 3)};
    // Ada reads Ben fairly well; Ben often takes her sadness for calm, less so later.
    a.guess_family = i % 3 != 0 ? primary_family(b.feelings) : "joy";
    a.guess_closeness = b.closeness_now + (i % 4 == 0 ? 2 : 0);
    b.guess_family = i % 2 == 0 || (balanced && i % 3 != 0) ? primary_family(a.feelings) : "calm";
    b.guess_closeness = a.closeness_now + (i % 5 == 0 ? -2 : 1);
    for (auto* c : {&a, &b}) c->guess_closeness = std::clamp(c->guess_closeness, 1, 7);
    // In the later weeks some days name the shared wishes they lived (they are the menu's matches).
    if (balanced && !wishes.empty()) {
      const auto n = wishes.size();
      if (i % 3 == 0) a.wishes = {wishes[static_cast<std::size_t>(i) % n]};
      if (i % 4 == 1) b.wishes = {wishes[static_cast<std::size_t>(i + 3) % n]};
      if (i % 6 == 0 && n > 1) a.wishes.push_back(wishes[static_cast<std::size_t>(i + 1) % n]);
      for (auto* c : {&a, &b})
        if (!c->wishes.empty()) c->affection = true;
    }
    DEMO_TRY(d.tx->put_checkin(a));
    DEMO_TRY(d.tx->put_checkin(b));
    // Ben's answer reveals the day: Ada is told.
    DEMO_TRY(d.tell(kAda, NoticeKind::checkin_revealed, format_day(day), b.updated_at, std::nullopt, day));

    // Warm words: Ben says "I love you" every few days; Ada thanks him often and says it too.
    auto warm = [&](int from, AppreciationKind kind, Millis when) -> Result<void> {
      Appreciation appreciation{crypto::random_id(), d.bond, d.person(from), kind, std::nullopt, when};
      if (balanced && from == kBen && kind == AppreciationKind::love && i % 8 == 5)
        appreciation.note = "Thank you for the Thursdays. They are my favourite part of the week.";
      DEMO_TRY(d.tx->insert_appreciation(appreciation));
      return d.tell(1 - from, NoticeKind::appreciation_added, appreciation.id, when);
    };
    if (i % 4 == 1) DEMO_TRY(warm(kBen, AppreciationKind::love, evening - 10 * kHour));
    if (i % 3 == 2) DEMO_TRY(warm(kAda, i % 6 == 2 ? AppreciationKind::love : AppreciationKind::thanks, evening - 6 * kHour));
    if (i % 10 == 5) DEMO_TRY(warm(kAda, AppreciationKind::admire, evening - 3 * kHour));
    if (balanced && i % 6 == 4) DEMO_TRY(warm(kBen, AppreciationKind::thanks, evening - 4 * kHour));
  }
  return {};
}

Result<void> seed_entries(const Demo& d) {
  const Catalog& catalog = *d.catalog;
  for (const auto& e : kEntries) {
    const std::string& author = d.people[e.who]->id;
    const int other = 1 - e.who;
    const Millis written = d.at(e.day, 13 * kHour);
    Entry entry{crypto::random_id(), author, e.kind,
                {feeling(catalog, e.family, static_cast<std::size_t>(e.day), 3)}, std::string(e.body), written, written, {}};
    DEMO_TRY(d.tx->insert_entry(entry));
    if (!e.shared) continue;
    const Millis shared_at = written + 5 * kMinute;
    DEMO_TRY(d.tx->share_entry(entry.id, d.bond, author, shared_at));
    DEMO_TRY(d.tell(other, NoticeKind::entry_shared, entry.id, shared_at, entry.id));
    // Most shared entries get an answer within a few hours; Ben's hurt of the fourth week is still
    // waiting.
    if (e.who == kBen && e.kind == EntryKind::hurt && e.day > 25 && e.day < kBalancedFrom) continue;
    const bool hard = e.kind == EntryKind::hurt || e.kind == EntryKind::fear || e.family == "sadness" ||
                      e.family == "loneliness";
    EntryResponse response{crypto::random_id(), entry.id, d.bond, d.person(other),
                           hard ? ResponseKind::comfort : e.kind == EntryKind::achievement ? ResponseKind::celebrate
                                                                                           : ResponseKind::hear,
                           std::nullopt, shared_at + (1 + e.day % 4) * kHour};
    if (e.day >= kBalancedFrom && hard) response.body = "I am here. Tell me more whenever you like.";
    DEMO_TRY(d.tx->insert_response(response));
    DEMO_TRY(d.tell(e.who, NoticeKind::response_added, response.id, response.created_at, entry.id));
  }

  for (const auto& r : kReflections) {
    const Millis written = d.at(r.day, 22 * kHour);
    Entry entry{crypto::random_id(), d.people[r.who]->id, EntryKind::reflection, {}, std::string(r.body),
                written, written, {}, std::string(r.question)};
    DEMO_TRY(d.tx->insert_entry(entry));
    if (!r.shared) continue;
    const Millis shared_at = d.at(r.day + 1, 8 * kHour);
    DEMO_TRY(d.tx->share_entry(entry.id, d.bond, entry.author_id, shared_at));
    DEMO_TRY(d.tell(1 - r.who, NoticeKind::entry_shared, entry.id, shared_at, entry.id));
    EntryResponse thanks{crypto::random_id(), entry.id, d.bond, d.person(1 - r.who), ResponseKind::thanks,
                         "Thank you for letting me read this.", shared_at + 2 * kHour};
    DEMO_TRY(d.tx->insert_response(thanks));
    DEMO_TRY(d.tell(r.who, NoticeKind::response_added, thanks.id, thanks.created_at, entry.id));
  }

  for (const auto& o : kOwnTime) {
    int turn = 0;
    for (int i = o.from_day; i < kDemoDays; ++i) {
      if (i % 7 != o.weekday) continue;
      const std::string_view note = o.notes[turn++ % 3];
      const Millis logged = d.at(i, 19 * kHour);
      Entry entry{crypto::random_id(), d.people[o.who]->id, EntryKind::own_time, {}, std::string(note),
                  logged, logged, {}, std::nullopt,
                  OwnTimeSpent{d.first + i, o.minutes + 10 * (turn % 3), std::string(o.activity)}};
      DEMO_TRY(d.tx->insert_entry(entry));
    }
  }
  return {};
}

Result<void> seed_requests(const Demo& d) {
  for (const auto& ask : kAsks) {
    const Millis asked = d.at(ask.day, 18 * kHour);
    Request request{crypto::random_id(), d.bond, ask.kind, d.person(ask.who), std::nullopt,
                    ask.kind == RequestKind::space ? std::optional<SpaceWhen>(SpaceWhen::tonight) : std::nullopt,
                    asked, {}, {}, {}};
    const bool comfort = ask.kind == RequestKind::comfort;
    DEMO_TRY(d.tx->insert_request(request));
    DEMO_TRY(d.tell(1 - ask.who, comfort ? NoticeKind::comfort_requested : NoticeKind::space_requested, request.id, asked));
    const Millis answered = asked + ask.wait;
    DEMO_TRY(d.tx->answer_request(d.bond, request.id, d.people[1 - ask.who]->id, answered, std::nullopt, ask.reply));
    DEMO_TRY(d.tell(ask.who, comfort ? NoticeKind::comfort_answered : NoticeKind::space_answered, request.id, answered));
  }
  return {};
}

Result<void> seed_needs(const Demo& d) {
  const auto& items = d.catalog->need_items;
  for (const auto& n : kNeeds) {
    // Each statement answered around the person's leaning, a step either way in turn.
    std::vector<int> values;
    for (std::size_t k = 0; k < items.size(); ++k) {
      const int lean = items[k].need == NeedScale::closeness ? n.closeness : n.independence;
      const int step = k % 3 == 0 ? 1 : k % 3 == 1 ? -1 : 0;
      const int value = std::clamp(lean + step, kNeedAnswerMin, kNeedAnswerMax);
      values.push_back(items[k].reverse ? 8 - value : value);
    }
    NeedsResult result{crypto::random_id(), d.people[n.who]->id, d.at(n.day, 21 * kHour), score_needs(items, values), {}};
    for (std::size_t k = 0; k < items.size(); ++k) result.answers.emplace_back(items[k].id, values[k]);
    DEMO_TRY(d.tx->insert_needs_result(result));
    // Each shows theirs to the other the first time.
    if (n.day < kEarlyDays) DEMO_TRY(d.tx->set_needs_shown(d.bond, result.user_id, true, result.taken_at + kMinute));
  }
  return {};
}

Result<void> seed_moments(const Demo& d) {
  for (const auto& m : kMoments) {
    const Millis added = d.at(m.day, 21 * kHour + 30 * kMinute);
    Moment moment{crypto::random_id(), d.bond, d.person(m.who), d.first + m.day, m.kind, std::string(m.title),
                  m.note.empty() ? std::nullopt : std::optional<std::string>(m.note), added, added};
    DEMO_TRY(d.tx->put_moment(moment));
    DEMO_TRY(d.tell(1 - m.who, NoticeKind::moment_added, moment.id, added));
  }
  return {};
}

Result<void> seed_decks(const Demo& d) {
  for (const auto& a : kDeckAnswers) {
    const bool choice = a.choice[kAda] >= 0;
    int answered = 0;
    Millis last = 0;
    for (int k = 0; k < 2; ++k) {
      const int who = k == 0 ? a.first : 1 - a.first;
      if (!choice && a.words[who].empty()) continue;
      last = d.at(a.day, (19 + 2 * k) * kHour + 10 * kMinute * k);
      DeckAnswer answer{d.bond, std::string(a.prompt), d.people[who]->id};
      if (choice) {
        answer.choice = a.choice[who];
        answer.guess = a.guess[who];
      } else {
        answer.body = std::string(a.words[who]);
      }
      answer.created_at = answer.updated_at = last;
      DEMO_TRY(d.tx->put_deck_answer(answer));
      ++answered;
      if (answered == 1) {
        const bool alone = choice ? false : a.words[1 - who].empty();
        if (alone) DEMO_TRY(d.tell(1 - who, NoticeKind::deck_answered, std::string(a.prompt), last));
      }
    }
    if (answered == 2) {
      DEMO_TRY(d.tx->reveal_prompt(d.bond, std::string(a.prompt), last));
      DEMO_TRY(d.tell(a.first, NoticeKind::deck_revealed, std::string(a.prompt), last));
    }
  }
  return {};
}

}  // namespace

std::string demo_sign_in() {
  return fmt::format("Demo: sign in as {} or {} with the password {}", kDemoEmails[0], kDemoEmails[1], kDemoPassword);
}

std::vector<std::string> demo_content_problems(const Catalog& catalog) {
  std::vector<std::string> problems;
  auto missing = [&](std::string_view what, std::string_view id) {
    problems.push_back(fmt::format("the demo names {} {}, which the content does not have", what, id));
  };
  for (auto family : kFamilies)
    if (!catalog.family(family) || catalog.family(family)->word_ids.empty()) missing("the feeling family", family);
  for (const auto& r : kReflections)
    if (std::none_of(catalog.reflections.begin(), catalog.reflections.end(),
                     [&](const ReflectionPrompt& p) { return p.id == r.question; }))
      missing("the reflection", r.question);
  for (const auto& o : kOwnTime)
    if (std::find(catalog.own_time_activities.begin(), catalog.own_time_activities.end(), o.activity) ==
        catalog.own_time_activities.end())
      missing("the kind of own time", o.activity);
  for (const auto& a : kDeckAnswers) {
    const auto* prompt = find_prompt(catalog, a.prompt);
    if (!prompt || !suits(prompt->kinds, BondKind::partner)) {
      missing("the partners' conversation prompt", a.prompt);
      continue;
    }
    const bool choice = a.choice[kAda] >= 0;
    if (choice != prompt->is_choice()) problems.push_back(fmt::format("the demo answers {} in the wrong way", a.prompt));
    for (int v : {a.choice[0], a.choice[1], a.guess[0], a.guess[1]})
      if (choice && (v < 0 || static_cast<std::size_t>(v) >= prompt->choices.size()))
        problems.push_back(fmt::format("the demo picks a choice {} does not have", a.prompt));
  }
  for (const auto& a : kMenuAnswers) {
    const auto* item = catalog.menu_item(a.item);
    if (!item || !suits(item->kinds, BondKind::partner)) missing("the partners' menu item", a.item);
  }
  for (const auto& s : kSuggestions) {
    const auto* menu = catalog.menu(s.menu);
    if (!menu || !menu->has_category(s.category)) missing("the menu category", s.category);
  }
  if (catalog.need_items.empty()) missing("the statements of", "the two needs");
  return problems;
}

Result<bool> seed_demo(store::Store& store, const Catalog& catalog, Millis now) {
  if (auto problems = demo_content_problems(catalog); !problems.empty()) return fail(Errc::internal, problems.front());
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

  auto done = store::write_now(store, [&](store::WriteTx& tx) -> Result<void> {
    for (const User* u : {&ada, &ben}) {
      DEMO_TRY(tx.insert_user(*u, hash));
      DEMO_TRY(tx.update_user(*u, start));  // the settings insert_user leaves at their defaults
    }
    DEMO_TRY(tx.insert_bond(bond, BondKind::partner, ada.id, ben.id, start));
    Demo d{&tx, &catalog, {&ada, &ben}, bond, first, today};
    auto wishes = seed_menus(d);
    if (!wishes) return std::unexpected(wishes.error());
    DEMO_TRY(seed_checkins(d, *wishes));
    DEMO_TRY(seed_entries(d));
    DEMO_TRY(seed_requests(d));
    DEMO_TRY(seed_needs(d));
    DEMO_TRY(seed_moments(d));
    DEMO_TRY(seed_decks(d));
    return {};
  });
  if (!done) return std::unexpected(done.error());
  return true;
}

}  // namespace pillars::app

#undef DEMO_TRY
