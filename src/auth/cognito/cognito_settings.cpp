#include "auth/cognito/cognito_settings.hpp"

#include <stdexcept>

namespace cruddur::auth::cognito {

namespace {
std::string without_trailing_slash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}
}  // namespace

std::string CognitoSettings::effective_region() const {
  if (!region.empty()) return region;
  const auto underscore = user_pool_id.find('_');  // pool ids are "<region>_<id>"
  return underscore == std::string::npos ? std::string() : user_pool_id.substr(0, underscore);
}

std::string CognitoSettings::issuer() const {
  if (!issuer_override.empty()) return without_trailing_slash(issuer_override);
  return "https://cognito-idp." + effective_region() + ".amazonaws.com/" + user_pool_id;
}

std::string CognitoSettings::jwks_url() const { return issuer() + "/.well-known/jwks.json"; }

std::string CognitoSettings::api_endpoint() const {
  if (!endpoint_override.empty()) return without_trailing_slash(endpoint_override) + "/";
  return "https://cognito-idp." + effective_region() + ".amazonaws.com/";
}

void CognitoSettings::validate() const {
  if (user_pool_id.empty()) throw std::invalid_argument("cognito: the user pool id is missing (AWS_COGNITO_USER_POOL_ID)");
  if (client_id.empty())
    throw std::invalid_argument("cognito: the app client id is missing (AWS_COGNITO_USER_POOL_CLIENT_ID)");
  if (effective_region().empty() && (issuer_override.empty() || endpoint_override.empty()))
    throw std::invalid_argument("cognito: the region is missing (AWS_REGION)");
}

}  // namespace cruddur::auth::cognito
