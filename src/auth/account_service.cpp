#include "auth/account_service.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "auth/account_rules.hpp"
#include "auth/password_hasher.hpp"
#include "core/error.hpp"
#include "core/uuid.hpp"

namespace cruddur::auth {

namespace {

// The slow password work, as coroutines to co_spawn onto the hashing pool. Plain functions taking their
// arguments by value (copied into the coroutine frame), so nothing they use lives on the caller's frame.
boost::asio::awaitable<std::string> hash_password(std::string password) {
  co_return PasswordHasher::hash(password);
}

// `hash` empty means "no local password": verify against the dummy hash anyway (same cost), then refuse.
boost::asio::awaitable<bool> verify_password(std::string hash, std::string password) {
  if (hash.empty()) {
    PasswordHasher::verify(PasswordHasher::dummy_hash(), password);
    co_return false;
  }
  co_return PasswordHasher::verify(hash, password);
}

// Runs `task` on `pool`; the awaiting coroutine resumes on its own executor with the result or exception.
template <typename T>
boost::asio::awaitable<T> on_pool(boost::asio::thread_pool& pool, boost::asio::awaitable<T> task) {
  co_return co_await boost::asio::co_spawn(pool, std::move(task), boost::asio::use_awaitable);
}

Error invalid_credentials() { return Error(401, {"invalid_credentials"}); }

}  // namespace

AccountService::AccountService(users::Directory& directory, const TokenSigner& signer, const Clock& clock,
                               boost::asio::thread_pool& hashing_pool)
    : directory_(directory), signer_(signer), clock_(clock), hashing_pool_(hashing_pool) {}

boost::asio::awaitable<AuthResult> AccountService::signup(SignupRequest request) {
  SignupRequest valid = normalize_signup(request);

  users::Account account;
  account.user = users::User{uuid::random_v4(), valid.handle, valid.display_name};
  account.email = valid.email;
  account.created_at = format_timestamp(clock_.now());
  // Named first: GCC 12 destroys a class prvalue passed by value to a coroutine inside co_await twice.
  auto hashing = hash_password(std::move(valid.password));
  account.password_hash = co_await on_pool(hashing_pool_, std::move(hashing));

  // No pre-check for taken handles or emails: that would race; the directory's create decides atomically.
  switch (co_await directory_.create(account)) {
    case users::CreateStatus::created:
      break;
    case users::CreateStatus::handle_taken:
      throw Error::conflict("handle_taken");
    case users::CreateStatus::email_taken:
      throw Error::conflict("email_taken");
  }
  co_return signed_in(std::move(account.user));
}

boost::asio::awaitable<AuthResult> AccountService::signin(SigninRequest request) {
  SigninRequest valid = normalize_signin(request);
  // No account can have a longer password (sign-up refuses them): answer without paying for a hash. This
  // reveals nothing about which accounts exist.
  if (valid.password.size() > kMaxPasswordBytes) throw invalid_credentials();

  std::optional<users::Account> account = co_await directory_.find_account_by_login(valid.login);
  // An unknown login, or an account without a local password (it signs in through Cognito), is checked
  // against a dummy hash so that it takes as long as a wrong password, then refused.
  const bool has_password = account && !account->password_hash.empty();
  auto verifying = verify_password(has_password ? account->password_hash : std::string(), std::move(valid.password));
  const bool matches = co_await on_pool(hashing_pool_, std::move(verifying));
  if (!matches) throw invalid_credentials();
  co_return signed_in(std::move(account->user));
}

AuthResult AccountService::signed_in(users::User user) const {
  IssuedToken token = signer_.issue(user.uuid, clock_.now());
  AuthResult result;
  result.access_token = std::move(token.token);
  result.expires_in = token.expires_in_seconds;
  result.user = std::move(user);
  return result;
}

}  // namespace cruddur::auth
