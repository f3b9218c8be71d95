#pragma once
// The messaging domain's EventSink for live delivery: renders each event into its stream frame
// (stream_frames.hpp) and publishes it to the recipient's log and open streams (live::Hub).
// Thread-safe and non-blocking, as EventSink requires; the Hub must outlive it.

#include "live/hub.hpp"
#include "messaging/events.hpp"

namespace cruddur::api {

class StreamEvents final : public messaging::EventSink {
 public:
  explicit StreamEvents(live::Hub& hub) : hub_(hub) {}
  void publish(const std::string& recipient_uuid, messaging::Event event) override;

 private:
  live::Hub& hub_;
};

}  // namespace cruddur::api
