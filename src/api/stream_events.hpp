#pragma once
// The messaging domain's EventSink for live delivery: renders each event into its stream frame
// (stream_frames.hpp) and publishes it to the recipient's log and open streams: through Redis to every
// instance when a backplane is given (--redis-url), else to this process's live::Hub.
// Thread-safe and non-blocking, as EventSink requires; the Hub and the backplane must outlive it.

#include "live/hub.hpp"
#include "live/redis_backplane.hpp"
#include "messaging/events.hpp"

namespace cruddur::api {

class StreamEvents final : public messaging::EventSink {
 public:
  explicit StreamEvents(live::Hub& hub, live::RedisBackplane* backplane = nullptr) : hub_(hub), backplane_(backplane) {}
  void publish(const std::string& recipient_uuid, messaging::Event event) override;

 private:
  live::Hub& hub_;
  live::RedisBackplane* backplane_;  // null: one process
};

}  // namespace cruddur::api
