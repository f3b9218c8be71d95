#pragma once
// Opaque paging cursors (X-Next-Cursor). A cursor names the last item of the previous page; the next page
// starts strictly after it, so pages never skip or repeat. Pure; thread-safe.
//   messages:      base64url("m1|<message sk>")
//   conversations: base64url("c1|<activity>|<message_group_uuid>")

#include <optional>
#include <string>
#include <string_view>

namespace cruddur::messaging::cursor {

struct ConversationPosition {
  std::string activity;
  std::string message_group_uuid;
};

std::string encode_message(std::string_view message_sk);
// nullopt for anything that is not a message cursor with a well-formed "<timestamp>#<uuid>".
std::optional<std::string> decode_message(std::string_view cursor);

std::string encode_conversation(const ConversationPosition& position);
std::optional<ConversationPosition> decode_conversation(std::string_view cursor);

}  // namespace cruddur::messaging::cursor
