#include "auth/cognito/cognito_idp_client.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <chrono>

#include "auth/cognito/cognito_settings.hpp"
#include "net/http_client.hpp"
#include "net/url.hpp"

namespace cruddur::auth::cognito {

namespace json = boost::json;
namespace sigv4 = aws::sigv4;

namespace {

constexpr const char* kContentType = "application/x-amz-json-1.1";
constexpr const char* kTargetPrefix = "AWSCognitoIdentityProviderService.";

CognitoApiError error_from(const net::HttpResponse& response) {
  std::string type = "HTTP " + std::to_string(response.status);
  std::string message = response.body.substr(0, 200);
  boost::system::error_code ec;
  auto body = json::parse(response.body, ec);
  if (!ec && body.is_object()) {
    const auto& object = body.as_object();
    if (const auto* t = object.if_contains("__type"); t && t->is_string()) {
      std::string full(t->as_string());
      type = full.substr(full.rfind('#') == std::string::npos ? 0 : full.rfind('#') + 1);
    }
    for (const char* key : {"message", "Message"}) {
      if (const auto* m = object.if_contains(key); m && m->is_string()) message = std::string(m->as_string());
    }
  }
  return CognitoApiError(response.status, std::move(type), message);
}

}  // namespace

CognitoIdpClient::CognitoIdpClient(std::shared_ptr<net::HttpClient> http, std::string endpoint, std::string region,
                                   std::optional<sigv4::Credentials> credentials)
    : http_(std::move(http)),
      endpoint_(std::move(endpoint)),
      region_(std::move(region)) {
  if (credentials) signer_ = std::make_shared<const sigv4::Signer>(std::move(*credentials), region_, "cognito-idp");
  net::parse_url(endpoint_);  // throws std::invalid_argument for a malformed endpoint, at start
}

boost::asio::awaitable<json::object> CognitoIdpClient::call(std::string operation, json::object request) {
  const std::string body = json::serialize(request);
  const auto url = net::parse_url(endpoint_);

  net::HttpRequest http_request;
  http_request.method = "POST";
  http_request.url = endpoint_;
  http_request.headers = {{"Content-Type", kContentType}, {"X-Amz-Target", kTargetPrefix + operation}};
  if (signer_) {
    http_request.headers.emplace_back("Host", url.host_header());
    signer_->sign("POST", url.path(), url.query(), http_request.headers, body, std::chrono::system_clock::now());
  }
  http_request.body = body;

  auto response = co_await http_->send(std::move(http_request));
  if (response.status != 200) throw error_from(response);
  boost::system::error_code ec;
  auto answer = json::parse(response.body, ec);
  if (ec || !answer.is_object())
    throw CognitoApiError(response.status, "InvalidResponse", "Cognito " + operation + " answered non-JSON");
  co_return std::move(answer.as_object());
}

std::optional<sigv4::Credentials> resolve_cognito_admin_credentials(const CognitoSettings& settings,
                                                                    const aws::Environment& environment) {
  const std::string endpoint = settings.api_endpoint();
  const std::string region = settings.effective_region();
  // Reuse the AWS credential chain of aws_config.hpp, judged against the Cognito endpoint instead of
  // DynamoDB's (that is what decides whether dummy credentials will do).
  aws::Environment cognito_view = [&](const std::string& name) -> std::optional<std::string> {
    if (name == "AWS_ENDPOINT_URL_DYNAMODB") return endpoint;
    if (name == "AWS_REGION" && !region.empty()) return region;
    return environment(name);
  };
  try {
    auto config = aws::resolve_aws_config(cognito_view);
    if (aws::is_local_endpoint(endpoint) && config.credentials.access_key_id == "local" &&
        config.credentials.secret_access_key == "local")
      return std::nullopt;  // an emulator: nothing to sign with, nothing needed
    return config.credentials;
  } catch (const aws::AwsConfigError& error) {
    throw aws::AwsConfigError(std::string("Cognito admin credentials: ") + error.what());
  }
}

}  // namespace cruddur::auth::cognito
