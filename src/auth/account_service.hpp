#pragma once
// Local accounts: sign-up and sign-in with a password, answered with one of our signed access tokens.
//
// Password hashing and verification (argon2id, deliberately slow) run on the HashingQueue, under the
// request's `client`; the calling coroutine resumes on its own executor afterwards, so io threads never do
// the slow work. A full queue refuses the request (429 / 503 service_busy, hashing_queue.hpp).
// Thread-safety: any number of coroutines on any threads may call signup/signin at once. The referenced
// directory, signer, clock and queue must outlive the service.
// Calling from a coroutine: pass a named request (`co_await service.signup(std::move(request))`), not a
// braced temporary; GCC 12 destroys an aggregate prvalue argument of a coroutine twice inside co_await.

#include <boost/asio/awaitable.hpp>

#include "auth/account_requests.hpp"
#include "auth/hashing_queue.hpp"
#include "auth/token_revocations.hpp"
#include "auth/token_signer.hpp"
#include "core/clock.hpp"
#include "users/directory.hpp"

namespace cruddur::auth {

class AccountService {
 public:
  AccountService(users::Directory& directory, const TokenSigner& signer, const Clock& clock,
                 HashingQueue& hashing, TokenRevocations& revocations);

  // Creates the account and signs it in. Throws Error::validation (422) listing every failing rule of
  // account_rules.hpp, Error::conflict("handle_taken") or Error::conflict("email_taken") (409, decided
  // atomically by the directory, case-insensitively).
  boost::asio::awaitable<AuthResult> signup(SignupRequest request);

  // Signs in by handle or email. Throws Error::validation with login_blank / password_blank (422), or
  // Error(401, {"invalid_credentials"}) for an unknown login or a wrong password alike: both cost one
  // password verification (an unknown login is checked against a dummy hash made at construction), so
  // neither the answer nor its timing tells whether the account exists.
  boost::asio::awaitable<AuthResult> signin(SigninRequest request);

  // Signs out: revokes `bearer_token` on every instance (token_revocations.hpp). Idempotent: a token
  // already revoked is accepted again. Throws Error::unauthorized() for a malformed, forged or expired token.
  boost::asio::awaitable<void> signout(std::string bearer_token);

 private:
  AuthResult signed_in(users::User user) const;

  users::Directory& directory_;
  const TokenSigner& signer_;
  const Clock& clock_;
  HashingQueue& hashing_;
  TokenRevocations& revocations_;
};

}  // namespace cruddur::auth
