#pragma once
// What the messaging domain tells the live layer after a write has committed: events addressed to one user
// each. The domain owns this interface and knows nothing of sockets, Redis or JSON; src/api renders events
// into stream frames (doc/stream.md) and src/live delivers them.
//
// Contract:
// - publish() is called only after every write of the operation has committed, once per recipient, on the
//   thread that ran the operation. It must not block and must not throw: a sink that cannot deliver (a
//   full queue, Redis down) drops the event and makes the affected streams resync, by its own rule.
// - Only members of a conversation are ever addressed with an event about it.
// - Delivery is at least once: a retried send (same client_message_id) may publish its events again, so
//   receivers de-duplicate by message uuid (the web app does).
//
// Thread-safety: an EventSink is called from any number of threads at once.

#include <string>
#include <variant>

#include "messaging/model.hpp"

namespace cruddur::messaging {

// A message was stored in a conversation the recipient is a member of (both members receive it, so the
// sender's other tabs stay current).
struct MessageCreated {
  Message message;  // with message_group_uuid
};

// A conversation row of the recipient changed (new last message, unread count, or the other's read marker).
struct GroupUpdated {
  ConversationSummary group;  // the row as GET /api/message_groups shows it to the recipient
};

// A member of a conversation moved their read marker (sent to the other member, and to the reader's own
// other tabs).
struct GroupRead {
  std::string message_group_uuid;
  std::string reader_handle;
  std::string read_at;  // created_at of the newest message the reader has read
};

using Event = std::variant<MessageCreated, GroupUpdated, GroupRead>;

class EventSink {
 public:
  virtual ~EventSink() = default;
  virtual void publish(const std::string& recipient_uuid, Event event) = 0;
};

// The sink of a process without live delivery (commands, tests of the domain alone): drops everything.
class NoEvents final : public EventSink {
 public:
  void publish(const std::string&, Event) override {}
};

}  // namespace cruddur::messaging
