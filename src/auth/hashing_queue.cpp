#include "auth/hashing_queue.hpp"

#include <chrono>

#include "core/error.hpp"

namespace cruddur::auth {

namespace {
constexpr std::chrono::seconds kRetryAfter{1};
}

HashingQueue::HashingQueue(std::size_t threads, std::size_t max_waiting, std::size_t max_waiting_per_client)
    : max_waiting_(max_waiting), max_waiting_per_client_(max_waiting_per_client) {
  if (threads < 1) threads = 1;
  threads_.reserve(threads);
  for (std::size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { work(); });
}

HashingQueue::~HashingQueue() {
  {
    MutexLock lock(mutex_);
    stopping_ = true;
  }
  ready_.notify_all();
  for (auto& thread : threads_) thread.join();
}

void HashingQueue::post(std::function<void()> work) {
  MutexLock lock(mutex_);
  waiting_[""].push_back([work = std::move(work)](std::exception_ptr) { work(); });
  ++waiting_count_;
  ready_.notify_one();
}

void HashingQueue::submit(const std::string& client, Job job) {
  std::exception_ptr refusal;
  {
    MutexLock lock(mutex_);
    auto it = waiting_.find(client);
    const std::size_t mine = it == waiting_.end() ? 0 : it->second.size();
    if (mine >= max_waiting_per_client_) {
      refusal = std::make_exception_ptr(Error::too_many_requests(kRetryAfter));
    } else if (waiting_count_ >= max_waiting_) {
      refusal = std::make_exception_ptr(Error::busy(kRetryAfter));
    } else {
      waiting_[client].push_back(std::move(job));
      ++waiting_count_;
      ready_.notify_one();
      return;
    }
  }
  job(refusal);  // outside the lock: it only posts the refusal to the caller's executor
}

void HashingQueue::work() {
  for (;;) {
    Job job;
    {
      MutexLock lock(mutex_);
      while (waiting_count_ == 0 && !stopping_) lock.wait(ready_);
      if (waiting_count_ == 0) return;  // stopping, and nothing left to run
      // The first client after the one served last (wrapping around): round robin over clients.
      auto it = waiting_.upper_bound(next_client_);
      if (it == waiting_.end()) it = waiting_.begin();
      next_client_ = it->first;
      job = std::move(it->second.front());
      it->second.pop_front();
      if (it->second.empty()) waiting_.erase(it);
      --waiting_count_;
    }
    job(nullptr);
  }
}

}  // namespace cruddur::auth
