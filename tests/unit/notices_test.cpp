#include "core/notices.h"

#include <gtest/gtest.h>

#include <set>

namespace pillars {
namespace {

constexpr Millis kDay = 24LL * 3600 * 1000;
const Millis kNow = 20000 * kDay + 12 * 3600 * 1000;  // noon UTC of day 20000

NoticeRow row(std::string id, NoticeKind kind, Millis at, bool seen = false) {
  NoticeRow r;
  r.notice.id = std::move(id);
  r.notice.kind = kind;
  r.notice.created_at = at;
  if (seen) r.notice.seen_at = at + 1;
  return r;
}

std::vector<std::string> ids(const std::vector<NoticeRow>& rows) {
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.notice.id);
  return out;
}

TEST(Notices, KindsRoundTripAndUnknownIsRefused) {
  std::set<std::string_view> names;
  for (auto k : all_notice_kinds()) {
    EXPECT_EQ(parse_notice_kind(to_string(k)), k) << to_string(k);
    names.insert(to_string(k));
  }
  EXPECT_EQ(names.size(), 14u) << "every kind has a name of its own";
  EXPECT_EQ(all_notice_kinds().back(), NoticeKind::deck_revealed);
  EXPECT_FALSE(parse_notice_kind("entry_updated"));
  EXPECT_FALSE(parse_notice_kind(""));
}

TEST(Notices, AShareOrAResponseIsListedOnlyWhileTheEntryIsStillShared) {
  for (auto kind : {NoticeKind::entry_shared, NoticeKind::response_added}) {
    auto r = row("n", kind, kNow);
    EXPECT_TRUE(notice_listed(r, kNow));
    r.still_shared = false;
    EXPECT_FALSE(notice_listed(r, kNow)) << "a withdrawn share must not be hinted at";
  }
}

TEST(Notices, AnEndedBondShowsOnlyItsEnding) {
  for (auto kind : {NoticeKind::entry_shared, NoticeKind::appreciation_added, NoticeKind::comfort_requested,
                    NoticeKind::checkin_revealed, NoticeKind::invite_accepted}) {
    auto r = row("n", kind, kNow);
    r.bond = BondStatus::ended;
    EXPECT_FALSE(notice_listed(r, kNow)) << to_string(kind);
  }
  auto ended = row("e", NoticeKind::bond_ended, kNow);
  ended.bond = BondStatus::ended;
  EXPECT_TRUE(notice_listed(ended, kNow));
}

TEST(Notices, HasCheckedInIsListedOnlyWhileTheDayCanStillBeAnswered) {
  auto r = row("c", NoticeKind::checkin_added, kNow);
  r.notice.day = utc_day(kNow);
  EXPECT_TRUE(notice_listed(r, kNow));
  r.notice.day = utc_day(kNow) - 3;
  EXPECT_FALSE(notice_listed(r, kNow)) << "a day long past tells nothing of who answered it";
  r.notice.day.reset();
  EXPECT_FALSE(notice_listed(r, kNow));
  auto revealed = row("r", NoticeKind::checkin_revealed, kNow - 5 * kDay);
  revealed.notice.day = utc_day(kNow) - 5;
  EXPECT_TRUE(notice_listed(revealed, kNow)) << "a reveal stays news until seen";
}

TEST(Notices, OpenRequestsComeFirstThenUnreadThenNewest) {
  std::vector<NoticeRow> rows;
  rows.push_back(row("old-seen", NoticeKind::appreciation_added, kNow - 4000, true));
  rows.push_back(row("new-unread", NoticeKind::entry_shared, kNow - 1000));
  rows.push_back(row("older-unread", NoticeKind::response_added, kNow - 3000));
  auto open = row("open-comfort", NoticeKind::comfort_requested, kNow - 9000, true);
  open.request_open = true;
  rows.push_back(open);
  auto space = row("open-space", NoticeKind::space_requested, kNow - 8000);
  space.request_open = true;
  rows.push_back(space);
  auto answered = row("answered-comfort", NoticeKind::comfort_requested, kNow - 500, true);
  rows.push_back(answered);
  auto hidden = row("withdrawn", NoticeKind::entry_shared, kNow);
  hidden.still_shared = false;
  rows.push_back(hidden);

  EXPECT_EQ(ids(notices_to_show(rows, kNow)),
            (std::vector<std::string>{"open-space", "open-comfort", "new-unread", "older-unread", "answered-comfort",
                                      "old-seen"}));
}

TEST(Notices, TheListIsCapped) {
  std::vector<NoticeRow> rows;
  for (std::size_t i = 0; i < kMaxNotices + 20; ++i)
    rows.push_back(row("n" + std::to_string(1000 + i), NoticeKind::appreciation_added, kNow - static_cast<Millis>(i)));
  auto shown = notices_to_show(rows, kNow);
  ASSERT_EQ(shown.size(), kMaxNotices);
  EXPECT_EQ(shown.front().notice.id, "n1000");
  EXPECT_EQ(notices_since(kNow), kNow - kNoticeDays * kDay);
}

}  // namespace
}  // namespace pillars
