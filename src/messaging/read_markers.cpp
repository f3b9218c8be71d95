// Read markers: moving them (POST /api/message_groups/<uuid>/read, and every send for its sender) and the
// unread total over all of a person's conversations. See doc/keys.md, "Read markers and unread counts".
#include "messaging/read_markers.hpp"

#include <set>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/uuid.hpp"
#include "messaging/all_of.hpp"
#include "messaging/item_text.hpp"
#include "messaging/keys.hpp"
#include "messaging/messaging_service.hpp"
#include "messaging/unread.hpp"

namespace cruddur::messaging {

using store::AttributeValue;
using store::Comparison;
using store::Item;

namespace read_markers {
namespace {

store::UpdateRequest advance(const std::string& table, const std::string& owner, const std::string& group,
                             const std::string& attribute, const std::string& marker) {
  store::UpdateRequest update{table, keys::conversation_row_key(owner, group)};
  update.set = {{attribute, AttributeValue::S(marker)}};
  update.condition = {{Comparison::exists("pk")},
                      {Comparison::not_exists(attribute),
                       Comparison::compare(attribute, Comparison::Op::lt, AttributeValue::S(marker))}};
  return update;
}

}  // namespace

store::UpdateRequest advance_own(const std::string& table, const std::string& owner_uuid, const std::string& group,
                                 const std::string& marker) {
  return advance(table, owner_uuid, group, "read_marker", marker);
}

store::UpdateRequest advance_mirror(const std::string& table, const std::string& owner_uuid, const std::string& group,
                                    const std::string& marker) {
  return advance(table, owner_uuid, group, "other_read_marker", marker);
}

}  // namespace read_markers

namespace {

Error up_to_invalid() { return Error::validation({"up_to_invalid"}); }

// How many conversation rows one page of the unread total reads.
constexpr int kTotalPageSize = 100;

}  // namespace

Task<std::optional<std::string>> MessagingService::read_target(const std::string& group,
                                                               const std::optional<std::string>& up_to) {
  if (up_to) {
    // A message is in this conversation exactly when its id item is (keys::message_id_key).
    if (!uuid::is_valid(*up_to)) throw up_to_invalid();
    store::GetRequest lookup{table_name_, keys::message_id_key(lowercase(*up_to), group)};
    auto found = co_await table_.get(std::move(lookup));
    if (!found) throw up_to_invalid();
    co_return text_of(*found, "message_sk");
  }
  store::QueryRequest newest;
  newest.table = table_name_;
  newest.hash_value = keys::message_partition(group);
  newest.forward = false;
  newest.limit = 1;
  newest.projection = {"sk"};
  store::Page page = co_await table_.query(std::move(newest));
  if (page.items.empty()) co_return std::nullopt;  // no message yet: nothing to read
  co_return text_of(page.items.front(), "sk");
}

Task<ReadResult> MessagingService::mark_read(users::User me, std::string group, std::optional<std::string> up_to) {
  group = checked_group(std::move(group));
  // Membership first: a non-member learns nothing, not even whether the message exists.
  auto other = co_await other_member(me, group);
  if (!other) throw group_not_found();
  std::optional<std::string> target = co_await read_target(group, up_to);

  std::optional<Item> row;
  bool moved = false;
  if (target) {
    // Both forward-only and idempotent, so concurrent: a crash between them leaves the mirror behind (or
    // ahead) until the next read or send of this member, which writes both again.
    store::UpdateRequest mine = read_markers::advance_own(table_name_, me.uuid, group, *target);
    store::UpdateRequest theirs = read_markers::advance_mirror(table_name_, *other, group, *target);
    store::UpdateResult own, mirror;
    std::vector<Task<void>> writes;
    writes.push_back(store_into(table_.update(std::move(mine)), &own));
    writes.push_back(store_into(table_.update(std::move(theirs)), &mirror));
    co_await all_of(std::move(writes));
    moved = own.status == store::WriteStatus::ok;
    if (moved) row = std::move(own.item);
  }
  if (!row) {  // not moved (already at or past the target): the marker as it stands
    store::GetRequest get{table_name_, keys::conversation_row_key(me.uuid, group)};
    row = co_await table_.get(std::move(get));
    if (!row) throw group_not_found();
  }
  auto marker = store::get_string(*row, "read_marker");
  std::vector<Item> rows;
  rows.push_back(std::move(*row));
  auto summaries = co_await summarize(table_, table_name_, std::move(rows), unread_at_cap_);

  ReadResult result{summaries[0].unread, std::nullopt};
  if (marker) result.read_at = read_at_of(*marker);
  if (moved) {
    // Committed: the other member sees "seen", the reader's other tabs move their marker and count.
    GroupRead read{group, me.handle, *result.read_at};
    events_.publish(*other, read);
    events_.publish(me.uuid, std::move(read));
    events_.publish(me.uuid, GroupUpdated{std::move(summaries[0])});
  }
  co_return result;
}

Task<int> MessagingService::unread_total(users::User me) {
  store::QueryRequest query;
  query.table = table_name_;
  query.index = std::string(keys::kActivityIndex);
  query.hash_value = me.uuid;
  query.projection = summary_attributes();
  // Newest first, and each conversation once: an index may briefly hold an old entry of a row next to its
  // new one (see list_conversations); the first seen is the latest.
  query.forward = false;
  std::set<std::string> seen;
  int total = 0;
  for (;;) {
    query.limit = kTotalPageSize;
    store::QueryRequest request = query;
    store::Page page = co_await table_.query(std::move(request));
    std::erase_if(page.items, [&seen](const Item& row) { return !seen.insert(text_of(row, "sk")).second; });
    auto summaries = co_await summarize(table_, table_name_, std::move(page.items), unread_at_cap_);
    for (const auto& summary : summaries) total += summary.unread;
    if (!page.last_evaluated_key) break;
    query.exclusive_start_key = std::move(page.last_evaluated_key);
  }
  co_return total;
}

}  // namespace cruddur::messaging
