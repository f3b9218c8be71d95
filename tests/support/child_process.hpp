#pragma once
// A program the test starts and owns (servers under test, dynalite, PostgreSQL ...). POSIX only.
//
// The child's stdout and stderr are appended to a log file; its stdin is /dev/null. The child gets
// PR_SET_PDEATHSIG(SIGKILL), so it dies if the test process dies; note that Linux ties this to the
// *thread* that started it: start children from a thread that outlives them (the test's main thread).
// Not thread-safe: use one ChildProcess from one thread at a time.

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cruddur::testing {

class ChildProcess {
 public:
  // Starts `program` (searched in PATH when it has no '/') with `args`; `env` adds to or overrides this
  // process's environment. Throws std::system_error when the program cannot be started (exec included).
  ChildProcess(const std::string& program, const std::vector<std::string>& args,
               const std::filesystem::path& log_file, const std::map<std::string, std::string>& env = {});
  ~ChildProcess();  // terminate()
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  const std::filesystem::path& log_file() const { return log_file_; }

  // True until the child has exited (reaps it when it has).
  bool running();

  // How it ended: the exit status, or 128 + signal number; nullopt while it runs.
  std::optional<int> exit_code() const { return exit_code_; }

  // Waits up to `timeout` for the child to end by itself; its exit code, or nullopt if still running.
  std::optional<int> wait_for(std::chrono::milliseconds timeout);

  // SIGTERM, then SIGKILL if it has not ended within `grace`. Returns the exit code. Idempotent.
  int terminate(std::chrono::milliseconds grace = std::chrono::seconds(10));

  // SIGKILL, then reap. Returns the exit code (137 unless it had already ended). Idempotent.
  int kill_hard();

 private:
  void reap(int wait_status);

  pid_t pid_ = -1;
  std::filesystem::path log_file_;
  std::optional<int> exit_code_;
};

// Polls `predicate` every `poll` until it is true (returns true) or `timeout` passed (returns false).
bool wait_until(const std::function<bool()>& predicate, std::chrono::milliseconds timeout,
                std::chrono::milliseconds poll = std::chrono::milliseconds(20));

// The last `max_bytes` of a (log) file, "" if it cannot be read. For error messages.
std::string file_tail(const std::filesystem::path& file, size_t max_bytes = 4000);

}  // namespace cruddur::testing
