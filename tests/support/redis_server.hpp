#pragma once
// A real redis-server (Debian's) for tests: 127.0.0.1, a free port, a temp dir of its own, nothing saved
// to disk; stopped by its PID (it is our child, not daemonized). kill_hard() and start() again on the same
// port simulate an outage.
// Not thread-safe; start it from the test's main thread (see ChildProcess about PDEATHSIG).

#include <cstdint>
#include <memory>
#include <string>

#include "support/child_process.hpp"
#include "support/temp_dir.hpp"

namespace cruddur::testing {

class RedisServer {
 public:
  static constexpr std::chrono::seconds startup_timeout{10};

  // Starts it and waits until it accepts connections; throws std::runtime_error (with its log) otherwise.
  RedisServer();
  ~RedisServer();  // stop()
  RedisServer(const RedisServer&) = delete;
  RedisServer& operator=(const RedisServer&) = delete;

  uint16_t port() const { return port_; }
  std::string url() const { return "redis://127.0.0.1:" + std::to_string(port_); }
  pid_t pid() const { return process_ ? process_->pid() : -1; }
  bool running() const { return process_ != nullptr; }

  void start();      // again, on the same port (after stop() or kill_hard()); no-op while running
  void stop();       // SIGTERM and wait
  void kill_hard();  // SIGKILL and reap: connections are reset, nothing is saved

 private:
  TempDir dir_;
  uint16_t port_ = 0;
  std::unique_ptr<ChildProcess> process_;
};

}  // namespace cruddur::testing
