#include "auth/cognito/access_token_verifier.hpp"

#include <cmath>
#include <limits>

#include "auth/cognito/jwt.hpp"

namespace cruddur::auth::cognito {

namespace json = boost::json;

const char* to_string(Rejection rejection) {
  switch (rejection) {
    case Rejection::malformed: return "malformed";
    case Rejection::algorithm: return "algorithm";
    case Rejection::unknown_key: return "unknown_key";
    case Rejection::bad_signature: return "bad_signature";
    case Rejection::wrong_issuer: return "wrong_issuer";
    case Rejection::not_access_token: return "not_access_token";
    case Rejection::wrong_client: return "wrong_client";
    case Rejection::expired: return "expired";
    case Rejection::not_yet_valid: return "not_yet_valid";
    case Rejection::missing_subject: return "missing_subject";
  }
  return "unknown";
}

namespace {

const json::string* string_claim(const json::object& object, std::string_view name) {
  const auto* value = object.if_contains(name);
  return value ? value->if_string() : nullptr;
}

// A NumericDate (seconds since the epoch; JSON integer or finite number) as whole seconds. nullopt when
// absent; throws TokenRejected(malformed) when present but not a number.
std::optional<std::int64_t> numeric_date(const json::object& claims, std::string_view name) {
  const auto* value = claims.if_contains(name);
  if (!value) return std::nullopt;
  if (value->is_int64()) return value->get_int64();
  if (value->is_uint64()) {
    return value->get_uint64() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())
               ? std::numeric_limits<std::int64_t>::max()
               : static_cast<std::int64_t>(value->get_uint64());
  }
  if (value->is_double() && std::isfinite(value->get_double()) && std::abs(value->get_double()) < 1e15)
    return static_cast<std::int64_t>(std::floor(value->get_double()));
  throw TokenRejected(Rejection::malformed);
}

}  // namespace

AccessTokenClaims check_access_token_claims(const json::object& claims, const CognitoSettings& settings,
                                            Microseconds now_micros) {
  const std::int64_t now = now_micros / kMicrosPerSecond;
  const std::int64_t skew = settings.clock_skew.count();

  const auto* issuer = string_claim(claims, "iss");
  if (!issuer || *issuer != settings.issuer()) throw TokenRejected(Rejection::wrong_issuer);
  const auto* token_use = string_claim(claims, "token_use");
  if (!token_use || *token_use != "access") throw TokenRejected(Rejection::not_access_token);
  const auto* client_id = string_claim(claims, "client_id");
  if (!client_id || *client_id != settings.client_id) throw TokenRejected(Rejection::wrong_client);

  const auto expires = numeric_date(claims, "exp");
  if (!expires || now >= *expires + skew) throw TokenRejected(Rejection::expired);
  if (const auto not_before = numeric_date(claims, "nbf"); not_before && now + skew < *not_before)
    throw TokenRejected(Rejection::not_yet_valid);
  if (const auto issued = numeric_date(claims, "iat"); issued && now + skew < *issued)
    throw TokenRejected(Rejection::not_yet_valid);

  const auto* sub = string_claim(claims, "sub");
  if (!sub || sub->empty()) throw TokenRejected(Rejection::missing_subject);

  AccessTokenClaims result;
  result.sub = std::string(*sub);
  if (const auto* username = string_claim(claims, "username")) result.username = std::string(*username);
  if (const auto* preferred = string_claim(claims, "preferred_username"))
    result.preferred_username = std::string(*preferred);
  return result;
}

AccessTokenVerifier::AccessTokenVerifier(CognitoSettings settings, JwksCache& keys, const Clock& clock)
    : settings_(std::move(settings)), keys_(keys), clock_(clock) {}

boost::asio::awaitable<AccessTokenClaims> AccessTokenVerifier::verify(std::string token) {
  auto jwt = decode_jwt(token);
  if (!jwt) throw TokenRejected(Rejection::malformed);

  // The algorithm is ours to choose, never the token's: only RS256 is accepted.
  const auto* alg = string_claim(jwt->header, "alg");
  if (!alg || *alg != "RS256" || jwt->header.contains("crit")) throw TokenRejected(Rejection::algorithm);
  const auto* kid = string_claim(jwt->header, "kid");
  if (!kid || kid->empty()) throw TokenRejected(Rejection::unknown_key);

  std::string key_id(*kid);
  auto key = co_await keys_.key_for(std::move(key_id));
  if (!key) throw TokenRejected(Rejection::unknown_key);
  if (!key->verify_rs256(jwt->signing_input, jwt->signature)) throw TokenRejected(Rejection::bad_signature);

  co_return check_access_token_claims(jwt->claims, settings_, clock_.now());
}

}  // namespace cruddur::auth::cognito
