#pragma once
// Verifies a Cognito user-pool access token (a JWT), as AWS documents it:
//   header:  alg exactly "RS256" (so "none" and HS256-with-the-public-key are refused), a `kid` found in the
//            pool's JWKS (refetched once, rate-limited, when unknown), no `crit`. Keys named inside the token
//            (jwk, jku, x5u, x5c) are never used.
//   signature: RSASSA-PKCS1-v1_5 SHA-256 under that key.
//   claims:  iss == the pool's issuer, token_use == "access" (an id token is refused), client_id == our app
//            client, exp in the future and nbf / iat not in the future (each with settings.clock_skew),
//            sub a non-empty string.
//
// Thread-safety: verify may be called from any thread and coroutine at once. The cache and clock must
// outlive the verifier.

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>

#include <optional>
#include <string>

#include "auth/cognito/cognito_settings.hpp"
#include "auth/cognito/jwks_cache.hpp"
#include "core/clock.hpp"

namespace cruddur::auth::cognito {

struct AccessTokenClaims {
  std::string sub;       // the Cognito user's immutable id: users.cognito_user_id
  std::string username;  // the Cognito user name
  std::optional<std::string> preferred_username;  // rarely in access tokens; id tokens carry it
};

// Why a token was refused; for logs and tests only -- callers answer every reason with the same 401.
enum class Rejection {
  malformed,          // not a JWT, or header/claims not JSON objects
  algorithm,          // alg is not RS256 (none, HS256, ...) or a `crit` header is present
  unknown_key,        // no `kid`, or a kid the pool's JWKS does not have
  bad_signature,
  wrong_issuer,
  not_access_token,   // token_use != "access" (id tokens, refresh tokens)
  wrong_client,
  expired,
  not_yet_valid,      // nbf or iat in the future
  missing_subject,
};
const char* to_string(Rejection rejection);

// Thrown by verify (AccessTokenVerifier callers translate it to Error::unauthorized()).
class TokenRejected : public std::runtime_error {
 public:
  explicit TokenRejected(Rejection reason) : std::runtime_error(to_string(reason)), reason_(reason) {}
  Rejection reason() const { return reason_; }

 private:
  Rejection reason_;
};

// The claim checks alone (after the signature verified): throws TokenRejected.
AccessTokenClaims check_access_token_claims(const boost::json::object& claims, const CognitoSettings& settings,
                                            Microseconds now);

class AccessTokenVerifier {
 public:
  AccessTokenVerifier(CognitoSettings settings, JwksCache& keys, const Clock& clock);

  // Throws TokenRejected for any token that is not a valid access token of our pool and client, and
  // JwksError when no keys could ever be loaded (the server's fault: 503, not 401).
  boost::asio::awaitable<AccessTokenClaims> verify(std::string token);

 private:
  const CognitoSettings settings_;
  JwksCache& keys_;
  const Clock& clock_;
};

}  // namespace cruddur::auth::cognito
