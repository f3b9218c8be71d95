#pragma once
// A position in a user's replay log kept in Redis: the Redis stream entry id "<ms>-<seq>". Clients see it
// as the token "r.<ms>-<seq>" (the "r." never matches an in-process token "<epoch>.<seq>", whose epoch is
// base64url of 9 bytes, 12 characters). Ids of one stream increase, so positions compare as (ms, seq).
// Pure value type; thread-safe.

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cruddur::live {

struct RemotePosition {
  std::uint64_t ms = 0;
  std::uint64_t seq = 0;
  auto operator<=>(const RemotePosition&) const = default;
};

// "<ms>-<seq>" (a Redis stream id) -> position; nullopt for anything else.
std::optional<RemotePosition> parse_stream_id(std::string_view id);
// "r.<ms>-<seq>" (a client's token) -> the Redis id "<ms>-<seq>"; nullopt when it is not a remote token.
std::optional<std::string> stream_id_of_token(std::string_view token);
// The Redis id "<ms>-<seq>" -> the client's token "r.<ms>-<seq>".
inline std::string token_of_stream_id(std::string_view id) { return "r." + std::string(id); }

}  // namespace cruddur::live
