#include "api/failure_backoff.hpp"

#include <algorithm>

namespace cruddur::api {

FailureBackoff::FailureBackoff(const Clock& clock, BackoffPolicy policy)
    : clock_(clock), policy_(policy), failures_(policy.capacity) {}

Microseconds FailureBackoff::backoff_after(int failures) const {
  if (failures < policy_.free_failures) return 0;
  Microseconds backoff = policy_.first_backoff;
  for (int extra = failures - policy_.free_failures; extra > 0 && backoff < policy_.max_backoff; --extra)
    backoff *= 2;
  return std::min(backoff, policy_.max_backoff);
}

Microseconds FailureBackoff::wait(const std::string& key) {
  if (!enabled()) return 0;
  const Microseconds now = clock_.now();
  MutexLock lock(mutex_);
  const Failures* failures = failures_.find(key);
  if (!failures || now - failures->last >= policy_.forget_after) return 0;
  return std::max<Microseconds>(0, failures->last + backoff_after(failures->count) - now);
}

void FailureBackoff::record_failure(const std::string& key) {
  if (!enabled()) return;
  const Microseconds now = clock_.now();
  MutexLock lock(mutex_);
  Failures& failures = failures_.find_or_insert(key, Failures{0, now});
  if (now - failures.last >= policy_.forget_after) failures.count = 0;
  ++failures.count;
  failures.last = std::max(failures.last, now);
}

void FailureBackoff::record_success(const std::string& key) {
  if (!enabled()) return;
  MutexLock lock(mutex_);
  failures_.erase(key);
}

}  // namespace cruddur::api
