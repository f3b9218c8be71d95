#include "messaging/unread.hpp"

#include <algorithm>

#include "messaging/all_of.hpp"
#include "messaging/item_text.hpp"
#include "messaging/keys.hpp"

namespace cruddur::messaging {

namespace asio = boost::asio;
using store::Item;

namespace {

// What a count needs from a row: which conversation, whose messages, and after which position.
struct CountJob {
  std::string group;
  std::string other_uuid;
  std::optional<std::string> after;  // the owner's marker; nullopt: nothing read yet
};

// True when the row's latest message is newer than its owner's marker (or nothing was read yet): only then
// can anything be unread. Sending moves the sender's marker to the message sent, so a conversation whose
// latest message is mine has nothing unread for me.
bool may_have_unread(const Item& row) {
  auto activity = store::get_string(row, "activity");
  if (!activity) return false;  // no message yet
  auto marker = store::get_string(row, "read_marker");
  return !marker || *marker < *activity;
}

// The other member's messages after `job.after`, at most kUnreadCap: one Query of the conversation's
// partition (sort keys after the marker, only `user_uuid`), paged only when an engine returns a short page
// or the owner's own messages (a send still in flight) sit among them.
asio::awaitable<int> count_unread(store::Table& table, std::string table_name, CountJob job) {
  store::QueryRequest query;
  query.table = std::move(table_name);
  query.hash_value = keys::message_partition(job.group);
  if (job.after) query.range = store::KeyRange{store::KeyRange::Op::gt, *job.after, {}};
  query.projection = {"user_uuid"};
  int unread = 0;
  while (unread < kUnreadCap) {
    query.limit = kUnreadCap - unread;
    store::QueryRequest request = query;
    store::Page page = co_await table.query(std::move(request));
    for (const auto& item : page.items)
      if (text_of(item, "user_uuid") == job.other_uuid) ++unread;
    if (!page.last_evaluated_key) break;
    query.exclusive_start_key = std::move(page.last_evaluated_key);
  }
  co_return std::min(unread, kUnreadCap);
}

// The unread count of a row from the newest messages of its conversation, when they reach back to its
// owner's marker (or are all the messages there are); nullopt when a count Query is needed.
std::optional<int> count_from(const NewestMessages& newest, const CountJob& job) {
  bool covers =
      newest.complete || (job.after && !newest.messages.empty() && newest.messages.back().first <= *job.after);
  if (!covers) return std::nullopt;
  int unread = 0;
  for (const auto& [sk, sender] : newest.messages)
    if (sender == job.other_uuid && (!job.after || sk > *job.after)) ++unread;
  return std::min(unread, kUnreadCap);
}

ConversationSummary summary_from_row(Item&& row) {
  ConversationSummary s;
  std::string other_marker;
  take_texts(row, {{"message_group_uuid", &s.message_group_uuid},
                   {"other_user_uuid", &s.other_user_uuid},
                   {"other_user_handle", &s.other_handle},
                   {"other_user_display_name", &s.other_display_name},
                   {"last_message", &s.last_message},
                   {"last_message_at", &s.last_message_at},
                   {"other_read_marker", &other_marker}});
  if (!other_marker.empty()) s.other_read_at = read_at_of(other_marker);
  return s;
}

std::string at_cap_key(const std::string& group, const std::string& sender) { return group + sender; }

}  // namespace

bool UnreadAtCap::reached(const std::string& group, const std::string& sender,
                          const std::optional<std::string>& marker) const {
  auto known = markers_.find(at_cap_key(group, sender));
  // All of the sender's messages include those after any marker; after `marker` include those after a newer one.
  return known && (!marker || (!known->empty() && *known >= *marker));
}

void UnreadAtCap::remember(const std::string& group, const std::string& sender,
                           const std::optional<std::string>& marker) {
  std::string key = at_cap_key(group, sender);
  std::string value = marker.value_or("");
  auto known = markers_.find(key);
  if (known && *known >= value) return;  // already knows as much (a racing store may keep the older: still true)
  markers_.store(std::move(key), std::move(value));
}

const std::vector<std::string>& summary_attributes() {
  static const std::vector<std::string> names{
      "message_group_uuid", "other_user_uuid",  "other_user_handle", "other_user_display_name",
      "last_message",       "last_message_at",  "activity",          "sk",
      "read_marker",        "other_read_marker"};
  return names;
}

std::string read_at_of(std::string_view marker) { return std::string(marker.substr(0, marker.find('#'))); }

asio::awaitable<NewestMessages> newest_messages(store::Table& table, std::string table_name, std::string group) {
  store::QueryRequest query;
  query.table = std::move(table_name);
  query.hash_value = keys::message_partition(group);
  query.forward = false;
  query.limit = kNewestWindow;
  query.projection = {"sk", "user_uuid"};
  store::Page page = co_await table.query(std::move(query));
  NewestMessages newest;
  newest.complete = !page.last_evaluated_key;
  for (auto& item : page.items) newest.messages.emplace_back(text_of(item, "sk"), text_of(item, "user_uuid"));
  co_return newest;
}

asio::awaitable<std::vector<ConversationSummary>> summarize(store::Table& table, std::string table_name,
                                                            std::vector<Item> rows, UnreadAtCap& at_cap,
                                                            const NewestMessages* newest) {
  std::vector<int> known(rows.size(), 0);
  std::vector<std::size_t> counted;  // indexes of the rows that need a count Query
  std::vector<CountJob> jobs;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (!may_have_unread(rows[i])) continue;
    CountJob job{text_of(rows[i], "message_group_uuid"), text_of(rows[i], "other_user_uuid"),
                 store::get_string(rows[i], "read_marker")};
    if (auto from_newest = newest ? count_from(*newest, job) : std::nullopt) {
      known[i] = *from_newest;
      continue;
    }
    if (at_cap.reached(job.group, job.other_uuid, job.after)) {
      known[i] = kUnreadCap;
      continue;
    }
    counted.push_back(i);
    jobs.push_back(std::move(job));
  }

  std::vector<ConversationSummary> summaries;
  summaries.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    summaries.push_back(summary_from_row(std::move(rows[i])));
    summaries.back().unread = known[i];
  }
  if (jobs.empty()) co_return summaries;

  std::vector<int> unread(jobs.size(), 0);
  std::vector<asio::awaitable<void>> counts;
  counts.reserve(jobs.size());
  for (std::size_t k = 0; k < jobs.size(); ++k)
    counts.push_back(store_into(count_unread(table, table_name, jobs[k]), &unread[k]));
  co_await all_of(std::move(counts));
  for (std::size_t k = 0; k < counted.size(); ++k) {
    summaries[counted[k]].unread = unread[k];
    if (unread[k] >= kUnreadCap) at_cap.remember(jobs[k].group, jobs[k].other_uuid, jobs[k].after);
  }
  co_return summaries;
}

}  // namespace cruddur::messaging
