#include "api/send_rate_limiter.hpp"

#include <algorithm>

namespace cruddur::api {

namespace {
constexpr std::size_t kPruneAbove = 100'000;  // buckets; full buckets are forgotten past this
}

// Tokens earned since the bucket was last touched. A clock that stepped back (an NTP correction) earns none
// and takes none away: the bucket keeps what it had and refills from the new time on.
double SendRateLimiter::refill(const Bucket& bucket, Microseconds now) const {
  if (now <= bucket.updated) return 0.0;
  return rate_ * double(now - bucket.updated) / kMicrosPerSecond;
}

SendRateLimiter::SendRateLimiter(const Clock& clock, double rate_per_second, double burst)
    : clock_(clock), rate_(rate_per_second), burst_(std::max(burst, 1.0)) {}

bool SendRateLimiter::allow(const std::string& user_uuid) {
  if (rate_ <= 0) return true;
  Microseconds now = clock_.now();
  std::lock_guard lock(mutex_);
  if (buckets_.size() > prune_above_) {
    std::erase_if(buckets_, [&](const auto& entry) {
      return entry.second.tokens + refill(entry.second, now) >= burst_;
    });
    // When most buckets are still in use, the next scan waits until the map has doubled: pruning stays
    // amortised O(1) per call instead of a full scan on every send.
    prune_above_ = std::max(kPruneAbove, 2 * buckets_.size());
  }
  auto [it, inserted] = buckets_.try_emplace(user_uuid, Bucket{burst_, now});
  Bucket& bucket = it->second;
  bucket.tokens = std::min(burst_, bucket.tokens + refill(bucket, now));
  bucket.updated = now;
  if (bucket.tokens < 1.0) return false;
  bucket.tokens -= 1.0;
  return true;
}

}  // namespace cruddur::api
