#include "auth/cognito/jwt.hpp"

#include <boost/json/parse.hpp>

#include "core/base64url.hpp"

namespace cruddur::auth::cognito {

namespace {

std::optional<boost::json::object> decode_object(std::string_view segment) {
  auto bytes = base64url::decode(segment);
  if (!bytes) return std::nullopt;
  boost::system::error_code ec;
  auto value = boost::json::parse(*bytes, ec);
  if (ec || !value.is_object()) return std::nullopt;
  return std::move(value.as_object());
}

}  // namespace

std::optional<DecodedJwt> decode_jwt(std::string_view token) {
  if (token.empty() || token.size() > kMaxTokenBytes) return std::nullopt;
  const auto first_dot = token.find('.');
  if (first_dot == std::string_view::npos) return std::nullopt;
  const auto second_dot = token.find('.', first_dot + 1);
  if (second_dot == std::string_view::npos || token.find('.', second_dot + 1) != std::string_view::npos)
    return std::nullopt;

  auto header = decode_object(token.substr(0, first_dot));
  auto claims = decode_object(token.substr(first_dot + 1, second_dot - first_dot - 1));
  auto signature = base64url::decode(token.substr(second_dot + 1));
  if (!header || !claims || !signature || signature->empty()) return std::nullopt;
  return DecodedJwt{std::move(*header), std::move(*claims), std::string(token.substr(0, second_dot)),
                    std::move(*signature)};
}

}  // namespace cruddur::auth::cognito
