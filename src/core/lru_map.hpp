#pragma once
// A map with a fixed capacity that forgets its least recently used entry to make room: the bounded table
// behind the per-key limits (api/rate_limiter.hpp, api/failure_backoff.hpp).
//
// Thread-safety: none; the owner guards it (the limiters hold a mutex around every call).

#include <cstddef>
#include <list>
#include <string>
#include <unordered_map>
#include <utility>

namespace cruddur {

template <typename Value>
class LruMap {
 public:
  // `capacity` >= 1.
  explicit LruMap(std::size_t capacity) : capacity_(capacity < 1 ? 1 : capacity) {}

  // The entry for `key`, marked most recently used; nullptr when absent.
  Value* find(const std::string& key) {
    auto it = index_.find(key);
    if (it == index_.end()) return nullptr;
    order_.splice(order_.begin(), order_, it->second);
    return &it->second->second;
  }

  // The entry for `key`, created from `initial` when absent (forgetting the least recently used entry if
  // the map is full), marked most recently used.
  Value& find_or_insert(const std::string& key, const Value& initial) {
    if (Value* found = find(key)) return *found;
    if (index_.size() >= capacity_) {
      index_.erase(order_.back().first);
      order_.pop_back();
    }
    order_.emplace_front(key, initial);
    index_.emplace(key, order_.begin());
    return order_.front().second;
  }

  void erase(const std::string& key) {
    auto it = index_.find(key);
    if (it == index_.end()) return;
    order_.erase(it->second);
    index_.erase(it);
  }

  std::size_t size() const { return index_.size(); }
  std::size_t capacity() const { return capacity_; }

 private:
  using Entries = std::list<std::pair<std::string, Value>>;  // most recently used first
  std::size_t capacity_;
  Entries order_;
  std::unordered_map<std::string, typename Entries::iterator> index_;
};

}  // namespace cruddur
