#pragma once
// A throwaway PostgreSQL 15 for tests: tests/engines/start-postgres.sh in a temp dir on a free port,
// stopped by PID (tests/engines/stop-postgres.sh) when the object dies. stop() and start() bring the same
// server (same port, same data) down and up again.

#include <string>

#include "support/temp_dir.hpp"

namespace cruddur::testing {

class PostgresServer {
 public:
  PostgresServer();  // started
  ~PostgresServer();
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  void stop();
  void start();
  void pause();   // SIGSTOP the postmaster and its backends: connections hang until resume()
  void resume();  // SIGCONT

  int port() const { return port_; }
  std::string url(const std::string& database = "postgres") const;
  // A new, empty database; returns its URL.
  std::string create_database();

 private:
  TempDir dir_;
  int port_ = 0;
  int pid_ = 0;
};

// The server shared by the tests of this binary: started on first use, stopped when the binary exits.
PostgresServer& shared_postgres();

}  // namespace cruddur::testing
