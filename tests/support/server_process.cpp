#include "support/server_process.hpp"

#include "support/free_port.hpp"
#include "support/http_client.hpp"
#include "support/secret_watch.hpp"

#include <signal.h>

#include <cstdlib>
#include <stdexcept>

namespace cruddur::testing {

namespace {

// free_port() can race with another process taking the port; then the server fails to bind.
constexpr int start_attempts = 3;
constexpr std::chrono::milliseconds health_request_timeout{2000};

std::string binary_from_environment() {
  const char* binary = std::getenv("CRUDDUR_BINARY");
  if (!binary || !*binary) throw std::runtime_error("CRUDDUR_BINARY is not set (path of the cruddur binary)");
  return binary;
}

}  // namespace

ServerProcess::ServerProcess(std::filesystem::path data_dir, std::vector<std::string> args,
                             std::map<std::string, std::string> env)
    : data_dir_(std::move(data_dir)),
      args_(std::move(args)),
      env_(std::move(env)),
      binary_(binary_from_environment()),
      log_file_(log_dir_.path() / "cruddur.log") {
  watch_log(log_file_);
  for (int attempt = 1;; ++attempt) {
    port_ = free_port();
    try {
      start();
      return;
    } catch (const std::runtime_error&) {
      bool port_taken = log_tail().find("in use") != std::string::npos;
      if (!port_taken || attempt == start_attempts) throw;
    }
  }
}

ServerProcess::~ServerProcess() {
  try {
    stop();
    unwatch_log(log_file_);  // the last look before the log's temp dir goes
  } catch (...) {
  }
}

std::string ServerProcess::base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

bool ServerProcess::running() { return process_ && process_->running(); }

int ServerProcess::stop() { return process_ ? process_->terminate() : 0; }

void ServerProcess::signal(int signal) {
  if (process_ && process_->running()) ::kill(process_->pid(), signal);
}

std::optional<int> ServerProcess::wait_for(std::chrono::milliseconds timeout) {
  return process_ ? process_->wait_for(timeout) : std::optional<int>(0);
}

void ServerProcess::kill_hard() {
  if (process_) process_->kill_hard();
}

void ServerProcess::restart() {
  stop();
  start();
}

std::string ServerProcess::log_tail(size_t max_bytes) const { return file_tail(log_file_, max_bytes); }

void ServerProcess::start() {
  std::vector<std::string> argv{"serve", "--listen", "127.0.0.1:" + std::to_string(port_), "--data",
                                data_dir_.string()};
  argv.insert(argv.end(), args_.begin(), args_.end());
  process_.reset();  // a previous, stopped process
  process_ = std::make_unique<ChildProcess>(binary_, argv, log_file_, env_);
  if (wait_until_healthy()) return;

  bool exited = !process_->running();
  process_->kill_hard();
  throw std::runtime_error(std::string("cruddur ") +
                           (exited ? "exited during startup" : "was not healthy within 15 s") + " (port " +
                           std::to_string(port_) + "); log tail:\n" + log_tail());
}

bool ServerProcess::wait_until_healthy() {
  return wait_until(
      [this] {
        if (!process_->running()) return true;  // stop waiting; start() sees it exited
        try {
          HttpClient client(port_);
          client.set_timeout(health_request_timeout);
          return client.get("/api/health").status == 200;
        } catch (const std::exception&) {
          return false;  // not listening yet
        }
      },
      startup_timeout, std::chrono::milliseconds(25)) &&
         process_->running();
}

}  // namespace cruddur::testing
