#include "auth/cognito/jwks_source.hpp"

#include <stdexcept>

#include "net/http_client.hpp"

namespace cruddur::auth::cognito {

HttpJwksSource::HttpJwksSource(std::shared_ptr<net::HttpClient> client, std::string url)
    : client_(std::move(client)), url_(std::move(url)) {}

boost::asio::awaitable<std::string> HttpJwksSource::fetch() { return get(std::nullopt); }

boost::asio::awaitable<std::string> HttpJwksSource::fetch_within(std::chrono::milliseconds timeout) {
  return get(timeout);
}

boost::asio::awaitable<std::string> HttpJwksSource::get(std::optional<std::chrono::milliseconds> timeout) {
  net::HttpRequest request;
  request.method = "GET";
  request.url = url_;
  request.timeout = timeout;
  request.headers.emplace_back("Accept", "application/json");
  net::HttpResponse response;
  try {
    response = co_await client_->send(std::move(request));
  } catch (const net::HttpError& error) {
    throw std::runtime_error("JWKS " + url_ + ": " + error.what());
  }
  if (response.status != 200)
    throw std::runtime_error("JWKS " + url_ + ": HTTP " + std::to_string(response.status));
  co_return std::move(response.body);
}

}  // namespace cruddur::auth::cognito
