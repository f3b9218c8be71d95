#pragma once
// From a parsed HTTP request to an api::Response: target parsing, routing, static files, and the one
// mapping of handler exceptions to replies. Beast-free; the session (session.cpp) does the wire format.
//
// A handler's exception becomes a reply through api::reply_for_exception (api/error_reply.hpp): http knows
// nothing of storage.
// Every /api reply carries Cache-Control: no-store unless the handler chose a Cache-Control itself.

#include "api/exchange.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"

#include <boost/asio/awaitable.hpp>

#include <exception>
#include <filesystem>
#include <optional>
#include <string>

namespace cruddur::http {

struct IncomingRequest {
  std::string method;         // as sent ("GET")
  std::string target;         // as sent ("/api/x?y=1")
  std::string authorization;  // "" when absent
  std::string body;
  api::RequestInfo* info = nullptr;  // when set: filled in with the route (and, by handlers, the caller)
  std::string remote_address;  // the peer's IP address ("127.0.0.1", "::1"); "" when unknown
};

class Dispatcher {
 public:
  // Throws std::invalid_argument for bad route patterns or a web_root that is not a directory.
  // `extra_connect_src`: origins the web app may also call (StaticFiles, its Content-Security-Policy).
  Dispatcher(std::vector<api::Route> routes, const std::optional<std::filesystem::path>& web_root,
             const std::vector<std::string>& extra_connect_src = {});

  // Never throws. Awaits the handler on the caller's executor. Safe to call concurrently.
  boost::asio::awaitable<api::Response> dispatch(IncomingRequest request) const;

 private:
  Router router_;
  std::optional<StaticFiles> static_files_;
};

}  // namespace cruddur::http
