#pragma once
// The tests' one fake HTTP/1.1 server, for playing a service we cannot (or need not) run: a JWKS endpoint
// whose keys the test controls, a Cognito that paginates, a DynamoDB that answers malformed bytes (also the
// fuzz targets of the response parsers), a server that closes kept-alive connections under the client or
// never answers. Listens on 127.0.0.1 on a port the kernel picks, plain or TLS (a PEM certificate and key;
// support/test_certificate.hpp makes one).
//
// Every request is handed to the test's handler, which returns the bytes to write -- exactly as given, so
// they may be malformed -- and what to do with the connection next: read the next request, close it, or
// hold it open saying nothing. The server counts connections and keeps the last 1,000 requests.
//
// Threads (support/accept_loop.hpp): one accepting, one per connection (unless made for a fuzz target);
// the handler runs on the connection's thread, so with several connections at once it runs concurrently
// (guard what it shares).
// The destructor closes every connection, held ones included, and joins the threads.

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "support/accept_loop.hpp"

namespace cruddur::testing {

struct FakeRequest {
  std::string head;  // request line and header fields, without the empty line
  std::string method;
  std::string target;
  std::string body;       // Content-Length bytes
  int on_connection = 0;  // this request's index on its connection (0-based)
  int total = 0;          // its index over the server's life (0-based)

  // The value of header `name` (case-insensitive), "" when absent.
  std::string header(std::string_view name) const;
};

struct FakeReply {
  enum class Then { read_next, close, hold };
  std::string bytes;  // written as given (nothing when empty)
  Then then = Then::close;

  static FakeReply answer(std::string bytes) { return {std::move(bytes), Then::close}; }
  static FakeReply answer_keep_alive(std::string bytes) { return {std::move(bytes), Then::read_next}; }
  static FakeReply close_silently() { return {{}, Then::close}; }
  static FakeReply never_answer() { return {{}, Then::hold}; }
};

// "HTTP/1.1 <status> X\r\nContent-Type: ...\r\nContent-Length: <n>\r\n<extra_headers>\r\n<body>";
// extra_headers are whole lines ("Connection: close\r\n").
std::string http_response(int status, std::string_view content_type, std::string_view body,
                          std::string_view extra_headers = {});

class FakeHttpServer {
 public:
  using Handler = std::function<FakeReply(const FakeRequest&)>;

  struct Options {
    std::string tls_cert_pem;  // both set: TLS
    std::string tls_key_pem;
    // For fuzz targets (a connection per input): one connection at a time on the accepting thread instead
    // of a thread each, and no request history (requests() stays empty) -- libFuzzer runs a leak check,
    // about 30 ms, after every input that leaves memory allocated.
    bool fuzz_target = false;
  };

  explicit FakeHttpServer(Handler handler);
  FakeHttpServer(Handler handler, Options options);
  ~FakeHttpServer();
  FakeHttpServer(const FakeHttpServer&) = delete;
  FakeHttpServer& operator=(const FakeHttpServer&) = delete;

  uint16_t port() const { return loop_->port(); }
  std::string url(std::string_view target = "/") const;  // http://127.0.0.1:<port><target>
  int connections_accepted() const { return loop_->accepted(); }
  int connections_closed() const { return loop_->closed(); }
  int request_count() const;
  std::vector<FakeRequest> requests() const;  // the last 1,000, oldest first (none for a fuzz target)
  std::string last_sni() const;               // the server name the last TLS client asked for ("": none)

 private:
  struct Tls;
  void serve(int fd);

  Handler handler_;
  bool keep_requests_;
  std::unique_ptr<Tls> tls_;
  mutable std::mutex mutex_;
  int total_ = 0;
  std::deque<FakeRequest> requests_;
  std::string last_sni_;
  std::unique_ptr<AcceptLoop> loop_;  // last: started once the rest is ready
};

}  // namespace cruddur::testing
