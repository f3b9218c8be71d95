#pragma once
// From a parsed HTTP request to an api::Response: target parsing, routing, static files, and the one
// mapping of handler exceptions to replies. Beast-free; the session (session.cpp) does the wire format.
//
// Exception mapping (the only place, all bodies via api::error_reply):
//   cruddur::Error                                  -> its status and codes
//   store::StoreError unavailable or throttled      -> 503 service_unavailable (logged as a warning)
//   anything else                                   -> 500 internal_error (logged once, with method + path)
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

// The reply for an exception that escaped a handler (see the mapping above); logs as described there.
api::Response reply_for_exception(std::exception_ptr error, const std::string& method, const std::string& path);

}  // namespace cruddur::http
