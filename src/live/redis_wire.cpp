#include "live/redis_wire.hpp"

#include <memory>

#include "live/frame_template.hpp"

namespace cruddur::live::redis_wire {

std::optional<ChannelMessage> parse_channel_message(std::string_view payload) {
  std::string_view parts[3];
  for (auto& part : parts) {
    auto newline = payload.find('\n');
    if (newline == std::string_view::npos) return std::nullopt;
    part = payload.substr(0, newline);
    payload.remove_prefix(newline + 1);
  }
  ChannelMessage message;
  message.user = std::string(parts[1]);
  if (parts[0] == "e") {
    auto position = parse_stream_id(parts[2]);
    if (!position || message.user.empty()) return std::nullopt;
    message.kind = ChannelMessage::Kind::event;
    message.position = *position;
    message.frame = std::make_shared<const std::string>(complete_frame(payload, token_of_stream_id(parts[2])));
  } else if (parts[0] == "t") {
    if (message.user.empty()) return std::nullopt;
    message.kind = ChannelMessage::Kind::typing;
    message.frame = std::make_shared<const std::string>(payload);
  } else if (parts[0] == "r") {
    message.kind = ChannelMessage::Kind::resync_all;
  } else {
    return std::nullopt;
  }
  return message;
}

std::string typing_message(const std::string& user, const std::string& frame) { return "t\n" + user + "\n\n" + frame; }

std::optional<Opened> parse_opened(const redis::Reply& reply) {
  if (!reply.is_array() || reply.elements.size() != 3) return std::nullopt;
  Opened opened;
  opened.head = reply.elements[0].str;
  opened.ok = reply.elements[1].type == redis::Reply::Type::integer && reply.elements[1].integer == 1;
  if (!parse_stream_id(opened.head)) return std::nullopt;
  for (const auto& entry : reply.elements[2].elements) {  // [id, [field, value, ...]]
    if (entry.elements.size() != 2 || !parse_stream_id(entry.elements[0].str)) return std::nullopt;
    const auto& fields = entry.elements[1].elements;
    for (std::size_t i = 0; i + 1 < fields.size(); i += 2)
      if (fields[i].str == "f")  // a marker ("m") is no event
        opened.replay.push_back(std::make_shared<const std::string>(
            complete_frame(fields[i + 1].str, token_of_stream_id(entry.elements[0].str))));
  }
  return opened;
}

}  // namespace cruddur::live::redis_wire
