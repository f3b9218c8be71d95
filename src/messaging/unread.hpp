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

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "core/clock.hpp"
#include "core/expiring_cache.hpp"
#include "messaging/model.hpp"
#include "store/table.hpp"

namespace cruddur::messaging {

// Counts stop here: a row shows at most this many unread messages ("99" reads "99 or more"), so that one
// count reads at most kUnreadCap messages (plus the owner's own, rarely any, after the marker).
inline constexpr int kUnreadCap = 99;

// What the counts have learnt that stays true: that a member's messages in a conversation after a marker
// reach kUnreadCap. A marker only moves forward and a message is never deleted, so the other member's
// messages after a fixed marker only grow in number: once a count reached the cap it stays at the cap until
// that marker moves, and a count from an older marker (or from none) reaches it too. A row found here costs
// no count Query: a receiver who never reads costs each send nothing to count (before: a Query of 99
// messages). Exact, not an estimate; across instances too (each learns for itself).
// Bounded (kCapacity (conversation, sender) pairs, entries dropped after `ttl`, as ExpiringCache does: a table replaced
// behind the service's back is seen within it).
// Thread-safety: every member may be called from any thread.
class UnreadAtCap {
 public:
  static constexpr std::size_t kCapacity = 20'000;

  UnreadAtCap(const Clock& clock, Microseconds ttl) : markers_(clock, ttl, kCapacity) {}

  // True when `sender`'s messages in `group` after `marker` (nullopt: all of them) are known to reach
  // kUnreadCap.
  bool reached(const std::string& group, const std::string& sender, const std::optional<std::string>& marker) const;
  // A count from `marker` reached kUnreadCap.
  void remember(const std::string& group, const std::string& sender, const std::optional<std::string>& marker);

 private:
  // key: group + sender uuid; value: the newest marker known to leave kUnreadCap after it ("": no marker).
  ExpiringCache<std::string> markers_;
};

// The attributes of a conversation row that summarize() (and the conversation cursor) read.
const std::vector<std::string>& summary_attributes();

// The newest messages of one conversation as a backwards Query read them (newest_messages()): enough to
// count a row's unread without another Query when the owner's marker lies among them.
struct NewestMessages {
  std::vector<std::pair<std::string, std::string>> messages;  // (sort key, sender uuid), newest first
  bool complete = false;                                      // these are all of the conversation's messages
};

// How many newest messages a send reads for its events (most conversations have fewer unread than this).
inline constexpr int kNewestWindow = 10;

// The kNewestWindow newest messages of `group`: one Query.
boost::asio::awaitable<NewestMessages> newest_messages(store::Table& table, std::string table_name, std::string group);

// The list rows of `rows` (conversation rows, each read with at least summary_attributes()), in order.
// Costs one count Query per row with a message newer than its owner's marker, all run concurrently; none
// for the other rows, nor for rows of the conversation `newest` holds whose marker lies within it, nor for
// rows `at_cap` knows to be at kUnreadCap (and it learns from every count that reaches the cap).
boost::asio::awaitable<std::vector<ConversationSummary>> summarize(store::Table& table, std::string table_name,
                                                                   std::vector<store::Item> rows, UnreadAtCap& at_cap,
                                                                   const NewestMessages* newest = nullptr);

// created_at of a read marker (a message sort key, `<created_at>#<message uuid>`).
std::string read_at_of(std::string_view marker);

}  // namespace cruddur::messaging
