#pragma once
// The transport-free request and response the API handlers see. src/http converts Beast messages to and
// from these, so that handlers (and their tests) never include Beast.

#include <boost/asio/awaitable.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cruddur::api {

// What the transport learns about one exchange while it is handled, for its log line and its metrics
// (doc/observability.md). The transport owns it for the exchange's duration and reads it after the reply;
// the dispatcher and the handlers fill it in on the exchange's strand (no locking).
struct RequestInfo {
  std::string_view route = "other";  // the matched route's pattern (owned by the router), "static", or "other"
  int route_index = -1;              // the matched route's position in the server's route table, -1 if none
  std::string user_uuid;             // the authenticated caller (set by api::caller), "" when none
};

struct Request {
  std::string method;                          // "GET", "POST", ...
  std::string path;                            // decoded path without the query: /api/messages/abc
  std::map<std::string, std::string> query;    // decoded query parameters (last one wins)
  std::map<std::string, std::string> params;   // path parameters from the route pattern ({uuid}, {handle})
  std::string authorization;                   // the Authorization header, verbatim ("" when absent)
  std::string body;
  RequestInfo* info = nullptr;                 // this exchange's (see RequestInfo); null outside a server
  std::string remote_address;                  // the client's IP address (TCP peer); "" when unknown
};

// A body made piece by piece while it is sent (chunked transfer encoding), for replies whose size grows with
// the caller's data (GET /api/me/export): each call yields the next piece, "" when there is no more. The
// transport calls it on the exchange's strand, one call at a time, after the status line and headers went
// out, and holds one piece at a time; what the source owns (its cursors) lives as long as the Response. An
// exception from it ends the reply early: the connection is closed without the final chunk, so the client
// sees a truncated body, never a complete-looking one.
using BodyStream = std::function<boost::asio::awaitable<std::string>()>;

struct Response {
  int status = 200;
  std::string body;                            // JSON text (ignored when `stream` is set)
  BodyStream stream;                           // when set: the body, streamed (see BodyStream)
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
