#pragma once
// The messaging domain: the access patterns of direct messages on one Table (see doc/keys.md).
//
// Authorization lives here, on every read and write: only the two members of a conversation can read it or
// post to it; anyone else gets Error::not_found("message_group_not_found"), exactly as if it did not exist.
// Rule failures throw Error::validation with every failing code.
//
// Membership is remembered once seen (a conversation row is never deleted, so "X is a member of G, with Y"
// stays true): reading or replying to a known conversation costs no membership read for `membership_ttl`.
// Non-membership is never remembered. Likewise a count of unread messages that reached the cap stays there
// until its owner's marker moves (UnreadAtCap, unread.hpp), and is remembered for `membership_ttl` too.
//
// Events (messaging/events.hpp) go to `events` after each committed write, addressed to members only.
//
// Thread-safety: any number of coroutines on any threads may call it at once (the membership cache is
// internally locked). The Table, Directory, Clock and EventSink must outlive it.

#include <optional>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/expiring_cache.hpp"
#include "core/task.hpp"
#include "messaging/events.hpp"
#include "messaging/model.hpp"
#include "messaging/unread.hpp"
#include "store/table.hpp"
#include "users/directory.hpp"

namespace cruddur::messaging {

using cruddur::Task;

class MessagingService {
 public:
  static constexpr Microseconds kDefaultMembershipTtl = 60 * kMicrosPerSecond;

  MessagingService(store::Table& table, std::string table_name, users::Directory& users, const Clock& clock,
                   EventSink& events, Microseconds membership_ttl = kDefaultMembershipTtl);

  // `me`'s conversations that have messages, newest activity first.
  Task<PageOf<ConversationSummary>> list_conversations(users::User me, PageRequest page);

  // The newest page of a conversation (or the page older than page.cursor), oldest message first. With
  // page.oldest_first: the oldest page (or the page newer than page.cursor), oldest message first.
  Task<PageOf<Message>> list_messages(users::User me, std::string message_group_uuid, PageRequest page);

  // Sends a message to a conversation or to a person (opening or reusing the one conversation with them).
  // Idempotent per (me, client_message_id): a retry returns the first attempt's message (same uuid and
  // created_at), finishing a half-done send, and writes nothing new.
  Task<Message> send(users::User me, SendRequest request);

  // Moves my read marker of a conversation forward to `up_to` (a message uuid; default: the newest message)
  // and answers what is still unread. Idempotent; a marker never moves back (an older `up_to` changes
  // nothing). Not a member: not_found("message_group_not_found"); `up_to` not a message of this
  // conversation: validation("up_to_invalid"); nothing is written then. Publishes GroupRead to both
  // members and GroupUpdated (my row) to me when the marker moved. Defined in read_markers.cpp.
  Task<ReadResult> mark_read(users::User me, std::string message_group_uuid, std::optional<std::string> up_to);

  // The total of my unread messages over all my conversations (each counted up to kUnreadCap): pages through
  // my conversations (one Query per 100) plus one count Query per conversation with something new.
  Task<int> unread_total(users::User me);

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
  static std::string lowercase(std::string s);
  static Error group_not_found();
  // A conversation id from outside, lowercased; not a uuid: group_not_found().
  static std::string checked_group(std::string group);
  // The sort key `mark_read` moves the marker to: the message `up_to`, or the newest (nullopt: none yet).
  Task<std::optional<std::string>> read_target(const std::string& group, const std::optional<std::string>& up_to);
  // Publishes GroupUpdated to both members of `group` with each one's own row (after a send committed).
  Task<void> publish_rows(const std::string& group, const std::string& first_uuid, const std::string& second_uuid);

  Task<Target> authorize_send(const users::User& me, const SendRequest& request);
  // The other member of `group` when `me` is a member (nullopt otherwise); `group` is lowercase.
  Task<std::optional<std::string>> other_member(const users::User& me, const std::string& group);
  // Both conversation rows of `group`, to put "if absent" (opening is idempotent).
  std::vector<store::PutRequest> conversation_rows(const users::User& me, const users::User& other,
                                                   const std::string& group) const;
  Task<void> open_conversation(std::vector<store::PutRequest> rows);
  // The writes that put a message into its conversation and both members' lists (all idempotent).
  struct Delivery {
    store::PutRequest message;
    store::PutRequest message_id;     // finds the message's sort key by its uuid (mark_read's up_to)
    store::UpdateRequest sender_row;  // activity and preview
    store::UpdateRequest other_row;
    store::UpdateRequest sender_marker;  // the sender has read their own message...
    store::UpdateRequest other_mirror;   // ...and the other member's row says so
  };
  Delivery delivery_writes(const Message& message, const std::string& other_uuid) const;
  // The delivery's six writes, concurrently.
  Task<void> deliver(Delivery delivery);
  // Puts the send intent and, when it is new, the conversation rows (to a handle) and the delivery; for a
  // retry (intent already there) finishes the first attempt with its uuid and time; for another message
  // under the same id throws conflict having written nothing. Returns the message as stored.
  Task<Message> record_and_deliver(const users::User& me, const std::string& client_message_id, Message message,
                                   const Target& target);

  store::Table& table_;
  std::string table_name_;
  users::Directory& users_;
  const Clock& clock_;
  EventSink& events_;
  ExpiringCache<std::string> other_member_;  // key: member uuid + group uuid
  UnreadAtCap unread_at_cap_;                // counts known to be at the cap, for membership_ttl (unread.hpp)
};

}  // namespace cruddur::messaging
