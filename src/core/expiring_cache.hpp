#pragma once
// A small in-process cache of facts that are expensive to look up and rarely change (who a token's user
// is, that someone is a member of a conversation). Entries expire `ttl` after they were stored, so a change
// made behind the service's back (an administrator editing the database) is seen within ttl.
//
// Bounded: when `capacity` entries are held, storing one more first drops every expired entry, and if that
// frees nothing, all of them (the next lookups refill it; simpler and cheaper than LRU bookkeeping on
// every hit).
//
// Thread-safety: every member may be called from any thread; a mutex guards the map (held for a hash
// lookup, never across I/O).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/clock.hpp"
#include "core/mutex.hpp"

namespace cruddur {

template <typename Value>
class ExpiringCache {
 public:
  ExpiringCache(const Clock& clock, Microseconds ttl, std::size_t capacity)
      : clock_(clock), ttl_(ttl), capacity_(capacity) {}

  // The value stored under `key`, unless it has expired.
  std::optional<Value> find(const std::string& key) const {
    const Microseconds now = clock_.now();
    MutexLock lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end() || it->second.expires_at <= now) return std::nullopt;
    return it->second.value;
  }

  void store(std::string key, Value value) {
    const Microseconds now = clock_.now();
    MutexLock lock(mutex_);
    if (entries_.size() >= capacity_ && !entries_.contains(key)) make_room(now);
    entries_.insert_or_assign(std::move(key), Entry{std::move(value), now + ttl_});
  }

  void clear() {
    MutexLock lock(mutex_);
    entries_.clear();
  }

  std::size_t size() const {
    MutexLock lock(mutex_);
    return entries_.size();
  }

 private:
  struct Entry {
    Value value;
    Microseconds expires_at;
  };

  void make_room(Microseconds now) CRUDDUR_REQUIRES(mutex_) {
    std::erase_if(entries_, [now](const auto& entry) { return entry.second.expires_at <= now; });
    if (entries_.size() >= capacity_) entries_.clear();
  }

  const Clock& clock_;
  const Microseconds ttl_;
  const std::size_t capacity_;
  mutable Mutex mutex_;
  std::unordered_map<std::string, Entry> entries_ CRUDDUR_GUARDED_BY(mutex_);
};

}  // namespace cruddur
