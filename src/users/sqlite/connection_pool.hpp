#pragma once
// Connections to one SQLite file, handed out one caller at a time. Internal to users/sqlite.
//
// Thread-safety: acquire() may be called from any thread. A Lease gives its holder exclusive use of one
// Connection until the Lease dies; it must not be kept across a suspension point or shared between threads.
// Connections are opened on demand (so as many exist as callers run at once) and kept for reuse.

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "users/sqlite/sqlite_connection.hpp"

namespace cruddur::users::sqlite {

class ConnectionPool {
 public:
  explicit ConnectionPool(std::string database_path);

  class Lease {
   public:
    Lease(ConnectionPool& pool, std::unique_ptr<Connection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    ~Lease() { pool_.release(std::move(connection_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Connection& operator*() const { return *connection_; }
    Connection* operator->() const { return connection_.get(); }

   private:
    ConnectionPool& pool_;
    std::unique_ptr<Connection> connection_;
  };

  Lease acquire();

 private:
  void release(std::unique_ptr<Connection> connection);

  // Idle connections beyond this are closed instead of kept.
  static constexpr std::size_t kMaxIdle = 16;

  const std::string path_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Connection>> idle_;  // guarded by mutex_
};

}  // namespace cruddur::users::sqlite
