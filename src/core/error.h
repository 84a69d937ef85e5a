// Errors are values: every layer below HTTP returns std::expected<T, Error>, and the HTTP layer turns
// an Error into exactly one problem+json response. The detail is written for the person using the app
// and never contains text they or anyone else wrote.
#pragma once

#include <expected>
#include <string>
#include <vector>

namespace pillars {

enum class Errc {
  bad_request,             // the request could not be read (malformed JSON, not an object)
  validation,              // readable, but one or more fields are wrong (see Error::fields)
  unauthenticated,         // no valid session
  csrf,                    // missing or wrong X-CSRF-Token, or a foreign Origin
  not_found,               // does not exist, or the caller may not know it exists
  method_not_allowed,      // the path exists, the method does not
  email_taken,             // another account uses this email
  weak_password,           // password too short, too common or too close to the email
  invalid_credentials,     // sign-in with an unknown email or a wrong password
  wrong_password,          // the current password given to confirm a change is wrong
  rate_limited,            // too many attempts; Error::retry_after_seconds says when to try again
  payload_too_large,       // body over the limit
  header_too_large,        // request headers over the limit
  unsupported_media_type,  // a body that is not application/json
  invite_expired,          // the invite code is past its expiry
  invite_used,             // the invite code was accepted already
  own_invite,              // a person tried to accept their own invite
  already_bonded,          // the two people already share an active bond
  bond_ended,              // the bond has ended; it cannot change any more
  conflict,                // the stored state does not allow this change
  checkin_locked,          // both have checked in for the day: it is revealed and can no longer change
  level_locked,            // a deck's level not open to the bond yet
  answer_locked,           // both have answered a deck's prompt: it is revealed and can no longer change
  menu_closed,             // the intimacy menu is not open to this member: they have not opened it
  email_not_configured,    // this server sends no email (no SMTP server configured)
  reset_link_invalid,      // a password-reset link that is unknown, used or expired
  account_not_empty,       // an import into an account that already has writing of its own
  internal,                // our fault; details go to the log, never to the caller
  unavailable,             // shutting down or not ready
};

struct FieldError {
  std::string field;
  std::string message;
};

struct Error {
  Errc code = Errc::internal;
  std::string detail;              // a plain sentence for people; never private text
  std::vector<FieldError> fields;  // for Errc::validation and Errc::weak_password
  int retry_after_seconds = 0;     // for Errc::rate_limited
  std::string allow;               // for Errc::method_not_allowed: the methods the address takes

  Error() = default;
  Error(Errc c, std::string d = {}) : code(c), detail(std::move(d)) {}
};

template <class T>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(Errc code, std::string detail = {}) {
  return std::unexpected(Error(code, std::move(detail)));
}

}  // namespace pillars
