#include <algorithm>
#include <array>
#include <span>

#include "api/handlers.h"
#include "api/json.h"
#include "core/embedded_file.h"
#include "core/insights.h"
#include "core/moments.h"
#include "core/needs.h"
#include "core/own_time.h"
#include "core/reflections.h"
#include "core/validation.h"

namespace pillars {
std::span<const EmbeddedFile> content_files();  // generated from content/
}

namespace pillars::api {

namespace {

std::string text_of(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  return it != o.end() && it->value().is_string() ? std::string(it->value().get_string()) : std::string();
}

// content/insights.json: every card of core's contract with a title, and every state with a
// sentence and a suggestion (vulnerability's one_sided: one for each side).
Result<json::value> parse_insights(std::string_view text) {
  boost::system::error_code ec;
  auto doc = json::parse(text, ec);
  if (ec || !doc.is_object()) return fail(Errc::internal, "content/insights.json is not valid JSON");
  auto problem = [](std::string what) { return fail(Errc::internal, "content/insights.json: " + what); };
  for (const auto& card : insight_cards()) {
    const std::string name = std::string(card.scope) + "." + std::string(card.card);
    const auto* scope = doc.as_object().if_contains(card.scope);
    const auto* c = scope && scope->is_object() ? scope->as_object().if_contains(card.card) : nullptr;
    if (!c || !c->is_object() || text_of(c->as_object(), "title").empty()) return problem(name + " needs a title");
    const auto* states = c->as_object().if_contains("states");
    if (!states || !states->is_object()) return problem(name + " needs states");
    for (auto state : card.states) {
      const auto* s = states->as_object().if_contains(state);
      if (!s || !s->is_object() || text_of(s->as_object(), "sentence").empty())
        return problem(name + "." + std::string(state) + " needs a sentence");
      const bool both_sides = card.card == "vulnerability" && state == "one_sided";
      for (auto key : both_sides ? std::vector<std::string_view>{"suggestion_open", "suggestion_quiet"}
                                 : std::vector<std::string_view>{"suggestion"})
        if (text_of(s->as_object(), key).empty())
          return problem(name + "." + std::string(state) + " needs " + std::string(key));
    }
  }
  return doc;
}

// One content file being checked: errors name the file, and opening it checks that it is a JSON
// object with the texts every screen of its feature needs.
class ContentFile {
 public:
  explicit ContentFile(std::string_view name) : name_(name) {}
  std::unexpected<Error> problem(std::string_view what) const {
    return fail(Errc::internal, "content/" + name_ + ": " + std::string(what));
  }
  Result<json::value> open(std::string_view text, std::initializer_list<std::string_view> texts) const {
    boost::system::error_code ec;
    auto doc = json::parse(text, ec);
    if (ec || !doc.is_object()) return fail(Errc::internal, "content/" + name_ + " is not valid JSON");
    for (auto key : texts)
      if (text_of(doc.as_object(), key).empty()) return problem("needs " + std::string(key));
    return doc;
  }

 private:
  std::string name_;
};

// content/needs.json: the two needs' statements (core checks the questionnaire's rules), the words
// around them, a band sentence for each need, and the dance's words for every state.
Result<json::object> parse_needs(std::string_view text, Catalog& catalog) {
  const ContentFile file("needs.json");
  auto problem = [&](std::string what) { return file.problem(what); };
  auto doc = file.open(text, {"title", "intro", "not_a_test"});
  if (!doc) return std::unexpected(doc.error());
  const auto& root = doc->as_object();
  const auto* needs = root.if_contains("needs");
  for (auto need : {NeedScale::closeness, NeedScale::independence}) {
    const std::string name(to_string(need));
    const auto* n = needs && needs->is_object() ? needs->as_object().if_contains(name) : nullptr;
    if (!n || !n->is_object() || text_of(n->as_object(), "name").empty() ||
        text_of(n->as_object(), "description").empty())
      return problem("needs." + name + " needs a name and a description");
    const auto* bands = n->as_object().if_contains("bands");
    for (auto band : kNeedBands)
      if (!bands || !bands->is_object() || text_of(bands->as_object(), band).empty())
        return problem("needs." + name + ".bands." + std::string(band) + " is missing");
  }
  const auto* items = root.if_contains("items");
  if (!items || !items->is_array()) return problem("needs items");
  std::vector<NeedItem> parsed;
  for (const auto& iv : items->as_array()) {
    if (!iv.is_object()) return problem("a statement is not an object");
    const auto& io = iv.as_object();
    auto need = need_scale_from_string(text_of(io, "need"));
    const auto* reverse = io.if_contains("reverse");
    const auto statement = text_of(io, "text");
    if (!need || !reverse || !reverse->is_bool() || statement.empty() || statement.size() > kMaxStatementBytes)
      return problem("statement " + text_of(io, "id") + " needs a need, a reverse mark and a short text");
    parsed.push_back({text_of(io, "id"), *need, reverse->get_bool()});
  }
  if (auto problems = need_items_problems(parsed); !problems.empty()) return problem(problems.front());
  const auto* dance = root.if_contains("dance");
  const auto* states = dance && dance->is_object() ? dance->as_object().if_contains("states") : nullptr;
  if (!states || !states->is_object() || text_of(dance->as_object(), "title").empty())
    return problem("needs a dance with a title and states");
  for (auto state : kDanceStates) {
    const auto* st = states->as_object().if_contains(state);
    if (!st || !st->is_object() || text_of(st->as_object(), "sentence").empty() ||
        text_of(st->as_object(), "suggestion").empty())
      return problem("dance." + std::string(state) + " needs a sentence and a suggestion");
  }
  catalog.need_items = std::move(parsed);
  return json::object{{"needs", std::move(*doc)}};
}

// content/journey.json: the words of the journey screen, for both kinds of moment and every kind
// of milestone core computes.
Result<json::object> parse_journey(std::string_view text, Catalog&) {
  const ContentFile file("journey.json");
  auto problem = [&](std::string what) { return file.problem(what); };
  auto doc = file.open(text, {"title", "intro", "empty"});
  if (!doc) return std::unexpected(doc.error());
  const auto& root = doc->as_object();
  const auto* kinds = root.if_contains("kinds");
  for (auto kind : {MomentKind::high, MomentKind::low}) {
    const auto* k = kinds && kinds->is_object() ? kinds->as_object().if_contains(to_string(kind)) : nullptr;
    if (!k || !k->is_object() || text_of(k->as_object(), "name").empty())
      return problem("kinds." + std::string(to_string(kind)) + " needs a name");
  }
  const auto* marks = root.if_contains("milestones");
  for (auto kind : {MilestoneKind::began, MilestoneKind::first_reveal, MilestoneKind::days_both, MilestoneKind::deck_level})
    if (!marks || !marks->is_object() || text_of(marks->as_object(), to_string(kind)).empty())
      return problem("milestones." + std::string(to_string(kind)) + " is missing");
  return json::object{{"journey", std::move(*doc)}};
}

// content/reflections.json: the questions for oneself (core checks their rules), their themes and
// how many days each is offered.
Result<json::object> parse_reflections(std::string_view text, Catalog& catalog) {
  const ContentFile file("reflections.json");
  auto problem = [&](std::string what) { return file.problem(what); };
  auto doc = file.open(text, {"title", "intro", "private"});
  if (!doc) return std::unexpected(doc.error());
  const auto& root = doc->as_object();
  const auto* every = root.if_contains("every_days");
  if (!every || !every->is_int64() || every->get_int64() < kMinEveryDays || every->get_int64() > kMaxEveryDays)
    return problem("every_days must be a whole number of days from 1 to 14");
  std::vector<std::string> themes;
  const auto* theme_names = root.if_contains("themes");
  if (!theme_names || !theme_names->is_object()) return problem("needs themes");
  for (const auto& kv : theme_names->as_object()) {
    if (!kv.value().is_string() || kv.value().get_string().empty()) return problem("every theme needs a name");
    themes.emplace_back(kv.key());
  }
  const auto* prompts = root.if_contains("prompts");
  if (!prompts || !prompts->is_array()) return problem("needs prompts");
  std::vector<ReflectionPrompt> parsed;
  for (const auto& pv : prompts->as_array()) {
    if (!pv.is_object()) return problem("a question is not an object");
    const auto& po = pv.as_object();
    const auto question = text_of(po, "text");
    if (question.empty() || question.size() > kMaxReflectionText)
      return problem("question " + text_of(po, "id") + " needs a short text");
    parsed.push_back({text_of(po, "id"), text_of(po, "theme")});
  }
  if (auto problems = reflection_problems(parsed, themes); !problems.empty()) return problem(problems.front());
  catalog.reflections = std::move(parsed);
  catalog.reflection_every_days = static_cast<int>(every->get_int64());
  return json::object{{"reflections", std::move(*doc)}};
}

// content/own_time.json: the kinds of time of one's own and the lengths offered (core checks their
// rules), and the words of the log.
Result<json::object> parse_own_time(std::string_view text, Catalog& catalog) {
  const ContentFile file("own_time.json");
  auto doc = file.open(text, {"title", "intro", "private", "empty", "against_wish", "no_wish", "counted"});
  if (!doc) return std::unexpected(doc.error());
  const auto& root = doc->as_object();
  std::vector<std::string> activities;
  const auto* list = root.if_contains("activities");
  if (!list || !list->is_array()) return file.problem("needs activities");
  for (const auto& av : list->as_array()) {
    if (!av.is_object() || text_of(av.as_object(), "name").empty()) return file.problem("every kind of time needs a name");
    activities.push_back(text_of(av.as_object(), "id"));
  }
  std::vector<int> minutes;
  const auto* lengths = root.if_contains("minutes");
  if (!lengths || !lengths->is_array()) return file.problem("needs minutes");
  for (const auto& mv : lengths->as_array()) {
    if (!mv.is_int64()) return file.problem("the lengths are whole minutes");
    minutes.push_back(static_cast<int>(std::clamp<std::int64_t>(mv.get_int64(), -1, kMaxOwnMinutes + 1)));
  }
  if (auto problems = own_time_problems(activities, minutes); !problems.empty()) return file.problem(problems.front());
  catalog.own_time_activities = std::move(activities);
  return json::object{{"own_time", std::move(*doc)}};
}

// content/decks/<id>.json, one per deck in kDeckIds' order: the decks' words, levels and prompts
// (core checks their rules). Served as one list, "decks".
// A list of bond kinds ("partner", "friend", "family") as a set; nullopt for anything else.
std::optional<BondKinds> kinds_of(const json::value* v) {
  if (!v || !v->is_array()) return std::nullopt;
  BondKinds out = 0;
  for (const auto& k : v->as_array()) {
    auto kind = k.is_string() ? parse_bond_kind(k.get_string()) : std::nullopt;
    if (!kind) return std::nullopt;
    out |= kind_bit(*kind);
  }
  return out;
}

// A folder of content with one file per id (`<dir>/<id>.json`, in the order of `ids`), each with
// an id, a title, a description and the bond kinds it suits; `each(file, root, kinds)` reads the
// rest. The served documents, in order.
template <std::size_t N, typename Each>
Result<json::array> each_file(const ContentTexts& texts, std::string_view dir, const std::array<std::string_view, N>& ids,
                              Each&& each) {
  json::array served;
  for (auto id : ids) {
    const std::string name = std::string(dir) + "/" + std::string(id) + ".json";
    const ContentFile file(name);
    auto it = texts.find(name);
    if (it == texts.end()) return file.problem("is missing");
    auto doc = file.open(it->second, {"id", "title", "description"});
    if (!doc) return std::unexpected(doc.error());
    auto kinds = kinds_of(doc->as_object().if_contains("kinds"));
    if (!kinds) return file.problem("needs kinds of bond: partner, friend, family");
    if (auto r = each(file, doc->as_object(), *kinds); !r) return std::unexpected(r.error());
    served.push_back(std::move(*doc));
  }
  return served;
}

Result<json::object> parse_decks(const ContentTexts& texts, Catalog& catalog) {
  std::vector<Deck> decks;
  auto served = each_file(texts, "decks", kDeckIds, [&](const ContentFile& file, json::object& root, BondKinds kinds) -> Result<void> {
    Deck deck{text_of(root, "id"), kinds, {}};
    const auto* levels = root.if_contains("levels");
    if (!levels || !levels->is_array() || levels->as_array().size() != kDeckLevels)
      return file.problem("needs three levels");
    for (const auto& lv : levels->as_array())
      if (!lv.is_object() || text_of(lv.as_object(), "name").empty() || text_of(lv.as_object(), "description").empty())
        return file.problem("every level needs a name and a description");
    const auto* prompts = root.if_contains("prompts");
    if (!prompts || !prompts->is_array()) return file.problem("needs prompts");
    for (const auto& pv : prompts->as_array()) {
      if (!pv.is_object()) return file.problem("a prompt is not an object");
      const auto& po = pv.as_object();
      DeckPrompt prompt;
      prompt.id = text_of(po, "id");
      prompt.deck = deck.id;
      const auto* level = po.if_contains("level");
      prompt.level = level && level->is_int64() ? static_cast<int>(std::clamp<std::int64_t>(level->get_int64(), 0, 99)) : 0;
      auto pk = kinds_of(po.if_contains("kinds"));
      if (!pk) return file.problem("prompt " + prompt.id + " needs kinds of bond");
      prompt.kinds = *pk;
      prompt.text_length = utf8_length(text_of(po, "text"));
      if (const auto* choices = po.if_contains("choices")) {
        if (!choices->is_array()) return file.problem("prompt " + prompt.id + " needs a list of choices");
        for (const auto& c : choices->as_array()) {
          if (!c.is_string()) return file.problem("prompt " + prompt.id + " has a choice that is not text");
          prompt.choices.emplace_back(c.get_string());
        }
      }
      deck.prompts.push_back(std::move(prompt));
    }
    decks.push_back(std::move(deck));
    return {};
  });
  if (!served) return std::unexpected(served.error());
  if (auto problems = deck_problems(decks); !problems.empty())
    return fail(Errc::internal, "content/decks: " + problems.front());
  catalog.decks = std::move(decks);
  return json::object{{"decks", std::move(*served)}};
}

// content/menus/*.json: the affection and intimacy menus (core checks their rules), served as they
// are under "menus".
Result<json::object> parse_menus(const ContentTexts& texts, Catalog& catalog) {
  std::vector<Menu> menus;
  auto served = each_file(texts, "menus", kMenuIds, [&](const ContentFile& file, json::object& root, BondKinds kinds) -> Result<void> {
    Menu menu{text_of(root, "id"), kinds, {}, {}};
    const auto* categories = root.if_contains("categories");
    if (!categories || !categories->is_array()) return file.problem("needs categories");
    for (const auto& cv : categories->as_array()) {
      if (!cv.is_object() || text_of(cv.as_object(), "id").empty() || text_of(cv.as_object(), "title").empty() ||
          text_of(cv.as_object(), "description").empty())
        return file.problem("every category needs an id, a title and a description");
      menu.categories.push_back(text_of(cv.as_object(), "id"));
    }
    const auto* items = root.if_contains("items");
    if (!items || !items->is_array()) return file.problem("needs items");
    for (const auto& iv : items->as_array()) {
      if (!iv.is_object()) return file.problem("an item is not an object");
      const auto& io = iv.as_object();
      MenuItem item;
      item.id = text_of(io, "id");
      item.menu = menu.id;
      item.category = text_of(io, "category");
      auto ik = kinds_of(io.if_contains("kinds"));
      if (!ik) return file.problem("item " + item.id + " needs kinds of bond");
      item.kinds = *ik;
      item.text_length = utf8_length(text_of(io, "text"));
      if (const auto* detail = io.if_contains("detail")) {
        if (!detail->is_string() || detail->get_string().empty())
          return file.problem("item " + item.id + " has a detail that is not text");
        item.detail_length = utf8_length(detail->get_string());
      }
      menu.items.push_back(std::move(item));
    }
    menus.push_back(std::move(menu));
    return {};
  });
  if (!served) return std::unexpected(served.error());
  if (auto problems = menu_problems(menus); !problems.empty())
    return fail(Errc::internal, "content/menus: " + problems.front());
  catalog.menus = std::move(menus);
  return json::object{{"menus", std::move(*served)}};
}

// content/feelings.json: the families and words (checked by core's catalog rules) and the small
// lists the inner world uses.
Result<json::object> parse_feelings(std::string_view text, Catalog& catalog) {
  boost::system::error_code ec;
  auto doc = json::parse(text, ec);
  if (ec || !doc.is_object()) return fail(Errc::internal, "content/feelings.json is not valid JSON");
  const auto& root = doc.as_object();
  auto families = root.find("families");
  if (families == root.end() || !families->value().is_array())
    return fail(Errc::internal, "content/feelings.json has no families");
  for (const auto& fv : families->value().as_array()) {
    if (!fv.is_object()) return fail(Errc::internal, "a family is not an object");
    const auto& fo = fv.as_object();
    FeelingFamily family{text_of(fo, "id"), text_of(fo, "name"), false, text_of(fo, "description"), {}};
    if (auto v = fo.find("vulnerable"); v != fo.end() && v->value().is_bool()) family.vulnerable = v->value().get_bool();
    if (auto words = fo.find("words"); words != fo.end() && words->value().is_array()) {
      for (const auto& wv : words->value().as_array()) {
        if (!wv.is_object()) return fail(Errc::internal, "a word is not an object");
        const auto& wo = wv.as_object();
        FeelingWord word{text_of(wo, "id"), text_of(wo, "name"), family.id, text_of(wo, "description")};
        family.word_ids.push_back(word.id);
        catalog.words.emplace(word.id, std::move(word));
      }
    }
    catalog.families.push_back(std::move(family));
  }
  if (auto problems = catalog_problems(catalog); !problems.empty())
    return fail(Errc::internal, "content/feelings.json: " + problems.front());
  auto prompts = root.find("prompts");
  if (prompts == root.end() || !prompts->value().is_object() ||
      text_of(prompts->value().as_object(), "look_beneath_anger").empty())
    return fail(Errc::internal, "content/feelings.json needs prompts.look_beneath_anger");
  json::object served{{"feelings", json::object{{"families", families->value()}}}};
  for (auto key : {"prompts", "entry_kinds", "response_kinds", "appreciation_kinds"})
    if (auto it = root.find(key); it != root.end()) served[key] = it->value();
  return served;
}

// Every content file: its name, and the parser that checks it, fills its part of the catalog and
// gives the keys it adds to GET /api/v1/catalog. feelings.json comes first: the others may use it.
struct ContentPart {
  std::string_view file;
  Result<json::object> (*parse)(std::string_view text, Catalog& catalog);
};
constexpr std::array<ContentPart, 6> kContentParts = {{
    {"feelings.json", parse_feelings},
    {"insights.json",
     [](std::string_view text, Catalog&) -> Result<json::object> {
       auto doc = parse_insights(text);
       if (!doc) return std::unexpected(doc.error());
       return json::object{{"insights", std::move(*doc)}};
     }},
    {"needs.json", parse_needs},
    {"journey.json", parse_journey},
    {"reflections.json", parse_reflections},
    {"own_time.json", parse_own_time},
}};

}  // namespace

Result<LoadedCatalog> load_catalog() {
  ContentTexts texts;
  for (const auto& f : content_files()) texts.emplace(std::string(f.path), f.data);
  for (const auto& part : kContentParts)
    if (!texts.contains(part.file)) return fail(Errc::internal, "content/" + std::string(part.file) + " is missing");
  for (auto id : kDeckIds)
    if (!texts.contains("decks/" + std::string(id) + ".json"))
      return fail(Errc::internal, "content/decks/" + std::string(id) + ".json is missing");
  for (auto id : kMenuIds)
    if (!texts.contains("menus/" + std::string(id) + ".json"))
      return fail(Errc::internal, "content/menus/" + std::string(id) + ".json is missing");
  return parse_catalog(texts);
}

Result<LoadedCatalog> parse_catalog(const ContentTexts& texts) {
  if (!texts.contains("feelings.json")) return fail(Errc::internal, "content/feelings.json is missing");
  LoadedCatalog out;
  json::object served;
  for (const auto& part : kContentParts) {
    auto it = texts.find(part.file);
    if (it == texts.end()) continue;
    auto keys = part.parse(it->second, out.catalog);
    if (!keys) return std::unexpected(keys.error());
    for (auto& kv : *keys) served[kv.key()] = std::move(kv.value());
  }
  if (std::any_of(texts.begin(), texts.end(), [](const auto& t) { return t.first.starts_with("decks/"); })) {
    auto decks = parse_decks(texts, out.catalog);
    if (!decks) return std::unexpected(decks.error());
    for (auto& kv : *decks) served[kv.key()] = std::move(kv.value());
  }
  if (std::any_of(texts.begin(), texts.end(), [](const auto& t) { return t.first.starts_with("menus/"); })) {
    auto menus = parse_menus(texts, out.catalog);
    if (!menus) return std::unexpected(menus.error());
    for (auto& kv : *menus) served[kv.key()] = std::move(kv.value());
  }
  out.json = json::serialize(served);
  return out;
}

Awaitable get_catalog(AppContext& app, Context&) {
  http::Response res{http::bhttp::status::ok, 11};
  res.set(http::bhttp::field::content_type, "application/json");
  // The catalog changes only with a new binary; let browsers keep it for an hour.
  res.set(http::bhttp::field::cache_control, "public, max-age=3600");
  res.body() = app.catalog_json();
  res.prepare_payload();
  co_return res;
}

}  // namespace pillars::api
