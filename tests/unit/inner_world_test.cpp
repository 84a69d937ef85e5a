#include "core/inner_world.h"

#include <gtest/gtest.h>

namespace pillars {
namespace {

Catalog small_catalog() {
  Catalog c;
  c.families = {{"hurt", "Hurt", true, "d", {"rejected"}}, {"anger", "Anger", false, "d", {"furious"}},
                {"joy", "Joy", false, "d", {"glad"}}};
  c.words = {{"rejected", {"rejected", "rejected", "hurt", "d"}},
             {"furious", {"furious", "furious", "anger", "d"}},
             {"glad", {"glad", "glad", "joy", "d"}}};
  return c;
}

EntryDraft draft(std::optional<std::string> kind, std::vector<FeelingPick> feelings,
                 std::optional<std::string> body) {
  return EntryDraft{std::move(kind), std::move(feelings), std::move(body)};
}

TEST(EntryDraft, AcceptsAValidEntryAndFillsFamilies) {
  Entry e;
  auto errors = apply_entry_draft(draft("hurt", {{"rejected", 4}, {"furious", 1}}, "words"), small_catalog(), e, true);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(e.kind, EntryKind::hurt);
  ASSERT_EQ(e.feelings.size(), 2u);
  EXPECT_EQ(e.feelings[0].family, "hurt");
  EXPECT_EQ(e.feelings[1].intensity, 1);
}

TEST(EntryDraft, RejectsEachKindOfBadInput) {
  auto cat = small_catalog();
  auto field_of = [&](EntryDraft d) {
    Entry e;
    auto errors = apply_entry_draft(d, cat, e, true);
    return errors.empty() ? std::string() : errors.front().field;
  };
  EXPECT_EQ(field_of(draft("poem", {}, "x")), "kind");
  EXPECT_EQ(field_of(draft(std::nullopt, {}, "x")), "kind");
  EXPECT_EQ(field_of(draft("hurt", {{"unknown", 3}}, "x")), "feelings[0].word");
  EXPECT_EQ(field_of(draft("hurt", {{"glad", 0}}, "x")), "feelings[0].intensity");
  EXPECT_EQ(field_of(draft("hurt", {{"glad", 6}}, "x")), "feelings[0].intensity");
  EXPECT_EQ(field_of(draft("hurt", {{"glad", 2}, {"glad", 3}}, "x")), "feelings[1].word");
  EXPECT_EQ(field_of(draft("hurt", {{"glad", 2}, {"rejected", 3}, {"furious", 3}, {"glad", 1}}, "x")), "feelings");
  EXPECT_EQ(field_of(draft("hurt", {}, "   ")), "body") << "an entry needs words or a feeling";
  std::string long_body(kMaxEntryBody + 1, 'a');
  EXPECT_EQ(field_of(draft("hurt", {}, long_body)), "body");
  EXPECT_EQ(field_of(draft("hurt", {}, std::string(kMaxEntryBody, 'a'))), "");
}

TEST(EntryDraft, KindsMadeApartAreNeverChosenNorLeft) {
  auto cat = small_catalog();
  for (const char* kind : {"reflection", "own_time"}) {
    Entry e;
    auto errors = apply_entry_draft(draft(kind, {}, "x"), cat, e, true);
    ASSERT_EQ(errors.size(), 1u) << kind;
    EXPECT_EQ(errors[0].field, "kind");
  }
  Entry own;
  own.kind = EntryKind::own_time;
  own.own_time = OwnTimeSpent{10, 30, "walk"};
  EXPECT_EQ(apply_entry_draft(draft("memory", {}, "x"), cat, own, false).size(), 1u) << "never changed into another kind";
  EXPECT_TRUE(apply_entry_draft(draft("own_time", {}, ""), cat, own, false).empty()) << "its own kind, and no note";
  Entry memory;
  ASSERT_TRUE(apply_entry_draft(draft("memory", {}, "x"), cat, memory, true).empty());
  EXPECT_EQ(apply_entry_draft(draft("own_time", {}, "x"), cat, memory, false).size(), 1u) << "nor another into it";
  EXPECT_EQ(memory.kind, EntryKind::memory);
}

TEST(EntryDraft, AnEditKeepsWhatItDoesNotMention) {
  Entry e;
  ASSERT_TRUE(apply_entry_draft(draft("memory", {{"glad", 2}}, "first"), small_catalog(), e, true).empty());
  ASSERT_TRUE(apply_entry_draft(EntryDraft{std::nullopt, std::nullopt, "second"}, small_catalog(), e, false).empty());
  EXPECT_EQ(e.kind, EntryKind::memory);
  EXPECT_EQ(e.feelings.size(), 1u);
  EXPECT_EQ(e.body, "second");
}

TEST(FollowUp, OnlyAngerInvitesALookUnderneath) {
  Entry e;
  e.feelings = {{"rejected", "hurt", 3}};
  EXPECT_FALSE(follow_up_for(e));
  e.feelings.push_back({"furious", "anger", 2});
  EXPECT_EQ(follow_up_for(e), "look_beneath_anger");
}

TEST(Visibility, OnlyTheOtherMemberOfAnActiveSharingBondMayRespond) {
  EXPECT_TRUE(may_respond("ben", "ann", true, true, BondStatus::active));
  EXPECT_FALSE(may_respond("ann", "ann", true, true, BondStatus::active)) << "not to one's own entry";
  EXPECT_FALSE(may_respond("ben", "ann", false, true, BondStatus::active)) << "not after a withdrawal";
  EXPECT_FALSE(may_respond("cat", "ann", true, false, BondStatus::active)) << "not a stranger";
  EXPECT_FALSE(may_respond("ben", "ann", true, true, BondStatus::ended)) << "not in an ended bond";
}

TEST(Visibility, AfterABondEndsEachSeesOnlyTheirOwn) {
  EXPECT_TRUE(visible_in_bond("ann", "ben", BondStatus::active));
  EXPECT_FALSE(visible_in_bond("ann", "ben", BondStatus::ended));
  EXPECT_TRUE(visible_in_bond("ann", "ann", BondStatus::ended));
}

TEST(Notes, AreOptionalBoundedAndTrimmedToNothing) {
  std::optional<std::string> out;
  EXPECT_EQ(check_note(std::nullopt, out), "");
  EXPECT_FALSE(out);
  EXPECT_EQ(check_note("  ", out), "");
  EXPECT_FALSE(out);
  EXPECT_EQ(check_note("thank you", out), "");
  EXPECT_EQ(out, "thank you");
  EXPECT_NE(check_note(std::string(kMaxNote + 1, 'a'), out), "");
}

TEST(Cursor, RoundTripsAndRejectsJunk) {
  auto c = make_cursor(1764072000000, "abc234");
  auto parsed = parse_cursor(c);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->first, 1764072000000);
  EXPECT_EQ(parsed->second, "abc234");
  for (const char* bad : {"", ".", "12.", ".abc", "x1.abc", "12.ABC", "12.a;b", "-5.abc"})
    EXPECT_FALSE(parse_cursor(bad)) << bad;
}

TEST(Kinds, ParseWhatTheyPrint) {
  for (auto k : {EntryKind::feeling, EntryKind::knock, EntryKind::achievement})
    EXPECT_EQ(parse_entry_kind(to_string(k)), k);
  EXPECT_EQ(parse_response_kind("celebrate"), ResponseKind::celebrate);
  EXPECT_EQ(parse_appreciation_kind("admire"), AppreciationKind::admire);
  EXPECT_FALSE(parse_appreciation_kind("hug"));
}

}  // namespace
}  // namespace pillars

namespace pillars {
namespace {

std::vector<std::string> offered(EntryKind kind, Feelings feelings) {
  std::vector<std::string> out;
  for (auto k : fitting_responses(kind, feelings, small_catalog())) out.emplace_back(to_string(k));
  return out;
}
Feeling feeling(std::string word, std::string family) { return Feeling{std::move(word), std::move(family), 3}; }
using Names = std::vector<std::string>;

TEST(FittingResponses, JoyIsNeverOfferedOnAHurt) {
  EXPECT_EQ(offered(EntryKind::hurt, {}), (Names{"hear", "comfort", "thanks"}));
  EXPECT_EQ(offered(EntryKind::fear, {feeling("glad", "joy")}), (Names{"hear", "comfort", "thanks"}));
  EXPECT_EQ(offered(EntryKind::knock, {}), (Names{"hear", "comfort", "thanks"}));
}

TEST(FittingResponses, GoodNewsIsCelebratedNotComforted) {
  EXPECT_EQ(offered(EntryKind::achievement, {feeling("glad", "joy")}), (Names{"hear", "celebrate", "thanks"}));
  EXPECT_EQ(offered(EntryKind::own_time, {}), (Names{"hear", "celebrate", "thanks"})) << "time of one's own is glad news";
  EXPECT_EQ(offered(EntryKind::hope, {}), (Names{"hear", "celebrate", "thanks"}));
  EXPECT_EQ(offered(EntryKind::memory, {feeling("glad", "joy")}), (Names{"hear", "celebrate", "thanks"}));
}

TEST(FittingResponses, TheFeelingsDecideForAFeelingOrAMemory) {
  EXPECT_EQ(offered(EntryKind::feeling, {feeling("rejected", "hurt")}), (Names{"hear", "comfort", "thanks"}));
  EXPECT_EQ(offered(EntryKind::feeling, {feeling("furious", "anger")}), (Names{"hear", "comfort", "thanks"}));
  EXPECT_EQ(offered(EntryKind::feeling, {feeling("glad", "joy"), feeling("rejected", "hurt")}),
            (Names{"hear", "comfort", "thanks"}))
      << "joy beside a vulnerable feeling is not celebrated";
  EXPECT_EQ(offered(EntryKind::memory, {}), (Names{"hear", "thanks"})) << "no feelings named: only the neutral ones";
}

TEST(FittingResponses, AnAchievementWithAFearAfterItIsStillNotComfortedUnlessTheFearComesFirst) {
  EXPECT_EQ(offered(EntryKind::achievement, {feeling("glad", "joy"), feeling("rejected", "hurt")}),
            (Names{"hear", "thanks"}));
  EXPECT_EQ(offered(EntryKind::achievement, {feeling("rejected", "hurt")}), (Names{"hear", "comfort", "thanks"}));
}

TEST(Requests, KindsWhensAndRepliesRoundTrip) {
  for (auto k : {RequestKind::comfort, RequestKind::space}) EXPECT_EQ(parse_request_kind(to_string(k)), k);
  for (auto w : {SpaceWhen::now, SpaceWhen::tonight, SpaceWhen::tomorrow}) EXPECT_EQ(parse_space_when(to_string(w)), w);
  for (auto r : {SpaceReply::enjoy, SpaceReply::of_course, SpaceReply::here_after})
    EXPECT_EQ(parse_space_reply(to_string(r)), r);
  EXPECT_FALSE(parse_request_kind("closeness"));
  EXPECT_FALSE(parse_space_reply("no"));
  EXPECT_FALSE(parse_space_when("never"));
}

}  // namespace
}  // namespace pillars
