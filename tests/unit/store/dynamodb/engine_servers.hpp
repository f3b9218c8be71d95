#pragma once
// Servers for the DynamoDB engine's fault tests, all on 127.0.0.1:
//   Dynalite     the real dynalite (tests/engines/node_modules), on disk so a restart keeps the data
//   SilentServer accepts connections (the kernel does) and never answers: for request timeouts
//   RefusingPort a port where connections are refused
//   FaultProxy   an HTTP proxy in front of an engine that answers chosen requests itself with a DynamoDB
//                error (throttling, 500) and forwards the others
// Start and stop them from the test's main thread (ChildProcess and PDEATHSIG).

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "support/child_process.hpp"
#include "support/temp_dir.hpp"

namespace cruddur::store::dynamodb::testing {

class Dynalite {
 public:
  Dynalite();  // a free port, data in a temp dir
  ~Dynalite();
  uint16_t port() const { return port_; }
  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }
  void kill_hard();  // SIGKILL, as a crash
  void start();      // again, same port and data
 private:
  cruddur::testing::TempDir data_;
  uint16_t port_;
  std::unique_ptr<cruddur::testing::ChildProcess> process_;
};

class SilentServer {
 public:
  SilentServer();
  ~SilentServer();
  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }
 private:
  int fd_ = -1;
  uint16_t port_ = 0;
};

// A port on 127.0.0.1 bound by a socket that never listens: connecting is refused, and no other process can
// take the port while this object lives.
class RefusingPort {
 public:
  RefusingPort();
  ~RefusingPort();
  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }
 private:
  int fd_ = -1;
  uint16_t port_ = 0;
};

class FaultProxy {
 public:
  enum class Answer { forward, throttle, server_error };
  // `script(n)` decides the n-th request (0-based, over all connections).
  FaultProxy(uint16_t upstream_port, std::function<Answer(int)> script);
  ~FaultProxy();
  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int requests_seen() const { return seen_.load(); }

 private:
  void accept_loop();
  void serve(int client_fd);

  uint16_t upstream_port_;
  std::function<Answer(int)> script_;
  int listen_fd_ = -1;
  uint16_t port_ = 0;
  std::atomic<int> seen_{0};
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::vector<int> fds_;
  std::vector<std::thread> threads_;
  std::thread acceptor_;
};

}  // namespace cruddur::store::dynamodb::testing
