#pragma once
// The embedded user directory: one SQLite file (the app passes `<data>/users.sqlite3`), WAL mode.
//
// Thread-safety: any number of threads and coroutines may call it at once. Each operation runs on one of the
// directory's own threads (kThreads) with a connection borrowed from a pool, and resumes the caller on the
// caller's executor: SQLite's busy waits (up to 5 s) and disk I/O never block an io thread.
// Errors: the file's faults (busy past the timeout, locked, I/O, disk full, cannot open) throw
// Error::unavailable() (503 service_unavailable, logged as a warning); other errors than the outcomes the
// interface names throw sqlite::Error or std::runtime_error (500).

#include <memory>
#include <string>

namespace boost::asio {
class thread_pool;
}
namespace cruddur::sqlite {
class ConnectionPool;
}

#include "users/directory.hpp"

namespace cruddur::users::sqlite {

class SqliteDirectory final : public Directory {
 public:
  // Opens (creating if missing) the file; the schema is created by schema_load().
  explicit SqliteDirectory(std::string database_path);
  ~SqliteDirectory() override;

  // Applies the pending versioned migrations (see user_migrations.hpp).
  Task<void> schema_load() override;
  Task<CreateStatus> create(Account account) override;
  Task<std::optional<User>> find_by_uuid(std::string uuid) override;
  Task<std::optional<User>> find_by_handle(std::string handle) override;
  Task<std::optional<Account>> find_account_by_login(std::string login) override;
  Task<std::optional<User>> find_by_cognito_user_id(std::string sub) override;
  Task<LinkStatus> set_cognito_user_id(std::string handle, std::string sub) override;
  // Every user, ordered by handle.
  Task<std::vector<User>> list_users() override;
  Task<std::vector<Account>> list_accounts(std::string after_handle, int limit) override;
  Task<void> revoke_token(std::string token_id, std::int64_t expires_at) override;
  Task<std::vector<RevokedToken>> revoked_tokens_since(std::int64_t since) override;

 private:
  static constexpr int kThreads = 2;
  template <typename Work>
  auto run(Work work);

  std::unique_ptr<::cruddur::sqlite::ConnectionPool> pool_;
  std::unique_ptr<boost::asio::thread_pool> threads_;  // joined before pool_ goes
};

}  // namespace cruddur::users::sqlite
