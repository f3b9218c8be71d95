#include "users/observed_directory.hpp"

#include "core/error.hpp"

namespace cruddur::users {

namespace {

enum Op : std::size_t {
  schema_load_op, create_op, find_by_uuid_op, find_by_handle_op, find_account_by_login_op,
  find_by_cognito_user_id_op, set_cognito_user_id_op, list_users_op, revoke_token_op, revoked_tokens_since_op,
  list_accounts_op,
};

std::vector<std::string> op_names() {
  return {"schema_load", "create", "find_by_uuid", "find_by_handle", "find_account_by_login",
          "find_by_cognito_user_id", "set_cognito_user_id", "list_users", "revoke_token", "revoked_tokens_since",
          "list_accounts"};
}

std::string_view error_outcome(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const Error& e) {
    if (e.status() == 503) return "unavailable";
  } catch (...) {
  }
  return "error";
}

}  // namespace

ObservedDirectory::ObservedDirectory(std::unique_ptr<Directory> directory, metrics::Registry& registry)
    : directory_(std::move(directory)), metrics_(registry, "cruddur_directory", "User directory", op_names()) {}

template <typename T>
Task<T> ObservedDirectory::observe(std::size_t op, Task<T> call) {
  return metrics::timed(metrics_, op, std::move(call), [](const auto&) { return std::string_view("ok"); },
                        error_outcome);
}

Task<void> ObservedDirectory::schema_load() { return observe(schema_load_op, directory_->schema_load()); }
Task<CreateStatus> ObservedDirectory::create(Account account) {
  return observe(create_op, directory_->create(std::move(account)));
}
Task<std::optional<User>> ObservedDirectory::find_by_uuid(std::string uuid) {
  return observe(find_by_uuid_op, directory_->find_by_uuid(std::move(uuid)));
}
Task<std::optional<User>> ObservedDirectory::find_by_handle(std::string handle) {
  return observe(find_by_handle_op, directory_->find_by_handle(std::move(handle)));
}
Task<std::optional<Account>> ObservedDirectory::find_account_by_login(std::string login) {
  return observe(find_account_by_login_op, directory_->find_account_by_login(std::move(login)));
}
Task<std::optional<User>> ObservedDirectory::find_by_cognito_user_id(std::string sub) {
  return observe(find_by_cognito_user_id_op, directory_->find_by_cognito_user_id(std::move(sub)));
}
Task<LinkStatus> ObservedDirectory::set_cognito_user_id(std::string handle, std::string sub) {
  return observe(set_cognito_user_id_op, directory_->set_cognito_user_id(std::move(handle), std::move(sub)));
}
Task<std::vector<User>> ObservedDirectory::list_users() { return observe(list_users_op, directory_->list_users()); }
Task<std::vector<Account>> ObservedDirectory::list_accounts(std::string after_handle, int limit) {
  return observe(list_accounts_op, directory_->list_accounts(std::move(after_handle), limit));
}
Task<void> ObservedDirectory::revoke_token(std::string token_id, std::int64_t expires_at) {
  return observe(revoke_token_op, directory_->revoke_token(std::move(token_id), expires_at));
}
Task<std::vector<RevokedToken>> ObservedDirectory::revoked_tokens_since(std::int64_t since) {
  return observe(revoked_tokens_since_op, directory_->revoked_tokens_since(since));
}

}  // namespace cruddur::users
