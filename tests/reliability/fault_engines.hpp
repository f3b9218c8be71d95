#pragma once
// DynamoDB-protocol engines for fault tests, each on a fixed port with its data on disk, so that kill() and
// start() again are an outage and a return with nothing lost: dynalite (npm, LevelDB files) and Amazon's
// DynamoDB Local (java, a SQLite file; the jar fetched by tests/engines/start-dynamodb-local.sh, never
// committed). start() waits until the engine answers HTTP (DynamoDB Local: until it answers promptly, see the .cpp); throws std::runtime_error with its log otherwise.
// Start and kill them from the test's main thread (ChildProcess: PDEATHSIG is tied to the starting thread).

#include <cstdint>
#include <memory>
#include <string>

#include "support/child_process.hpp"
#include "support/temp_dir.hpp"

namespace cruddur::testing {

class Dynalite {
 public:
  Dynalite();
  uint16_t port() const { return port_; }
  void start();
  void kill() { process_->kill_hard(); }

 private:
  TempDir dir_;
  uint16_t port_;
  std::unique_ptr<ChildProcess> process_;
};

class DynamoDbLocal {
 public:
  DynamoDbLocal();
  uint16_t port() const { return port_; }
  void start();
  void kill() { process_->kill_hard(); }

 private:
  TempDir dir_;       // its log
  TempDir data_;      // its SQLite file: in memory (/dev/shm) when there is one, see start()
  std::string home_;  // where the jar is
  uint16_t port_;
  std::unique_ptr<ChildProcess> process_;
};

}  // namespace cruddur::testing
