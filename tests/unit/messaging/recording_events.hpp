#pragma once
// An EventSink that remembers every event with its recipient, for tests that assert who hears what.
// Thread-safe (a mutex), like the sinks it stands in for.

#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "messaging/events.hpp"

namespace cruddur::messaging::testing {

class RecordingEvents final : public EventSink {
 public:
  struct Delivered {
    std::string recipient_uuid;
    Event event;
  };

  void publish(const std::string& recipient_uuid, Event event) override {
    std::lock_guard lock(mutex_);
    delivered_.push_back({recipient_uuid, std::move(event)});
  }

  // Everything published so far, and forgets it.
  std::vector<Delivered> take() {
    std::lock_guard lock(mutex_);
    return std::exchange(delivered_, {});
  }

  // The events of type E that `recipient_uuid` received, in order (from take()'s result).
  template <typename E>
  static std::vector<E> of(const std::vector<Delivered>& delivered, const std::string& recipient_uuid) {
    std::vector<E> out;
    for (const auto& d : delivered)
      if (d.recipient_uuid == recipient_uuid)
        if (const E* e = std::get_if<E>(&d.event)) out.push_back(*e);
    return out;
  }

 private:
  std::mutex mutex_;
  std::vector<Delivered> delivered_;
};

}  // namespace cruddur::messaging::testing
