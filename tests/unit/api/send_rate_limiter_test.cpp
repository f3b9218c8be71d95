// The per-user send rate: a token bucket per user, refilled by the (manual) clock.

#include "api/send_rate_limiter.hpp"

#include <gtest/gtest.h>

namespace cruddur::api {
namespace {

constexpr Microseconds kStart = 1'795'694'400LL * kMicrosPerSecond;

int allowed_in_a_row(SendRateLimiter& limiter, const std::string& user, int attempts = 1000) {
  int allowed = 0;
  for (int i = 0; i < attempts; ++i) allowed += limiter.allow(user) ? 1 : 0;
  return allowed;
}

TEST(SendRateLimiter, AllowsABurstThenRefuses) {
  ManualClock clock(kStart);
  SendRateLimiter limiter(clock, 1.0, 3.0);
  EXPECT_TRUE(limiter.allow("alice"));
  EXPECT_TRUE(limiter.allow("alice"));
  EXPECT_TRUE(limiter.allow("alice"));
  EXPECT_FALSE(limiter.allow("alice"));
  EXPECT_FALSE(limiter.allow("alice"));
}

TEST(SendRateLimiter, RefillsAtTheRate) {
  ManualClock clock(kStart);
  SendRateLimiter limiter(clock, 2.0, 4.0);  // one token every half second
  EXPECT_EQ(allowed_in_a_row(limiter, "alice"), 4);
  clock.advance(kMicrosPerSecond / 4);
  EXPECT_FALSE(limiter.allow("alice"));
  clock.advance(kMicrosPerSecond / 4);
  EXPECT_TRUE(limiter.allow("alice"));
  EXPECT_FALSE(limiter.allow("alice"));
  clock.advance(kMicrosPerSecond);
  EXPECT_EQ(allowed_in_a_row(limiter, "alice"), 2);
}

TEST(SendRateLimiter, RefillsNoFurtherThanTheBurst) {
  ManualClock clock(kStart);
  SendRateLimiter limiter(clock, 1.0, 3.0);
  EXPECT_EQ(allowed_in_a_row(limiter, "alice"), 3);
  clock.advance(3600 * kMicrosPerSecond);
  EXPECT_EQ(allowed_in_a_row(limiter, "alice"), 3);
}

TEST(SendRateLimiter, KeepsEachUsersBucketApart) {
  ManualClock clock(kStart);
  SendRateLimiter limiter(clock, 1.0, 2.0);
  EXPECT_EQ(allowed_in_a_row(limiter, "alice"), 2);
  EXPECT_EQ(allowed_in_a_row(limiter, "bob"), 2);
  clock.advance(kMicrosPerSecond);
  EXPECT_EQ(allowed_in_a_row(limiter, "bob"), 1);
  EXPECT_EQ(allowed_in_a_row(limiter, "alice"), 1);
}

TEST(SendRateLimiter, RateZeroIsUnlimited) {
  ManualClock clock(kStart);
  SendRateLimiter limiter(clock, 0.0, 1.0);
  EXPECT_EQ(allowed_in_a_row(limiter, "alice", 10'000), 10'000);
}

TEST(SendRateLimiter, AClockSteppingBackDoesNotTakeTokensAway) {
  ManualClock clock(kStart);
  SendRateLimiter limiter(clock, 1.0, 3.0);
  EXPECT_TRUE(limiter.allow("alice"));
  clock.set(kStart - 60 * kMicrosPerSecond);  // e.g. an NTP correction
  EXPECT_EQ(allowed_in_a_row(limiter, "alice"), 2);
  clock.advance(kMicrosPerSecond);  // refills from the new time on
  EXPECT_EQ(allowed_in_a_row(limiter, "alice"), 1);
}

TEST(SendRateLimiter, ForgettingIdleSendersNeverRefillsAnotherUsersBucket) {
  ManualClock clock(kStart);
  SendRateLimiter limiter(clock, 1.0, 2.0);
  EXPECT_EQ(allowed_in_a_row(limiter, "alice"), 2);
  // Enough other senders (one send each) to make the limiter prune the buckets it keeps.
  for (int i = 0; i <= 100'000; ++i) limiter.allow("user-" + std::to_string(i));
  // A second later their buckets are full again and may be forgotten; alice's holds one token, not two.
  clock.advance(kMicrosPerSecond);
  EXPECT_EQ(allowed_in_a_row(limiter, "alice"), 1);
}

}  // namespace
}  // namespace cruddur::api
