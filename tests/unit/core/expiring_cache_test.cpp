// ExpiringCache: what it remembers, for how long, and how it stays bounded.

#include "core/expiring_cache.hpp"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace cruddur {
namespace {

constexpr Microseconds kTtl = 10 * kMicrosPerSecond;

TEST(ExpiringCache, RemembersAValueUntilItsTtlHasPassed) {
  ManualClock clock(1'000'000);
  ExpiringCache<std::string> cache(clock, kTtl, 10);
  EXPECT_FALSE(cache.find("a"));
  cache.store("a", "alpha");
  EXPECT_EQ(cache.find("a"), "alpha");
  clock.advance(kTtl - 1);
  EXPECT_EQ(cache.find("a"), "alpha");
  clock.advance(1);
  EXPECT_FALSE(cache.find("a"));
}

TEST(ExpiringCache, StoringAgainReplacesTheValueAndRestartsItsTtl) {
  ManualClock clock(0);
  ExpiringCache<std::string> cache(clock, kTtl, 10);
  cache.store("a", "old");
  clock.advance(kTtl / 2);
  cache.store("a", "new");
  clock.advance(kTtl - 1);
  EXPECT_EQ(cache.find("a"), "new");
  EXPECT_EQ(cache.size(), 1u);
}

TEST(ExpiringCache, WhenFullItDropsExpiredEntriesFirst) {
  ManualClock clock(0);
  ExpiringCache<int> cache(clock, kTtl, 3);
  cache.store("old", 1);
  clock.advance(kTtl);  // "old" has expired
  cache.store("b", 2);
  cache.store("c", 3);
  cache.store("d", 4);  // full: "old" goes, the live ones stay
  EXPECT_EQ(cache.size(), 3u);
  EXPECT_FALSE(cache.find("old"));
  EXPECT_EQ(cache.find("b"), 2);
  EXPECT_EQ(cache.find("d"), 4);
}

TEST(ExpiringCache, WhenFullOfLiveEntriesItStartsOver) {
  ManualClock clock(0);
  ExpiringCache<int> cache(clock, kTtl, 3);
  for (int i = 0; i < 3; ++i) cache.store("k" + std::to_string(i), i);
  cache.store("k3", 3);
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(cache.find("k3"), 3);
  EXPECT_FALSE(cache.find("k0"));
  cache.store("k3", 33);  // replacing a held key never evicts
  EXPECT_EQ(cache.size(), 1u);
}

TEST(ExpiringCache, ClearForgetsEverything) {
  ManualClock clock(0);
  ExpiringCache<int> cache(clock, kTtl, 10);
  cache.store("a", 1);
  cache.clear();
  EXPECT_FALSE(cache.find("a"));
}

TEST(ExpiringCache, ManyThreadsMayStoreAndFindAtOnce) {
  ManualClock clock(0);
  ExpiringCache<int> cache(clock, kTtl, 1000);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&cache, t] {
      for (int i = 0; i < 2000; ++i) {
        std::string key = "t" + std::to_string(t) + "-" + std::to_string(i % 100);
        cache.store(key, i);
        auto found = cache.find(key);
        EXPECT_TRUE(found.has_value());
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(cache.size(), 400u);
}

}  // namespace
}  // namespace cruddur
