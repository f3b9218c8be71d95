#include "support/redis_server.hpp"

#include <stdexcept>

#include "support/free_port.hpp"
#include "support/raw_connection.hpp"

namespace cruddur::testing {

RedisServer::RedisServer() : port_(free_port()) { start(); }

RedisServer::~RedisServer() { stop(); }

void RedisServer::start() {
  if (process_) return;
  const auto log = dir_.path() / "redis.log";
  process_ = std::make_unique<ChildProcess>(
      "redis-server",
      std::vector<std::string>{"--port", std::to_string(port_), "--bind", "127.0.0.1", "--save", "", "--appendonly",
                               "no", "--dir", dir_.str(), "--daemonize", "no"},
      log);
  bool ready = wait_until([&] { return !process_->running() || RawConnection::accepts(port_); }, startup_timeout);
  if (!ready || !process_->running()) {
    std::string tail = file_tail(log);
    process_.reset();
    throw std::runtime_error("redis-server did not start on port " + std::to_string(port_) + ":\n" + tail);
  }
}

void RedisServer::stop() {
  if (!process_) return;
  process_->terminate();
  process_.reset();
}

void RedisServer::kill_hard() {
  if (!process_) return;
  process_->kill_hard();
  process_.reset();
}

}  // namespace cruddur::testing
