#pragma once
// A TCP proxy for fault tests: listens on 127.0.0.1 (a free port) and forwards every connection to
// 127.0.0.1:<target>. At any moment it can be told to
//   - pass:   forward bytes as they come (after `delay`, when one is set: a slow network or a slow engine);
//   - hang:   keep every connection open but forward nothing (an engine that stopped answering: a paused
//             process, a dropped route); new connections are accepted and hang too;
//   - refuse: reset every open connection and every new one at once (an engine that is down).
// Going back to pass does not revive connections that were reset; hung ones resume forwarding.
//
// Threads: one for accepting, one per connection (support/accept_loop.hpp; plain POSIX sockets and poll, no
// Asio). All methods are thread-safe. The destructor closes everything and joins the threads.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>

#include "support/accept_loop.hpp"

namespace cruddur::testing {

class TcpProxy {
 public:
  enum class Mode { pass, hang, refuse };

  explicit TcpProxy(uint16_t target_port);
  ~TcpProxy();
  TcpProxy(const TcpProxy&) = delete;
  TcpProxy& operator=(const TcpProxy&) = delete;

  uint16_t port() const { return loop_->port(); }
  void set_mode(Mode mode) { mode_ = mode; }
  Mode mode() const { return mode_; }
  // Added before each chunk is forwarded, in either direction (0: none).
  void set_delay(std::chrono::milliseconds delay) { delay_ms_ = static_cast<int>(delay.count()); }
  // Connections accepted so far.
  int connections() const { return loop_->accepted(); }

 private:
  void pump(int client);

  uint16_t target_port_;
  std::atomic<Mode> mode_{Mode::pass};
  std::atomic<int> delay_ms_{0};
  std::atomic<bool> stopping_{false};
  std::unique_ptr<AcceptLoop> loop_;  // last: started once the rest is ready
};

}  // namespace cruddur::testing
