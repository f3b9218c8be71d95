#pragma once
// A compact-serialised JWT (RFC 7519) split and decoded, nothing verified yet. Pure; no thread affinity.

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace cruddur::auth::cognito {

struct DecodedJwt {
  boost::json::object header;
  boost::json::object claims;
  std::string signing_input;  // "<header b64>.<payload b64>", exactly as received: what the signature covers
  std::string signature;      // raw bytes
};

// Tokens longer than this are refused unread (Cognito's are ~1-2 KiB).
inline constexpr std::size_t kMaxTokenBytes = 16 * 1024;

// nullopt unless `token` is three unpadded base64url segments whose first two are JSON objects.
std::optional<DecodedJwt> decode_jwt(std::string_view token);

}  // namespace cruddur::auth::cognito
