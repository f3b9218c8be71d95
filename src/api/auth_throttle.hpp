#pragma once
// The named limits on sign-in and sign-up (doc/api.md, "Limits"), checked before any password is hashed:
//
//   per client address  kAttemptsPerAddressPerMinute attempts a minute (sign-ins and sign-ups together),
//                       bursts of as many; an IPv6 client counts by its /64 (one household or host)
//   per login           failed sign-ins (and sign-ups refused because the handle or email is taken) of one
//                       login, case-insensitively: 5 free, then closed for 1 min, doubling with each further
//                       failure up to 15 min; forgotten 15 min after the last failure or at a success
//
// Over either: Error::too_many_requests with Retry-After. Each table holds at most kCapacity keys
// (least recently used forgotten first). Thread-safety: any thread.

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>

#include "api/failure_backoff.hpp"
#include "api/rate_limiter.hpp"

namespace cruddur::api {

class AuthThrottle {
 public:
  static constexpr double kAttemptsPerAddressPerMinute = 20;
  static constexpr int kFreeFailuresPerLogin = 5;
  static constexpr Microseconds kFirstBackoff = 60 * kMicrosPerSecond;
  static constexpr Microseconds kMaxBackoff = 15 * 60 * kMicrosPerSecond;
  static constexpr Microseconds kForgetFailuresAfter = 15 * 60 * kMicrosPerSecond;
  static constexpr std::size_t kCapacity = 100'000;

  // `attempts_per_address_per_minute` 0 turns the address limit off, `free_failures_per_login` 0 the
  // login limit (tests and benchmarks that sign many people up from one address).
  AuthThrottle(const Clock& clock, double attempts_per_address_per_minute = kAttemptsPerAddressPerMinute,
               int free_failures_per_login = kFreeFailuresPerLogin);

  // Lets an attempt from `address` naming `logins` go ahead (and counts it against the address), or
  // throws Error::too_many_requests(retry after) when a login is closed or the address used its share.
  void admit(const std::string& address, std::initializer_list<std::string_view> logins);
  void failed(std::string_view login);
  void succeeded(std::string_view login);

 private:
  FailureBackoff logins_;
  RateLimiter addresses_;
};

// The key an address is counted under: an IPv4 address as is, an IPv6 address by its first 64 bits
// ("2001:db8:1:2::/64"), an IPv4-mapped IPv6 address as IPv4; anything unparsable as given.
std::string address_key(std::string_view address);

}  // namespace cruddur::api
