#include "auth/local_authenticator.hpp"

#include "core/error.hpp"

namespace cruddur::auth {

LocalAuthenticator::LocalAuthenticator(const TokenSigner& signer, users::Directory& directory, const Clock& clock)
    : signer_(signer), directory_(directory), clock_(clock), verified_(clock, kVerifiedTtl, kVerifiedCapacity) {}

std::optional<std::string> LocalAuthenticator::user_of(const std::string& bearer_token) {
  const Microseconds now = clock_.now();
  if (auto known = verified_.find(bearer_token)) {
    if (now < known->expires_at) return std::move(known->user_uuid);
    return std::nullopt;  // expired: no need to check the signature again
  }
  auto claims = signer_.verify_claims(bearer_token, now);
  if (!claims) return std::nullopt;
  verified_.store(bearer_token, *claims);
  return std::move(claims->user_uuid);
}

boost::asio::awaitable<users::User> LocalAuthenticator::authenticate(std::string bearer_token) {
  const auto user_uuid = user_of(bearer_token);
  if (!user_uuid) throw Error::unauthorized();
  auto user = co_await directory_.find_by_uuid(*user_uuid);
  if (!user) throw Error::unauthorized();
  co_return std::move(*user);
}

}  // namespace cruddur::auth
