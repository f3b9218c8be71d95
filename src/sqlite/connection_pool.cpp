#include "sqlite/connection_pool.hpp"

namespace cruddur::sqlite {

ConnectionPool::ConnectionPool(std::string path, ConnectionOptions options)
    : path_(std::move(path)), options_(options), writer_(std::make_unique<Connection>(path_, options_)) {}

ConnectionPool::ReaderLease::~ReaderLease() {
  if (connection_) pool_->give_back(std::move(connection_));
}

ConnectionPool::WriterLease ConnectionPool::writer() {
  std::unique_lock lock(writer_mutex_.native());
  refresh(*writer_);
  return WriterLease(std::move(lock), writer_.get());
}

ConnectionPool::ReaderLease ConnectionPool::reader() {
  std::unique_ptr<Connection> connection;
  {
    MutexLock lock(readers_mutex_);
    if (!idle_readers_.empty()) {
      connection = std::move(idle_readers_.back());
      idle_readers_.pop_back();
    }
  }
  if (!connection) connection = std::make_unique<Connection>(path_, options_);
  refresh(*connection);
  return ReaderLease(this, std::move(connection));
}

void ConnectionPool::refresh(Connection& connection) {
  std::uint64_t current = generation_.load();
  if (connection.cache_generation != current) {
    connection.forget_statements();
    connection.cache_generation = current;
  }
}

void ConnectionPool::give_back(std::unique_ptr<Connection> connection) {
  {
    MutexLock lock(readers_mutex_);
    if (idle_readers_.size() < kMaxIdleReaders) {
      idle_readers_.push_back(std::move(connection));
      return;
    }
  }
  // A surplus connection is closed here, outside the lock, when `connection` goes out of scope.
}

}  // namespace cruddur::sqlite
