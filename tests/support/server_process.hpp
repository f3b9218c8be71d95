#pragma once
// The real `cruddur` binary under test, started as
//   $CRUDDUR_BINARY serve --listen 127.0.0.1:<free port> --data <data_dir> <args...>
// with `env` added to the environment, and ready once GET /api/health answers 200.
//
// The data dir belongs to the caller (usually a TempDir), so restart() finds the same data. The server's
// output goes to a log file of its own; startup failures throw with the log's tail.
// Not thread-safe; start it from the test's main thread (see ChildProcess about PDEATHSIG).

#include "support/child_process.hpp"
#include "support/temp_dir.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cruddur::testing {

class ServerProcess {
 public:
  static constexpr std::chrono::seconds startup_timeout{15};

  // Starts the server and waits until it is healthy. Throws std::runtime_error when CRUDDUR_BINARY is
  // unset, or the server exits or is not healthy within startup_timeout (the message has the log's tail).
  explicit ServerProcess(std::filesystem::path data_dir, std::vector<std::string> args = {},
                         std::map<std::string, std::string> env = {});
  ~ServerProcess();  // stop()
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  uint16_t port() const { return port_; }
  std::string base_url() const;  // "http://127.0.0.1:<port>"
  bool running();
  // The running server's process id (its /proc entry), -1 before it started.
  pid_t pid() const { return process_ ? process_->pid() : -1; }

  // SIGTERM and wait (SIGKILL after 10 s): the exit code (0 for a clean shutdown). Idempotent.
  int stop();
  // Sends `signal` without waiting (e.g. SIGTERM, to watch a graceful stop), then wait_for() its end.
  void signal(int signal);
  std::optional<int> wait_for(std::chrono::milliseconds timeout);
  // SIGKILL: a crash, for recovery tests. Idempotent.
  void kill_hard();
  // stop() if running, then start again with the same port, data dir, arguments and environment.
  void restart();

  const std::filesystem::path& log_file() const { return log_file_; }
  std::string log_tail(size_t max_bytes = 4000) const;

 private:
  void start();                // one attempt; throws on failure
  bool wait_until_healthy();   // false if the process died or the timeout passed

  std::filesystem::path data_dir_;
  std::vector<std::string> args_;
  std::map<std::string, std::string> env_;
  std::string binary_;
  TempDir log_dir_;
  std::filesystem::path log_file_;
  uint16_t port_ = 0;
  std::unique_ptr<ChildProcess> process_;
};

}  // namespace cruddur::testing
