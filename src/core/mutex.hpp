#pragma once
// Mutexes the thread-safety analysis understands (core/thread_annotations.hpp): std::mutex and
// std::shared_mutex with annotations, and their scoped locks. Members a mutex protects are declared
// CRUDDUR_GUARDED_BY(mutex_); clang then checks every access.
//
//   mutable Mutex mutex_;
//   int count_ CRUDDUR_GUARDED_BY(mutex_) = 0;
//   ...
//   MutexLock lock(mutex_);             // lock_guard
//   while (!ready_) wake_.wait(lock);   // unique_lock + condition_variable (MutexLock::wait)
//
// Waiting on a condition variable: write the predicate as a loop in the function that holds the lock
// (`while (!ready_) lock.wait(cv)`), not as a lambda: the analysis checks a lambda's body as a function of
// its own, which does not hold the lock.

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <shared_mutex>

#include "core/thread_annotations.hpp"

namespace cruddur {

class CRUDDUR_CAPABILITY("mutex") Mutex {
 public:
  Mutex() = default;
  Mutex(const Mutex&) = delete;
  Mutex& operator=(const Mutex&) = delete;

  void lock() CRUDDUR_ACQUIRE() { mutex_.lock(); }
  void unlock() CRUDDUR_RELEASE() { mutex_.unlock(); }
  bool try_lock() CRUDDUR_TRY_ACQUIRE(true) { return mutex_.try_lock(); }

  // The std::mutex underneath, for a std::unique_lock handed over to an object the analysis cannot follow
  // (a lease that outlives the function that locked it). Accesses through it are unchecked.
  std::mutex& native() CRUDDUR_RETURN_CAPABILITY(this) { return mutex_; }

 private:
  std::mutex mutex_;
};

// Holds a Mutex from construction to destruction (std::lock_guard), and can wait on a condition variable
// (which unlocks and relocks it, as std::unique_lock does).
class CRUDDUR_SCOPED_CAPABILITY MutexLock {
 public:
  explicit MutexLock(Mutex& mutex) CRUDDUR_ACQUIRE(mutex) : lock_(mutex.native()) {}
  ~MutexLock() CRUDDUR_RELEASE() = default;
  MutexLock(const MutexLock&) = delete;
  MutexLock& operator=(const MutexLock&) = delete;

  // Unlocks, waits for a notification (or a spurious wake-up), relocks. Callers loop on their condition.
  void wait(std::condition_variable& cv) { cv.wait(lock_); }
  // The same with a deadline; false when it passed.
  template <typename Clock, typename Duration>
  bool wait_until(std::condition_variable& cv, const std::chrono::time_point<Clock, Duration>& deadline) {
    return cv.wait_until(lock_, deadline) == std::cv_status::no_timeout;
  }
  template <typename Rep, typename Period>
  bool wait_for(std::condition_variable& cv, const std::chrono::duration<Rep, Period>& timeout) {
    return cv.wait_for(lock_, timeout) == std::cv_status::no_timeout;
  }

  // Lets the mutex go before the scope ends (e.g. before resuming waiters); the analysis knows it is no
  // longer held. Relock with lock().
  void unlock() CRUDDUR_RELEASE() { lock_.unlock(); }
  void lock() CRUDDUR_ACQUIRE() { lock_.lock(); }

 private:
  std::unique_lock<std::mutex> lock_;
};

class CRUDDUR_CAPABILITY("shared mutex") SharedMutex {
 public:
  SharedMutex() = default;
  SharedMutex(const SharedMutex&) = delete;
  SharedMutex& operator=(const SharedMutex&) = delete;

  void lock() CRUDDUR_ACQUIRE() { mutex_.lock(); }
  void unlock() CRUDDUR_RELEASE() { mutex_.unlock(); }
  void lock_shared() CRUDDUR_ACQUIRE_SHARED() { mutex_.lock_shared(); }
  void unlock_shared() CRUDDUR_RELEASE_SHARED() { mutex_.unlock_shared(); }

 private:
  std::shared_mutex mutex_;
};

// Holds a SharedMutex shared (readers) from construction to destruction.
class CRUDDUR_SCOPED_CAPABILITY ReaderLock {
 public:
  explicit ReaderLock(SharedMutex& mutex) CRUDDUR_ACQUIRE_SHARED(mutex) : mutex_(mutex) { mutex_.lock_shared(); }
  ~ReaderLock() CRUDDUR_RELEASE() { mutex_.unlock_shared(); }
  ReaderLock(const ReaderLock&) = delete;
  ReaderLock& operator=(const ReaderLock&) = delete;

 private:
  SharedMutex& mutex_;
};

// Holds a SharedMutex exclusively (a writer) from construction to destruction.
class CRUDDUR_SCOPED_CAPABILITY WriterLock {
 public:
  explicit WriterLock(SharedMutex& mutex) CRUDDUR_ACQUIRE(mutex) : mutex_(mutex) { mutex_.lock(); }
  ~WriterLock() CRUDDUR_RELEASE() { mutex_.unlock(); }
  WriterLock(const WriterLock&) = delete;
  WriterLock& operator=(const WriterLock&) = delete;

 private:
  SharedMutex& mutex_;
};

}  // namespace cruddur
