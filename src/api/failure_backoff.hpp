#pragma once
// A named limit at the edge for guessing: failures per key (a login), with exponential backoff.
//
// The first `free_failures` failures cost nothing. From then on every failure closes the key for a while:
// `first_backoff` after the free ones are used up, doubling with each further failure, never more than
// `max_backoff`. A key whose last failure is `forget_after` old starts again from zero, and a success
// forgets it at once. Closed means wait() > 0: the caller refuses the attempt without trying it (so a
// refused attempt neither costs a password hash nor extends the wait).
//
// Bounded: at most `capacity` keys (least recently used forgotten first, i.e. opened early).
// Thread-safety: every member may be called from any thread (one mutex, held for a hash lookup).

#include <cstddef>
#include <string>

#include "core/clock.hpp"
#include "core/lru_map.hpp"
#include "core/mutex.hpp"

namespace cruddur::api {

struct BackoffPolicy {
  int free_failures;          // 0 turns the limit off
  Microseconds first_backoff;
  Microseconds max_backoff;
  Microseconds forget_after;
  std::size_t capacity;
};

class FailureBackoff {
 public:
  FailureBackoff(const Clock& clock, BackoffPolicy policy);

  // How long `key` stays closed: 0 when an attempt may be made now.
  Microseconds wait(const std::string& key);
  void record_failure(const std::string& key);
  void record_success(const std::string& key);

  bool enabled() const { return policy_.free_failures > 0; }

 private:
  struct Failures {
    int count;
    Microseconds last;
  };
  Microseconds backoff_after(int failures) const;

  const Clock& clock_;
  const BackoffPolicy policy_;
  Mutex mutex_;
  LruMap<Failures> failures_ CRUDDUR_GUARDED_BY(mutex_);
};

}  // namespace cruddur::api
