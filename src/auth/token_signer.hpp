#pragma once
// Our own access tokens: short, opaque to clients, and impossible to forge without the key.
//
//   v2.<base64url(payload)>.<base64url(HMAC-SHA256(key, "v2." + base64url(payload)))>
//   payload = "<user uuid>|<expiry, unix seconds>|<token id>"
//
// The token id (jti) is 16 random bytes, base64url (22 characters): two tokens are never alike, even for
// one user in one second, and one token can be revoked by its id (sign-out, auth/token_revocations.hpp).
// A token is valid until (not including) its expiry second. The signature alone does not know about
// revocation: LocalAuthenticator checks that. v1 tokens (no id; made before sign-out existed) are refused.
//
// Thread-safety: immutable after construction; issue and verify may be called from any thread.

#include <sodium.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "auth/token_key.hpp"
#include "core/clock.hpp"

namespace cruddur::auth {

struct IssuedToken {
  std::string token;
  std::int64_t expires_in_seconds;
};

// What a valid token says: whose it is and until when it is valid (exclusive).
struct VerifiedToken {
  std::string user_uuid;
  Microseconds expires_at;
  std::string token_id;
};

class TokenSigner {
 public:
  static constexpr std::chrono::seconds kDefaultLifetime = std::chrono::hours(24);
  // Tokens longer than this are rejected without further work.
  static constexpr std::size_t kMaxTokenBytes = 512;

  // `lifetime` must be positive.
  explicit TokenSigner(TokenKey key, std::chrono::seconds lifetime = kDefaultLifetime);
  ~TokenSigner();  // wipes the keyed HMAC state
  TokenSigner(const TokenSigner&) = delete;
  TokenSigner& operator=(const TokenSigner&) = delete;

  // A token for `user_uuid` that expires `lifetime` after `now`.
  IssuedToken issue(std::string_view user_uuid, Microseconds now) const;

  // The user uuid of a well-formed, correctly signed, unexpired v1 token; nullopt for anything else.
  // The signature is compared in constant time.
  std::optional<std::string> verify(std::string_view token, Microseconds now) const;
  // The same check, also telling when the token expires.
  std::optional<VerifiedToken> verify_claims(std::string_view token, Microseconds now) const;

  std::chrono::seconds lifetime() const { return lifetime_; }

 private:
  std::string mac_of(std::string_view signed_part) const;  // base64url of the HMAC

  TokenKey key_;
  std::chrono::seconds lifetime_;
  // HMAC state after absorbing the key (computed once): each MAC copies it, saving two SHA-256 blocks per
  // request. Secret like the key; wiped by the destructor.
  crypto_auth_hmacsha256_state keyed_{};
};

}  // namespace cruddur::auth
