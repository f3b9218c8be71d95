#pragma once
// A Directory that records every operation of the Directory it wraps (doc/observability.md "Users"):
//   cruddur_directory_operations_total{op,outcome}, cruddur_directory_operation_duration_seconds{op}
// op: the method names (schema_load, create, find_by_uuid, find_by_handle, find_account_by_login,
// find_by_cognito_user_id, set_cognito_user_id, list_users, revoke_token, revoked_tokens_since). outcome: ok (also "not found", "handle taken":
// answers, not failures), unavailable (a cruddur::Error 503: the database is unreachable), or error.
// Wrapped under users::CachedDirectory, it counts what reaches the database, not cache hits.
//
// Thread-safety: as Directory. Owns the directory it wraps; `registry` must outlive it.

#include <memory>

#include "core/operation_metrics.hpp"
#include "users/directory.hpp"

namespace cruddur::users {

class ObservedDirectory final : public Directory {
 public:
  ObservedDirectory(std::unique_ptr<Directory> directory, metrics::Registry& registry);

  Task<void> schema_load() override;
  Task<CreateStatus> create(Account account) override;
  Task<std::optional<User>> find_by_uuid(std::string uuid) override;
  Task<std::optional<User>> find_by_handle(std::string handle) override;
  Task<std::optional<Account>> find_account_by_login(std::string login) override;
  Task<std::optional<User>> find_by_cognito_user_id(std::string sub) override;
  Task<LinkStatus> set_cognito_user_id(std::string handle, std::string sub) override;
  Task<std::vector<User>> list_users() override;
  Task<std::vector<Account>> list_accounts(std::string after_handle, int limit) override;
  Task<void> revoke_token(std::string token_id, std::int64_t expires_at) override;
  Task<std::vector<RevokedToken>> revoked_tokens_since(std::int64_t since) override;

 private:
  template <typename T>
  Task<T> observe(std::size_t op, Task<T> call);

  std::unique_ptr<Directory> directory_;
  metrics::OperationMetrics metrics_;
};

}  // namespace cruddur::users
