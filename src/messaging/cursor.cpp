#include "messaging/cursor.hpp"

#include "core/base64url.hpp"
#include "core/clock.hpp"
#include "core/uuid.hpp"

namespace cruddur::messaging::cursor {

namespace {
constexpr std::string_view kMessagePrefix = "m1|";
constexpr std::string_view kConversationPrefix = "c1|";

// "<timestamp>#<uuid>", the shape of a message sk and of an activity value.
bool is_time_and_uuid(std::string_view s) {
  auto hash = s.find('#');
  return hash != std::string_view::npos && parse_timestamp(s.substr(0, hash)) &&
         uuid::is_valid(s.substr(hash + 1));
}

std::optional<std::string> payload(std::string_view cursor, std::string_view prefix) {
  auto raw = base64url::decode(cursor);
  if (!raw || raw->compare(0, prefix.size(), prefix) != 0) return std::nullopt;
  return raw->substr(prefix.size());
}
}  // namespace

std::string encode_message(std::string_view message_sk) {
  return base64url::encode(std::string(kMessagePrefix) + std::string(message_sk));
}

std::optional<std::string> decode_message(std::string_view cursor) {
  auto sk = payload(cursor, kMessagePrefix);
  if (!sk || !is_time_and_uuid(*sk)) return std::nullopt;
  return sk;
}

std::string encode_conversation(const ConversationPosition& p) {
  return base64url::encode(std::string(kConversationPrefix) + p.activity + "|" + p.message_group_uuid);
}

std::optional<ConversationPosition> decode_conversation(std::string_view cursor) {
  auto body = payload(cursor, kConversationPrefix);
  if (!body) return std::nullopt;
  auto bar = body->find('|');
  if (bar == std::string::npos) return std::nullopt;
  ConversationPosition p{body->substr(0, bar), body->substr(bar + 1)};
  if (!is_time_and_uuid(p.activity) || !uuid::is_valid(p.message_group_uuid)) return std::nullopt;
  return p;
}

}  // namespace cruddur::messaging::cursor
