#pragma once
// What the messaging domain hands to the API: plain value types, no thread affinity.

#include <optional>
#include <string>
#include <vector>

namespace cruddur::messaging {

// One entry of a person's conversation list: the other person and the latest message.
struct ConversationSummary {
  std::string message_group_uuid;
  std::string other_user_uuid;
  std::string other_handle;
  std::string other_display_name;
  std::string last_message;
  std::string last_message_at;  // fixed-width UTC timestamp
  int unread = 0;                              // messages from the other person after my read marker
  std::optional<std::string> other_read_at;    // created_at of the newest message the other person has read
};

// One message of a conversation.
struct Message {
  std::string uuid;
  std::string message_group_uuid;
  std::string sender_uuid;
  std::string sender_handle;
  std::string sender_display_name;
  std::string text;
  std::string created_at;  // fixed-width UTC timestamp
};

// What marking a conversation read answers: what is still unread and where the marker stands.
struct ReadResult {
  int unread = 0;                      // messages from the other person after my marker
  std::optional<std::string> read_at;  // created_at of the marker's message; nullopt before any message
};

struct PageRequest {
  int limit = 20;                     // 1..kMaxPageSize, checked by the caller (API edge)
  std::optional<std::string> cursor;  // opaque, from a previous page
  // list_messages only: page forwards from the oldest message (the cursor then points at newer messages).
  // The API's pages go backwards (newest first); a download of a whole conversation goes forwards.
  bool oldest_first = false;
};

template <typename T>
struct PageOf {
  std::vector<T> items;
  std::optional<std::string> next_cursor;  // absent on the last page
};

// A send: to an existing conversation (message_group_uuid) or to a person (handle). Exactly one is set.
struct SendRequest {
  std::string text;
  std::optional<std::string> message_group_uuid;
  std::optional<std::string> handle;
  std::optional<std::string> client_message_id;
};

constexpr int kDefaultPageSize = 20;
constexpr int kMaxPageSize = 100;

}  // namespace cruddur::messaging
