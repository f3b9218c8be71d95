#pragma once
// The messaging domain: the access patterns of direct messages on one Table (see doc/keys.md).
//
// Authorization lives here, on every read and write: only the two members of a conversation can read it or
// post to it; anyone else gets Error::not_found("message_group_not_found"), exactly as if it did not exist.
// Rule failures throw Error::validation with every failing code.
//
// Membership is remembered once seen (a conversation row is never deleted, so "X is a member of G, with Y"
// stays true): reading or replying to a known conversation costs no membership read for `membership_ttl`.
// Non-membership is never remembered.
//
// Events (messaging/events.hpp) go to `events` after each committed write, addressed to members only.
//
// Thread-safety: any number of coroutines on any threads may call it at once (the membership cache is
// internally locked). The Table, Directory, Clock and EventSink must outlive it.

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/expiring_cache.hpp"
#include "messaging/events.hpp"
#include "messaging/model.hpp"
#include "store/table.hpp"
#include "users/directory.hpp"

namespace cruddur::messaging {

template <typename T>
using Task = boost::asio::awaitable<T>;

class MessagingService {
 public:
  static constexpr Microseconds kDefaultMembershipTtl = 60 * kMicrosPerSecond;

  MessagingService(store::Table& table, std::string table_name, users::Directory& users, const Clock& clock,
                   EventSink& events, Microseconds membership_ttl = kDefaultMembershipTtl);

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

  // The other member of a conversation when `user_uuid` is one of its two members; nullopt otherwise (also
  // for a malformed uuid). Remembered like every membership check. For the stream's typing frames
  // (membership.cpp).
  Task<std::optional<std::string>> other_member_of(std::string user_uuid, std::string message_group_uuid);

  const std::string& table_name() const { return table_name_; }

 private:
  struct Target;
  Task<Target> authorize_send(const users::User& me, const SendRequest& request);
  // The other member of `group` when `me` is a member (nullopt otherwise); `group` is lowercase.
  Task<std::optional<std::string>> other_member(const users::User& me, const std::string& group);
  Task<void> open_conversation(const users::User& me, const users::User& other, const std::string& group);
  // The writes that put a message into its conversation and both members' lists (all idempotent).
  struct Delivery {
    store::PutRequest message;
    store::UpdateRequest sender_row;
    store::UpdateRequest other_row;
  };
  Delivery delivery_writes(const Message& message, const std::string& other_uuid) const;
  // Puts the send intent and, when it is new, the delivery; for a retry (intent already there) finishes the
  // first attempt's delivery with its uuid and time. Returns the message as stored.
  Task<Message> record_and_deliver(const users::User& me, const std::string& client_message_id, Message message,
                                   const std::string& other_uuid);

  store::Table& table_;
  std::string table_name_;
  users::Directory& users_;
  const Clock& clock_;
  EventSink& events_;
  ExpiringCache<std::string> other_member_;  // key: member uuid + group uuid
};

}  // namespace cruddur::messaging
