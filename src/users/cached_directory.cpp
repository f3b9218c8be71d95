#include "users/cached_directory.hpp"

namespace cruddur::users {

CachedDirectory::CachedDirectory(std::unique_ptr<Directory> directory, const Clock& clock, Microseconds ttl,
                                 std::size_t capacity)
    : directory_(std::move(directory)), by_uuid_(clock, ttl, capacity), by_cognito_id_(clock, ttl, capacity) {}

Task<void> CachedDirectory::schema_load() { co_await directory_->schema_load(); }

Task<CreateStatus> CachedDirectory::create(Account account) {
  co_return co_await directory_->create(std::move(account));
}

namespace {

// The user under `key` in `cache`, else what `lookup` finds (remembered when found).
template <typename Lookup>
Task<std::optional<User>> remembered(ExpiringCache<User>& cache, std::string key, Lookup lookup) {
  if (auto user = cache.find(key)) co_return user;
  std::optional<User> user = co_await lookup(key);
  if (user) cache.store(std::move(key), *user);
  co_return user;
}

}  // namespace

Task<std::optional<User>> CachedDirectory::find_by_uuid(std::string uuid) {
  auto lookup = [this](const std::string& key) { return directory_->find_by_uuid(key); };
  return remembered(by_uuid_, std::move(uuid), lookup);
}

Task<std::optional<User>> CachedDirectory::find_by_handle(std::string handle) {
  co_return co_await directory_->find_by_handle(std::move(handle));
}

Task<std::optional<Account>> CachedDirectory::find_account_by_login(std::string login) {
  co_return co_await directory_->find_account_by_login(std::move(login));
}

Task<std::optional<User>> CachedDirectory::find_by_cognito_user_id(std::string sub) {
  auto lookup = [this](const std::string& key) { return directory_->find_by_cognito_user_id(key); };
  return remembered(by_cognito_id_, std::move(sub), lookup);
}

Task<LinkStatus> CachedDirectory::set_cognito_user_id(std::string handle, std::string sub) {
  LinkStatus status = co_await directory_->set_cognito_user_id(std::move(handle), std::move(sub));
  by_cognito_id_.clear();  // a sub may now name another user
  co_return status;
}

Task<std::vector<User>> CachedDirectory::list_users() { co_return co_await directory_->list_users(); }

Task<std::vector<Account>> CachedDirectory::list_accounts(std::string after_handle, int limit) {
  co_return co_await directory_->list_accounts(std::move(after_handle), limit);
}

Task<void> CachedDirectory::revoke_token(std::string token_id, std::int64_t expires_at) {
  co_await directory_->revoke_token(std::move(token_id), expires_at);
}

Task<std::vector<RevokedToken>> CachedDirectory::revoked_tokens_since(std::int64_t since) {
  co_return co_await directory_->revoked_tokens_since(since);
}

}  // namespace cruddur::users
