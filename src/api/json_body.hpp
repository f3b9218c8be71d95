#pragma once
// Reading request bodies: JSON objects with optional string fields. Structural problems are 400s with a
// clear code (nothing is written); rule failures are the domain's 422s.

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace cruddur::api {

// The body as a JSON object. Throws Error::bad_request("malformed_json") for invalid JSON (including
// invalid UTF-8) and Error::bad_request("body_must_be_object") for any other JSON value.
boost::json::object parse_object(std::string_view body);

// The string at `field`; nullopt when absent or null. Throws Error::bad_request("<field>_must_be_string")
// for any other type.
std::optional<std::string> optional_string(const boost::json::object& object, std::string_view field);

// Like optional_string, but a missing field counts as "" (blank).
std::string string_or_blank(const boost::json::object& object, std::string_view field);

}  // namespace cruddur::api
