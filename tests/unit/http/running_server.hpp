#pragma once
// An http::Server on 127.0.0.1:<any port>, running on its own thread for the life of the object.

#include "api/exchange.hpp"
#include "http/server.hpp"

#include <boost/asio/awaitable.hpp>

#include <functional>
#include <future>
#include <thread>

namespace cruddur::http::test {

// Small options for tests: any port, two io threads, and "t" (the Host of hand-written requests) allowed.
inline ServerOptions test_options() {
  ServerOptions options;
  options.port = 0;
  options.threads = 2;
  options.allowed_hosts = {"t"};
  return options;
}

// A route whose handler is a plain function (called on an io thread, inside the handler coroutine).
using PlainHandler = std::function<api::Response(const api::Request&)>;

inline boost::asio::awaitable<api::Response> call_plain(PlainHandler handler, api::Request request) {
  co_return handler(request);
}

inline api::Route route(std::string method, std::string pattern, PlainHandler handler) {
  return {std::move(method), std::move(pattern),
          [handler = std::move(handler)](api::Request request) { return call_plain(handler, std::move(request)); }};
}

class RunningServer {
 public:
  RunningServer(ServerOptions options, std::vector<api::Route> routes)
      : server_(std::move(options), std::move(routes)),
        finished_(std::async(std::launch::async, [this] { server_.run(); })) {}
  ~RunningServer() {
    server_.stop();
    finished_.wait();
  }

  uint16_t port() const { return server_.port(); }
  Server& server() { return server_; }
  // Whether run() has returned within `timeout`.
  bool finished_within(std::chrono::seconds timeout) {
    return finished_.wait_for(timeout) == std::future_status::ready;
  }

 private:
  Server server_;
  std::future<void> finished_;
};

}  // namespace cruddur::http::test
