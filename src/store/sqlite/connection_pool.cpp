#include "store/sqlite/connection_pool.hpp"

namespace cruddur::store::sqlite {

ConnectionPool::ConnectionPool(std::string path, SqliteOptions options)
    : path_(std::move(path)), options_(options), writer_(std::make_unique<Connection>(path_, options_)) {
  writer_->execute("PRAGMA journal_mode=WAL");
}

ConnectionPool::ReaderLease::~ReaderLease() {
  if (connection_) pool_->give_back(std::move(connection_));
}

ConnectionPool::WriterLease ConnectionPool::writer() {
  std::unique_lock lock(writer_mutex_);
  refresh(*writer_);
  return WriterLease(std::move(lock), writer_.get());
}

ConnectionPool::ReaderLease ConnectionPool::reader() {
  std::unique_ptr<Connection> connection;
  {
    std::lock_guard lock(readers_mutex_);
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
  if (connection.catalog_generation != current) {
    connection.forget_statements();
    connection.catalog_generation = current;
  }
}

void ConnectionPool::give_back(std::unique_ptr<Connection> connection) {
  std::lock_guard lock(readers_mutex_);
  if (idle_readers_.size() < max_idle_readers) idle_readers_.push_back(std::move(connection));
  // else: closed when `connection` goes out of scope
}

}  // namespace cruddur::store::sqlite
