// Our own access tokens (auth/token_signer.hpp) as a client sends them, and the Authorization header's
// Bearer parsing (api/api_context.hpp). Properties: nothing but a token this key signed verifies; a token
// issued for a user id verifies to that id until its expiry second and not after.
//
// Input: the Authorization header value; the token in it is verified, and when the input is a uuid, a
// token is issued for it and verified.
#include "api/api_context.hpp"
#include "auth/token_signer.hpp"
#include "core/clock.hpp"
#include "core/uuid.hpp"

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

using namespace cruddur;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auth::TokenSigner signer(auth::TokenKey(std::string(32, 'k')), std::chrono::seconds(60));
  constexpr Microseconds now = 1'800'000'000LL * kMicrosPerSecond;
  std::string_view input(reinterpret_cast<const char*>(data), size);

  std::string_view token = api::bearer_token(input);
  if (auto verified = signer.verify_claims(token, now)) {
    if (verified->user_uuid.empty() || verified->expires_at <= now) std::abort();
  }
  if (uuid::is_valid(input)) {  // issue() takes only uuids
    auto issued = signer.issue(input, now);
    auto verified = signer.verify_claims(issued.token, now);
    if (!verified || verified->user_uuid != input) std::abort();
    if (signer.verify(issued.token, now + 60 * kMicrosPerSecond)) std::abort();
  }
  return 0;
}
