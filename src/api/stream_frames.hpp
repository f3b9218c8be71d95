#pragma once
// The JSON text of every frame the stream sends (doc/stream.md). Events reuse the API's own shapes
// (render.hpp), so a message or a conversation row looks the same on the stream as in GET responses.
// Pure functions; thread-safe.

#include <string>
#include <string_view>

#include "messaging/events.hpp"

namespace cruddur::api::stream_frames {

std::string hello(std::string_view since);  // {"type":"hello","since":...}
std::string resync();                       // {"type":"resync"}
std::string error(std::string_view code);   // {"type":"error","error":...}
std::string typing(std::string_view message_group_uuid, std::string_view handle);

// message.created / group.updated / group.read, each with "since".
std::string event(const messaging::Event& event, std::string_view since);

}  // namespace cruddur::api::stream_frames
