#include "core/notify.h"

#include <algorithm>

namespace pillars {

std::optional<int> parse_clock(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  auto digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9' ? text[i] - '0' : -1; };
  for (std::size_t i : {0u, 1u, 3u, 4u})
    if (digit(i) < 0) return std::nullopt;
  int hours = digit(0) * 10 + digit(1);
  int minutes = digit(3) * 10 + digit(4);
  if (hours > 23 || minutes > 59) return std::nullopt;
  return hours * 60 + minutes;
}

std::string format_clock(int minute) {
  int h = minute / 60, m = minute % 60;
  return {static_cast<char>('0' + h / 10), static_cast<char>('0' + h % 10), ':', static_cast<char>('0' + m / 10),
          static_cast<char>('0' + m % 10)};
}

namespace {
constexpr std::string_view kNotATime = "Please give a time of day such as 07:30 or 21:00.";

// Applies one optional time field: absent keeps, null clears, text must be HH:MM.
void apply_time(const std::optional<std::optional<std::string>>& field, std::string_view name, std::optional<int>& into,
                std::vector<FieldError>& errors) {
  if (!field) return;
  if (!*field) {
    into.reset();
    return;
  }
  if (auto minute = parse_clock(**field)) into = *minute;
  else errors.push_back({std::string(name), std::string(kNotATime)});
}
}  // namespace

std::vector<FieldError> apply_notify_draft(const NotifyDraft& draft, NotifySettings& settings) {
  std::vector<FieldError> errors;
  NotifySettings next = settings;
  apply_time(draft.reminder, "reminder", next.reminder, errors);
  apply_time(draft.quiet_from, "quiet_from", next.quiet_from, errors);
  apply_time(draft.quiet_to, "quiet_to", next.quiet_to, errors);
  if (draft.events) next.events = *draft.events;
  if (errors.empty()) {
    if (next.quiet_from.has_value() != next.quiet_to.has_value())
      errors.push_back({next.quiet_from ? "quiet_to" : "quiet_from", "Quiet hours need a start and an end."});
    else if (next.quiet_from && *next.quiet_from == *next.quiet_to)
      errors.push_back({"quiet_to", "Quiet hours need to end at another time than they start."});
  }
  if (errors.empty()) settings = next;
  return errors;
}

bool in_quiet_hours(int minute, const NotifySettings& settings) {
  if (!settings.quiet_from || !settings.quiet_to) return false;
  int from = *settings.quiet_from, to = *settings.quiet_to;
  return from < to ? minute >= from && minute < to : minute >= from || minute < to;
}

bool pushes_for(NoticeKind kind) {
  switch (kind) {
    case NoticeKind::entry_shared:
    case NoticeKind::response_added:
    case NoticeKind::appreciation_added:
    case NoticeKind::comfort_requested:
    case NoticeKind::comfort_answered:
    case NoticeKind::space_requested:
    case NoticeKind::space_answered:
    case NoticeKind::checkin_revealed:
    case NoticeKind::deck_revealed:
    case NoticeKind::invite_accepted:
      return true;
    case NoticeKind::checkin_added:
    case NoticeKind::bond_ended:
    case NoticeKind::moment_added:
    case NoticeKind::deck_answered:
      return false;
  }
  return false;
}

namespace {
std::string_view kind_body(NoticeKind kind) {
  switch (kind) {
    case NoticeKind::entry_shared: return "Something was shared with you.";
    case NoticeKind::response_added: return "Something you shared has an answer.";
    case NoticeKind::appreciation_added: return "Some warm words are waiting for you.";
    case NoticeKind::comfort_requested: return "Someone close would like some comfort.";
    case NoticeKind::space_requested: return "Someone close would like some time of their own.";
    case NoticeKind::comfort_answered:
    case NoticeKind::space_answered: return "Your call has an answer.";
    case NoticeKind::checkin_revealed: return "Both check-ins are in: you can see each other's day.";
    case NoticeKind::deck_revealed: return "A conversation is open: you both answered.";
    case NoticeKind::invite_accepted: return "Your invitation was accepted.";
    default: return "Something new in Pillars.";
  }
}
}  // namespace

PushText event_text(const std::vector<NoticeKind>& kinds) {
  bool one_kind = !kinds.empty() && std::all_of(kinds.begin(), kinds.end(), [&](NoticeKind k) {
    return kind_body(k) == kind_body(kinds.front());
  });
  return {"Pillars", std::string(one_kind ? kind_body(kinds.front()) : "Something new in Pillars."), "pillars-new",
          "/"};
}

PushText reminder_text() {
  return {"Pillars", "A quiet moment for today's check-in, whenever suits you.", "pillars-reminder", "/"};
}

NotifyPlan plan_pushes(const NotifyState& state, Millis now, const NotifyTiming& timing) {
  NotifyPlan plan;
  const auto& s = state.settings;
  if (in_quiet_hours(state.local_minute, s)) return plan;
  if (s.reminder && !state.checked_in_today && state.last_reminder_day != state.local_day) {
    int since = state.local_minute - *s.reminder;
    if (since >= 0 && since < kReminderWindow) {
      plan.reminder = true;
      return plan;
    }
  }
  if (!s.events) return plan;
  std::optional<Millis> first;
  std::vector<NoticeKind> kinds;
  for (const auto& [kind, at] : state.pending) {
    if (!pushes_for(kind)) continue;
    first = first ? std::min(*first, at) : at;
    if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) kinds.push_back(kind);
  }
  if (!first || now - *first < timing.settle) return plan;
  if (state.last_event_push && now - *state.last_event_push < timing.gap) return plan;
  plan.events = std::move(kinds);
  return plan;
}

}  // namespace pillars
