#pragma once
// A named limit at the edge: a token bucket per key (a user's sends, a client address's sign-ins), `rate`
// tokens a second up to `burst`. A rate of 0 turns the limit off (benchmarks, tests).
//
// Bounded: at most `capacity` keys are remembered; a new key beyond that makes the least recently used
// one be forgotten (its next request starts from a full bucket). A clock that steps back earns no tokens
// and takes none away.
//
// Thread-safety: every member may be called from any thread (one mutex, held for a hash lookup).

#include <chrono>
#include <cstddef>
#include <string>

#include "core/clock.hpp"
#include "core/lru_map.hpp"
#include "core/mutex.hpp"

namespace cruddur::api {

class RateLimiter {
 public:
  static constexpr std::size_t kDefaultCapacity = 100'000;

  RateLimiter(const Clock& clock, double rate_per_second, double burst, std::size_t capacity = kDefaultCapacity);

  // Takes a token for `key` and returns 0 when one is there; otherwise takes nothing and returns how long
  // until one will be (> 0).
  Microseconds acquire(const std::string& key);

  bool enabled() const { return rate_ > 0; }

 private:
  struct Bucket {
    double tokens;
    Microseconds updated;
  };
  const Clock& clock_;
  const double rate_;
  const double burst_;
  Mutex mutex_;
  LruMap<Bucket> buckets_ CRUDDUR_GUARDED_BY(mutex_);
};

// `wait` as a Retry-After value: whole seconds, rounded up, at least 1.
std::chrono::seconds retry_after(Microseconds wait);

}  // namespace cruddur::api
