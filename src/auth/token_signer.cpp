#include "auth/token_signer.hpp"

#include <sodium.h>

#include <charconv>
#include <stdexcept>

#include "auth/sodium_init.hpp"
#include "core/base64url.hpp"
#include "core/uuid.hpp"

namespace cruddur::auth {

namespace {

constexpr std::string_view kPrefix = "v2.";
constexpr std::size_t kTokenIdBytes = 16;
constexpr std::size_t kTokenIdChars = 22;  // base64url of 16 bytes, unpadded
constexpr char kPayloadSeparator = '|';

std::int64_t unix_seconds(Microseconds now) {
  // Floor division, so that a time just before the epoch is not rounded up.
  return now >= 0 ? now / kMicrosPerSecond : -((-now + kMicrosPerSecond - 1) / kMicrosPerSecond);
}

// "uuid|expiry|id" with a canonical uuid, a non-negative decimal expiry without sign or leading zeros, and
// a 22-character base64url token id.
struct Payload {
  std::string uuid;
  std::int64_t expires_at;
  std::string token_id;
};

std::string random_token_id() {
  unsigned char bytes[kTokenIdBytes];
  randombytes_buf(bytes, sizeof bytes);
  return base64url::encode(std::string_view(reinterpret_cast<const char*>(bytes), sizeof bytes));
}

std::optional<Payload> parse_payload(std::string_view text) {
  const auto separator = text.find(kPayloadSeparator);
  const auto id_separator = text.rfind(kPayloadSeparator);
  if (separator == std::string_view::npos || id_separator == separator) return std::nullopt;
  const auto uuid = text.substr(0, separator);
  const auto expiry = text.substr(separator + 1, id_separator - separator - 1);
  const auto token_id = text.substr(id_separator + 1);
  if (token_id.size() != kTokenIdChars || !base64url::decode(token_id)) return std::nullopt;
  if (!uuid::is_valid(uuid) || expiry.empty() || expiry.size() > 18) return std::nullopt;
  if (expiry.size() > 1 && expiry.front() == '0') return std::nullopt;
  std::int64_t expires_at = 0;
  const auto [end, ec] = std::from_chars(expiry.data(), expiry.data() + expiry.size(), expires_at);
  if (ec != std::errc{} || end != expiry.data() + expiry.size() || expires_at < 0) return std::nullopt;
  return Payload{std::string(uuid), expires_at, std::string(token_id)};
}

}  // namespace

TokenSigner::TokenSigner(TokenKey key, std::chrono::seconds lifetime) : key_(std::move(key)), lifetime_(lifetime) {
  if (lifetime_.count() <= 0) throw std::invalid_argument("token lifetime must be positive");
  ensure_sodium_initialized();
  const auto key_bytes = key_.bytes();
  crypto_auth_hmacsha256_init(&keyed_, reinterpret_cast<const unsigned char*>(key_bytes.data()), key_bytes.size());
}

TokenSigner::~TokenSigner() { sodium_memzero(&keyed_, sizeof keyed_); }

std::string TokenSigner::mac_of(std::string_view signed_part) const {
  crypto_auth_hmacsha256_state state = keyed_;
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(signed_part.data()),
                                signed_part.size());
  crypto_auth_hmacsha256_final(&state, mac);
  sodium_memzero(&state, sizeof state);
  return base64url::encode(std::string_view(reinterpret_cast<const char*>(mac), sizeof mac));
}

IssuedToken TokenSigner::issue(std::string_view user_uuid, Microseconds now) const {
  if (user_uuid.find(kPayloadSeparator) != std::string_view::npos || !uuid::is_valid(user_uuid))
    throw std::invalid_argument("token subject must be a uuid");
  const std::int64_t expires_at = unix_seconds(now) + lifetime_.count();
  const std::string payload =
      std::string(user_uuid) + kPayloadSeparator + std::to_string(expires_at) + kPayloadSeparator + random_token_id();
  std::string token = std::string(kPrefix) + base64url::encode(payload);
  token += '.' + mac_of(token);
  return IssuedToken{std::move(token), lifetime_.count()};
}

std::optional<std::string> TokenSigner::verify(std::string_view token, Microseconds now) const {
  auto claims = verify_claims(token, now);
  if (!claims) return std::nullopt;
  return std::move(claims->user_uuid);
}

std::optional<VerifiedToken> TokenSigner::verify_claims(std::string_view token, Microseconds now) const {
  if (token.size() > kMaxTokenBytes || !token.starts_with(kPrefix)) return std::nullopt;
  const auto last_dot = token.rfind('.');
  if (last_dot < kPrefix.size()) return std::nullopt;  // only the version prefix's dot
  const auto signed_part = token.substr(0, last_dot);
  const auto given_mac = token.substr(last_dot + 1);

  // Authenticate first; nothing of the payload is trusted (or even decoded) before this passes.
  const std::string expected_mac = mac_of(signed_part);
  if (given_mac.size() != expected_mac.size() ||
      sodium_memcmp(given_mac.data(), expected_mac.data(), expected_mac.size()) != 0)
    return std::nullopt;

  const auto payload_text = base64url::decode(signed_part.substr(kPrefix.size()));
  if (!payload_text) return std::nullopt;
  auto payload = parse_payload(*payload_text);
  if (!payload || unix_seconds(now) >= payload->expires_at) return std::nullopt;
  return VerifiedToken{std::move(payload->uuid), payload->expires_at * kMicrosPerSecond, std::move(payload->token_id)};
}

}  // namespace cruddur::auth
