#include "api/error_reply.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace cruddur::api {

Response error_reply(const Error& error) {
  boost::json::array codes;
  codes.reserve(error.codes().size());
  for (const auto& code : error.codes()) codes.emplace_back(code);
  boost::json::object body;
  body["errors"] = std::move(codes);

  Response response;
  response.status = error.status();
  response.body = boost::json::serialize(body);
  if (error.retry_after().count() > 0)
    response.headers.emplace_back("Retry-After", std::to_string(error.retry_after().count()));
  return response;
}

}  // namespace cruddur::api
