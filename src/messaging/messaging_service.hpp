#pragma once
// The messaging domain: the access patterns of direct messages on one Table (see doc/keys.md).
//
// Authorization lives here, on every read and write: only the two members of a conversation can read it or
// post to it; anyone else gets Error::not_found("message_group_not_found"), exactly as if it did not exist.
// Rule failures throw Error::validation with every failing code.
//
// Thread-safety: stateless apart from its references; any number of coroutines on any threads may call it at
// once. The Table, Directory and Clock must outlive it.

#include <boost/asio/awaitable.hpp>

#include <string>
#include <vector>

#include "core/clock.hpp"
#include "messaging/model.hpp"
#include "store/table.hpp"
#include "users/directory.hpp"

namespace cruddur::messaging {

template <typename T>
using Task = boost::asio::awaitable<T>;

class MessagingService {
 public:
  MessagingService(store::Table& table, std::string table_name, users::Directory& users, const Clock& clock);

  // `me`'s conversations that have messages, newest activity first.
  Task<PageOf<ConversationSummary>> list_conversations(users::User me, PageRequest page);

  // The newest page of a conversation (or the page older than page.cursor), oldest message first.
  Task<PageOf<Message>> list_messages(users::User me, std::string message_group_uuid, PageRequest page);

  // Sends a message to a conversation or to a person (opening or reusing the one conversation with them).
  // Idempotent per (me, client_message_id): a retry returns the first attempt's message (same uuid and
  // created_at), finishing a half-done send, and writes nothing new.
  Task<Message> send(users::User me, SendRequest request);

  // The uuids of a conversation's members (empty when there is no such conversation). For administration
  // (`cruddur ddb get-conversation`); no caller is checked.
  Task<std::vector<std::string>> conversation_members(std::string message_group_uuid);

  const std::string& table_name() const { return table_name_; }

 private:
  struct Target;
  Task<Target> authorize_send(const users::User& me, const SendRequest& request);
  Task<void> open_conversation(const users::User& me, const users::User& other, const std::string& group);
  Task<Message> record_intent(const users::User& me, const std::string& client_message_id, Message message);
  Task<void> deliver(const Message& message, const std::string& other_uuid);

  store::Table& table_;
  std::string table_name_;
  users::Directory& users_;
  const Clock& clock_;
};

}  // namespace cruddur::messaging
