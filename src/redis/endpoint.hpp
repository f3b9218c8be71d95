#pragma once
// Where a Redis server is: parsed from a URL `redis://HOST[:PORT][/DB]` (--redis-url, REDIS_URL).
// Pure; thread-safe.

#include <cstdint>
#include <string>
#include <string_view>

namespace cruddur::redis {

struct Endpoint {
  std::string host;
  std::uint16_t port = 6379;
  int db = 0;
};

// Throws std::invalid_argument for anything else (another scheme, credentials, a bad port or db number).
Endpoint parse_url(std::string_view url);

}  // namespace cruddur::redis
