#pragma once
// Local accounts: sign-up and sign-in with a password, answered with one of our signed access tokens.
//
// Password hashing and verification (argon2id, deliberately slow) run on `hashing_pool`; the calling
// coroutine resumes on its own executor afterwards, so io threads never do the slow work.
// Thread-safety: any number of coroutines on any threads may call signup/signin at once. The referenced
// directory, signer, clock and pool must outlive the service.
// Calling from a coroutine: pass a named request (`co_await service.signup(std::move(request))`), not a
// braced temporary; GCC 12 destroys an aggregate prvalue argument of a coroutine twice inside co_await.

#include <boost/asio/awaitable.hpp>

#include "auth/account_requests.hpp"
#include "auth/token_signer.hpp"
#include "core/clock.hpp"
#include "users/directory.hpp"

namespace boost::asio {
class thread_pool;
}

namespace cruddur::auth {

class AccountService {
 public:
  AccountService(users::Directory& directory, const TokenSigner& signer, const Clock& clock,
                 boost::asio::thread_pool& hashing_pool);

  // Creates the account and signs it in. Throws Error::validation (422) listing every failing rule of
  // account_rules.hpp, Error::conflict("handle_taken") or Error::conflict("email_taken") (409, decided
  // atomically by the directory, case-insensitively).
  boost::asio::awaitable<AuthResult> signup(SignupRequest request);

  // Signs in by handle or email. Throws Error::validation with login_blank / password_blank (422), or
  // Error(401, {"invalid_credentials"}) for an unknown login or a wrong password alike: both cost one
  // password verification, so neither the answer nor its timing tells whether the account exists.
  boost::asio::awaitable<AuthResult> signin(SigninRequest request);

 private:
  AuthResult signed_in(users::User user) const;

  users::Directory& directory_;
  const TokenSigner& signer_;
  const Clock& clock_;
  boost::asio::thread_pool& hashing_pool_;
};

}  // namespace cruddur::auth
