#include "api/json.h"

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

Error Fields::failure() const {
  Error e(Errc::validation, errors_.size() == 1 ? errors_.front().message : "Some fields need another look.");
  e.fields = errors_;
  return e;
}

json::object to_json(const User& u) {
  return {{"id", u.id},
          {"email", u.email},
          {"display_name", u.display_name},
          {"timezone", u.timezone},
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
