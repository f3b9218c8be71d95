// Cognito access tokens as a client sends them: JWT decoding (auth/cognito/jwt.hpp) and the whole
// AccessTokenVerifier (header rules, key lookup in the pool's JWKS, RS256, claim checks) over a fixed JWKS
// of one RSA key made at start. Property: only a token of our pool and client, unexpired, passes.
//
// Input, either:
//   a raw token ("header.claims.signature", base64url), verified as sent; or
//   "{header JSON}\n{claims JSON}" (starting with '{'): signed here with the pool's key, so the fuzzer
//   reaches every claim check behind a valid signature. The key's kid is "k1"; the pool's issuer is
//   https://cognito-idp.us-east-1.amazonaws.com/us-east-1_fuzz and its client id "fuzz-client"; "now" is
//   1800000000 (2027-01-15).
#include "auth/cognito/access_token_verifier.hpp"
#include "auth/cognito/jwks_cache.hpp"
#include "auth/cognito/jwks_source.hpp"
#include "auth/cognito/jwt.hpp"
#include "core/clock.hpp"
#include "core/run_sync.hpp"
#include "test_tokens.hpp"  // tests/unit/auth/cognito: RSA keys and signing

#include <boost/json/parse.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

using namespace cruddur;
using namespace cruddur::auth::cognito;

namespace {

constexpr Microseconds kNow = 1'800'000'000LL * kMicrosPerSecond;

struct Pool {
  CognitoSettings settings;
  ManualClock clock{kNow};
  StaticJwksSource source{testing::jwks_document({testing::pool_key().jwk("k1")})};
  JwksCache cache{source, clock, std::chrono::seconds(60)};
  AccessTokenVerifier verifier{settings, cache, clock};
};

CognitoSettings pool_settings() {
  CognitoSettings settings;
  settings.user_pool_id = "us-east-1_fuzz";
  settings.client_id = "fuzz-client";
  settings.region = "us-east-1";
  return settings;
}

// "{header}\n{claims}" signed with the pool's key; nullopt when either part is not a JSON object.
std::optional<std::string> signed_token(std::string_view input) {
  auto newline = input.find('\n');
  if (newline == std::string_view::npos) return std::nullopt;
  boost::system::error_code ec;
  auto header = boost::json::parse(input.substr(0, newline), ec);
  if (ec || !header.is_object()) return std::nullopt;
  auto claims = boost::json::parse(input.substr(newline + 1), ec);
  if (ec || !claims.is_object()) return std::nullopt;
  return testing::rs256_token(testing::pool_key(), header.as_object(), claims.as_object());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Pool* pool = [] {
    auto* p = new Pool{pool_settings()};
    run_sync(p->cache.refresh());
    return p;
  }();
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string token(input);
  if (input.starts_with('{')) {
    auto made = signed_token(input);
    if (!made) return 0;
    token = std::move(*made);
  }
  auto decoded = decode_jwt(token);
  try {
    AccessTokenClaims claims = run_sync(pool->verifier.verify(token));
    // Accepted: it must be a well-formed access token of our pool and client.
    if (!decoded || claims.sub.empty()) std::abort();
    auto text = [&](const char* name) -> std::string_view {
      const auto* value = decoded->claims.if_contains(name);
      return value && value->is_string() ? std::string_view(value->get_string()) : std::string_view{};
    };
    if (text("client_id") != "fuzz-client" || text("token_use") != "access" || text("sub") != claims.sub)
      std::abort();
  } catch (const TokenRejected&) {
  }
  return 0;
}
