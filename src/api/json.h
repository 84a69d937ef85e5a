// Reading request bodies and shaping response bodies. Handlers stay short: parse, call, shape.
#pragma once

#include <boost/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/inner_world.h"
#include "core/moments.h"
#include "core/notices.h"
#include "core/types.h"
#include "http/request.h"

namespace pillars::api {

namespace json = boost::json;

// The request body as a JSON object: 415 without a JSON content type, 400 when it does not parse
// or is not an object. Boost.JSON rejects invalid UTF-8.
Result<json::object> parse_body(const http::Context& ctx);

// Collects field errors while a handler reads its fields, then reports them all at once.
class Fields {
 public:
  explicit Fields(const json::object& body) : body_(body) {}

  // A string field. Missing: nullopt (and an error when required). Not a string: an error.
  std::optional<std::string> string(std::string_view name, bool required = true);
  // The "feelings" list, [{word, intensity}], as picks for check_feelings. Missing or null:
  // nullopt. Not a list, or an item without a string word or a whole-number intensity: an error
  // (and that item left out).
  std::optional<std::vector<FeelingPick>> feelings();
  // A whole-number field. Missing or null: nullopt. Anything else that is not a whole number: an error.
  std::optional<long long> integer(std::string_view name);

  void error(std::string field, std::string message) { errors_.push_back({std::move(field), std::move(message)}); }
  bool ok() const { return errors_.empty(); }
  // Errc::validation carrying every collected field error.
  Error failure() const { return invalid(errors_); }
  // The same for errors a core rule returned.
  static Error invalid(std::vector<FieldError> errors);

 private:
  const json::object& body_;
  std::vector<FieldError> errors_;
};

// A whole-number or true/false member of `o` (which may be nested in the body). Missing or null:
// nullopt; of another type: an error on `field_name` (on `key` for booleans) in `fields`.
std::optional<long long> integer_field(const json::object& o, std::string_view key, Fields& fields,
                                       std::string field_name);
std::optional<bool> bool_field(const json::object& o, std::string_view key, Fields& fields);

json::array to_json(const Feelings& feelings);
json::object to_json(const User& user);
json::object to_json(const BondView& bond);
json::object to_json(const Invite& invite);
json::object to_json(const Session& session, bool current);
json::object to_json(const EntryResponse& response, std::string_view viewer);
// An entry as its author sees it, with the responses it received.
json::object to_json(const Entry& entry, const std::vector<EntryResponse>& responses, std::string_view viewer);
// A shared entry as the viewer sees it, with its responses in the bond and the responses that fit
// it when it is the other's.
json::object to_json(const SharedEntry& shared, std::string_view viewer, const Catalog& catalog);
json::object to_json(const Appreciation& appreciation, std::string_view viewer);
json::object to_json(const Request& request, std::string_view viewer);
json::object to_json(const Moment& moment, std::string_view viewer);
json::object to_json(const Notice& notice);

// Query parameters of the request target, decoded; nullopt for a malformed target.
std::optional<std::vector<std::pair<std::string, std::string>>> query_params(const http::Context& ctx);

// A person as others see them: {id, display_name}.
json::object person(const Person& p);

http::Response json_ok(const json::value& body);
http::Response json_created(const json::value& body);

}  // namespace pillars::api
