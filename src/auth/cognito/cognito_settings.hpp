#pragma once
// Where a Cognito user pool lives and how strictly its tokens are checked. Plain values.
//
//   issuer     = issuer_override, else https://cognito-idp.<region>.amazonaws.com/<user_pool_id>
//   JWKS URL   = issuer + "/.well-known/jwks.json"
//   API        = endpoint_override, else https://cognito-idp.<region>.amazonaws.com/
//                (InitiateAuth, GetUser, ListUsers: POST with X-Amz-Target)
// For cognito-local: issuer_override = http://127.0.0.1:P/<pool id>, endpoint_override = http://127.0.0.1:P/.

#include <chrono>
#include <string>

namespace cruddur::auth::cognito {

struct CognitoSettings {
  std::string user_pool_id;       // AWS_COGNITO_USER_POOL_ID, "us-east-1_AbCdEf123"
  std::string client_id;          // AWS_COGNITO_USER_POOL_CLIENT_ID: access tokens must carry it
  std::string region;             // AWS_REGION; when empty, the pool id's prefix before '_'
  std::string issuer_override;    // local emulators
  std::string endpoint_override;  // local emulators

  // Leeway for exp / nbf / iat against our clock.
  std::chrono::seconds clock_skew{30};
  // An unknown `kid` refetches the JWKS at most once per this interval (forged kids cannot hammer Cognito).
  std::chrono::seconds jwks_min_refresh_interval{60};
  // Such a refetch gives up after this long (0: the HTTP client's own 3 s connect / 10 s request limits), and
  // after a failed one the next is allowed this much later; meanwhile unknown kids answer 503 (jwks_cache.hpp).
  std::chrono::milliseconds jwks_fetch_timeout{0};
  std::chrono::milliseconds jwks_retry_after_failure{1000};
  // Create the directory user of a valid token whose `sub` has no user (else 403 user_not_provisioned).
  bool auto_provision = false;

  // The region used for the AWS URLs and SigV4: `region`, else derived from the pool id; "" if neither.
  std::string effective_region() const;
  std::string issuer() const;
  std::string jwks_url() const;
  std::string api_endpoint() const;

  // Throws std::invalid_argument naming what is missing (pool id, client id, or a region when no override
  // supplies the URLs). Call at start.
  void validate() const;
};

}  // namespace cruddur::auth::cognito
