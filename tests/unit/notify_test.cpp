// Calm notifications, the pure rules: times of day, quiet hours, which notices may push, what a
// push says (never a name or a word anyone wrote), and when a reminder or a gathered event push goes.
#include <gtest/gtest.h>

#include "core/notify.h"

namespace pillars {
namespace {

constexpr Millis kMinute = 60 * 1000;

TEST(NotifyClock, ParsesAndFormatsTimesOfDay) {
  EXPECT_EQ(parse_clock("00:00"), 0);
  EXPECT_EQ(parse_clock("07:30"), 450);
  EXPECT_EQ(parse_clock("23:59"), 1439);
  for (std::string_view bad : {"24:00", "7:30", "07:60", "0730", "07-30", "", "ab:cd", "07:3a", " 7:30"})
    EXPECT_EQ(parse_clock(bad), std::nullopt) << bad;
  EXPECT_EQ(format_clock(0), "00:00");
  EXPECT_EQ(format_clock(450), "07:30");
  EXPECT_EQ(format_clock(1439), "23:59");
  for (int m = 0; m < kMinutesPerDay; m += 37) EXPECT_EQ(parse_clock(format_clock(m)), m);
}

TEST(NotifyDraft, AppliesTimesAndNullsAndRefusesHalfQuietHours) {
  NotifySettings s;
  NotifyDraft d;
  d.reminder = std::optional<std::string>("20:15");
  d.quiet_from = std::optional<std::string>("22:00");
  d.quiet_to = std::optional<std::string>("07:00");
  d.events = false;
  EXPECT_TRUE(apply_notify_draft(d, s).empty());
  EXPECT_EQ(s, (NotifySettings{20 * 60 + 15, false, 22 * 60, 7 * 60}));

  NotifyDraft off;
  off.reminder = std::optional<std::string>();
  EXPECT_TRUE(apply_notify_draft(off, s).empty());
  EXPECT_EQ(s.reminder, std::nullopt);
  EXPECT_EQ(s.quiet_from, 22 * 60) << "absent fields keep their values";

  NotifyDraft half;
  half.quiet_to = std::optional<std::string>();
  auto errors = apply_notify_draft(half, s);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "quiet_to") << "the end that is missing";
  EXPECT_EQ(s.quiet_to, 7 * 60) << "nothing changes when a field is wrong";

  NotifyDraft same;
  same.quiet_from = std::optional<std::string>("07:00");
  errors = apply_notify_draft(same, s);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "quiet_to");

  NotifyDraft bad;
  bad.reminder = std::optional<std::string>("25:00");
  bad.quiet_from = std::optional<std::string>("nope");
  errors = apply_notify_draft(bad, s);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].field, "reminder");
  EXPECT_EQ(errors[1].field, "quiet_from");
}

TEST(NotifyQuiet, HoursMayWrapPastMidnight) {
  NotifySettings night{std::nullopt, true, 22 * 60, 7 * 60};
  EXPECT_TRUE(in_quiet_hours(22 * 60, night));
  EXPECT_TRUE(in_quiet_hours(23 * 60 + 59, night));
  EXPECT_TRUE(in_quiet_hours(0, night));
  EXPECT_TRUE(in_quiet_hours(7 * 60 - 1, night));
  EXPECT_FALSE(in_quiet_hours(7 * 60, night));
  EXPECT_FALSE(in_quiet_hours(12 * 60, night));
  NotifySettings lunch{std::nullopt, true, 12 * 60, 13 * 60};
  EXPECT_TRUE(in_quiet_hours(12 * 60 + 30, lunch));
  EXPECT_FALSE(in_quiet_hours(13 * 60, lunch));
  EXPECT_FALSE(in_quiet_hours(3 * 60, lunch));
  EXPECT_FALSE(in_quiet_hours(3 * 60, NotifySettings{}));
}

TEST(NotifyText, TellsTheKindOnlyAndNeverAName) {
  EXPECT_EQ(event_text({NoticeKind::entry_shared}).body, "Something was shared with you.");
  EXPECT_EQ(event_text({NoticeKind::entry_shared, NoticeKind::entry_shared}).body, "Something was shared with you.");
  EXPECT_EQ(event_text({NoticeKind::comfort_answered, NoticeKind::space_answered}).body, "Your call has an answer.");
  EXPECT_EQ(event_text({NoticeKind::entry_shared, NoticeKind::appreciation_added}).body, "Something new in Pillars.");
  for (auto kind : all_notice_kinds()) {
    auto text = event_text({kind});
    EXPECT_EQ(text.title, "Pillars");
    EXPECT_EQ(text.url, "/");
    EXPECT_FALSE(text.body.empty());
  }
  EXPECT_NE(reminder_text().tag, event_text({NoticeKind::entry_shared}).tag);
}

TEST(NotifyKinds, OnlyWhatConcernsThePersonAndDoesNotPress) {
  EXPECT_TRUE(pushes_for(NoticeKind::entry_shared));
  EXPECT_TRUE(pushes_for(NoticeKind::response_added));
  EXPECT_TRUE(pushes_for(NoticeKind::appreciation_added));
  EXPECT_TRUE(pushes_for(NoticeKind::checkin_revealed));
  EXPECT_TRUE(pushes_for(NoticeKind::deck_revealed));
  EXPECT_FALSE(pushes_for(NoticeKind::checkin_added)) << "the other checking in is no call to hurry";
  EXPECT_FALSE(pushes_for(NoticeKind::deck_answered));
  EXPECT_FALSE(pushes_for(NoticeKind::bond_ended)) << "an ending is not told on a lock screen";
  EXPECT_FALSE(pushes_for(NoticeKind::moment_added));
}

NotifyState evening() {
  NotifyState s;
  s.settings.reminder = 20 * 60;
  s.local_minute = 20 * 60 + 5;
  s.local_day = 100;
  return s;
}

TEST(NotifyPlan, RemindsOnceADayInItsWindowUnlessCheckedInOrQuiet) {
  const Millis now = 1'000'000 * kMinute;
  auto s = evening();
  EXPECT_TRUE(plan_pushes(s, now).reminder);
  s.local_minute = 20 * 60 - 1;
  EXPECT_FALSE(plan_pushes(s, now).reminder) << "not before its time";
  s.local_minute = 20 * 60 + kReminderWindow - 1;
  EXPECT_TRUE(plan_pushes(s, now).reminder) << "late, after a restart, still within the window";
  s.local_minute = 20 * 60 + kReminderWindow;
  EXPECT_FALSE(plan_pushes(s, now).reminder) << "not hours late";
  s = evening();
  s.last_reminder_day = 100;
  EXPECT_FALSE(plan_pushes(s, now).reminder) << "once a day";
  s.last_reminder_day = 99;
  EXPECT_TRUE(plan_pushes(s, now).reminder);
  s.checked_in_today = true;
  EXPECT_FALSE(plan_pushes(s, now).reminder) << "no reminder once checked in";
  s = evening();
  s.settings.quiet_from = 19 * 60;
  s.settings.quiet_to = 23 * 60;
  EXPECT_FALSE(plan_pushes(s, now).reminder) << "quiet hours win";
  s = evening();
  s.settings.reminder.reset();
  EXPECT_FALSE(plan_pushes(s, now).reminder);
}

TEST(NotifyPlan, GathersEventsThenSendsOneAnHourAtMost) {
  const Millis now = 1'000'000 * kMinute;
  NotifyState s;
  s.local_minute = 12 * 60;
  s.pending = {{NoticeKind::entry_shared, now - kMinute}};
  EXPECT_TRUE(plan_pushes(s, now).events.empty()) << "a minute old: more may follow";
  s.pending.push_back({NoticeKind::response_added, now - 3 * kMinute});
  s.pending.push_back({NoticeKind::checkin_added, now - 3 * kMinute});
  auto plan = plan_pushes(s, now);
  EXPECT_EQ(plan.events, (std::vector<NoticeKind>{NoticeKind::entry_shared, NoticeKind::response_added}))
      << "settled since the first; the other's check-in is not told";
  s.last_event_push = now - 30 * kMinute;
  EXPECT_TRUE(plan_pushes(s, now).events.empty()) << "the last push is half an hour old";
  s.last_event_push = now - 61 * kMinute;
  EXPECT_FALSE(plan_pushes(s, now).events.empty());
  s.settings.events = false;
  EXPECT_TRUE(plan_pushes(s, now).events.empty()) << "turned off";
  s.settings.events = true;
  s.settings.quiet_from = 11 * 60;
  s.settings.quiet_to = 13 * 60;
  EXPECT_TRUE(plan_pushes(s, now).events.empty()) << "held in quiet hours";
  s.local_minute = 13 * 60;
  EXPECT_FALSE(plan_pushes(s, now).events.empty()) << "and sent as one when they end";
  s.pending = {{NoticeKind::checkin_added, now - 10 * kMinute}};
  EXPECT_TRUE(plan_pushes(s, now).events.empty()) << "nothing a push tells of";
}

TEST(NotifyPlan, NeverAReminderAndAnEventPushAtOnce) {
  const Millis now = 1'000'000 * kMinute;
  auto s = evening();
  s.pending = {{NoticeKind::entry_shared, now - 10 * kMinute}};
  auto plan = plan_pushes(s, now);
  EXPECT_TRUE(plan.reminder);
  EXPECT_TRUE(plan.events.empty());
  s.last_reminder_day = s.local_day;
  plan = plan_pushes(s, now);
  EXPECT_FALSE(plan.reminder);
  EXPECT_EQ(plan.events, std::vector<NoticeKind>{NoticeKind::entry_shared});
}

}  // namespace
}  // namespace pillars
