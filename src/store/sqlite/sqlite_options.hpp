#pragma once
// How the SQLite engine opens its database file.

#include <chrono>
#include <cstddef>
#include <functional>

namespace cruddur::store {

struct SqliteOptions {
  enum class Durability {
    normal,  // WAL + synchronous=NORMAL: an acknowledged write survives a killed process (not power loss)
    full,    // WAL + synchronous=FULL: the WAL is synced on every commit, surviving power loss
  };
  Durability durability = Durability::normal;
  // How long a write transaction waits for another process holding the database's write lock before failing
  // with StoreError::unavailable (every write of that batch fails). Writers within one process queue for the
  // engine's writer thread instead (see write_queue.hpp).
  std::chrono::milliseconds busy_timeout{5000};
  // When set: told the number of writes of every group-commit batch as the writer takes it (for the batch
  // size histogram of doc/observability.md). Runs on the writer thread: must be cheap and must not throw.
  std::function<void(std::size_t writes)> on_batch;
};

}  // namespace cruddur::store
