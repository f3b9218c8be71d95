#pragma once
// Sign-in with an Amazon Cognito user pool (--auth cognito): the bearer token is a Cognito access token,
// verified against the pool's JWKS (access_token_verifier.hpp), and the caller is the directory user whose
// cognito_user_id is the token's `sub`.
//
//   invalid token (any reason)             -> Error::unauthorized()                      401
//   valid token, no user with that sub     -> Error::forbidden("user_not_provisioned")   403
//     ... unless settings.auto_provision: the user is created from the pool's record of the caller (GetUser
//     with the same token: preferred_username, else the Cognito username, as handle; name as display name,
//     else the handle; email when present). When that handle is not a valid handle or is taken by another
//     user, or the email by another account, it stays 403 user_not_provisioned: an existing local user is
//     never taken over by a token; `cruddur db update-cognito-user-ids` links those.
//   JWKS never loadable / Cognito unreachable while provisioning -> Error::unavailable(...)  503
//
// Thread-safety: authenticate may be called from any thread and coroutine at once. The directory and clock
// must outlive the authenticator; destroy it only when no authenticate is in flight.

#include <boost/asio/awaitable.hpp>

#include <memory>

#include "auth/authenticator.hpp"
#include "auth/cognito/access_token_verifier.hpp"
#include "auth/cognito/cognito_idp_client.hpp"
#include "auth/cognito/cognito_settings.hpp"
#include "auth/cognito/jwks_cache.hpp"
#include "auth/cognito/jwks_source.hpp"
#include "core/clock.hpp"
#include "users/directory.hpp"

namespace cruddur::auth::cognito {

class CognitoAuthenticator final : public Authenticator {
 public:
  // `jwks`: where the pool's keys come from. `api`: used for GetUser when settings.auto_provision (may be
  // null otherwise).
  CognitoAuthenticator(CognitoSettings settings, std::shared_ptr<JwksSource> jwks,
                       std::shared_ptr<CognitoIdpClient> api, users::Directory& directory, const Clock& clock);

  // Fetches the JWKS now. Call once at start so that a wrong pool or an unreachable Cognito fails the start
  // (throws what JwksCache::refresh throws); without it the first request fetches.
  boost::asio::awaitable<void> load_keys();

  boost::asio::awaitable<users::User> authenticate(std::string bearer_token) override;

  const JwksCache& keys() const { return keys_; }
  const CognitoSettings& settings() const { return settings_; }

 private:
  boost::asio::awaitable<users::User> provision(const std::string& access_token, const AccessTokenClaims& claims);

  const CognitoSettings settings_;
  std::shared_ptr<JwksSource> jwks_;
  JwksCache keys_;
  AccessTokenVerifier verifier_;
  std::shared_ptr<CognitoIdpClient> api_;
  users::Directory& directory_;
  const Clock& clock_;
};

// The production wiring: JWKS over HTTP(S) from settings.jwks_url() and an unsigned API client for
// settings.api_endpoint(), sharing one net::HttpClient. Validates the settings (throws
// std::invalid_argument). Does not fetch yet: co_await load_keys() at start.
std::unique_ptr<CognitoAuthenticator> make_cognito_authenticator(const CognitoSettings& settings,
                                                                 users::Directory& directory, const Clock& clock);

}  // namespace cruddur::auth::cognito
