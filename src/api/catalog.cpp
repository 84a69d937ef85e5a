#include <span>

#include "api/handlers.h"
#include "api/json.h"
#include "core/embedded_file.h"
#include "core/insights.h"

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

}  // namespace

Result<LoadedCatalog> load_catalog() {
  std::string_view feelings, insights;
  for (const auto& f : content_files()) {
    if (f.path == "feelings.json") feelings = f.data;
    if (f.path == "insights.json") insights = f.data;
  }
  if (feelings.empty()) return fail(Errc::internal, "content/feelings.json is missing");
  if (insights.empty()) return fail(Errc::internal, "content/insights.json is missing");
  return parse_catalog(feelings, insights);
}

Result<LoadedCatalog> parse_catalog(std::string_view feelings, std::string_view insights_text) {
  boost::system::error_code ec;
  auto doc = json::parse(feelings, ec);
  if (ec || !doc.is_object()) return fail(Errc::internal, "content/feelings.json is not valid JSON");

  LoadedCatalog out;
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
        out.catalog.words.emplace(word.id, std::move(word));
      }
    }
    out.catalog.families.push_back(std::move(family));
  }
  if (auto problems = catalog_problems(out.catalog); !problems.empty())
    return fail(Errc::internal, "content/feelings.json: " + problems.front());
  auto prompts = root.find("prompts");
  if (prompts == root.end() || !prompts->value().is_object() ||
      text_of(prompts->value().as_object(), "look_beneath_anger").empty())
    return fail(Errc::internal, "content/feelings.json needs prompts.look_beneath_anger");

  json::object served;
  if (!insights_text.empty()) {
    auto insights = parse_insights(insights_text);
    if (!insights) return std::unexpected(insights.error());
    served["insights"] = std::move(*insights);
  }
  served["feelings"] = json::object{{"families", families->value()}};
  for (auto key : {"prompts", "entry_kinds", "response_kinds", "appreciation_kinds"})
    if (auto it = root.find(key); it != root.end()) served[key] = it->value();
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
