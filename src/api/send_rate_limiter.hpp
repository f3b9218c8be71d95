#pragma once
// Per-user send rate (a named limit at the edge): a token bucket per user, `rate` sends a second with bursts
// of `burst`. A rate of 0 turns it off (benchmarks). Thread-safe (one mutex; the map holds one small entry
// per user who sent recently, pruned as it grows).

#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/clock.hpp"

namespace cruddur::api {

class SendRateLimiter {
 public:
  SendRateLimiter(const Clock& clock, double rate_per_second, double burst);
  // True when `user_uuid` may send now (and takes a token).
  bool allow(const std::string& user_uuid);

 private:
  struct Bucket {
    double tokens;
    Microseconds updated;
  };
  double refill(const Bucket& bucket, Microseconds now) const;
  const Clock& clock_;
  double rate_;
  double burst_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
  std::size_t prune_above_ = 100'000;  // next map size that triggers a prune
};

}  // namespace cruddur::api
