#include "http/connection_set.hpp"

#include <vector>

namespace cruddur::http {

bool ConnectionSet::try_open() {
  MutexLock lock(mutex_);
  if (closing_ || open_ >= max_) return false;
  ++open_;
  return true;
}

uint64_t ConnectionSet::watch(std::function<void()> closer) {
  MutexLock lock(mutex_);
  uint64_t id = next_id_++;
  if (closing_) {
    lock.unlock();
    closer();
    return id;
  }
  closers_.emplace(id, std::move(closer));
  return id;
}

void ConnectionSet::release(uint64_t id) {
  std::function<void()> drained;
  {
    MutexLock lock(mutex_);
    closers_.erase(id);
    if (open_ > 0) --open_;
    if (closing_ && open_ == 0) std::swap(drained, drained_);
  }
  if (drained) drained();
}

void ConnectionSet::close_all(std::function<void()> drained) {
  std::vector<std::function<void()>> closers;
  bool drained_now = false;
  {
    MutexLock lock(mutex_);
    if (closing_) return;
    closing_ = true;
    for (auto& [id, closer] : closers_) closers.push_back(closer);
    if (open_ == 0) {
      drained_now = true;
    } else {
      drained_ = std::move(drained);
    }
  }
  for (auto& closer : closers) closer();  // outside the lock: a closer may post work or release at once
  if (drained_now && drained) drained();
}

void ConnectionSet::forget_drained() {
  MutexLock lock(mutex_);
  drained_ = nullptr;
}

size_t ConnectionSet::size() const {
  MutexLock lock(mutex_);
  return open_;
}

}  // namespace cruddur::http
