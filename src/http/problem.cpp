#include <boost/json.hpp>

#include "http/request.h"

namespace pillars::http {

namespace {

struct ProblemKind {
  std::string_view slug;
  bhttp::status status;
  std::string_view title;
};

ProblemKind kind_of(Errc code) {
  using s = bhttp::status;
  switch (code) {
    case Errc::bad_request: return {"bad-request", s::bad_request, "The request could not be read"};
    case Errc::validation: return {"validation", s::unprocessable_entity, "Some fields need another look"};
    case Errc::unauthenticated: return {"unauthenticated", s::unauthorized, "Please sign in"};
    case Errc::csrf: return {"csrf", s::forbidden, "The request did not come from Pillars"};
    case Errc::not_found: return {"not-found", s::not_found, "Not found"};
    case Errc::method_not_allowed: return {"method-not-allowed", s::method_not_allowed, "Method not allowed"};
    case Errc::email_taken: return {"email-taken", s::conflict, "This email is taken"};
    case Errc::weak_password: return {"weak-password", s::unprocessable_entity, "Please choose a stronger password"};
    case Errc::invalid_credentials: return {"invalid-credentials", s::unauthorized, "Email or password is wrong"};
    case Errc::wrong_password: return {"wrong-password", s::forbidden, "The current password is wrong"};
    case Errc::rate_limited: return {"rate-limited", s::too_many_requests, "Too many attempts"};
    case Errc::payload_too_large: return {"payload-too-large", s::payload_too_large, "The request is too large"};
    case Errc::header_too_large:
      return {"header-too-large", s::request_header_fields_too_large, "The request headers are too large"};
    case Errc::unsupported_media_type:
      return {"unsupported-media-type", s::unsupported_media_type, "Please send JSON"};
    case Errc::invite_expired: return {"invite-expired", s::gone, "This invite has expired"};
    case Errc::invite_used: return {"invite-used", s::conflict, "This invite has been used"};
    case Errc::own_invite: return {"own-invite", s::unprocessable_entity, "This is your own invite"};
    case Errc::already_bonded: return {"already-bonded", s::conflict, "You are already bonded"};
    case Errc::bond_ended: return {"bond-ended", s::conflict, "This bond has ended"};
    case Errc::checkin_locked: return {"checkin-locked", s::conflict, "This check-in is locked"};
    case Errc::level_locked: return {"level-locked", s::conflict, "This level is not open yet"};
    case Errc::answer_locked: return {"answer-locked", s::conflict, "This answer is locked"};
    case Errc::menu_closed: return {"menu-closed", s::conflict, "This menu is not open to you"};
    case Errc::email_not_configured:
      return {"email-not-configured", s::conflict, "This Pillars does not send email"};
    case Errc::reset_link_invalid: return {"reset-link-invalid", s::bad_request, "This link does not work any more"};
    case Errc::account_not_empty: return {"account-not-empty", s::conflict, "This account has writing already"};
    case Errc::conflict: return {"conflict", s::conflict, "This change conflicts with what is stored"};
    case Errc::internal: return {"internal", s::internal_server_error, "Something went wrong on our side"};
    case Errc::unavailable: return {"unavailable", s::service_unavailable, "Pillars is not ready"};
  }
  return {"internal", s::internal_server_error, "Something went wrong on our side"};
}

}  // namespace

Response problem_response(const Error& error, std::string_view request_id) {
  auto kind = kind_of(error.code);
  boost::json::object body;
  body["type"] = std::string("/problems/") + std::string(kind.slug);
  body["title"] = kind.title;
  body["status"] = static_cast<int>(kind.status);
  body["detail"] = error.detail.empty() ? kind.title : std::string_view(error.detail);
  body["request_id"] = request_id;
  if (!error.fields.empty()) {
    boost::json::array fields;
    for (const auto& f : error.fields) fields.push_back(boost::json::object{{"field", f.field}, {"message", f.message}});
    body["errors"] = std::move(fields);
  }
  Response res = json_response(kind.status, body);
  res.set(bhttp::field::content_type, "application/problem+json");
  if ((error.code == Errc::rate_limited || error.code == Errc::unavailable) && error.retry_after_seconds > 0)
    res.set(bhttp::field::retry_after, std::to_string(error.retry_after_seconds));
  if (error.code == Errc::method_not_allowed && !error.allow.empty()) res.set(bhttp::field::allow, error.allow);
  return res;
}

}  // namespace pillars::http
