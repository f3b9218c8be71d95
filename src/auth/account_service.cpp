#include "auth/account_service.hpp"

#include <stdexcept>

#include "auth/account_rules.hpp"
#include "auth/password_hasher.hpp"
#include "core/error.hpp"
#include "core/uuid.hpp"

namespace cruddur::auth {

namespace {

// The slow password work, as jobs for the hashing queue. They own copies of what they use, so nothing
// they touch lives on the caller's frame.
std::function<std::string()> hash_password(std::string password) {
  return [password = std::move(password)] { return PasswordHasher::hash(password); };
}

// `hash` empty means "no local password": verify against the dummy hash anyway (same cost), then refuse.
std::function<bool()> verify_password(std::string hash, std::string password) {
  return [hash = std::move(hash), password = std::move(password)] {
    if (hash.empty()) {
      PasswordHasher::verify(PasswordHasher::dummy_hash(), password);
      return false;
    }
    return PasswordHasher::verify(hash, password);
  };
}

Error invalid_credentials() { return Error(401, {"invalid_credentials"}); }

}  // namespace

AccountService::AccountService(users::Directory& directory, const TokenSigner& signer, const Clock& clock,
                               HashingQueue& hashing, TokenRevocations& revocations)
    : directory_(directory), signer_(signer), clock_(clock), hashing_(hashing), revocations_(revocations) {
  // Made now, off the io threads, so that the first unknown login costs no more than a wrong password.
  hashing_.post([] { PasswordHasher::dummy_hash(); });
}

boost::asio::awaitable<AuthResult> AccountService::signup(SignupRequest request) {
  SignupRequest valid = normalize_signup(request);

  users::Account account;
  account.user = users::User{uuid::random_v4(), valid.handle, valid.display_name};
  account.email = valid.email;
  account.created_at = format_timestamp(clock_.now());
  // Named first: GCC 12 destroys a class prvalue passed by value to a coroutine inside co_await twice.
  auto hashing = hash_password(std::move(valid.password));
  account.password_hash = co_await hashing_.run(std::move(valid.client), std::move(hashing));

  // No pre-check for taken handles or emails: that would race; the directory's create decides atomically.
  switch (co_await directory_.create(account)) {
    case users::CreateStatus::created:
      break;
    case users::CreateStatus::handle_taken:
      throw Error::conflict("handle_taken");
    case users::CreateStatus::email_taken:
      throw Error::conflict("email_taken");
    case users::CreateStatus::cognito_user_id_taken:  // local accounts carry no Cognito id
      throw std::logic_error("a local sign-up clashed on a Cognito id");
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
  const bool matches = co_await hashing_.run(std::move(valid.client), std::move(verifying));
  if (!matches) throw invalid_credentials();
  co_return signed_in(std::move(account->user));
}

boost::asio::awaitable<void> AccountService::signout(std::string bearer_token) {
  auto claims = signer_.verify_claims(bearer_token, clock_.now());
  if (!claims) throw Error::unauthorized();
  co_await revocations_.revoke(std::move(claims->token_id), claims->expires_at);
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
