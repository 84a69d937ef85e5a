#include "http/request.h"

#include <boost/json/serialize.hpp>

namespace pillars::http {

std::string_view to_string(Access access) {
  switch (access) {
    case Access::unset: return "unset";
    case Access::public_: return "public";
    case Access::signed_in: return "signed_in";
    case Access::bond_member: return "bond_member";
    case Access::author: return "author";
  }
  return "unset";
}

const std::string& Context::param(std::string_view name) const {
  static const std::string empty;
  for (const auto& [k, v] : params)
    if (k == name) return v;
  return empty;
}

std::string_view Context::header(std::string_view name) const {
  auto it = req.find(name);
  return it == req.end() ? std::string_view{} : std::string_view(it->value());
}

Response json_response(bhttp::status status, const boost::json::value& body) {
  Response res{status, 11};
  res.set(bhttp::field::content_type, "application/json");
  res.body() = boost::json::serialize(body);
  res.prepare_payload();
  return res;
}

Response no_content() {
  Response res{bhttp::status::no_content, 11};
  return res;
}

std::string_view cookie_value(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    auto semi = header.find(';');
    std::string_view part = header.substr(0, semi);
    header = semi == std::string_view::npos ? std::string_view{} : header.substr(semi + 1);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    auto eq = part.find('=');
    if (eq == std::string_view::npos) continue;
    if (part.substr(0, eq) == name) {
      auto value = part.substr(eq + 1);
      while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
      return value;
    }
  }
  return {};
}

}  // namespace pillars::http
