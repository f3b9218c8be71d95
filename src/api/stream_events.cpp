#include "api/stream_events.hpp"

#include "api/stream_frames.hpp"

namespace cruddur::api {

void StreamEvents::publish(const std::string& recipient_uuid, messaging::Event event) {
  hub_.publish(recipient_uuid, [&event](std::string_view since) { return stream_frames::event(event, since); });
}

}  // namespace cruddur::api
