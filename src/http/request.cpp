#include "http/request.h"

#include <boost/beast/core/string.hpp>
#include <boost/json/serialize.hpp>

namespace pillars::http {

std::string_view to_string(Access access) {
  switch (access) {
    case Access::unset: return "unset";
    case Access::public_: return "public";
    case Access::signed_in: return "signed_in";
    case Access::bond_member: return "bond_member";
    case Access::author_scoped: return "author_scoped";
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

std::optional<Error> framing_error(const Request& header) {
  auto te = header.equal_range(bhttp::field::transfer_encoding);
  if (te.first == te.second) return std::nullopt;
  auto bad = [](std::string detail) { return std::optional<Error>(Error(Errc::bad_request, std::move(detail))); };
  if (header.version() < 11) return bad("Transfer-Encoding is not allowed in HTTP/1.0.");
  if (header.count(bhttp::field::content_length) > 0)
    return bad("Send either Transfer-Encoding or Content-Length, not both.");
  int codings = 0;
  bool chunked = false;
  for (auto it = te.first; it != te.second; ++it) {
    std::string_view value = it->value();
    while (!value.empty()) {
      auto comma = value.find(',');
      std::string_view coding = value.substr(0, comma);
      value = comma == std::string_view::npos ? std::string_view{} : value.substr(comma + 1);
      while (!coding.empty() && (coding.front() == ' ' || coding.front() == '\t')) coding.remove_prefix(1);
      while (!coding.empty() && (coding.back() == ' ' || coding.back() == '\t')) coding.remove_suffix(1);
      if (coding.empty()) continue;
      ++codings;
      chunked = beast::iequals(coding, "chunked");
    }
  }
  if (codings != 1 || !chunked) return bad("The only Transfer-Encoding accepted is chunked.");
  return std::nullopt;
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
