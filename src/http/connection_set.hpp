#pragma once
// Counts the open connections (for max_connections) and knows how to ask each one to finish (for a
// graceful stop). Thread-safe; Asio-free: a connection registers a "closer" that it implements itself.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <unordered_map>

#include "core/mutex.hpp"

namespace cruddur::http {

class ConnectionSet {
 public:
  explicit ConnectionSet(size_t max_connections) : max_(max_connections) {}

  // For each accepted socket: true when it may be served (it is now counted and must be released once),
  // false when the set is full or closing (the caller refuses the socket).
  bool try_open();

  // A counted connection registers how to ask it to finish: `closer` is thread-safe, cheap, may run on any
  // thread and after the connection ended. If closing has begun, it is called at once. Returns the id.
  uint64_t watch(std::function<void()> closer);

  // A counted connection ended (id from watch(), or 0 if it never watched). Exactly once per try_open().
  void release(uint64_t id);

  // Stop admitting connections, ask every watched one to finish, and call `drained` (once) as soon as no
  // counted connection remains: here if none, otherwise on the thread of the last release().
  void close_all(std::function<void()> drained);

  // Forget the drained callback (the owner is being destroyed).
  void forget_drained();

  size_t size() const;

 private:
  mutable Mutex mutex_;
  const size_t max_;
  size_t open_ CRUDDUR_GUARDED_BY(mutex_) = 0;
  bool closing_ CRUDDUR_GUARDED_BY(mutex_) = false;
  uint64_t next_id_ CRUDDUR_GUARDED_BY(mutex_) = 1;
  std::unordered_map<uint64_t, std::function<void()>> closers_ CRUDDUR_GUARDED_BY(mutex_);
  std::function<void()> drained_ CRUDDUR_GUARDED_BY(mutex_);
};

}  // namespace cruddur::http
