#include "auth/local_authenticator.hpp"

#include "core/error.hpp"

namespace cruddur::auth {

LocalAuthenticator::LocalAuthenticator(const TokenSigner& signer, users::Directory& directory,
                                       TokenRevocations& revocations, const Clock& clock)
    : signer_(signer),
      directory_(directory),
      revocations_(revocations),
      clock_(clock),
      verified_(clock, kVerifiedTtl, kVerifiedCapacity) {}

std::optional<VerifiedToken> LocalAuthenticator::claims_of(const std::string& bearer_token) {
  const Microseconds now = clock_.now();
  if (auto known = verified_.find(bearer_token)) {
    if (now < known->expires_at) return known;
    return std::nullopt;  // expired: no need to check the signature again
  }
  auto claims = signer_.verify_claims(bearer_token, now);
  if (!claims) return std::nullopt;
  verified_.store(bearer_token, *claims);
  return claims;
}

boost::asio::awaitable<users::User> LocalAuthenticator::authenticate(std::string bearer_token) {
  auto claims = claims_of(bearer_token);
  if (!claims) throw Error::unauthorized();
  if (co_await revocations_.is_revoked(claims->token_id)) throw Error::unauthorized();
  auto user = co_await directory_.find_by_uuid(claims->user_uuid);
  if (!user) throw Error::unauthorized();
  co_return std::move(*user);
}

}  // namespace cruddur::auth
