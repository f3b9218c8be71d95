#pragma once
// A Directory that remembers the users it found by uuid and by Cognito id: every authenticated request
// looks its caller up, and without this that lookup is a database read per request.
//
// Only found users are remembered (an unknown uuid or sub is asked again every time, so a user created
// by another instance is seen at once). A remembered user is served for up to `ttl`: users are never
// deleted and their handle and display name never change through the service, so ttl only bounds how
// long an edit made directly in the database goes unseen. Linking a Cognito id forgets the Cognito
// entries. Everything else is passed through.
//
// Thread-safety: as Directory. Owns the directory it wraps.

#include <memory>

#include "core/clock.hpp"
#include "core/expiring_cache.hpp"
#include "users/directory.hpp"

namespace cruddur::users {

class CachedDirectory final : public Directory {
 public:
  static constexpr Microseconds kDefaultTtl = 30 * kMicrosPerSecond;
  static constexpr std::size_t kDefaultCapacity = 100'000;

  CachedDirectory(std::unique_ptr<Directory> directory, const Clock& clock, Microseconds ttl = kDefaultTtl,
                  std::size_t capacity = kDefaultCapacity);

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
  std::unique_ptr<Directory> directory_;
  ExpiringCache<User> by_uuid_;
  ExpiringCache<User> by_cognito_id_;
};

}  // namespace cruddur::users
