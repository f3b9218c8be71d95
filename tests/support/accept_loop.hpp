#pragma once
// Accepting TCP connections for the tests' own servers (support/fake_http_server.hpp, support/tcp_proxy.hpp):
// listens on 127.0.0.1 on a port the kernel picks and serves each accepted connection on a thread of its own,
// or, when asked, one connection at a time on the accepting thread (no thread per connection: what a fuzz
// target making a connection per input wants). Plain POSIX sockets, no Asio.
//
// `serve(fd)` owns the conversation, not the descriptor: the loop closes fd when serve returns (set
// SO_LINGER {1, 0} first to close with a reset). stop() -- also run by the destructor -- stops accepting,
// shuts down every connection still open (a serve blocked reading sees the end of the stream) and waits
// until every serve has returned. An owner whose serve uses its members calls stop() before they go.
// Thread-safe.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <set>
#include <thread>

namespace cruddur::testing {

class AcceptLoop {
 public:
  using Serve = std::function<void(int fd)>;

  enum class Threads { per_connection, one };
  // Listening and accepting when constructed.
  explicit AcceptLoop(Serve serve, Threads threads = Threads::per_connection);
  ~AcceptLoop();
  AcceptLoop(const AcceptLoop&) = delete;
  AcceptLoop& operator=(const AcceptLoop&) = delete;

  uint16_t port() const { return port_; }
  int accepted() const { return accepted_; }  // connections accepted so far
  int closed() const { return closed_; }      // ... of which closed (their serve returned)
  void stop();

 private:
  void accept_connections();
  void serve_then_close(int fd);

  Serve serve_;
  Threads threads_;
  int listener_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> accepted_{0};
  std::atomic<int> closed_{0};
  std::mutex mutex_;
  std::condition_variable all_closed_;
  std::set<int> open_;  // connections whose serve runs
  std::thread acceptor_;
};

// Closes `fd` with a reset (RST) instead of a FIN when it is closed, as a dead peer's kernel would answer.
void reset_on_close(int fd);

}  // namespace cruddur::testing
