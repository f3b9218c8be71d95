#pragma once
// The transport-free request and response the API handlers see. src/http converts Beast messages to and
// from these, so that handlers (and their tests) never include Beast.

#include <boost/asio/awaitable.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cruddur::api {

struct Request {
  std::string method;                          // "GET", "POST", ...
  std::string path;                            // decoded path without the query: /api/messages/abc
  std::map<std::string, std::string> query;    // decoded query parameters (last one wins)
  std::map<std::string, std::string> params;   // path parameters from the route pattern ({uuid}, {handle})
  std::string authorization;                   // the Authorization header, verbatim ("" when absent)
  std::string body;
  std::string remote_address;                  // the client's IP address (TCP peer); "" when unknown
};

struct Response {
  int status = 200;
  std::string body;                            // JSON text
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers (X-Next-Cursor, ...)
};

using Handler = std::function<boost::asio::awaitable<Response>(Request)>;

// One route: method + pattern. Patterns are literal segments and `{name}` segments; a segment written
// `@{name}` matches a segment starting with '@' and captures the rest.
struct Route {
  std::string method;
  std::string pattern;
  Handler handler;
};

}  // namespace cruddur::api
