#include "auth/local_authenticator.hpp"

#include "core/error.hpp"

namespace cruddur::auth {

LocalAuthenticator::LocalAuthenticator(const TokenSigner& signer, users::Directory& directory, const Clock& clock)
    : signer_(signer), directory_(directory), clock_(clock) {}

boost::asio::awaitable<users::User> LocalAuthenticator::authenticate(std::string bearer_token) {
  const auto user_uuid = signer_.verify(bearer_token, clock_.now());
  if (!user_uuid) throw Error::unauthorized();
  auto user = co_await directory_.find_by_uuid(*user_uuid);
  if (!user) throw Error::unauthorized();
  co_return std::move(*user);
}

}  // namespace cruddur::auth
