// The per-key limits at the edge: token buckets (sends, sign-ins per address) and failure backoff (logins).

#include "api/auth_throttle.hpp"
#include "api/failure_backoff.hpp"
#include "api/rate_limiter.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace cruddur::api {
namespace {

constexpr Microseconds kStart = 1'795'694'400LL * kMicrosPerSecond;

int allowed_in_a_row(RateLimiter& limiter, const std::string& key, int attempts = 1000) {
  int allowed = 0;
  for (int i = 0; i < attempts; ++i) allowed += limiter.acquire(key) == 0 ? 1 : 0;
  return allowed;
}

TEST(RateLimiter, AllowsABurstThenSaysHowLongToWait) {
  ManualClock clock(kStart);
  RateLimiter limiter(clock, 2.0, 3.0);
  EXPECT_EQ(allowed_in_a_row(limiter, "alice"), 3);
  EXPECT_EQ(limiter.acquire("alice"), kMicrosPerSecond / 2);
  clock.advance(kMicrosPerSecond / 2);
  EXPECT_EQ(limiter.acquire("alice"), 0);
  EXPECT_EQ(allowed_in_a_row(limiter, "bob"), 3);
}

TEST(RateLimiter, RefillsNoFurtherThanTheBurstAndRateZeroIsUnlimited) {
  ManualClock clock(kStart);
  RateLimiter limiter(clock, 1.0, 3.0);
  EXPECT_EQ(allowed_in_a_row(limiter, "alice"), 3);
  clock.advance(3600 * kMicrosPerSecond);
  EXPECT_EQ(allowed_in_a_row(limiter, "alice"), 3);
  RateLimiter off(clock, 0.0, 1.0);
  EXPECT_EQ(allowed_in_a_row(off, "alice", 10'000), 10'000);
}

TEST(RateLimiter, AClockSteppingBackDoesNotTakeTokensAway) {
  ManualClock clock(kStart);
  RateLimiter limiter(clock, 1.0, 3.0);
  EXPECT_EQ(limiter.acquire("alice"), 0);
  clock.set(kStart - 60 * kMicrosPerSecond);
  EXPECT_EQ(allowed_in_a_row(limiter, "alice"), 2);
}

TEST(RateLimiter, HoldsAtMostItsCapacityForgettingTheLeastRecentlyUsedKey) {
  ManualClock clock(kStart);
  RateLimiter limiter(clock, 1.0, 1.0, 2);
  EXPECT_EQ(limiter.acquire("a"), 0);
  EXPECT_EQ(limiter.acquire("b"), 0);
  EXPECT_GT(limiter.acquire("a"), 0);  // a is now the most recently used
  EXPECT_EQ(limiter.acquire("c"), 0);  // forgets b
  EXPECT_GT(limiter.acquire("a"), 0);
  EXPECT_EQ(limiter.acquire("b"), 0);  // starts again from a full bucket
}

TEST(RetryAfter, RoundsUpToWholeSecondsOfAtLeastOne) {
  EXPECT_EQ(retry_after(1).count(), 1);
  EXPECT_EQ(retry_after(kMicrosPerSecond).count(), 1);
  EXPECT_EQ(retry_after(kMicrosPerSecond + 1).count(), 2);
}

BackoffPolicy policy() { return {3, 60 * kMicrosPerSecond, 240 * kMicrosPerSecond, 900 * kMicrosPerSecond, 100}; }

TEST(FailureBackoff, FreeFailuresThenADoublingWaitUpToTheMaximum) {
  ManualClock clock(kStart);
  FailureBackoff backoff(clock, policy());
  for (int i = 0; i < 2; ++i) backoff.record_failure("bob");
  EXPECT_EQ(backoff.wait("bob"), 0);
  backoff.record_failure("bob");
  EXPECT_EQ(backoff.wait("bob"), 60 * kMicrosPerSecond);
  clock.advance(60 * kMicrosPerSecond);
  EXPECT_EQ(backoff.wait("bob"), 0);
  backoff.record_failure("bob");
  EXPECT_EQ(backoff.wait("bob"), 120 * kMicrosPerSecond);
  clock.advance(120 * kMicrosPerSecond);
  backoff.record_failure("bob");
  EXPECT_EQ(backoff.wait("bob"), 240 * kMicrosPerSecond);
  clock.advance(240 * kMicrosPerSecond);
  backoff.record_failure("bob");
  EXPECT_EQ(backoff.wait("bob"), 240 * kMicrosPerSecond);  // the maximum
  EXPECT_EQ(backoff.wait("alice"), 0);
}

TEST(FailureBackoff, ASuccessOrAQuietSpellForgetsTheFailures) {
  ManualClock clock(kStart);
  FailureBackoff backoff(clock, policy());
  for (int i = 0; i < 3; ++i) backoff.record_failure("bob");
  backoff.record_success("bob");
  EXPECT_EQ(backoff.wait("bob"), 0);
  for (int i = 0; i < 3; ++i) backoff.record_failure("carol");
  clock.advance(900 * kMicrosPerSecond);
  backoff.record_failure("carol");  // counts as the first again
  EXPECT_EQ(backoff.wait("carol"), 0);
}

TEST(AuthThrottle, RefusesAnAddressOverItsShareAndAClosedLoginWithRetryAfter) {
  ManualClock clock(kStart);
  AuthThrottle throttle(clock, 3, 2);
  for (int i = 0; i < 3; ++i) throttle.admit("10.0.0.1", {"x"});
  try {
    throttle.admit("10.0.0.1", {"x"});
    FAIL() << "admitted";
  } catch (const Error& error) {
    EXPECT_EQ(error.status(), 429);
    EXPECT_EQ(error.retry_after().count(), 20);  // 3 a minute: one every 20 s
  }
  throttle.admit("10.0.0.2", {"Bob "});
  throttle.failed("bob");
  throttle.failed(" BOB");
  EXPECT_THROW(throttle.admit("10.0.0.3", {"bob"}), Error);
  throttle.admit("10.0.0.3", {"carol"});
}

TEST(AddressKey, CountsIpv6ByItsSlash64AndMappedIpv4AsIpv4) {
  EXPECT_EQ(address_key("192.0.2.7"), "192.0.2.7");
  EXPECT_EQ(address_key("2001:db8:1:2:3:4:5:6"), "2001:db8:1:2::/64");
  EXPECT_EQ(address_key("2001:db8:1:2::9"), address_key("2001:db8:1:2:ffff::1"));
  EXPECT_EQ(address_key("::ffff:192.0.2.7"), "192.0.2.7");
  EXPECT_EQ(address_key(""), "");
}

}  // namespace
}  // namespace cruddur::api
