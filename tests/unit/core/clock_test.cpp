#include "core/clock.hpp"

#include <gtest/gtest.h>

namespace cruddur {
namespace {

TEST(Timestamp, FormatsFixedWidthUtcWithMicroseconds) {
  // 2026-11-26T12:00:00.123456Z
  auto t = parse_timestamp("2026-11-26T12:00:00.123456+00:00");
  ASSERT_TRUE(t);
  EXPECT_EQ(format_timestamp(*t), "2026-11-26T12:00:00.123456+00:00");
  EXPECT_EQ(format_timestamp(0), "1970-01-01T00:00:00.000000+00:00");
  EXPECT_EQ(format_timestamp(*t + 1), "2026-11-26T12:00:00.123457+00:00");
}

TEST(Timestamp, ByteOrderIsTimeOrder) {
  auto a = format_timestamp(999'999);
  auto b = format_timestamp(1'000'000);
  EXPECT_LT(a, b);
  EXPECT_EQ(a.size(), b.size());
}

TEST(Timestamp, RejectsOtherShapes) {
  EXPECT_FALSE(parse_timestamp("2026-11-26T12:00:00Z"));
  EXPECT_FALSE(parse_timestamp("2026-13-26T12:00:00.123456+00:00"));
  EXPECT_FALSE(parse_timestamp("2026-02-30T12:00:00.123456+00:00"));
  EXPECT_FALSE(parse_timestamp("2026-11-26T12:00:00.123456+01:00"));
}

TEST(ManualClock, IsControlledByTheTest) {
  ManualClock clock(100);
  clock.advance(5);
  EXPECT_EQ(clock.now(), 105);
  clock.set(7);
  EXPECT_EQ(clock.now(), 7);
}

}  // namespace
}  // namespace cruddur
