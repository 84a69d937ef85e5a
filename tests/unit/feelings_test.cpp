// The one list of feelings entries and check-ins share: its limits and its validation.
#include "core/feelings.h"

#include <gtest/gtest.h>

#include "core/checkin.h"

namespace pillars {
namespace {

Catalog catalog() {
  Catalog c;
  c.families = {{"hurt", "Hurt", true, "d", {"rejected"}}, {"joy", "Joy", false, "d", {"glad", "cheerful"}}};
  c.words = {{"rejected", {"rejected", "rejected", "hurt", "d"}},
             {"glad", {"glad", "glad", "joy", "d"}},
             {"cheerful", {"cheerful", "cheerful", "joy", "d"}}};
  return c;
}

std::vector<std::string> fields_of(const std::vector<FieldError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field);
  return out;
}

TEST(Feelings, ValidPicksGetTheirFamiliesInOrder) {
  Feelings out;
  EXPECT_TRUE(check_feelings({{"rejected", 2}, {"glad", 5}}, catalog(), 1, out).empty());
  EXPECT_EQ(out, (Feelings{{"rejected", "hurt", 2}, {"glad", "joy", 5}}));
}

TEST(Feelings, TheLowerBoundIsTheCallers) {
  Feelings out{{"glad", "joy", 1}};
  EXPECT_TRUE(check_feelings({}, catalog(), 0, out).empty()) << "an entry may name no feeling";
  EXPECT_TRUE(out.empty()) << "the list is replaced, not added to";
  EXPECT_EQ(fields_of(check_feelings({}, catalog(), 1, out)), std::vector<std::string>{"feelings"})
      << "a check-in names at least one";
}

TEST(Feelings, AtMostThree) {
  Feelings out;
  auto errors = check_feelings({{"rejected", 1}, {"glad", 1}, {"cheerful", 1}, {"glad", 2}}, catalog(), 0, out);
  EXPECT_EQ(fields_of(errors), std::vector<std::string>{"feelings"});
  EXPECT_EQ(out.size(), kMaxFeelings) << "the first three are still read, so their own errors show too";
}

TEST(Feelings, EachProblemNamesItsItem) {
  Feelings out;
  auto errors = check_feelings({{"joy", 3}, {"glad", 0}, {"cheerful", 6}}, catalog(), 1, out);
  EXPECT_EQ(fields_of(errors), (std::vector<std::string>{"feelings[0].word", "feelings[1].intensity",
                                                          "feelings[2].intensity"}))
      << "a family id is not a word; intensity goes from 1 to 5";
  errors = check_feelings({{"glad", 2}, {"glad", 4}}, catalog(), 1, out);
  EXPECT_EQ(fields_of(errors), std::vector<std::string>{"feelings[1].word"}) << "a word once";
  EXPECT_EQ(out, (Feelings{{"glad", "joy", 2}}));
  EXPECT_EQ(fields_of(check_feelings({{"GLAD", 2}}, catalog(), 1, out)), std::vector<std::string>{"feelings[0].word"});
}

TEST(Feelings, EntriesAndCheckInsValidateAlike) {
  // The same bad list gets the same item errors from both drafts.
  std::vector<FeelingPick> picks{{"glad", 9}, {"nope", 2}};
  EntryDraft entry_draft;
  entry_draft.kind = "feeling";
  entry_draft.feelings = picks;
  entry_draft.body = "x";
  Entry entry;
  auto entry_errors = fields_of(apply_entry_draft(entry_draft, catalog(), entry, true));
  CheckInDraft checkin_draft;
  checkin_draft.feelings = picks;
  CheckIn checkin;
  auto checkin_errors = fields_of(apply_checkin_draft(checkin_draft, catalog(), BondKind::partner, false, checkin));
  for (const auto& field : {"feelings[0].intensity", "feelings[1].word"}) {
    EXPECT_NE(std::find(entry_errors.begin(), entry_errors.end(), field), entry_errors.end()) << field;
    EXPECT_NE(std::find(checkin_errors.begin(), checkin_errors.end(), field), checkin_errors.end()) << field;
  }
}

TEST(Feelings, PrimaryIsTheStrongestThenTheFirst) {
  EXPECT_EQ(primary_family({{"glad", "joy", 3}, {"rejected", "hurt", 4}}), "hurt");
  EXPECT_EQ(primary_family({{"glad", "joy", 4}, {"rejected", "hurt", 4}}), "joy");
  EXPECT_EQ(primary_family({}), "");
}

// The check-in reveal rule, from both sides of a day.
TEST(CheckInSave, FirstEditRevealAndLock) {
  auto alone = checkin_save(false, false);
  EXPECT_FALSE(alone.locked);
  EXPECT_TRUE(alone.first);
  EXPECT_FALSE(alone.reveals) << "the first of the two reveals nothing";

  auto edit = checkin_save(true, false);
  EXPECT_FALSE(edit.locked);
  EXPECT_FALSE(edit.first) << "an edit before the other answers is not a new check-in";
  EXPECT_FALSE(edit.reveals);

  auto second = checkin_save(false, true);
  EXPECT_FALSE(second.locked);
  EXPECT_TRUE(second.first);
  EXPECT_TRUE(second.reveals) << "the second check-in reveals the day to both";

  auto after = checkin_save(true, true);
  EXPECT_TRUE(after.locked) << "once both have checked in, the day cannot change";
  EXPECT_FALSE(after.reveals);
}

}  // namespace
}  // namespace pillars
