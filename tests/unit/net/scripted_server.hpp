#pragma once
// A tiny HTTP/1.1 server for the client's tests: POSIX sockets and one thread per connection, optionally
// TLS (OpenSSL, a certificate given in PEM). Each request is answered according to a script, so tests can
// make a server that answers, closes a kept-alive connection under the client's feet, or never answers.
// Listens on 127.0.0.1 on a port the kernel picks. Stopped (and its threads joined) by its destructor.

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace cruddur::net::testing {

enum class Reply {
  answer,            // 200 with the request's target as body, connection kept alive
  answer_then_close, // the same 200 (not announcing Connection: close), then close the connection
  close_silently,    // read the request, then close the connection without a byte of response
  never_answer,      // read the request, then hold the connection open and say nothing
};

struct ReceivedRequest {
  std::string head;  // request line and headers
  std::string body;
};

class ScriptedServer {
 public:
  // `script(n_on_connection, total)` decides how to treat the n-th request (0-based) on its connection and
  // the total-th request overall.
  using Script = std::function<Reply(int request_on_connection, int request_total)>;

  explicit ScriptedServer(Script script, std::string tls_cert_pem = {}, std::string tls_key_pem = {});
  ~ScriptedServer();
  ScriptedServer(const ScriptedServer&) = delete;
  ScriptedServer& operator=(const ScriptedServer&) = delete;

  int port() const { return port_; }
  int connections_accepted() const { return accepted_.load(); }
  int connections_closed() const { return closed_.load(); }
  std::vector<ReceivedRequest> requests() const;
  std::string last_sni() const;  // the server name the last TLS client asked for (empty: none)

 private:
  struct Tls;
  void accept_loop();
  void serve(int fd);

  Script script_;
  std::unique_ptr<Tls> tls_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> accepted_{0};
  std::atomic<int> closed_{0};
  std::atomic<int> total_{0};
  mutable std::mutex mutex_;
  std::vector<ReceivedRequest> requests_;
  std::vector<int> open_fds_;
  std::string last_sni_;
  std::vector<std::thread> threads_;
  std::thread acceptor_;
};

// A self-signed certificate for "localhost" only (no IP address in it), made with the openssl command.
struct TestCertificate {
  std::string cert_pem;
  std::string key_pem;
};
TestCertificate make_localhost_certificate();

}  // namespace cruddur::net::testing
