#pragma once
// The connections of one database file: a single writer connection behind a mutex, and a pool of reader
// connections created on demand.
//
// Why one writer: SQLite admits one write transaction at a time per file anyway. This process's writes all
// go through the engine's writer thread (write_queue.hpp), which leases the writer connection for one batch
// of writes at a time; the mutex only keeps occasional other users (the engine's start-up, pragma()) off it
// meanwhile. Waiting there hands the connection over immediately, where SQLITE_BUSY would make the loser
// sleep-poll (busy_timeout) for milliseconds. Other processes sharing the file are still handled by
// busy_timeout. Readers never block each other or the writer (WAL).
//
// Thread-safety: all members may be called from any thread. A lease gives exclusive use of its connection
// until it is destroyed; leases must not outlive the pool.

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/sqlite/connection.hpp"

namespace cruddur::store::sqlite {

class ConnectionPool {
 public:
  // Opens the writer connection and switches the file to WAL (a persistent setting of the file).
  ConnectionPool(std::string path, SqliteOptions options);

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

  // Blocks until the current holder of the writer connection (normally the writer thread, between batches)
  // has released it.
  WriterLease writer();
  ReaderLease reader();

  const std::string& path() const { return path_; }
  const SqliteOptions& options() const { return options_; }

  // Called after tables were dropped: each connection drops its cached statements when next leased.
  void catalog_changed() { generation_.fetch_add(1); }

 private:
  void refresh(Connection& connection);
  void give_back(std::unique_ptr<Connection> connection);

  static constexpr std::size_t max_idle_readers = 16;

  const std::string path_;
  const SqliteOptions options_;
  std::atomic<std::uint64_t> generation_{0};

  std::mutex writer_mutex_;
  std::unique_ptr<Connection> writer_;

  std::mutex readers_mutex_;
  std::vector<std::unique_ptr<Connection>> idle_readers_;
};

}  // namespace cruddur::store::sqlite
