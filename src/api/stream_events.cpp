#include "api/stream_events.hpp"

#include "api/stream_frames.hpp"

namespace cruddur::api {

void StreamEvents::publish(const std::string& recipient_uuid, messaging::Event event) {
  auto render = [&event](std::string_view since) { return stream_frames::event(event, since); };
  if (backplane_) {
    backplane_->publish(recipient_uuid, render);
  } else {
    hub_.publish(recipient_uuid, render);
  }
}

}  // namespace cruddur::api
