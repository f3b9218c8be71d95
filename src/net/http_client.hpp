#pragma once
// An asynchronous HTTP/1.1 client for talking to other services (DynamoDB, Cognito JWKS ...): http and
// https (certificate and host name verification against the system CA store, SNI), a keep-alive connection
// pool per scheme/host/port, a connect timeout and a per-request timeout, and one transparent retry when a
// pooled connection turns out to have been closed by the peer (servers close idle keep-alive connections:
// dynalite after 5 s).
//
// Threading: send() may be awaited from any executor, and any number of sends may be in flight at once.
// By default the network work runs on the client's private io thread and the caller resumes on its own
// executor: two thread hand-offs per request. A long-lived io_context that opted in with
// run_requests_in_place (the server's) runs its callers' requests right there, on its own sockets, with no
// hand-off. Idle keep-alive connections are pooled per io_context and closed with it. (Not the default: a
// CLI's run_sync makes one io_context per call, which would leave nothing to reuse.) Destroy the client only
// when no send is in flight.
//
// This header is deliberately free of Beast/Asio networking headers; the implementation lives in one .cpp.

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace boost::asio {
class io_context;
}

namespace cruddur::net {

// From now on, HTTP requests awaited by coroutines running on `io` (directly or through a strand) run on
// `io` itself rather than on their client's private thread. For an io_context that lives as long as the
// process's work does (a server's); call before it runs. Thread-safe.
void run_requests_in_place(boost::asio::io_context& io);

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method = "GET";
  std::string url;  // absolute: http(s)://host[:port]/path?query
  // Sent as given. Host, Content-Length and (unless present) User-Agent are added by the client; a
  // "Host" given here wins over the one derived from the URL (signers sign the exact value they pass).
  Headers headers;
  std::string body;
  // When set: the whole request (connect included) gives up with HttpError timeout once this has passed,
  // even when the client's own connect and request timeouts are longer (a caller with a deadline).
  std::optional<std::chrono::milliseconds> timeout;
};

struct HttpResponse {
  int status = 0;
  Headers headers;
  std::string body;

  // The first header with this name (case-insensitive), or nullopt.
  std::optional<std::string> header(std::string_view name) const;
};

// Every failure to obtain a response. An HTTP status, whatever it is, is a response, not an HttpError.
class HttpError : public std::runtime_error {
 public:
  enum class Kind {
    invalid_request,  // bad URL or method; retrying will not help
    resolve,          // the host name could not be resolved
    connect,          // refused, unreachable, or the connect timeout passed
    tls,              // handshake failed (including certificate verification)
    timeout,          // the request timeout passed before the whole response arrived
    connection,       // the connection broke while sending or receiving (after the one retry)
    protocol,         // the peer sent something that is not HTTP/1.1, or a body over the limit
  };
  HttpError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

struct HttpClientOptions {
  std::chrono::milliseconds connect_timeout{3000};   // resolve + TCP connect + TLS handshake
  std::chrono::milliseconds request_timeout{10000};  // write the request + read the whole response
  // Idle keep-alive connections kept per scheme/host/port. At least the requests in flight at once at peak
  // (a server's concurrent calls times the writes each sends together: 64 x 5 in `make bench`), or every burst
  // closes the surplus and the next one connects anew: with 32, a DynamoDB-backed server seeding over 16
  // connections opened a new connection for one request in fifteen.
  std::size_t max_idle_per_host = 512;
  std::chrono::milliseconds max_idle_time{4000};      // an idle connection older than this is not reused
  std::size_t max_response_body = 64 * 1024 * 1024;
  // TLS: verify the peer (always on in production). Extra CA certificates in PEM (tests with their own CA)
  // are trusted in addition to the system store.
  bool verify_peer = true;
  std::string extra_ca_pem;
  std::string user_agent = "cruddur-messaging";
};

class HttpClient {
 public:
  explicit HttpClient(HttpClientOptions options = {});
  ~HttpClient();  // closes every connection and joins the background thread
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends one request and returns the whole response. Throws HttpError. Not retried except once, on a
  // fresh connection, when a reused pooled connection fails before any byte of the response arrives
  // (the peer had closed it); callers own every other retry decision.
  boost::asio::awaitable<HttpResponse> send(HttpRequest request);

  // Connections opened so far (for tests and metrics: shows that keep-alive reuses them).
  std::size_t connections_opened() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cruddur::net
