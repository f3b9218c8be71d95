#pragma once
// A JSON Web Key Set (RFC 7517) as the RS256 verification keys it holds, by `kid`. Pure.

#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

#include "auth/cognito/rsa_public_key.hpp"

namespace cruddur::auth::cognito {

using KeySet = std::map<std::string, RsaPublicKey, std::less<>>;

class JwksError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The usable keys of a JWKS document: kty "RSA" with a kid, n and e, and (when given) use "sig" and alg
// "RS256", of at least RsaPublicKey::kMinBits. Other keys are skipped. Throws JwksError when the document
// is not a JSON object with a "keys" array.
KeySet parse_jwks(std::string_view document);

}  // namespace cruddur::auth::cognito
