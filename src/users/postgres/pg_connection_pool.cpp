#include "users/postgres/pg_connection_pool.hpp"

#include <stdexcept>

namespace cruddur::users::postgres {

PgConnectionPool::PgConnectionPool(std::string connection_url, std::size_t size)
    : connection_url_(std::move(connection_url)), size_(size) {
  if (size_ == 0) throw std::invalid_argument("PostgreSQL pool size must be at least 1");
}

PgConnectionPool::Lease PgConnectionPool::acquire() {
  {
    MutexLock lock(mutex_);
    while (idle_.empty() && open_or_opening_ >= size_) lock.wait(slot_freed_);
    if (!idle_.empty()) {
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(connection));
    }
    ++open_or_opening_;
  }
  // Connect outside the lock: it may take up to connect_timeout.
  try {
    return Lease(*this, PgConnection::open(connection_url_));
  } catch (...) {
    release(nullptr);
    throw;
  }
}

void PgConnectionPool::release(std::unique_ptr<PgConnection> connection) {
  if (connection && !connection->reusable()) connection.reset();  // closed here, outside the lock below
  {
    MutexLock lock(mutex_);
    if (connection) {
      idle_.push_back(std::move(connection));
    } else {
      --open_or_opening_;
    }
  }
  slot_freed_.notify_one();
}

}  // namespace cruddur::users::postgres
