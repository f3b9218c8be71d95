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
  // With Durability::normal: the writer thread fsyncs the WAL at most this long after a commit that no sync
  // covered yet (write_queue.hpp, "Periodic WAL sync"), so a power cut loses at most the writes of about the
  // last interval, not everything since the last checkpoint. 0: never (only checkpoints sync). Unused with
  // Durability::full, where every commit is synced.
  std::chrono::milliseconds wal_sync_interval{1000};
  // How long a write transaction waits for another process holding the database's write lock before failing
  // with StoreError::unavailable (every write of that batch fails). Writers within one process queue for the
  // engine's writer thread instead (see write_queue.hpp).
  std::chrono::milliseconds busy_timeout{5000};
  // When set: told the number of writes of every group-commit batch as the writer takes it (for the batch
  // size histogram of doc/observability.md). Runs on the writer thread: must be cheap and must not throw.
  std::function<void(std::size_t writes)> on_batch;
};

}  // namespace cruddur::store
