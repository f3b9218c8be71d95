#pragma once
// A small synchronous HTTP/1.1 client for tests (Beast inside http_client.cpp only).
//
// One keep-alive connection, opened on first use and reused; if a reused connection turns out to be
// closed by the server (idle timeout, Connection: close), the request is sent once more on a fresh one.
// Every network operation has a timeout (30 s by default), so a broken server fails a test instead of
// hanging it. Not thread-safe: one client per thread.

#include <boost/json/value.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace cruddur::testing {

struct Reply {
  int status = 0;
  std::map<std::string, std::string> headers;  // lowercase names; a repeated header's values joined by ", "
  std::string body;

  // The body parsed as JSON; throws std::runtime_error (quoting the body) when it is not JSON.
  boost::json::value json() const;
  // A header's value by case-insensitive name, "" when absent.
  std::string header(std::string_view name) const;
};

class HttpClient {
 public:
  using Headers = std::map<std::string, std::string>;

  explicit HttpClient(uint16_t port, std::string host = "127.0.0.1");
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends one request and reads its reply. A non-empty body without a Content-Type header is sent as
  // application/json. Throws std::runtime_error when the server cannot be reached or does not answer.
  Reply request(const std::string& method, const std::string& target, const std::string& body = "",
                const Headers& headers = {});
  Reply get(const std::string& target, const Headers& headers = {});
  Reply post(const std::string& target, const std::string& body, const Headers& headers = {});
  Reply post_json(const std::string& target, const boost::json::value& body, const Headers& headers = {});

  // Sends `bytes` verbatim on a fresh connection (not the keep-alive one; the sending side stays open) and
  // returns everything the server sends until it closes the connection. For malformed requests and
  // pipelining: make the server close (an error, or Connection: close). Throws std::runtime_error if the
  // server has not closed within the timeout.
  std::string raw(const std::string& bytes);

  // A header sent with every later request (e.g. Authorization); per-request headers override it.
  void set_header(const std::string& name, const std::string& value);
  void clear_header(const std::string& name);

  void set_timeout(std::chrono::milliseconds timeout);
  // Closes the keep-alive connection (the next request opens a new one).
  void disconnect();
  // How many TCP connections request() has opened so far (keep-alive tests).
  int connections_opened() const;
  // Whether request() adds its exchanges to the CRUDDUR_API_RECORD record (support/exchange_record.hpp;
  // on by default). Off for a server that is not the API, like the metrics listener.
  void set_recorded(bool recorded);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cruddur::testing
