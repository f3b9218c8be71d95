#include "postgres_server.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "support/engines_dir.hpp"
#include "support/run_command.hpp"
#include "users/postgres/pg_connection.hpp"

namespace cruddur::testing {

PostgresServer::PostgresServer() { start(); }

PostgresServer::~PostgresServer() {
  try {
    stop();
  } catch (const std::exception& error) {
    ADD_FAILURE() << error.what();
  }
}

void PostgresServer::start() {
  std::string command = engines_dir() + "/start-postgres.sh " + dir_.str();
  if (port_ != 0) command += " --port " + std::to_string(port_);
  std::istringstream out(run_command(command));
  out >> port_ >> pid_;
  if (!out || port_ == 0 || pid_ == 0) throw std::runtime_error("start-postgres.sh printed no PORT PID");
}

void PostgresServer::stop() {
  if (pid_ == 0) return;
  resume();
  run_command(engines_dir() + "/stop-postgres.sh " + std::to_string(pid_));
  pid_ = 0;
}

void PostgresServer::pause() {
  // The whole process group would include our own test; signal the postmaster and its children by PID.
  run_command("kill -STOP " + std::to_string(pid_) + " $(pgrep -P " + std::to_string(pid_) + ")");
}

void PostgresServer::resume() {
  if (pid_ == 0) return;
  run_command("kill -CONT " + std::to_string(pid_) + " $(pgrep -P " + std::to_string(pid_) + ") 2>/dev/null || true");
}

std::string PostgresServer::url(const std::string& database) const {
  return "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/" + database;
}

std::string PostgresServer::create_database() {
  static std::atomic<int> counter{0};
  const std::string name = "t" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
  auto admin = users::postgres::PgConnection::open(url());
  admin->exec("CREATE DATABASE " + name);  // an identifier made of digits here: nothing to escape
  return url(name);
}

namespace {

class SharedPostgres : public ::testing::Environment {
 public:
  static PostgresServer& get() {
    if (!server_) server_ = std::make_unique<PostgresServer>();
    return *server_;
  }
  void TearDown() override { server_.reset(); }

 private:
  static inline std::unique_ptr<PostgresServer> server_;
};

[[maybe_unused]] ::testing::Environment* const registered =
    ::testing::AddGlobalTestEnvironment(new SharedPostgres);

}  // namespace

PostgresServer& shared_postgres() { return SharedPostgres::get(); }

}  // namespace cruddur::testing
