#include "api/send_rate_limiter.hpp"

#include <algorithm>

namespace cruddur::api {

namespace {
constexpr std::size_t kPruneAbove = 100'000;  // buckets; full buckets are forgotten past this
}

SendRateLimiter::SendRateLimiter(const Clock& clock, double rate_per_second, double burst)
    : clock_(clock), rate_(rate_per_second), burst_(std::max(burst, 1.0)) {}

bool SendRateLimiter::allow(const std::string& user_uuid) {
  if (rate_ <= 0) return true;
  Microseconds now = clock_.now();
  std::lock_guard lock(mutex_);
  if (buckets_.size() > kPruneAbove) {
    std::erase_if(buckets_, [&](const auto& entry) {
      return entry.second.tokens + rate_ * double(now - entry.second.updated) / kMicrosPerSecond >= burst_;
    });
  }
  auto [it, inserted] = buckets_.try_emplace(user_uuid, Bucket{burst_, now});
  Bucket& bucket = it->second;
  bucket.tokens = std::min(burst_, bucket.tokens + rate_ * double(now - bucket.updated) / kMicrosPerSecond);
  bucket.updated = now;
  if (bucket.tokens < 1.0) return false;
  bucket.tokens -= 1.0;
  return true;
}

}  // namespace cruddur::api
