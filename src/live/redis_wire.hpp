#pragma once
// What the backplane reads from Redis, parsed: messages on the events channel and the open script's reply
// (formats in redis_scripts.hpp and doc/stream.md). Pure functions; thread-safe. Malformed input is
// refused (nullopt), never trusted.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "live/frame.hpp"
#include "live/remote_position.hpp"
#include "redis/reply.hpp"

namespace cruddur::live::redis_wire {

// Built by the scripts and by the backplane: "<kind>\n<user>\n<entry id>\n<frame>".
struct ChannelMessage {
  enum class Kind { event, typing, resync_all };
  Kind kind = Kind::event;
  std::string user;
  RemotePosition position;  // event only
  Frame frame;              // event (with `since` = "r.<entry id>") and typing
};
std::optional<ChannelMessage> parse_channel_message(std::string_view payload);

// The payloads the backplane itself publishes.
std::string typing_message(const std::string& user, const std::string& frame);
inline constexpr std::string_view kResyncAllMessage = "r\n*\n\n";

// The open script's reply {head, ok, entries}: the log's newest id, whether `since` is still in it, and
// the frames after it (markers skipped, `since` completed per entry).
struct Opened {
  std::string head;
  bool ok = false;
  std::vector<Frame> replay;
};
std::optional<Opened> parse_opened(const redis::Reply& reply);

}  // namespace cruddur::live::redis_wire
