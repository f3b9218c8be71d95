#pragma once
// The key design of the message table (doc/keys.md is the prose version; keep them in step).
// Pure functions; no thread affinity.

#include <string>
#include <string_view>

#include "store/item.hpp"
#include "store/table.hpp"

namespace cruddur::messaging::keys {

inline constexpr std::string_view kDefaultTableName = "cruddur-messages";
inline constexpr std::string_view kGroupIndex = "message-group-sk-index";            // message_group_uuid, sk
inline constexpr std::string_view kActivityIndex = "conversation-activity-index";    // owner_uuid, activity

store::TableSchema table_schema(std::string table_name);

// GRP#<owner> / <group>: a member's row of a conversation.
store::Item conversation_row_key(std::string_view owner_uuid, std::string_view group_uuid);
// MSG#<group> / <created_at>#<message uuid>
store::Item message_key(std::string_view group_uuid, std::string_view created_at, std::string_view message_uuid);
// A message's sort key within its conversation: <created_at>#<message uuid>.
std::string message_sort_key(std::string_view created_at, std::string_view message_uuid);
std::string message_partition(std::string_view group_uuid);
// SEND#<sender> / <client_message_id>
store::Item send_intent_key(std::string_view sender_uuid, std::string_view client_message_id);
// MID#<message uuid> / <group>: finds a message's sort key by its uuid (POST .../read {"up_to"}).
store::Item message_id_key(std::string_view message_uuid, std::string_view group_uuid);
// The latest message's sort key (<created_at>#<message uuid>): orders conversations by it, totally.
std::string activity(std::string_view created_at, std::string_view message_uuid);

}  // namespace cruddur::messaging::keys
