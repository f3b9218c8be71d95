#pragma once
// The connections of one database file: a single writer connection behind a mutex, and reader connections
// opened on demand and kept for reuse.
//
// Why one writer: SQLite admits one write transaction at a time per file anyway. Waiting for the mutex hands
// the connection over at once, where SQLITE_BUSY would make the loser sleep-poll (busy_timeout) for
// milliseconds. Other processes sharing the file are still handled by the busy timeout. Readers never block
// each other or the writer (WAL).
//
// Thread-safety: all members may be called from any thread. A lease gives exclusive use of its connection
// until it is destroyed; it must not be kept across a suspension point, shared between threads, or outlive
// the pool.

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/mutex.hpp"
#include "sqlite/connection.hpp"

namespace cruddur::sqlite {

class ConnectionPool {
 public:
  // Opens the writer connection now, so that a bad path or a broken file fails at start.
  ConnectionPool(std::string path, ConnectionOptions options);

  class WriterLease {
   public:
    Connection& operator*() const { return *connection_; }
    Connection* operator->() const { return connection_; }

   private:
    friend class ConnectionPool;
    WriterLease(std::unique_lock<std::mutex> lock, Connection* connection)
        : lock_(std::move(lock)), connection_(connection) {}
    std::unique_lock<std::mutex> lock_;
    Connection* connection_;
  };

  class ReaderLease {
   public:
    ReaderLease(ReaderLease&&) = default;
    ~ReaderLease();
    Connection& operator*() const { return *connection_; }
    Connection* operator->() const { return connection_.get(); }

   private:
    friend class ConnectionPool;
    ReaderLease(ConnectionPool* pool, std::unique_ptr<Connection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    ConnectionPool* pool_;
    std::unique_ptr<Connection> connection_;
  };

  // Blocks until the current holder of the writer connection has released it.
  WriterLease writer();
  // An idle reader, or a newly opened one (opened outside the lock: opening may wait on another process).
  ReaderLease reader();

  const std::string& path() const { return path_; }
  const ConnectionOptions& options() const { return options_; }

  // Every connection drops its cached statements when next leased (after tables were dropped).
  void forget_statements() { generation_.fetch_add(1); }

 private:
  void refresh(Connection& connection);
  void give_back(std::unique_ptr<Connection> connection);

  static constexpr std::size_t kMaxIdleReaders = 16;  // idle readers beyond this are closed

  const std::string path_;
  const ConnectionOptions options_;
  std::atomic<std::uint64_t> generation_{0};

  // Held by a WriterLease for as long as it lives: the lock moves into the lease, which the thread-safety
  // analysis cannot follow, so writer_ is used under it by contract only (through writer()).
  Mutex writer_mutex_;
  std::unique_ptr<Connection> writer_;

  Mutex readers_mutex_;
  std::vector<std::unique_ptr<Connection>> idle_readers_ CRUDDUR_GUARDED_BY(readers_mutex_);
};

}  // namespace cruddur::sqlite
