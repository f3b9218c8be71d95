#pragma once
// At most `size` connections to one PostgreSQL server, opened on demand and kept for reuse.
// Internal to users/postgres.
//
// Thread-safety: acquire() may be called from any thread; it blocks while all `size` connections are in
// use, so call it only on the directory's own query threads (never on an io thread). A Lease gives its
// holder exclusive use of one connection until it dies. A connection that is broken or was left inside a
// transaction is closed on release instead of being reused, so the next acquire() reconnects: this is how
// the directory recovers once PostgreSQL comes back.

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "core/mutex.hpp"
#include "users/postgres/pg_connection.hpp"

namespace cruddur::users::postgres {

class PgConnectionPool {
 public:
  PgConnectionPool(std::string connection_url, std::size_t size);

  class Lease {
   public:
    Lease(PgConnectionPool& pool, std::unique_ptr<PgConnection> connection)
        : pool_(&pool), connection_(std::move(connection)) {}
    ~Lease() { pool_->release(std::move(connection_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    PgConnection& operator*() const { return *connection_; }
    PgConnection* operator->() const { return connection_.get(); }
    // Closes the connection now (it is known to be broken); the slot is freed for a fresh one.
    void discard() { connection_.reset(); }

   private:
    PgConnectionPool* pool_;
    std::unique_ptr<PgConnection> connection_;
  };

  // A connection: an idle one, or a new one while fewer than `size` exist. Throws PgError
  // (connection_lost) when a new connection cannot be opened.
  Lease acquire();

 private:
  void release(std::unique_ptr<PgConnection> connection);

  const std::string connection_url_;
  const std::size_t size_;
  Mutex mutex_;
  std::condition_variable slot_freed_;
  std::vector<std::unique_ptr<PgConnection>> idle_ CRUDDUR_GUARDED_BY(mutex_);
  std::size_t open_or_opening_ CRUDDUR_GUARDED_BY(mutex_) = 0;  // idle + leased + being opened
};

}  // namespace cruddur::users::postgres
