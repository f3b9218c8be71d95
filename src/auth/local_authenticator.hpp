#pragma once
// Authenticates the access tokens of local accounts (token_signer.hpp): the token must verify and its user
// must still exist in the directory.
// Thread-safety: authenticate may be called from any thread and coroutine at once. The referenced signer,
// directory and clock must outlive the authenticator.

#include "auth/authenticator.hpp"
#include "auth/token_signer.hpp"
#include "core/clock.hpp"
#include "users/directory.hpp"

namespace cruddur::auth {

class LocalAuthenticator final : public Authenticator {
 public:
  LocalAuthenticator(const TokenSigner& signer, users::Directory& directory, const Clock& clock);

  // Throws Error::unauthorized() for a malformed, forged or expired token, or one whose user is gone.
  boost::asio::awaitable<users::User> authenticate(std::string bearer_token) override;

 private:
  const TokenSigner& signer_;
  users::Directory& directory_;
  const Clock& clock_;
};

}  // namespace cruddur::auth
