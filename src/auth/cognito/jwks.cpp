#include "auth/cognito/jwks.hpp"

#include <boost/json/parse.hpp>

namespace cruddur::auth::cognito {

namespace {

// The string member `name`, or nullptr when absent or not a string.
const boost::json::string* string_member(const boost::json::object& object, std::string_view name) {
  const auto* value = object.if_contains(name);
  return value ? value->if_string() : nullptr;
}

}  // namespace

KeySet parse_jwks(std::string_view document) {
  boost::system::error_code ec;
  auto value = boost::json::parse(document, ec);
  const auto* keys = !ec && value.is_object() ? value.as_object().if_contains("keys") : nullptr;
  if (!keys || !keys->is_array()) throw JwksError("JWKS: not a JSON object with a \"keys\" array");

  KeySet result;
  for (const auto& entry : keys->as_array()) {
    if (!entry.is_object()) continue;
    const auto& jwk = entry.as_object();
    const auto* kty = string_member(jwk, "kty");
    const auto* kid = string_member(jwk, "kid");
    const auto* n = string_member(jwk, "n");
    const auto* e = string_member(jwk, "e");
    if (!kty || *kty != "RSA" || !kid || kid->empty() || !n || !e) continue;
    if (const auto* use = string_member(jwk, "use"); jwk.contains("use") && (!use || *use != "sig")) continue;
    if (const auto* alg = string_member(jwk, "alg"); jwk.contains("alg") && (!alg || *alg != "RS256")) continue;
    if (auto key = RsaPublicKey::from_jwk(*n, *e)) result.insert_or_assign(std::string(*kid), std::move(*key));
  }
  return result;
}

}  // namespace cruddur::auth::cognito
