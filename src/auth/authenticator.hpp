#pragma once
// Who is calling: turns the bearer token of a request into the calling user.
// Implementations: LocalAuthenticator (our own signed tokens), CognitoAuthenticator (JWTs, issue 5).
// Thread-safety: authenticate may be called from any thread and coroutine at once.

#include <boost/asio/awaitable.hpp>

#include <string>

#include "users/user.hpp"

namespace cruddur::auth {

class Authenticator {
 public:
  virtual ~Authenticator() = default;
  // The caller for `bearer_token` (the text after "Bearer "). Throws Error::unauthorized() for a missing,
  // malformed, expired or forged token (or a token of a user that no longer exists).
  virtual boost::asio::awaitable<users::User> authenticate(std::string bearer_token) = 0;
};

}  // namespace cruddur::auth
