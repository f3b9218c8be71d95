#pragma once
// Conversation rows as list rows, with their unread counts (doc/keys.md, "Read markers and unread counts").
//
// Nothing counts messages as they arrive: a row stores only its owner's read marker (`read_marker`, the sort
// key of the newest message the owner has read) and a mirror of the other member's (`other_read_marker`).
// The unread count is derived when a row is shown: the other member's messages after the owner's marker,
// counted by one bounded Query of the conversation. A row whose latest message (`activity`) is not newer
// than the marker has nothing unread and costs no read. Exact by construction under retries and crashes,
// because only the markers are stored and they only move forward.
//
// Thread-safety: free functions; the Table must be usable from the calling coroutine's executor.

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "messaging/model.hpp"
#include "store/table.hpp"

namespace cruddur::messaging {

// Counts stop here: a row shows at most this many unread messages ("99" reads "99 or more"), so that one
// count reads at most kUnreadCap messages (plus the owner's own, rarely any, after the marker).
inline constexpr int kUnreadCap = 99;

// The attributes of a conversation row that summarize() (and the conversation cursor) read.
const std::vector<std::string>& summary_attributes();

// The newest messages of one conversation as a backwards Query read them (newest_messages()): enough to
// count a row's unread without another Query when the owner's marker lies among them.
struct NewestMessages {
  std::vector<std::pair<std::string, std::string>> messages;  // (sort key, sender uuid), newest first
  bool complete = false;                                       // these are all of the conversation's messages
};

// How many newest messages a send reads for its events (most conversations have fewer unread than this).
inline constexpr int kNewestWindow = 10;

// The kNewestWindow newest messages of `group`: one Query.
boost::asio::awaitable<NewestMessages> newest_messages(store::Table& table, std::string table_name,
                                                       std::string group);

// The list rows of `rows` (conversation rows, each read with at least summary_attributes()), in order.
// Costs one count Query per row with a message newer than its owner's marker, all run concurrently; none
// for the other rows, nor for rows of the conversation `newest` holds whose marker lies within it.
boost::asio::awaitable<std::vector<ConversationSummary>> summarize(store::Table& table, std::string table_name,
                                                                   std::vector<store::Item> rows,
                                                                   const NewestMessages* newest = nullptr);

// created_at of a read marker (a message sort key, `<created_at>#<message uuid>`).
std::string read_at_of(std::string_view marker);

}  // namespace cruddur::messaging
