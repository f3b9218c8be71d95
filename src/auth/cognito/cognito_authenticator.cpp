#include "auth/cognito/cognito_authenticator.hpp"

#include <spdlog/spdlog.h>

#include "auth/account_rules.hpp"
#include "auth/cognito/user_pool_client.hpp"
#include "core/error.hpp"
#include "core/uuid.hpp"
#include "net/http_client.hpp"

namespace cruddur::auth::cognito {

namespace {

std::string ascii_lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

Error not_provisioned() { return Error::forbidden("user_not_provisioned"); }

}  // namespace

CognitoAuthenticator::CognitoAuthenticator(CognitoSettings settings, std::shared_ptr<JwksSource> jwks,
                                           std::shared_ptr<CognitoIdpClient> api, users::Directory& directory,
                                           const Clock& clock)
    : settings_(std::move(settings)),
      jwks_(std::move(jwks)),
      keys_(*jwks_, clock, settings_.jwks_min_refresh_interval, settings_.jwks_fetch_timeout,
            settings_.jwks_retry_after_failure),
      verifier_(settings_, keys_, clock),
      api_(std::move(api)),
      directory_(directory),
      clock_(clock) {
  if (settings_.auto_provision && !api_)
    throw std::invalid_argument("cognito: auto-provisioning needs the Cognito API client");
}

boost::asio::awaitable<void> CognitoAuthenticator::load_keys() { co_await keys_.refresh(); }

boost::asio::awaitable<users::User> CognitoAuthenticator::authenticate(std::string bearer_token) {
  AccessTokenClaims claims;
  try {
    claims = co_await verifier_.verify(bearer_token);
  } catch (const TokenRejected& rejected) {
    spdlog::debug("cognito: token rejected: {}", rejected.what());
    throw Error::unauthorized();
  } catch (const JwksError& error) {
    spdlog::error("cognito: cannot verify tokens: {}", error.what());
    throw Error::unavailable("auth_keys_unavailable");
  }

  std::string sub = claims.sub;
  if (auto user = co_await directory_.find_by_cognito_user_id(std::move(sub))) co_return *user;
  if (!settings_.auto_provision) throw not_provisioned();
  co_return co_await provision(bearer_token, claims);
}

boost::asio::awaitable<users::User> CognitoAuthenticator::provision(const std::string& access_token,
                                                                    const AccessTokenClaims& claims) {
  PoolUser pool_user;
  try {
    pool_user = co_await get_user(*api_, access_token);
  } catch (const CognitoApiError& error) {
    // NotAuthorized: the token was revoked (global sign-out) though its signature is still valid.
    spdlog::info("cognito: GetUser refused a verified token: {}", error.what());
    if (error.status() >= 500) throw Error::unavailable("cognito_unavailable");
    throw Error::unauthorized();
  } catch (const net::HttpError& error) {
    spdlog::error("cognito: GetUser failed: {}", error.what());
    throw Error::unavailable("cognito_unavailable");
  }
  if (pool_user.sub != claims.sub) throw Error::unauthorized();

  const std::string handle = ascii_lower(pool_user.preferred_username.value_or(
      claims.preferred_username.value_or(pool_user.username.empty() ? claims.username : pool_user.username)));
  if (!is_valid_handle(handle)) {
    spdlog::info("cognito: cannot provision sub {}: '{}' is not a valid handle", claims.sub, handle);
    throw not_provisioned();
  }

  users::Account account;
  account.user.uuid = uuid::random_v4();
  account.user.handle = handle;
  account.user.display_name = pool_user.name && !pool_user.name->empty() ? *pool_user.name : handle;
  account.email = ascii_lower(pool_user.email.value_or(""));
  account.cognito_user_id = claims.sub;
  account.created_at = format_timestamp(clock_.now());

  // cognito_user_id_taken: a concurrent first request of the same person provisioned it (found below).
  const users::CreateStatus status = co_await directory_.create(account);
  if (status == users::CreateStatus::created) {
    spdlog::info("cognito: provisioned user {} for sub {}", handle, claims.sub);
    co_return account.user;
  }
  // A concurrent first request of the same person may have won the race; anyone else's handle stays theirs.
  std::string sub = claims.sub;
  if (auto user = co_await directory_.find_by_cognito_user_id(std::move(sub))) co_return *user;
  spdlog::info("cognito: cannot provision sub {}: handle '{}' or its email is taken", claims.sub, handle);
  throw not_provisioned();
}

std::unique_ptr<CognitoAuthenticator> make_cognito_authenticator(const CognitoSettings& settings,
                                                                 users::Directory& directory, const Clock& clock) {
  settings.validate();
  auto http = std::make_shared<net::HttpClient>();
  auto jwks = std::make_shared<HttpJwksSource>(http, settings.jwks_url());
  auto api = std::make_shared<CognitoIdpClient>(http, settings.api_endpoint(), settings.effective_region());
  return std::make_unique<CognitoAuthenticator>(settings, std::move(jwks), std::move(api), directory, clock);
}

}  // namespace cruddur::auth::cognito
