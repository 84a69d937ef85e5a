// Bringing one's own writing from another Pillars: the export's JSON (or its zip) into a fresh
// account. What was one's own comes along exactly (entries with their feelings, times, reflections
// and time of one's own, the two needs, the settings); what belonged to a bond stays in the file,
// since the bond and the other person are not on this Pillars.
#include <set>

#include "api/async_store.h"
#include "api/export.h"
#include "api/handlers.h"
#include "api/json.h"
#include "core/validation.h"
#include "crypto/crypto.h"
#include "http/run_on.h"

namespace pillars::api {

namespace {

struct ImportPlan {
  std::vector<Entry> entries;
  std::vector<NeedsResult> needs;
  std::optional<std::string> timezone;
  std::optional<bool> track_affection;
  std::optional<std::optional<int>> own_time_wish;
  std::optional<bool> show_own_time_wish;
  json::object not_imported;
};

std::string lower_media_type(std::string_view header) {
  std::string media(trim(header.substr(0, header.find(';'))));
  for (auto& c : media) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return media;
}

class Problems {
 public:
  void add(std::string field, std::string message) {
    if (errors_.size() < 20) errors_.push_back({std::move(field), std::move(message)});
  }
  bool empty() const { return errors_.empty(); }
  Error failure() {
    Error e(Errc::validation, "This file is not a Pillars export that can be brought in.");
    e.fields = std::move(errors_);
    return e;
  }

 private:
  std::vector<FieldError> errors_;
};

std::optional<Millis> stamp(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end() || !it->value().is_string()) return std::nullopt;
  return parse_rfc3339(it->value().get_string());
}

std::optional<long long> whole(const json::value& v) {
  if (v.is_int64()) return v.get_int64();
  if (v.is_uint64() && v.get_uint64() < (1ULL << 62)) return static_cast<long long>(v.get_uint64());
  return std::nullopt;
}

std::optional<double> number(const json::value& v) {
  if (v.is_double()) return v.get_double();
  if (auto w = whole(v)) return static_cast<double>(*w);
  return std::nullopt;
}

std::size_t count_of(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  return it != o.end() && it->value().is_array() ? it->value().get_array().size() : 0;
}

void read_entry(const json::value& v, const std::string& at, const Catalog& catalog, Problems& problems,
                std::set<std::string>& prompts, ImportPlan& plan) {
  if (!v.is_object()) return problems.add(at, "Each entry must be an object.");
  const auto& o = v.get_object();
  Fields fields(o);
  EntryDraft draft;
  draft.kind = fields.string("kind", false);
  draft.body = fields.string("body", false);
  draft.feelings = fields.feelings();
  for (auto& e : fields.failure().fields) problems.add(at + "." + e.field, e.message);
  if (!fields.ok()) return;
  auto kind = draft.kind ? parse_entry_kind(*draft.kind) : std::nullopt;
  if (!kind) return problems.add(at + ".kind", "Choose one of the kinds of entry.");
  // Reflections and time of one's own are made apart in the app; here their feelings and words
  // are checked as any entry's, and what makes them what they are on its own.
  EntryDraft plain = draft;
  if (*kind == EntryKind::reflection || *kind == EntryKind::own_time) plain.kind = "feeling";
  Entry entry;
  auto errors = apply_entry_draft(plain, catalog, entry, true);
  if (*kind == EntryKind::own_time && errors.size() == 1 && errors.front().field == "body" &&
      entry.feelings.empty() && (!draft.body || trim(*draft.body).empty()))
    errors.clear();  // time of one's own needs no words
  for (auto& e : errors) problems.add(at + "." + e.field, e.message);
  if (!errors.empty()) return;
  entry.kind = *kind;
  entry.id = crypto::random_id();
  auto created = stamp(o, "created_at");
  auto updated = stamp(o, "updated_at");
  if (!created || !updated || *updated < *created)
    return problems.add(at + ".created_at", "Give created_at and updated_at as times, the second not before the first.");
  entry.created_at = *created;
  entry.updated_at = *updated;
  if (*kind == EntryKind::reflection) {
    auto prompt = o.find("prompt");
    if (prompt == o.end() || !prompt->value().is_string() || prompt->value().get_string().empty() ||
        prompt->value().get_string().size() > 100)
      return problems.add(at + ".prompt", "A reflection names the question it answers.");
    entry.prompt = std::string(prompt->value().get_string());
    if (!prompts.insert(*entry.prompt).second)
      return problems.add(at + ".prompt", "Each question is answered once.");
  }
  if (*kind == EntryKind::own_time) {
    const json::object* own = nullptr;
    if (auto it = o.find("own_time"); it != o.end() && it->value().is_object()) own = &it->value().get_object();
    std::optional<Day> day;
    std::optional<long long> minutes;
    std::string activity;
    if (own) {
      if (auto d = own->find("day"); d != own->end() && d->value().is_string()) day = parse_day(d->value().get_string());
      if (auto m = own->find("minutes"); m != own->end()) minutes = whole(m->value());
      if (auto a = own->find("activity"); a != own->end() && a->value().is_string()) activity = a->value().get_string();
    }
    const auto& kinds = catalog.own_time_activities;
    if (!day || !minutes || *minutes < kMinOwnMinutes || *minutes > kMaxOwnMinutes ||
        std::find(kinds.begin(), kinds.end(), activity) == kinds.end())
      return problems.add(at + ".own_time", "Time of one's own gives its day, its minutes and what it was.");
    entry.own_time = OwnTimeSpent{*day, static_cast<int>(*minutes), activity};
  }
  plan.entries.push_back(std::move(entry));
}

void read_needs(const json::value& v, const std::string& at, Problems& problems, ImportPlan& plan) {
  if (!v.is_object()) return problems.add(at, "Each result must be an object.");
  const auto& o = v.get_object();
  NeedsResult r;
  r.id = crypto::random_id();
  auto taken = stamp(o, "taken_at");
  double closeness = 0, independence = 0;
  if (auto c = o.find("closeness"); c != o.end()) closeness = number(c->value()).value_or(0);
  if (auto i = o.find("independence"); i != o.end()) independence = number(i->value()).value_or(0);
  if (!taken || closeness < 1 || closeness > 7 || independence < 1 || independence > 7)
    return problems.add(at, "A result gives when it was taken and two scores from 1 to 7.");
  r.taken_at = *taken;
  r.scores = NeedScores{closeness, independence};
  if (auto it = o.find("answers"); it != o.end() && it->value().is_array()) {
    std::set<std::string> seen;
    for (const auto& a : it->value().get_array()) {
      const auto* ao = a.if_object();
      auto item = ao && ao->contains("item") && ao->at("item").is_string() ? std::string(ao->at("item").get_string())
                                                                           : std::string();
      auto value = ao && ao->contains("value") ? whole(ao->at("value")) : std::nullopt;
      if (item.empty() || item.size() > 64 || !value || *value < 1 || *value > 7 || !seen.insert(item).second)
        return problems.add(at + ".answers", "Each answer names its statement once, with a value from 1 to 7.");
      r.answers.emplace_back(item, static_cast<int>(*value));
    }
  }
  plan.needs.push_back(std::move(r));
}

Result<ImportPlan> plan_import(const json::object& doc, const Catalog& catalog) {
  Problems problems;
  auto format = doc.find("format");
  auto version = doc.find("version");
  if (format == doc.end() || !format->value().is_string() || format->value().get_string() != kExportFormat)
    problems.add("format", "This is not a Pillars export.");
  else if (version == doc.end() || !whole(version->value()) || *whole(version->value()) != kExportVersion)
    problems.add("version", "This export comes from a version of Pillars this one cannot read.");
  if (!problems.empty()) return std::unexpected(problems.failure());

  ImportPlan plan;
  std::set<std::string> prompts;
  if (auto it = doc.find("entries"); it != doc.end()) {
    if (!it->value().is_array()) problems.add("entries", "Entries must be a list.");
    else {
      const auto& list = it->value().get_array();
      for (std::size_t i = 0; i < list.size(); ++i)
        read_entry(list[i], fmt::format("entries[{}]", i), catalog, problems, prompts, plan);
    }
  }
  if (auto it = doc.find("needs"); it != doc.end()) {
    if (!it->value().is_array()) problems.add("needs", "The two needs must be a list.");
    else {
      const auto& list = it->value().get_array();
      for (std::size_t i = 0; i < list.size(); ++i) read_needs(list[i], fmt::format("needs[{}]", i), problems, plan);
    }
  }
  if (auto it = doc.find("person"); it != doc.end() && it->value().is_object()) {
    const auto& p = it->value().get_object();
    if (auto tz = p.find("timezone"); tz != p.end() && tz->value().is_string()) {
      if (auto z = clean_timezone(std::string(tz->value().get_string()))) plan.timezone = *z;
      else problems.add("person.timezone", z.error());
    }
    if (auto t = p.find("track_affection"); t != p.end() && t->value().is_bool()) plan.track_affection = t->value().get_bool();
    if (auto w = p.find("own_time_wish_minutes"); w != p.end()) {
      if (w->value().is_null()) plan.own_time_wish = std::optional<int>();
      else if (auto m = whole(w->value()); m && *m >= 0 && *m <= 7 * 24 * 60)
        plan.own_time_wish = std::optional<int>(static_cast<int>(*m));
      else problems.add("person.own_time_wish_minutes", "Give whole minutes a week, from 0 to 10080, or null.");
    }
    if (auto s = p.find("show_own_time_wish"); s != p.end() && s->value().is_bool()) plan.show_own_time_wish = s->value().get_bool();
  }
  if (!problems.empty()) return std::unexpected(problems.failure());

  // What stays in the file, counted so the person knows.
  std::size_t checkins = 0, shared = 0, warm = 0, asks = 0, moments = 0, talks = 0, wishes = 0;
  if (auto it = doc.find("bonds"); it != doc.end() && it->value().is_array())
    for (const auto& b : it->value().get_array()) {
      const auto* bo = b.if_object();
      if (!bo) continue;
      checkins += count_of(*bo, "checkins");
      shared += count_of(*bo, "shared_with_me");
      warm += count_of(*bo, "appreciations");
      asks += count_of(*bo, "comfort_requests") + count_of(*bo, "space_requests");
      moments += count_of(*bo, "moments");
      talks += count_of(*bo, "conversations");
      if (auto w = bo->find("wishes"); w != bo->end() && w->value().is_object()) wishes += count_of(w->value().get_object(), "mine");
    }
  plan.not_imported = json::object{{"bonds", count_of(doc, "bonds")},
                                   {"checkins", checkins},
                                   {"shared_with_me", shared},
                                   {"responses_written", count_of(doc, "responses_written")},
                                   {"appreciations", warm},
                                   {"requests", asks},
                                   {"moments", moments},
                                   {"conversations", talks},
                                   {"wishes", wishes}};
  return plan;
}

}  // namespace

Awaitable import_me(AppContext& app, Context& ctx) {
  const std::string media = lower_media_type(ctx.header("Content-Type"));
  if (media != "application/json" && media != "application/zip")
    co_return Error(Errc::unsupported_media_type, "Send the export's pillars-export.json, or the whole zip.");
  const bool zipped = media == "application/zip";
  auto plan = co_await http::run_on(app.cpu().get_executor(), [&]() -> Result<ImportPlan> {
    std::string unzipped;
    if (zipped) {
      auto json_text = export_json_from_zip(ctx.req.body());
      if (!json_text) return std::unexpected(json_text.error());
      unzipped = std::move(*json_text);
    }
    boost::system::error_code ec;
    json::parse_options options;
    options.max_depth = 32;
    auto doc = json::parse(zipped ? unzipped : ctx.req.body(), ec, {}, options);
    if (ec || !doc.is_object()) return fail(Errc::bad_request, "The export could not be read as JSON.");
    return plan_import(doc.get_object(), app.catalog());
  });
  if (!plan) co_return plan.error();

  User user = ctx.user();
  if (plan->timezone) user.timezone = *plan->timezone;
  if (plan->track_affection) user.track_affection = *plan->track_affection;
  if (plan->own_time_wish) user.own_time_wish = *plan->own_time_wish;
  if (plan->show_own_time_wish) user.show_own_time_wish = *plan->show_own_time_wish;
  for (auto& e : plan->entries) e.author_id = user.id;
  for (auto& r : plan->needs) r.user_id = user.id;
  const Millis now = app.now();
  auto saved = co_await write(app.store(), [&](store::WriteTx& tx) -> Result<void> {
    store::ReadTx::EntryFilter one;
    one.limit = 1;
    auto entries = tx.entries_of(user.id, one);
    if (!entries) return std::unexpected(entries.error());
    auto needs = tx.needs_results_of(user.id);
    if (!needs) return std::unexpected(needs.error());
    if (!entries->empty() || !needs->empty())
      return fail(Errc::account_not_empty,
                  "This account has writing of its own already. Bring an export into a new account.");
    if (auto r = tx.update_user(user, now); !r) return r;
    for (const auto& e : plan->entries)
      if (auto r = tx.insert_entry(e); !r) return r;
    for (const auto& n : plan->needs)
      if (auto r = tx.insert_needs_result(n); !r) return r;
    return {};
  });
  if (!saved) co_return saved.error();
  co_await app.forget_user_everywhere(user.id);
  int own_time = 0, reflections = 0;
  for (const auto& e : plan->entries) {
    own_time += e.kind == EntryKind::own_time;
    reflections += e.kind == EntryKind::reflection;
  }
  co_return json_ok(json::object{
      {"imported", json::object{{"entries", plan->entries.size()},
                                {"own_time", own_time},
                                {"reflections", reflections},
                                {"needs", plan->needs.size()},
                                {"settings", true}}},
      {"not_imported", std::move(plan->not_imported)}});
}

}  // namespace pillars::api
