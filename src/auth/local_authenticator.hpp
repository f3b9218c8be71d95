#pragma once
// Authenticates the access tokens of local accounts (token_signer.hpp): the token must verify and its user
// must still exist in the directory. Tokens that verified are remembered (exact token text -> user and
// expiry, up to kVerifiedCapacity of them for kVerifiedTtl), so a client's every request does not recompute
// the HMAC; a remembered token is still refused from its expiry on, and once it is revoked (sign-out:
// checked on every request against TokenRevocations, remembered or not). Forged or malformed tokens are
// never remembered, so they cannot crowd out real ones.
// Thread-safety: authenticate may be called from any thread and coroutine at once. The referenced signer,
// directory, revocations and clock must outlive the authenticator.

#include "auth/authenticator.hpp"
#include "auth/token_revocations.hpp"
#include "auth/token_signer.hpp"
#include "core/clock.hpp"
#include "core/expiring_cache.hpp"
#include "users/directory.hpp"

namespace cruddur::auth {

class LocalAuthenticator final : public Authenticator {
 public:
  static constexpr Microseconds kVerifiedTtl = 5 * 60 * kMicrosPerSecond;
  static constexpr std::size_t kVerifiedCapacity = 100'000;

  LocalAuthenticator(const TokenSigner& signer, users::Directory& directory, TokenRevocations& revocations,
                     const Clock& clock);

  // Throws Error::unauthorized() for a malformed, forged, expired or revoked token, or one whose user is gone.
  boost::asio::awaitable<users::User> authenticate(std::string bearer_token) override;

 private:
  // What a correctly signed, unexpired token says, from memory or by verifying it (revocation not checked).
  std::optional<VerifiedToken> claims_of(const std::string& bearer_token);

  const TokenSigner& signer_;
  users::Directory& directory_;
  TokenRevocations& revocations_;
  const Clock& clock_;
  ExpiringCache<VerifiedToken> verified_;
};

}  // namespace cruddur::auth
