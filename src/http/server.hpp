#pragma once
// The HTTP server: binds in the constructor, serves the routing table (and optionally the web app's static
// files) on `threads` io threads until stop(). Beast and Asio stay behind the pimpl; this header is cheap.
//
// Error replies: every failure reaches the client as `{"errors": [codes...]}` rendered by
// api::error_reply (see dispatcher.hpp for the mapping of exceptions thrown by handlers).

#include "api/exchange.hpp"
#include "http/request_trace.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace boost::asio {
class io_context;
}

namespace cruddur::api {
class StreamEndpoint;
}

namespace cruddur::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 4567;                              // 0: any free port (see Server::port())
  int threads = 2;                                   // io threads run() uses, the caller's included
  size_t body_limit = 64 * 1024;                     // larger bodies: 413 payload_too_large, then close
  size_t header_limit = 8 * 1024;                    // larger request line + headers: 431, then close
  std::chrono::seconds header_timeout{10};           // from a request's first byte to its last header
  std::chrono::seconds idle_timeout{60};             // between requests, for a body, and for a write
  size_t max_connections = 10000;                    // more: answered 503 and closed at once
  std::chrono::seconds shutdown_grace{10};           // stop(): how long in-flight requests may finish
  std::optional<std::string> web_root;               // serve the built web app (index.html, assets/)
  std::vector<std::string> extra_connect_src;        // origins added to the web app's CSP connect-src
  std::vector<std::string> allowed_hosts;            // Host values served besides this server's own (see
                                                     // host_policy.hpp; "*": any); others are 421
  RequestObserver on_request;                        // each exchange, after its reply (request_trace.hpp)
  api::StreamEndpoint* stream = nullptr;             // serves GET /api/stream WebSockets; outlives the Server
};

class Server {
 public:
  // Binds and listens. Throws std::system_error (e.g. "address already in use") and std::invalid_argument
  // (a malformed route pattern, an unresolvable host, a missing web_root, a malformed allowed host).
  Server(ServerOptions options, std::vector<api::Route> routes);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Serves until stop(); runs options.threads io threads (the calling thread is one of them). Call once.
  void run();

  // Thread-safe and idempotent; may be called before, during or after run(), from any thread (e.g. the
  // thread that waits for SIGTERM). Stops accepting, closes idle connections, lets requests in flight
  // finish (their replies carry Connection: close) for up to shutdown_grace, then run() returns.
  void stop();

  // Connections now open (at most max_connections), and those refused because max_connections were open.
  // Thread-safe; for metrics.
  struct ConnectionStats {
    std::size_t open = 0;
    std::uint64_t refused = 0;
  };
  ConnectionStats connection_stats() const;

  // The bound port, also when port 0 was asked.
  uint16_t port() const;

  // The io_context handlers run on, for components that must share it (clients, timers). Valid for the
  // Server's lifetime.
  boost::asio::io_context& context();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cruddur::http
