#include "api/rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace cruddur::api {

RateLimiter::RateLimiter(const Clock& clock, double rate_per_second, double burst, std::size_t capacity)
    : clock_(clock), rate_(rate_per_second), burst_(std::max(burst, 1.0)), buckets_(capacity) {}

Microseconds RateLimiter::acquire(const std::string& key) {
  if (!enabled()) return 0;
  const Microseconds now = clock_.now();
  MutexLock lock(mutex_);
  Bucket& bucket = buckets_.find_or_insert(key, Bucket{burst_, now});
  if (now > bucket.updated) {
    bucket.tokens = std::min(burst_, bucket.tokens + rate_ * double(now - bucket.updated) / kMicrosPerSecond);
  }
  bucket.updated = now;
  if (bucket.tokens >= 1.0) {
    bucket.tokens -= 1.0;
    return 0;
  }
  return std::max<Microseconds>(1, Microseconds(std::ceil((1.0 - bucket.tokens) / rate_ * kMicrosPerSecond)));
}

std::chrono::seconds retry_after(Microseconds wait) {
  return std::chrono::seconds(std::max<Microseconds>(1, (wait + kMicrosPerSecond - 1) / kMicrosPerSecond));
}

}  // namespace cruddur::api
