#pragma once
// The Cognito user-pool JSON API (AWSCognitoIdentityProviderService): POST <endpoint> with
// Content-Type application/x-amz-json-1.1 and X-Amz-Target AWSCognitoIdentityProviderService.<Operation>.
// Admin operations (ListUsers) need a SigV4 signature (service "cognito-idp") with an IAM principal's
// credentials; token-authorised ones (GetUser, InitiateAuth) need none. cognito-local checks no signatures.
//
// Thread-safety: call may be used from any thread and coroutine at once. The HttpClient is shared.

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "aws/aws_config.hpp"
#include "aws/sigv4.hpp"

namespace cruddur::net {
class HttpClient;
}

namespace cruddur::auth::cognito {

struct CognitoSettings;

// An error answer from Cognito: `type` is the part of __type after '#' ("NotAuthorizedException",
// "UserNotFoundException", "ResourceNotFoundException", ...).
class CognitoApiError : public std::runtime_error {
 public:
  CognitoApiError(int status, std::string type, const std::string& message)
      : std::runtime_error(type + ": " + message), status_(status), type_(std::move(type)) {}
  int status() const { return status_; }
  const std::string& type() const { return type_; }

 private:
  int status_;
  std::string type_;
};

class CognitoIdpClient {
 public:
  // `endpoint`: http(s)://host[:port]/ (CognitoSettings::api_endpoint()). Requests are signed when
  // `credentials` are given, for `region`.
  CognitoIdpClient(std::shared_ptr<net::HttpClient> http, std::string endpoint, std::string region,
                   std::optional<aws::sigv4::Credentials> credentials = std::nullopt);

  // One operation. Throws CognitoApiError for an error answer, net::HttpError when no answer came.
  boost::asio::awaitable<boost::json::object> call(std::string operation, boost::json::object request);

 private:
  std::shared_ptr<net::HttpClient> http_;
  std::string endpoint_;
  std::string region_;
  std::shared_ptr<const aws::sigv4::Signer> signer_;  // null: requests go unsigned
};

// Credentials for the admin operations, found like every AWS tool finds them (aws/aws_config.hpp:
// environment, then the shared credentials/config files of AWS_PROFILE), judged against the Cognito API
// endpoint: none are needed for a local emulator (nullopt then, unless some are configured); for AWS they
// are required. Throws aws::AwsConfigError when AWS needs credentials and none are found.
std::optional<aws::sigv4::Credentials> resolve_cognito_admin_credentials(
    const CognitoSettings& settings,
    const aws::Environment& environment = aws::process_environment());

}  // namespace cruddur::auth::cognito
