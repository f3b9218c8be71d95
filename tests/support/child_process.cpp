#include "support/child_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <linux/close_range.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>
#include <thread>

extern char** environ;

namespace cruddur::testing {

namespace {

std::system_error errno_error(const std::string& what) {
  return std::system_error(errno, std::generic_category(), what);
}

std::string find_program(const std::string& program) {
  if (program.find('/') != std::string::npos) return program;
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "/usr/local/bin:/usr/bin:/bin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    auto candidate = (std::filesystem::path(dir.empty() ? "." : dir) / program).string();
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return program;  // execve fails with ENOENT and the constructor reports it
}

std::vector<std::string> merged_environment(const std::map<std::string, std::string>& extra) {
  std::vector<std::string> result;
  for (char** entry = environ; entry && *entry; ++entry) {
    std::string_view text(*entry);
    auto name = text.substr(0, text.find('='));
    if (!extra.count(std::string(name))) result.emplace_back(text);
  }
  for (const auto& [name, value] : extra) result.push_back(name + "=" + value);
  return result;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> result;
  for (auto& s : strings) result.push_back(s.data());
  result.push_back(nullptr);
  return result;
}

// In the child between fork and exec: async-signal-safe calls only. Reports errno through `error_fd`.
[[noreturn]] void exec_child(pid_t parent, int log_fd, int null_fd, int error_fd, const char* path, char** argv,
                             char** envp) {
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) ::_exit(127);  // the parent died before prctl took effect
  sigset_t all;
  ::sigemptyset(&all);
  ::sigprocmask(SIG_SETMASK, &all, nullptr);  // the test may block signals (e.g. for a sigwait thread)
  struct sigaction default_action {};
  default_action.sa_handler = SIG_DFL;
  for (int signal : {SIGPIPE, SIGTERM, SIGINT, SIGHUP}) ::sigaction(signal, &default_action, nullptr);
  if (::dup2(null_fd, 0) < 0 || ::dup2(log_fd, 1) < 0 || ::dup2(log_fd, 2) < 0) {
    int error = errno;
    (void)!::write(error_fd, &error, sizeof error);
    ::_exit(127);
  }
  // Nothing else of the test's crosses exec: a socket the test closes later (a WebSocket, a keep-alive
  // connection) must not stay open in a child, or its peer never sees it end (Asio's sockets are not
  // O_CLOEXEC). error_fd is O_CLOEXEC already.
  if (::close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) != 0) {
    for (int fd = 3; fd < 4096; ++fd) ::fcntl(fd, F_SETFD, FD_CLOEXEC);  // kernels before 5.11
  }
  ::execve(path, argv, envp);
  int error = errno;
  (void)!::write(error_fd, &error, sizeof error);
  ::_exit(127);
}

int exit_code_of(int wait_status) {
  if (WIFEXITED(wait_status)) return WEXITSTATUS(wait_status);
  if (WIFSIGNALED(wait_status)) return 128 + WTERMSIG(wait_status);
  return -1;
}

}  // namespace

ChildProcess::ChildProcess(const std::string& program, const std::vector<std::string>& args,
                           const std::filesystem::path& log_file, const std::map<std::string, std::string>& env)
    : log_file_(log_file) {
  std::string path = find_program(program);
  std::vector<std::string> argv_strings{program};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<std::string> env_strings = merged_environment(env);
  auto argv = pointers(argv_strings);
  auto envp = pointers(env_strings);

  int log_fd = ::open(log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log_fd < 0) throw errno_error("open log file " + log_file.string());
  int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  int error_pipe[2];
  if (null_fd < 0 || ::pipe2(error_pipe, O_CLOEXEC) != 0) {
    auto error = errno_error("child process setup");
    ::close(log_fd);
    if (null_fd >= 0) ::close(null_fd);
    throw error;
  }

  pid_t parent = ::getpid();
  pid_ = ::fork();
  if (pid_ == 0) exec_child(parent, log_fd, null_fd, error_pipe[1], path.c_str(), argv.data(), envp.data());
  int fork_errno = errno;
  ::close(log_fd);
  ::close(null_fd);
  ::close(error_pipe[1]);
  if (pid_ < 0) {
    ::close(error_pipe[0]);
    throw std::system_error(fork_errno, std::generic_category(), "fork");
  }

  // The pipe closes on a successful exec (O_CLOEXEC): zero bytes read means the program is running.
  int exec_errno = 0;
  ssize_t n;
  do {
    n = ::read(error_pipe[0], &exec_errno, sizeof exec_errno);
  } while (n < 0 && errno == EINTR);
  ::close(error_pipe[0]);
  if (n > 0) {
    int status = 0;
    ::waitpid(pid_, &status, 0);
    reap(status);
    throw std::system_error(exec_errno, std::generic_category(), "cannot start " + program);
  }
}

ChildProcess::~ChildProcess() {
  try {
    terminate();
  } catch (...) {
  }
}

void ChildProcess::reap(int wait_status) { exit_code_ = exit_code_of(wait_status); }

bool ChildProcess::running() {
  if (exit_code_ || pid_ <= 0) return false;
  int status = 0;
  pid_t result = ::waitpid(pid_, &status, WNOHANG);
  if (result == pid_) {
    reap(status);
    return false;
  }
  if (result < 0 && errno == ECHILD) {  // reaped elsewhere; we cannot know how it ended
    exit_code_ = -1;
    return false;
  }
  return true;
}

std::optional<int> ChildProcess::wait_for(std::chrono::milliseconds timeout) {
  wait_until([this] { return !running(); }, timeout, std::chrono::milliseconds(10));
  return exit_code_;
}

int ChildProcess::terminate(std::chrono::milliseconds grace) {
  if (!running()) return exit_code_.value_or(-1);
  ::kill(pid_, SIGTERM);
  if (wait_for(grace)) return *exit_code_;
  return kill_hard();
}

int ChildProcess::kill_hard() {
  if (!running()) return exit_code_.value_or(-1);
  ::kill(pid_, SIGKILL);
  int status = 0;
  pid_t result;
  do {
    result = ::waitpid(pid_, &status, 0);
  } while (result < 0 && errno == EINTR);
  if (result == pid_) {
    reap(status);
  } else {
    exit_code_ = -1;
  }
  return *exit_code_;
}

bool wait_until(const std::function<bool()>& predicate, std::chrono::milliseconds timeout,
                std::chrono::milliseconds poll) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (predicate()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(poll);
  }
}

std::string file_tail(const std::filesystem::path& file, size_t max_bytes) {
  std::ifstream in(file, std::ios::binary | std::ios::ate);
  if (!in) return "";
  std::streamoff size = in.tellg();
  std::streamoff start = size > static_cast<std::streamoff>(max_bytes) ? size - static_cast<std::streamoff>(max_bytes) : 0;
  in.seekg(start);
  std::string tail(static_cast<size_t>(size - start), '\0');
  in.read(tail.data(), static_cast<std::streamsize>(tail.size()));
  tail.resize(static_cast<size_t>(in.gcount()));
  return tail;
}

}  // namespace cruddur::testing
