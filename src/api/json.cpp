#include "api/json.h"

#include <boost/url/parse.hpp>

#include "core/time.h"
#include "core/validation.h"

namespace pillars::api {

Result<json::object> parse_body(const http::Context& ctx) {
  auto type = ctx.header("Content-Type");
  auto semi = type.find(';');
  auto media = trim(type.substr(0, semi));
  if (media.size() != 16 || !std::equal(media.begin(), media.end(), "application/json", [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) == b;
      }))
    return fail(Errc::unsupported_media_type, "Please send the body as application/json.");
  boost::system::error_code ec;
  json::parse_options options;
  options.max_depth = 16;
  auto value = json::parse(ctx.req.body(), ec, {}, options);
  if (ec) return fail(Errc::bad_request, "The body is not valid JSON.");
  if (!value.is_object()) return fail(Errc::bad_request, "The body must be a JSON object.");
  return std::move(value.as_object());
}

std::optional<long long> integer_field(const json::object& o, std::string_view key, Fields& fields,
                                       std::string field_name) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return std::nullopt;
  const auto& v = it->value();
  if (v.is_int64()) return v.get_int64();
  if (v.is_uint64()) return static_cast<long long>(std::min<std::uint64_t>(v.get_uint64(), 1u << 30));
  fields.error(std::move(field_name), "This must be a whole number.");
  return std::nullopt;
}

std::optional<bool> bool_field(const json::object& o, std::string_view key, Fields& fields) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return std::nullopt;
  if (!it->value().is_bool()) {
    fields.error(std::string(key), "This must be true or false.");
    return std::nullopt;
  }
  return it->value().get_bool();
}

std::optional<long long> Fields::integer(std::string_view name) {
  return integer_field(body_, name, *this, std::string(name));
}

std::optional<std::vector<FeelingPick>> Fields::feelings() {
  auto it = body_.find("feelings");
  if (it == body_.end() || it->value().is_null()) return std::nullopt;
  if (!it->value().is_array()) {
    error("feelings", "Feelings must be a list.");
    return std::nullopt;
  }
  std::vector<FeelingPick> picks;
  std::size_t i = 0;
  for (const auto& v : it->value().as_array()) {
    std::string field = "feelings[" + std::to_string(i++) + "]";
    const json::object* o = v.if_object();
    const json::value* word = o ? o->if_contains("word") : nullptr;
    const json::value* intensity = o ? o->if_contains("intensity") : nullptr;
    if (!word || !word->is_string()) {
      error(field + ".word", "Each feeling needs a word.");
    } else if (!intensity || !(intensity->is_int64() || intensity->is_uint64())) {
      error(field + ".intensity", kIntensityMessage);
    } else {
      long long n = intensity->is_int64() ? intensity->get_int64()
                                          : static_cast<long long>(std::min<std::uint64_t>(intensity->get_uint64(), 1000));
      picks.push_back({std::string(word->get_string()), n});
    }
  }
  return picks;
}

std::optional<std::string> Fields::string(std::string_view name, bool required) {
  auto it = body_.find(name);
  if (it == body_.end() || it->value().is_null()) {
    if (required) error(std::string(name), "This field is required.");
    return std::nullopt;
  }
  if (!it->value().is_string()) {
    error(std::string(name), "This field must be text.");
    return std::nullopt;
  }
  const auto& s = it->value().get_string();
  if (s.find('\0') != json::string::npos) {
    error(std::string(name), "This field contains a character that is not allowed.");
    return std::nullopt;
  }
  return std::string(s);
}

Error Fields::invalid(std::vector<FieldError> errors) {
  Error e(Errc::validation, errors.size() == 1 ? errors.front().message : "Some fields need another look.");
  e.fields = std::move(errors);
  return e;
}

json::object to_json(const User& u) {
  return {{"id", u.id},
          {"email", u.email},
          {"display_name", u.display_name},
          {"timezone", u.timezone},
          {"track_affection", u.track_affection},
          {"own_time_wish_minutes", u.own_time_wish ? json::value(*u.own_time_wish) : json::value(nullptr)},
          {"show_own_time_wish", u.show_own_time_wish},
          {"created_at", format_rfc3339(u.created_at)}};
}

json::object to_json(const BondView& b) {
  json::object o{{"id", b.id},
                 {"kind", to_string(b.kind)},
                 {"status", to_string(b.status)},
                 {"created_at", format_rfc3339(b.created_at)},
                 {"ended_at", nullptr},
                 {"other", json::object{{"id", b.other.id}, {"display_name", b.other.display_name}}}};
  if (b.ended_at) o["ended_at"] = format_rfc3339(*b.ended_at);
  return o;
}

json::object to_json(const Invite& i) {
  return {{"code", format_invite_code(i.code)}, {"kind", to_string(i.kind)}, {"expires_at", format_rfc3339(i.expires_at)}};
}

json::object to_json(const Session& s, bool current) {
  return {{"id", s.id},
          {"created_at", format_rfc3339(s.created_at)},
          {"last_seen_at", format_rfc3339(s.last_seen_at)},
          {"user_agent", s.user_agent},
          {"current", current}};
}

http::Response json_ok(const json::value& body) { return http::json_response(http::bhttp::status::ok, body); }
http::Response json_created(const json::value& body) {
  return http::json_response(http::bhttp::status::created, body);
}

}  // namespace pillars::api

namespace pillars::api {

namespace {
json::value optional_text(const std::optional<std::string>& text) {
  return text ? json::value(*text) : json::value(nullptr);
}
}  // namespace

json::object person(const Person& p) { return {{"id", p.id}, {"display_name", p.display_name}}; }

json::array to_json(const Feelings& feelings) {
  json::array out;
  for (const auto& f : feelings) out.push_back(json::object{{"word", f.word}, {"family", f.family}, {"intensity", f.intensity}});
  return out;
}

namespace {
json::array responses_json(const std::vector<EntryResponse>& responses, std::string_view viewer) {
  json::array out;
  for (const auto& r : responses) out.push_back(to_json(r, viewer));
  return out;
}
}  // namespace

json::object to_json(const EntryResponse& r, std::string_view viewer) {
  return {{"id", r.id},         {"entry_id", r.entry_id}, {"bond_id", r.bond_id},
          {"kind", to_string(r.kind)}, {"body", optional_text(r.body)}, {"from", person(r.from)},
          {"mine", r.from.id == viewer}, {"created_at", format_rfc3339(r.created_at)}};
}

namespace {
// A piece of time of one's own: its day, minutes and kind of time; null for any other entry.
json::value own_time_json(const std::optional<OwnTimeSpent>& own) {
  if (!own) return nullptr;
  return json::object{{"day", format_day(own->day)}, {"minutes", own->minutes}, {"activity", own->activity}};
}
}  // namespace

json::object to_json(const Entry& e, const std::vector<EntryResponse>& responses, std::string_view viewer) {
  json::array shared;
  for (const auto& b : e.shared_with) shared.push_back(json::value(b));
  auto follow_up = follow_up_for(e);
  return {{"id", e.id},
          {"kind", to_string(e.kind)},
          {"feelings", to_json(e.feelings)},
          {"body", e.body},
          {"created_at", format_rfc3339(e.created_at)},
          {"updated_at", format_rfc3339(e.updated_at)},
          {"shared_with", std::move(shared)},
          {"prompt", optional_text(e.prompt)},
          {"own_time", own_time_json(e.own_time)},
          {"follow_up", follow_up ? json::value(*follow_up) : json::value(nullptr)},
          {"responses", responses_json(responses, viewer)}};
}

json::object to_json(const SharedEntry& s, std::string_view viewer, const Catalog& catalog) {
  json::array offered;
  if (s.author.id != viewer)
    for (auto kind : fitting_responses(s.entry.kind, s.entry.feelings, catalog)) offered.push_back(json::value(to_string(kind)));
  return {{"id", s.entry.id},
          {"kind", to_string(s.entry.kind)},
          {"feelings", to_json(s.entry.feelings)},
          {"body", s.entry.body},
          {"created_at", format_rfc3339(s.entry.created_at)},
          {"updated_at", format_rfc3339(s.entry.updated_at)},
          {"shared_at", format_rfc3339(s.shared_at)},
          {"prompt", optional_text(s.entry.prompt)},
          {"own_time", own_time_json(s.entry.own_time)},
          {"author", person(s.author)},
          {"mine", s.author.id == viewer},
          {"responses_offered", std::move(offered)},
          {"responses", responses_json(s.responses, viewer)}};
}

json::object to_json(const Appreciation& a, std::string_view viewer) {
  return {{"id", a.id},
          {"bond_id", a.bond_id},
          {"kind", to_string(a.kind)},
          {"note", optional_text(a.note)},
          {"from", person(a.from)},
          {"mine", a.from.id == viewer},
          {"created_at", format_rfc3339(a.created_at)}};
}

json::object to_json(const Moment& m, std::string_view viewer) {
  return {{"id", m.id},
          {"bond_id", m.bond_id},
          {"day", format_day(m.day)},
          {"kind", to_string(m.kind)},
          {"title", m.title},
          {"note", optional_text(m.note)},
          {"author", person(m.author)},
          {"mine", m.author.id == viewer},
          {"created_at", format_rfc3339(m.created_at)},
          {"updated_at", format_rfc3339(m.updated_at)}};
}

json::object to_json(const Request& c, std::string_view viewer) {
  json::object out{{"id", c.id},
                   {"bond_id", c.bond_id},
                   {"kind", to_string(c.kind)},
                   {"from", person(c.from)},
                   {"mine", c.from.id == viewer},
                   {"note", optional_text(c.note)},
                   {"created_at", format_rfc3339(c.created_at)},
                   {"answered_at", c.answered_at ? json::value(format_rfc3339(*c.answered_at)) : json::value(nullptr)},
                   {"answer_note", optional_text(c.answer_note)}};
  if (c.kind == RequestKind::space) {
    out["when"] = c.when ? json::value(to_string(*c.when)) : json::value(nullptr);
    out["reply"] = c.reply ? json::value(to_string(*c.reply)) : json::value(nullptr);
  }
  return out;
}

json::object to_json(const Notice& n) {
  json::object out{{"id", n.id},
                   {"bond_id", n.bond_id},
                   {"kind", to_string(n.kind)},
                   {"subject_id", n.subject_id},
                   {"from_id", n.from_id},
                   {"created_at", format_rfc3339(n.created_at)},
                   {"seen", n.seen_at.has_value()}};
  if (n.entry_id) out["entry_id"] = *n.entry_id;
  if (n.day) out["day"] = format_day(*n.day);
  return out;
}

std::optional<std::vector<std::pair<std::string, std::string>>> query_params(const http::Context& ctx) {
  auto parsed = boost::urls::parse_origin_form(ctx.req.target());
  if (!parsed) return std::nullopt;
  std::vector<std::pair<std::string, std::string>> out;
  for (auto p : parsed->params()) out.emplace_back(p.key, p.value);
  return out;
}

}  // namespace pillars::api
