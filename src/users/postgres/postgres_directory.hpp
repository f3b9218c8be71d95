#pragma once
// The user directory on PostgreSQL (libpq), for deployments that run several `cruddur serve` processes
// against one database. Selected by CONNECTION_URL; the embedded SQLite directory stays the default.
//
// Threading: every query runs on the directory's own threads (`pool_size` of them, one per pooled
// connection), never on the caller's thread; the awaiting coroutine resumes on its own executor. So a slow
// or unreachable database never blocks an io thread. Any number of threads and coroutines may call it at
// once; calls beyond `pool_size` queue.
//
// Failure: when PostgreSQL cannot be reached (down, restarting, refusing), an operation throws
// Error::unavailable() (503 service_unavailable). A connection found broken (e.g. after a server
// restart) is closed and the operation retried once on a fresh connection, so the directory recovers by
// itself once the server is back. Every retried operation is idempotent (create recognises its own row).
// Other database errors throw PgError (a std::runtime_error: 500).
//
// Lifetime: destroy the directory only when no operation is in flight (the destructor joins its threads).

#include <memory>
#include <string>

#include "users/directory.hpp"

namespace boost::asio {
class thread_pool;
}

namespace cruddur::users::postgres {

class PgConnectionPool;

class PostgresDirectory final : public Directory {
 public:
  // `connection_url`: a libpq URI (postgresql://user:pass@host:port/db?sslmode=...) or key=value string;
  // throws std::invalid_argument when it does not parse. Connects lazily: PostgreSQL may be down now.
  PostgresDirectory(std::string connection_url, int pool_size);
  ~PostgresDirectory() override;

  // Applies the pending versioned migrations (pg_migrations.hpp); harmless when the schema is current.
  Task<void> schema_load() override;
  Task<CreateStatus> create(Account account) override;
  Task<std::optional<User>> find_by_uuid(std::string uuid) override;
  Task<std::optional<User>> find_by_handle(std::string handle) override;
  Task<std::optional<Account>> find_account_by_login(std::string login) override;
  Task<std::optional<User>> find_by_cognito_user_id(std::string sub) override;
  Task<LinkStatus> set_cognito_user_id(std::string handle, std::string sub) override;
  // Every user, ordered by handle (bytewise, like the SQLite directory).
  Task<std::vector<User>> list_users() override;
  Task<std::vector<Account>> list_accounts(std::string after_handle, int limit) override;
  Task<void> revoke_token(std::string token_id, std::int64_t expires_at) override;
  Task<std::vector<RevokedToken>> revoked_tokens_since(std::int64_t since) override;

 private:
  template <typename Work>
  auto run(Work work);

  std::unique_ptr<PgConnectionPool> connections_;
  std::unique_ptr<boost::asio::thread_pool> threads_;
};

// The factory the app uses for CONNECTION_URL (pool_size >= 1: connections and query threads).
std::unique_ptr<Directory> make_postgres_directory(std::string connection_url, int pool_size);

}  // namespace cruddur::users::postgres
