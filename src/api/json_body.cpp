#include "api/json_body.hpp"

#include <boost/json/parse.hpp>

#include "core/error.hpp"

namespace cruddur::api {

boost::json::object parse_object(std::string_view body) {
  boost::system::error_code ec;
  boost::json::parse_options options;
  options.max_depth = 16;  // nobody needs deeper bodies; bounds the parser's work
  boost::json::value value = boost::json::parse(body, ec, {}, options);
  if (ec) throw Error::bad_request("malformed_json");
  if (!value.is_object()) throw Error::bad_request("body_must_be_object");
  return std::move(value.as_object());
}

std::optional<std::string> optional_string(const boost::json::object& object, std::string_view field) {
  auto it = object.find(field);
  if (it == object.end() || it->value().is_null()) return std::nullopt;
  if (!it->value().is_string()) throw Error::bad_request(std::string(field) + "_must_be_string");
  return std::string(it->value().as_string());
}

std::string string_or_blank(const boost::json::object& object, std::string_view field) {
  return optional_string(object, field).value_or("");
}

}  // namespace cruddur::api
