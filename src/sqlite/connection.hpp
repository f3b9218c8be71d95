#pragma once
// One SQLite connection with a cache of prepared statements, opened with the settings every database file
// of this project relies on (WAL, a busy timeout, the synchronous level), and one write transaction.
//
// Thread affinity: a Connection (and every Statement borrowed from it) is used by one thread at a time (a
// ConnectionPool hands out exclusive leases); it is opened SQLITE_OPEN_NOMUTEX for that reason. Ownership:
// the Connection owns its prepared statements. Failures throw sqlite::Error.

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "sqlite/statement.hpp"

namespace cruddur::sqlite {

struct ConnectionOptions {
  // synchronous=FULL syncs the WAL on every commit (survives power loss); NORMAL syncs at checkpoints only
  // (a commit survives a killed process, not a power cut).
  bool full_sync = false;
  // How long a statement waits for another connection's (or process's) lock before failing with BUSY.
  std::chrono::milliseconds busy_timeout{5000};
  // Memory-map this many bytes of the file for reads (0: off).
  std::int64_t mmap_size = 0;
  // Open read-only (the file must exist; nothing about it changes, not even its journal mode).
  bool read_only = false;
  // Switch the file to WAL on open. Off for a file that must stay one self-contained file (a backup copy).
  bool wal = true;
};

class Connection {
 public:
  // Opens (creating if missing, unless read-only) `path`, switches the file to WAL (a persistent property of
  // the file; the switch is retried for up to the busy timeout, since SQLite answers BUSY at once while
  // another connection is creating the same new file), then applies `options`, foreign keys on and
  // temp_store=MEMORY.
  Connection(const std::string& path, const ConnectionOptions& options);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // The statement for `sql`, prepared on first use and cached for the connection's lifetime.
  Statement statement(std::string_view sql);
  // Runs `sql` (possibly several statements) without caching: DDL and pragmas.
  void execute(std::string_view sql);
  // Drops every cached statement (after tables were dropped, so that dead statements do not accumulate).
  void forget_statements();
  // Rows changed by the last INSERT/UPDATE/DELETE; rowid of the last INSERT.
  int changes() const;
  std::int64_t last_insert_rowid() const;

  sqlite3* handle() const { return db_; }
  // The statement-cache generation of this connection; managed by ConnectionPool.
  std::uint64_t cache_generation = 0;

 private:
  void enter_wal_mode(std::chrono::milliseconds patience);

  // Heterogeneous lookup: finding a statement by its SQL allocates nothing.
  struct SqlHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view sql) const { return std::hash<std::string_view>{}(sql); }
  };

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*, SqlHash, std::equal_to<>> statements_;
};

// One write transaction: BEGIN IMMEDIATE on construction (taking the write lock up front, so that a
// read-then-write never needs a lock upgrade that could deadlock or see a stale snapshot), ROLLBACK on
// destruction unless committed.
class WriteTransaction {
 public:
  explicit WriteTransaction(Connection& connection);
  ~WriteTransaction();
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  void commit();

 private:
  Connection& connection_;
  bool finished_ = false;
};

}  // namespace cruddur::sqlite
