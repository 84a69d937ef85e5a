// Entries: the inner world. Private to the author unless shared into one of their bonds.
#include <algorithm>
#include <charconv>
#include <functional>

#include "api/async_store.h"
#include "api/handlers.h"
#include "api/insights.h"
#include "api/json.h"
#include "core/checkin.h"
#include "core/reflections.h"
#include "crypto/crypto.h"

namespace pillars::api {

namespace {

constexpr int kDefaultPage = 20;
constexpr int kMaxPage = 100;

// A page size from 1 to kMaxPage.
bool parse_limit(std::string_view text, int& out) {
  int n = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || ptr != text.data() + text.size() || n < 1 || n > kMaxPage) return false;
  out = n;
  return true;
}

Error not_found_entry() { return Error(Errc::not_found, "There is no such entry."); }

Error unfitting_response() {
  Error e(Errc::validation, "This response does not fit what was shared.");
  e.fields.push_back({"kind", "Choose one of the responses offered for this entry."});
  return e;
}

// Reads {kind?, feelings?, body?} into a draft, noting type errors.
EntryDraft read_draft(Fields& fields) {
  EntryDraft draft;
  draft.kind = fields.string("kind", false);
  draft.body = fields.string("body", false);
  draft.feelings = fields.feelings();
  return draft;
}

Result<std::vector<EntryResponse>> responses_or_none(store::ReadTx& tx, const Entry& e) {
  if (e.shared_with.empty()) return std::vector<EntryResponse>{};
  return tx.responses_to(e.id);
}

struct EntryWithResponses {
  Entry entry;
  std::vector<EntryResponse> responses;
};

// The author's entry with its responses, read in one snapshot.
Result<std::optional<EntryWithResponses>> load_for_author(store::ReadTx& tx, const std::string& id,
                                                          const std::string& author) {
  auto e = tx.entry_for_author(id, author);
  if (!e) return std::unexpected(e.error());
  if (!*e) return std::optional<EntryWithResponses>();
  auto r = responses_or_none(tx, **e);
  if (!r) return std::unexpected(r.error());
  return std::optional<EntryWithResponses>(EntryWithResponses{std::move(**e), std::move(*r)});
}

// The other members of the bonds an entry is shared in, to tell them it changed.
Result<std::vector<std::pair<std::string, std::string>>> audience(store::ReadTx& tx, const std::string& entry_id,
                                                                  const std::string& author) {
  auto bonds = tx.bonds_sharing(entry_id);
  if (!bonds) return std::unexpected(bonds.error());
  std::vector<std::pair<std::string, std::string>> out;  // (bond id, other member)
  for (const auto& b : *bonds) {
    auto view = tx.bond_for_member(b, author);
    if (!view) return std::unexpected(view.error());
    if (*view) out.emplace_back(b, (*view)->other.id);
  }
  return out;
}

// Saves a new entry of the caller's, checked already: 201 with it.
Awaitable save_new_entry(AppContext& app, Context& ctx, Entry entry) {
  entry.created_at = entry.updated_at = app.now();
  entry.id = crypto::time_ordered_id(entry.created_at);
  entry.author_id = ctx.user().id;
  auto saved = co_await write(app.store(), [&](store::WriteTx& tx) { return tx.insert_entry(entry); });
  if (!saved) co_return saved.error();
  co_return json_created(json::object{{"entry", to_json(entry, {}, ctx.user().id)}});
}

}  // namespace

Awaitable create_entry(AppContext& app, Context& ctx) {
  auto body = parse_body(ctx);
  if (!body) co_return body.error();
  Fields fields(*body);
  auto draft = read_draft(fields);
  if (!fields.ok()) co_return fields.failure();
  Entry entry;
  if (auto errors = apply_entry_draft(draft, app.catalog(), entry, true); !errors.empty())
    co_return Fields::invalid(std::move(errors));
  co_return co_await save_new_entry(app, ctx, std::move(entry));
}

Awaitable list_entries(AppContext& app, Context& ctx) {
  store::ReadTx::EntryFilter filter;
  filter.limit = kDefaultPage;
  Fields fields(json::object{});
  auto params = query_params(ctx);
  if (!params) co_return Error(Errc::bad_request, "The address could not be read.");
  for (const auto& [key, value] : *params) {
    if (key == "kind") {
      if (!(filter.kind = parse_entry_kind(value))) fields.error("kind", "Choose one of the kinds of entry.");
    } else if (key == "family") {
      if (!app.catalog().family(value)) fields.error("family", "Choose one of the families of feelings.");
      else filter.family = value;
    } else if (key == "before") {
      if (!(filter.before = parse_cursor(value))) fields.error("before", "This page marker is not valid.");
    } else if (key == "limit") {
      if (!parse_limit(value, filter.limit)) fields.error("limit", "The page size goes from 1 to 100.");
    }
  }
  if (!fields.ok()) co_return fields.failure();
  int page = filter.limit;
  filter.limit = page + 1;  // one more tells whether another page follows

  struct Page {
    std::vector<Entry> entries;
    std::vector<std::vector<EntryResponse>> responses;
  };
  auto result = co_await read(app.store(), [&](store::ReadTx& tx) -> Result<Page> {
    auto entries = tx.entries_of(ctx.user().id, filter);
    if (!entries) return std::unexpected(entries.error());
    Page p{std::move(*entries), {}};
    if (p.entries.size() > static_cast<std::size_t>(page)) p.entries.resize(static_cast<std::size_t>(page) + 1);
    for (std::size_t i = 0; i < p.entries.size() && i < static_cast<std::size_t>(page); ++i) {
      auto r = responses_or_none(tx, p.entries[i]);
      if (!r) return std::unexpected(r.error());
      p.responses.push_back(std::move(*r));
    }
    return p;
  });
  if (!result) co_return result.error();
  json::array out;
  bool more = result->entries.size() > static_cast<std::size_t>(page);
  for (std::size_t i = 0; i < result->responses.size(); ++i)
    out.push_back(to_json(result->entries[i], result->responses[i], ctx.user().id));
  json::value next = nullptr;
  if (more) {
    const auto& last = result->entries[static_cast<std::size_t>(page) - 1];
    next = make_cursor(last.created_at, last.id);
  }
  co_return json_ok(json::object{{"entries", std::move(out)}, {"next_cursor", std::move(next)}});
}

Awaitable get_entry(AppContext& app, Context& ctx) {
  auto found = co_await read(app.store(), [&](store::ReadTx& tx) {
    return load_for_author(tx, ctx.param("id"), ctx.user().id);
  });
  if (!found) co_return found.error();
  if (!*found) co_return not_found_entry();
  co_return json_ok(json::object{{"entry", to_json((*found)->entry, (*found)->responses, ctx.user().id)}});
}

namespace {

// Changes one of the caller's entries by `change` (which returns the field errors, or none), stamps
// it and tells the other member of every bond it is shared in. 404 for anyone else's entry, and for
// one `change` does not take (it says so by returning nullopt).
using EntryChange = std::function<std::optional<std::vector<FieldError>>(Entry&)>;
Awaitable edit_entry(AppContext& app, Context& ctx, EntryChange change) {
  std::vector<std::pair<std::string, std::string>> tell;
  auto saved = co_await write(app.store(), [&](store::WriteTx& tx) -> Result<EntryWithResponses> {
    auto found = load_for_author(tx, ctx.param("id"), ctx.user().id);
    if (!found) return std::unexpected(found.error());
    if (!*found) return std::unexpected(not_found_entry());
    Entry& entry = (*found)->entry;
    auto errors = change(entry);
    if (!errors) return std::unexpected(not_found_entry());
    if (!errors->empty()) return std::unexpected(Fields::invalid(std::move(*errors)));
    entry.updated_at = app.now();
    if (auto r = tx.update_entry(entry); !r) return std::unexpected(r.error());
    auto who = audience(tx, entry.id, ctx.user().id);
    if (!who) return std::unexpected(who.error());
    tell = std::move(*who);
    return std::move(**found);
  });
  if (!saved) co_return saved.error();
  for (const auto& [bond, other] : tell) notify(app, other, "entry_updated", bond, saved->entry.id);
  co_return json_ok(json::object{{"entry", to_json(saved->entry, saved->responses, ctx.user().id)}});
}

}  // namespace

Awaitable patch_entry(AppContext& app, Context& ctx) {
  auto body = parse_body(ctx);
  if (!body) co_return body.error();
  Fields fields(*body);
  auto draft = read_draft(fields);
  if (!fields.ok()) co_return fields.failure();
  const Catalog& catalog = app.catalog();
  co_return co_await edit_entry(app, ctx, [&](Entry& entry) -> std::optional<std::vector<FieldError>> {
    return apply_entry_draft(draft, catalog, entry, false);
  });
}

Awaitable delete_entry(AppContext& app, Context& ctx) {
  std::vector<std::pair<std::string, std::string>> tell;
  auto deleted = co_await write(app.store(), [&](store::WriteTx& tx) -> Result<void> {
    auto who = audience(tx, ctx.param("id"), ctx.user().id);
    if (!who) return std::unexpected(who.error());
    auto gone = tx.delete_entry(ctx.param("id"), ctx.user().id);
    if (!gone) return std::unexpected(gone.error());
    if (!*gone) return std::unexpected(not_found_entry());
    tell = std::move(*who);
    return {};
  });
  if (!deleted) co_return deleted.error();
  for (const auto& [bond, other] : tell) notify(app, other, "entry_deleted", bond, ctx.param("id"));
  co_return http::no_content();
}

Awaitable share_entry(AppContext& app, Context& ctx) {
  auto body = parse_body(ctx);
  if (!body) co_return body.error();
  Fields fields(*body);
  auto bond_id = fields.string("bond_id");
  if (!fields.ok()) co_return fields.failure();
  std::optional<Notice> told;
  auto shared = co_await write(app.store(), [&](store::WriteTx& tx) -> Result<EntryWithResponses> {
    auto entry = tx.entry_for_author(ctx.param("id"), ctx.user().id);
    if (!entry) return std::unexpected(entry.error());
    if (!*entry) return std::unexpected(not_found_entry());
    auto bond = tx.bond_for_member(*bond_id, ctx.user().id);
    if (!bond) return std::unexpected(bond.error());
    if (!*bond) return fail(Errc::not_found, "There is no such bond.");
    if ((*bond)->status != BondStatus::active) return fail(Errc::bond_ended, "This bond has ended.");
    auto added = tx.share_entry((*entry)->id, *bond_id, ctx.user().id, app.now());
    if (!added) return std::unexpected(added.error());
    if (*added) {
      told = notice_of(NoticeKind::entry_shared, (*bond)->other.id, *bond_id, ctx.user().id, (*entry)->id, app.now(),
                       (*entry)->id);
      if (auto r = tx.add_notice(*told); !r) return std::unexpected(r.error());
    }
    auto reloaded = load_for_author(tx, (*entry)->id, ctx.user().id);
    if (!reloaded || !*reloaded) return fail(Errc::internal);
    return std::move(**reloaded);
  });
  if (!shared) co_return shared.error();
  if (told) tell(app, *told);
  co_return json_ok(json::object{{"entry", to_json(shared->entry, shared->responses, ctx.user().id)}});
}

Awaitable withdraw_share(AppContext& app, Context& ctx) {
  std::string other;
  auto withdrawn = co_await write(app.store(), [&](store::WriteTx& tx) -> Result<void> {
    auto entry = tx.entry_for_author(ctx.param("id"), ctx.user().id);
    if (!entry) return std::unexpected(entry.error());
    if (!*entry) return std::unexpected(not_found_entry());
    auto bond = tx.bond_for_member(ctx.param("bond_id"), ctx.user().id);
    if (!bond) return std::unexpected(bond.error());
    auto gone = tx.withdraw_share(ctx.param("id"), ctx.param("bond_id"));
    if (!gone) return std::unexpected(gone.error());
    if (!*gone) return fail(Errc::not_found, "This entry is not shared there.");
    if (*bond) other = (*bond)->other.id;
    return {};
  });
  if (!withdrawn) co_return withdrawn.error();
  if (!other.empty()) notify(app, other, "entry_withdrawn", ctx.param("bond_id"), ctx.param("id"));
  co_return http::no_content();
}

Awaitable respond_to_entry(AppContext& app, Context& ctx) {
  auto body = parse_body(ctx);
  if (!body) co_return body.error();
  Fields fields(*body);
  auto kind_text = fields.string("kind");
  auto text = fields.string("body", false);
  auto wanted_bond = fields.string("bond_id", false);
  std::optional<ResponseKind> kind;
  if (kind_text && !(kind = parse_response_kind(*kind_text)))
    fields.error("kind", "Choose hear, comfort, celebrate or thanks.");
  EntryResponse response;
  if (auto problem = check_note(text, response.body); !problem.empty()) fields.error("body", problem);
  if (!fields.ok()) co_return fields.failure();

  response.id = crypto::random_id();
  response.entry_id = ctx.param("id");
  response.kind = *kind;
  response.from = Person{ctx.user().id, ctx.user().display_name};
  response.created_at = app.now();
  Notice told;
  auto saved = co_await write(app.store(), [&](store::WriteTx& tx) -> Result<void> {
    auto bonds = tx.bonds_sharing(response.entry_id);
    if (!bonds) return std::unexpected(bonds.error());
    // The entry must be shared in an active bond of the responder's, by the other member.
    for (const auto& b : *bonds) {
      if (wanted_bond && *wanted_bond != b) continue;
      auto view = tx.bond_for_member(b, ctx.user().id);
      if (!view) return std::unexpected(view.error());
      auto by = tx.shared_entry_author(response.entry_id, b);
      if (!by) return std::unexpected(by.error());
      if (!*view || !*by || !may_respond(ctx.user().id, **by, true, true, (*view)->status)) continue;
      auto entry = tx.entry_for_author(response.entry_id, **by);
      if (!entry) return std::unexpected(entry.error());
      if (!*entry) continue;
      auto fit = fitting_responses((*entry)->kind, (*entry)->feelings, app.catalog());
      if (std::find(fit.begin(), fit.end(), response.kind) == fit.end())
        return std::unexpected(unfitting_response());
      response.bond_id = b;
      if (auto r = tx.insert_response(response); !r) return r;
      told = notice_of(NoticeKind::response_added, **by, b, response.from.id, response.id, response.created_at,
                       response.entry_id);
      return tx.add_notice(told);
    }
    return std::unexpected(not_found_entry());
  });
  if (!saved) co_return saved.error();
  tell(app, told);
  co_return json_created(json::object{{"response", to_json(response, ctx.user().id)}});
}

Awaitable bond_entries(AppContext& app, Context& ctx) {
  std::optional<std::pair<Millis, std::string>> before;
  int page = kDefaultPage;
  Fields fields(json::object{});
  auto params = query_params(ctx);
  if (!params) co_return Error(Errc::bad_request, "The address could not be read.");
  for (const auto& [key, value] : *params) {
    if (key == "before") {
      if (!(before = parse_cursor(value))) fields.error("before", "This page marker is not valid.");
    } else if (key == "limit") {
      if (!parse_limit(value, page)) fields.error("limit", "The page size goes from 1 to 100.");
    }
  }
  if (!fields.ok()) co_return fields.failure();
  auto result = co_await read(app.store(), [&](store::ReadTx& tx) {
    return tx.shared_in_bond(ctx.bond->id, before, page + 1);  // one more tells whether another page follows
  });
  if (!result) co_return result.error();
  json::array out;
  for (std::size_t i = 0; i < result->size() && i < static_cast<std::size_t>(page); ++i)
    out.push_back(to_json((*result)[i], ctx.user().id, app.catalog()));
  json::value next = nullptr;
  if (result->size() > static_cast<std::size_t>(page)) {
    const auto& last = (*result)[static_cast<std::size_t>(page) - 1];
    next = make_cursor(last.shared_at, last.entry.id);
  }
  co_return json_ok(json::object{{"entries", std::move(out)}, {"next_cursor", std::move(next)}});
}


// ---- reflections: answers to the questions for oneself are entries of the kind `reflection`,
// one per question and person, private and shared like any entry.

namespace {

Error no_question() { return Error(Errc::not_found, "There is no such question."); }

// The person's answers to the questions, newest first (one per question, so at most as many as
// there are questions).
Result<std::vector<Entry>> reflection_answers(store::ReadTx& tx, const std::string& author, std::size_t questions) {
  store::ReadTx::EntryFilter filter;
  filter.kind = EntryKind::reflection;
  filter.limit = static_cast<int>(questions) + 1;
  return tx.entries_of(author, filter);
}

}  // namespace

std::expected<Day, Error> day_param(AppContext& app, const Context& ctx) {
  Day day = utc_day(app.now());
  auto params = query_params(ctx);
  if (!params) return std::unexpected(Error(Errc::bad_request, "The address could not be read."));
  Fields fields(json::object{});
  for (const auto& [key, value] : *params) {
    if (key != "day") continue;
    auto d = parse_day(value);
    if (!d || !day_is_current(*d, app.now())) fields.error("day", "Give today's date as YYYY-MM-DD.");
    else day = *d;
  }
  if (!fields.ok()) return std::unexpected(fields.failure());
  return day;
}

Awaitable list_reflections(AppContext& app, Context& ctx) {
  auto today = day_param(app, ctx);
  if (!today) co_return today.error();
  const Day day = *today;
  const auto& catalog = app.catalog();
  const std::string& me = ctx.user().id;
  auto answers = co_await read(app.store(), [&](store::ReadTx& tx) {
    return reflection_answers(tx, me, catalog.reflections.size());
  });
  if (!answers) co_return answers.error();
  auto offer = reflection_for(me, day, catalog.reflections.size(), catalog.reflection_every_days);
  json::array list;
  for (const auto& e : *answers) list.push_back(to_json(e, {}, me));
  json::value offered = nullptr;
  if (!catalog.reflections.empty())
    offered = json::object{{"id", catalog.reflections[offer.index].id},
                           {"since", format_day(offer.since)},
                           {"next", format_day(offer.next)}};
  co_return json_ok(json::object{{"offered", std::move(offered)},
                                 {"every_days", catalog.reflection_every_days},
                                 {"answers", std::move(list)}});
}

Awaitable answer_reflection(AppContext& app, Context& ctx) {
  const std::string prompt(ctx.param("id"));
  const auto& catalog = app.catalog();
  if (std::none_of(catalog.reflections.begin(), catalog.reflections.end(),
                   [&](const ReflectionPrompt& p) { return p.id == prompt; }))
    co_return no_question();
  auto body = parse_body(ctx);
  if (!body) co_return body.error();
  Fields fields(*body);
  auto draft = read_draft(fields);
  if (draft.kind) fields.error("kind", "An answer to a reflection is always a reflection.");
  if (!fields.ok()) co_return fields.failure();
  const std::string& me = ctx.user().id;
  const Millis now = app.now();
  struct Saved {
    EntryWithResponses entry;
    bool created = false;
    std::vector<std::pair<std::string, std::string>> tell;
  };
  auto saved = co_await write(app.store(), [&](store::WriteTx& tx) -> Result<Saved> {
    auto answers = reflection_answers(tx, me, catalog.reflections.size());
    if (!answers) return std::unexpected(answers.error());
    auto it = std::find_if(answers->begin(), answers->end(), [&](const Entry& e) { return e.prompt == prompt; });
    Saved s;
    if (it != answers->end()) {
      auto found = load_for_author(tx, it->id, me);
      if (!found) return std::unexpected(found.error());
      if (!*found) return std::unexpected(no_question());
      s.entry = std::move(**found);
    } else {
      s.created = true;
      s.entry.entry.id = crypto::time_ordered_id(now);
      s.entry.entry.author_id = me;
      s.entry.entry.kind = EntryKind::reflection;
      s.entry.entry.prompt = prompt;
      s.entry.entry.created_at = now;
    }
    Entry& entry = s.entry.entry;
    if (auto errors = apply_entry_draft(draft, catalog, entry, false); !errors.empty()) {
      return std::unexpected(Fields::invalid(std::move(errors)));
    }
    entry.updated_at = now;
    if (s.created) {
      if (auto r = tx.insert_entry(entry); !r) return std::unexpected(r.error());
      return s;
    }
    if (auto r = tx.update_entry(entry); !r) return std::unexpected(r.error());
    auto who = audience(tx, entry.id, me);
    if (!who) return std::unexpected(who.error());
    s.tell = std::move(*who);
    return s;
  });
  if (!saved) co_return saved.error();
  for (const auto& [bond, other] : saved->tell) notify(app, other, "entry_updated", bond, saved->entry.entry.id);
  json::object out{{"entry", to_json(saved->entry.entry, saved->entry.responses, me)}};
  co_return saved->created ? json_created(out) : json_ok(out);
}

// ---- time of one's own: each piece is an entry of the kind `own_time`, private and shared like any
// entry; the log is read by day, beside the check-ins' own-time answers and the person's weekly wish.

namespace {

constexpr int kOwnTimeListLimit = 500;

// Reads {day?, minutes?, activity?, note?} into a draft, noting type errors.
OwnTimeDraft read_own_time_draft(Fields& fields) {
  OwnTimeDraft draft;
  draft.day = fields.string("day", false);
  draft.activity = fields.string("activity", false);
  draft.note = fields.string("note", false);
  draft.minutes = fields.integer("minutes");
  return draft;
}

}  // namespace

Awaitable list_own_time(AppContext& app, Context& ctx) {
  auto window = window_of(app, ctx);
  if (!window) co_return window.error();
  const std::string& me = ctx.user().id;
  struct Facts {
    std::vector<CheckIn> checkins;
    std::vector<OwnTimeSpent> logged;
    std::vector<Entry> entries;
    std::optional<int> wish;
  };
  auto facts = co_await read(app.store(), [&](store::ReadTx& tx) -> Result<Facts> {
    Facts f;
    auto checkins = tx.own_checkins_between(me, window->first, window->last);
    if (!checkins) return std::unexpected(checkins.error());
    f.checkins = std::move(*checkins);
    auto entries = tx.own_time_entries(me, window->first, window->last, kOwnTimeListLimit);
    if (!entries) return std::unexpected(entries.error());
    f.entries = std::move(*entries);
    if (f.entries.size() < static_cast<std::size_t>(kOwnTimeListLimit)) {
      for (const auto& e : f.entries) f.logged.push_back(*e.own_time);  // every piece is here
    } else {
      auto logged = tx.own_time_between(me, window->first, window->last);
      if (!logged) return std::unexpected(logged.error());
      f.logged = std::move(*logged);
    }
    auto user = tx.user_by_id(me);
    if (!user) return std::unexpected(user.error());
    if (*user) f.wish = (*user)->own_time_wish;
    return f;
  });
  if (!facts) co_return facts.error();
  const auto days = own_time_days(facts->checkins, facts->logged, window->first, window->last);
  const Window week = window_ending(window->last, kMinWindowDays);
  long week_minutes = 0;
  json::array by_day;
  for (const auto& d : days) {
    if (week.contains(d.day)) week_minutes += d.counted;
    by_day.push_back(json::object{{"day", format_day(d.day)},
                                  {"checked_in", d.checked_in ? json::value(*d.checked_in) : json::value(nullptr)},
                                  {"logged", d.logged},
                                  {"counted", d.counted}});
  }
  json::array entries;
  for (const auto& e : facts->entries) entries.push_back(to_json(e, {}, me));
  json::object out = window_json(*window);
  out["own_days"] = std::move(by_day);
  json::object last_week = window_json(week);
  last_week["minutes"] = week_minutes;
  last_week["wish_per_week"] = facts->wish ? json::value(*facts->wish) : json::value(nullptr);
  last_week["under_wish"] = facts->wish ? json::value(week_minutes < *facts->wish) : json::value(nullptr);
  out["last_week"] = std::move(last_week);
  out["entries"] = std::move(entries);
  co_return json_ok(std::move(out));
}

Awaitable log_own_time(AppContext& app, Context& ctx) {
  auto body = parse_body(ctx);
  if (!body) co_return body.error();
  Fields fields(*body);
  auto draft = read_own_time_draft(fields);
  if (!fields.ok()) co_return fields.failure();
  Entry entry;
  if (auto errors = apply_own_time_draft(draft, app.catalog().own_time_activities, utc_day(app.now()), entry, true);
      !errors.empty())
    co_return Fields::invalid(std::move(errors));
  co_return co_await save_new_entry(app, ctx, std::move(entry));
}

Awaitable edit_own_time(AppContext& app, Context& ctx) {
  auto body = parse_body(ctx);
  if (!body) co_return body.error();
  Fields fields(*body);
  auto draft = read_own_time_draft(fields);
  if (!fields.ok()) co_return fields.failure();
  const auto& activities = app.catalog().own_time_activities;
  const Day today = utc_day(app.now());
  co_return co_await edit_entry(app, ctx, [&](Entry& entry) -> std::optional<std::vector<FieldError>> {
    if (entry.kind != EntryKind::own_time) return std::nullopt;  // not a piece of time of one's own
    return apply_own_time_draft(draft, activities, today, entry, false);
  });
}

}  // namespace pillars::api
