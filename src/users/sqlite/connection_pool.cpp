#include "users/sqlite/connection_pool.hpp"

namespace cruddur::users::sqlite {

ConnectionPool::ConnectionPool(std::string database_path) : path_(std::move(database_path)) {}

ConnectionPool::Lease ConnectionPool::acquire() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(connection));
    }
  }
  // Opened outside the lock: opening touches the file and may wait on another process's lock.
  return Lease(*this, std::make_unique<Connection>(path_));
}

void ConnectionPool::release(std::unique_ptr<Connection> connection) {
  if (!connection) return;
  {
    std::lock_guard lock(mutex_);
    if (idle_.size() < kMaxIdle) {
      idle_.push_back(std::move(connection));
      return;
    }
  }
  // A surplus connection is closed here, outside the lock, when `connection` goes out of scope.
}

}  // namespace cruddur::users::sqlite
