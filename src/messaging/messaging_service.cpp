#include "messaging/messaging_service.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <utility>

#include "core/error.hpp"
#include "core/uuid.hpp"
#include "messaging/all_of.hpp"
#include "messaging/conversation_id.hpp"
#include "messaging/cursor.hpp"
#include "messaging/keys.hpp"
#include "messaging/item_text.hpp"
#include "messaging/message_rules.hpp"
#include "messaging/read_markers.hpp"
#include "messaging/unread.hpp"

namespace cruddur::messaging {

using store::AttributeValue;
using store::Comparison;
using store::Item;

namespace {

// GCC 12 miscompiles two things inside co_await expressions: string literals in braced initializers ("array
// used as initializer"), and braced temporaries passed by value (destroyed twice). So conditions are built in
// plain functions, and every request is a named variable moved into the call.
Error client_message_id_conflict() { return Error::conflict("client_message_id_conflict"); }

store::Condition if_absent() { return {{Comparison::not_exists("pk")}}; }

// What message_from_item reads: a page query fetches no more. (The message cursor is the last message's sort
// key, which keys::message_sort_key rebuilds from these.)
const std::vector<std::string>& message_attributes() {
  static const std::vector<std::string> names{"message_uuid", "user_uuid", "user_handle", "user_display_name",
                                              "message", "created_at"};
  return names;
}

Message message_from_item(Item&& item, const std::string& group) {
  Message m;
  m.message_group_uuid = group;
  take_texts(item, {{"message_uuid", &m.uuid},
                    {"user_uuid", &m.sender_uuid},
                    {"user_handle", &m.sender_handle},
                    {"user_display_name", &m.sender_display_name},
                    {"message", &m.text},
                    {"created_at", &m.created_at}});
  return m;
}

Item conversation_row(const users::User& owner, const users::User& other, const std::string& group,
                      const std::string& now) {
  Item row = keys::conversation_row_key(owner.uuid, group);
  row["message_group_uuid"] = AttributeValue::S(group);
  row["owner_uuid"] = AttributeValue::S(owner.uuid);
  row["other_user_uuid"] = AttributeValue::S(other.uuid);
  row["other_user_handle"] = AttributeValue::S(other.handle);
  row["other_user_display_name"] = AttributeValue::S(other.display_name);
  row["created_at"] = AttributeValue::S(now);
  return row;
}

// Reads up to `wanted` items, following last_evaluated_key: engines may return short pages.
Task<std::vector<Item>> query_items(store::Table& table, store::QueryRequest query, std::size_t wanted) {
  std::vector<Item> items;
  while (items.size() < wanted) {
    query.limit = static_cast<int>(wanted - items.size());
    store::Page page = co_await table.query(query);
    for (auto& item : page.items) items.push_back(std::move(item));
    if (!page.last_evaluated_key) break;
    query.exclusive_start_key = std::move(page.last_evaluated_key);
  }
  co_return items;
}

}  // namespace

struct MessagingService::Target {
  std::string message_group_uuid;
  std::string other_user_uuid;
  std::vector<store::PutRequest> opening;  // a send to a handle: both conversation rows (conversation_rows)
};

namespace {
constexpr std::size_t kMembershipCapacity = 100'000;
std::string membership_key(const std::string& member, const std::string& group) { return member + group; }
}  // namespace

std::string MessagingService::lowercase(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return s;
}

Error MessagingService::group_not_found() { return Error::not_found("message_group_not_found"); }

std::string MessagingService::checked_group(std::string group) {
  if (!uuid::is_valid(group)) throw group_not_found();
  return lowercase(std::move(group));
}

MessagingService::MessagingService(store::Table& table, std::string table_name, users::Directory& users,
                                   const Clock& clock, EventSink& events, Microseconds membership_ttl)
    : table_(table),
      table_name_(std::move(table_name)),
      users_(users),
      clock_(clock),
      events_(events),
      other_member_(clock, membership_ttl, kMembershipCapacity),
      unread_at_cap_(clock, membership_ttl) {}

Task<std::optional<std::string>> MessagingService::other_member(const users::User& me, const std::string& group) {
  std::string key = membership_key(me.uuid, group);
  if (auto other = other_member_.find(key)) co_return other;
  store::GetRequest membership{table_name_, keys::conversation_row_key(me.uuid, group)};
  auto row = co_await table_.get(std::move(membership));
  if (!row) co_return std::nullopt;
  std::string other = text_of(*row, "other_user_uuid");
  other_member_.store(std::move(key), other);
  co_return other;
}

Task<PageOf<ConversationSummary>> MessagingService::list_conversations(users::User me, PageRequest page) {
  store::QueryRequest query;
  query.table = table_name_;
  query.index = std::string(keys::kActivityIndex);
  query.hash_value = me.uuid;
  query.forward = false;
  query.projection = summary_attributes();
  if (page.cursor) {
    auto position = cursor::decode_conversation(*page.cursor);
    if (!position) throw Error::validation({"cursor_invalid"});
    Item start = keys::conversation_row_key(me.uuid, position->message_group_uuid);
    start["owner_uuid"] = AttributeValue::S(me.uuid);
    start["activity"] = AttributeValue::S(position->activity);
    query.exclusive_start_key = std::move(start);
  }
  auto rows = co_await query_items(table_, std::move(query), static_cast<std::size_t>(page.limit) + 1);
  bool more = rows.size() > static_cast<std::size_t>(page.limit);
  // One row per conversation: an index may briefly hold an old entry of a row next to its new one (AWS
  // DynamoDB's indexes are eventually consistent; dynalite killed mid-update keeps the old one). Rows come
  // newest first, so the first of a conversation is its latest state; the others are dropped.
  std::set<std::string> seen;
  std::erase_if(rows, [&seen](const Item& row) { return !seen.insert(text_of(row, "sk")).second; });

  PageOf<ConversationSummary> result;
  if (rows.size() > static_cast<std::size_t>(page.limit)) rows.resize(page.limit);
  if (more && !rows.empty())
    result.next_cursor = cursor::encode_conversation({text_of(rows.back(), "activity"), text_of(rows.back(), "sk")});
  // Plus one count Query per row with a message newer than my marker (concurrently; unread.hpp).
  result.items = co_await summarize(table_, table_name_, std::move(rows), unread_at_cap_);
  co_return result;
}

Task<PageOf<Message>> MessagingService::list_messages(users::User me, std::string group, PageRequest page) {
  group = checked_group(std::move(group));
  // Membership first: a non-member learns nothing, not even whether the conversation exists.
  if (!co_await other_member(me, group)) throw group_not_found();

  store::QueryRequest query;
  query.table = table_name_;
  query.hash_value = keys::message_partition(group);
  query.forward = page.oldest_first;
  query.projection = message_attributes();
  if (page.cursor) {
    auto sk = cursor::decode_message(*page.cursor);
    if (!sk) throw Error::validation({"cursor_invalid"});
    query.exclusive_start_key = Item{{"pk", AttributeValue::S(keys::message_partition(group))},
                                     {"sk", AttributeValue::S(*sk)}};
  }
  auto items = co_await query_items(table_, std::move(query), static_cast<std::size_t>(page.limit) + 1);

  PageOf<Message> result;
  bool more = items.size() > static_cast<std::size_t>(page.limit);
  if (more) items.resize(page.limit);
  result.items.reserve(items.size());
  if (page.oldest_first) {
    for (auto& item : items) result.items.push_back(message_from_item(std::move(item), group));
    if (more) {
      const Message& newest = result.items.back();
      result.next_cursor = cursor::encode_message(keys::message_sort_key(newest.created_at, newest.uuid));
    }
  } else {
    // The query ran newest first; a page reads oldest first.
    for (auto it = items.rbegin(); it != items.rend(); ++it) result.items.push_back(message_from_item(std::move(*it), group));
    if (more) {
      const Message& oldest = result.items.front();
      result.next_cursor = cursor::encode_message(keys::message_sort_key(oldest.created_at, oldest.uuid));
    }
  }
  co_return result;
}

Task<Message> MessagingService::send(users::User me, SendRequest request) {
  std::vector<std::string> codes = check_message_text(request.text);
  if (request.handle && request.message_group_uuid) {
    codes.push_back("message_group_uuid_and_handle_both_given");
  } else if (request.handle) {
    request.handle = lowercase(*request.handle);
    if (request.handle->empty()) codes.push_back("handle_blank");
    else if (*request.handle == lowercase(me.handle)) codes.push_back("cannot_message_self");
  } else if (!request.message_group_uuid || request.message_group_uuid->empty()) {
    codes.push_back("message_group_uuid_blank");
  }
  if (request.client_message_id && !is_valid_client_message_id(*request.client_message_id))
    codes.push_back("client_message_id_invalid");
  if (!codes.empty()) throw Error::validation(std::move(codes));

  Target target = co_await authorize_send(me, request);

  auto now = format_timestamp(clock_.now());
  Message draft{uuid::random_v4(), target.message_group_uuid, me.uuid, me.handle, me.display_name,
                normalize_message_text(request.text), now};
  // Without a client id the send is still a sequence of idempotent writes; only the client cannot retry it.
  std::string client_message_id = request.client_message_id.value_or(draft.uuid);
  Message sent = co_await record_and_deliver(me, client_message_id, std::move(draft), target);
  other_member_.store(membership_key(me.uuid, sent.message_group_uuid), target.other_user_uuid);
  // Committed: both members' open streams hear of it (a retry may tell them again; they de-duplicate).
  events_.publish(me.uuid, MessageCreated{sent});
  events_.publish(target.other_user_uuid, MessageCreated{sent});
  co_await publish_rows(sent.message_group_uuid, me.uuid, target.other_user_uuid);
  co_return sent;
}

Task<void> MessagingService::publish_rows(const std::string& group, const std::string& first_uuid,
                                          const std::string& second_uuid) {
  // One round trip: both rows and the newest messages, from which the counts usually follow (unread.hpp).
  store::GetRequest first{table_name_, keys::conversation_row_key(first_uuid, group)};
  store::GetRequest second{table_name_, keys::conversation_row_key(second_uuid, group)};
  std::optional<Item> first_row, second_row;
  NewestMessages newest;
  std::vector<Task<void>> reads;
  reads.push_back(store_into(table_.get(std::move(first)), &first_row));
  reads.push_back(store_into(table_.get(std::move(second)), &second_row));
  reads.push_back(store_into(newest_messages(table_, table_name_, group), &newest));
  co_await all_of(std::move(reads));
  std::vector<Item> rows;
  std::vector<const std::string*> owners;
  if (first_row) rows.push_back(std::move(*first_row)), owners.push_back(&first_uuid);
  if (second_row) rows.push_back(std::move(*second_row)), owners.push_back(&second_uuid);
  auto summaries = co_await summarize(table_, table_name_, std::move(rows), unread_at_cap_, &newest);
  for (std::size_t i = 0; i < summaries.size(); ++i) events_.publish(*owners[i], GroupUpdated{std::move(summaries[i])});
}

Task<MessagingService::Target> MessagingService::authorize_send(const users::User& me, const SendRequest& request) {
  if (request.handle) {
    auto other = co_await users_.find_by_handle(*request.handle);
    if (!other) throw Error::not_found("user_not_found");
    std::string group = direct_conversation_id(me.uuid, other->uuid);
    // Opened with the send's intent (record_and_deliver), so that a refused send opens nothing.
    co_return Target{group, other->uuid, conversation_rows(me, *other, group)};
  }
  std::string group = checked_group(*request.message_group_uuid);
  auto other = co_await other_member(me, group);
  if (!other) throw group_not_found();
  co_return Target{group, std::move(*other), {}};
}

std::vector<store::PutRequest> MessagingService::conversation_rows(const users::User& me, const users::User& other,
                                                                   const std::string& group) const {
  // Both rows "if not exists": a racing first message from either side creates them once; "already there"
  // is success. Rows without a message carry no `activity`, so they are in nobody's list yet.
  auto now = format_timestamp(clock_.now());
  std::vector<store::PutRequest> rows;
  rows.push_back({table_name_, conversation_row(me, other, group, now), if_absent()});
  rows.push_back({table_name_, conversation_row(other, me, group, now), if_absent()});
  return rows;
}

Task<void> MessagingService::open_conversation(std::vector<store::PutRequest> rows) {
  store::PutRequest mine = std::move(rows.at(0)), theirs = std::move(rows.at(1));
  std::vector<Task<void>> puts;
  puts.push_back(ignore_result(table_.put(std::move(mine))));
  puts.push_back(ignore_result(table_.put(std::move(theirs))));
  co_await all_of(std::move(puts));
}

Task<void> MessagingService::deliver(Delivery d) {
  std::vector<Task<void>> writes;
  writes.push_back(ignore_result(table_.put(std::move(d.message))));
  writes.push_back(ignore_result(table_.put(std::move(d.message_id))));
  writes.push_back(ignore_result(table_.update(std::move(d.sender_row))));
  writes.push_back(ignore_result(table_.update(std::move(d.other_row))));
  writes.push_back(ignore_result(table_.update(std::move(d.sender_marker))));
  writes.push_back(ignore_result(table_.update(std::move(d.other_mirror))));
  co_await all_of(std::move(writes));
}

MessagingService::Delivery MessagingService::delivery_writes(const Message& m, const std::string& other_uuid) const {
  Item item = keys::message_key(m.message_group_uuid, m.created_at, m.uuid);
  item["message_uuid"] = AttributeValue::S(m.uuid);
  item["user_uuid"] = AttributeValue::S(m.sender_uuid);
  item["user_handle"] = AttributeValue::S(m.sender_handle);
  item["user_display_name"] = AttributeValue::S(m.sender_display_name);
  item["message"] = AttributeValue::S(m.text);
  item["created_at"] = AttributeValue::S(m.created_at);

  std::string activity = keys::activity(m.created_at, m.uuid);
  auto raise_activity = [&](const std::string& owner) {
    // Only ever forwards: a slower racing send with an older message leaves the newer preview in place.
    store::UpdateRequest update{table_name_, keys::conversation_row_key(owner, m.message_group_uuid)};
    update.set = {{"activity", AttributeValue::S(activity)},
                  {"last_message", AttributeValue::S(m.text)},
                  {"last_message_at", AttributeValue::S(m.created_at)},
                  {"last_message_uuid", AttributeValue::S(m.uuid)}};
    update.condition = {{Comparison::exists("pk")},
                        {Comparison::not_exists("activity"),
                         Comparison::compare("activity", Comparison::Op::lt, AttributeValue::S(activity))}};
    return update;
  };
  std::string sort_key = keys::message_sort_key(m.created_at, m.uuid);
  Item id = keys::message_id_key(m.uuid, m.message_group_uuid);
  id["message_sk"] = AttributeValue::S(sort_key);
  // All are idempotent; condition failures mean "already done" or "a newer message (marker) is there".
  return {store::PutRequest{table_name_, std::move(item), if_absent()},
          store::PutRequest{table_name_, std::move(id), if_absent()},
          raise_activity(m.sender_uuid),
          raise_activity(other_uuid),
          read_markers::advance_own(table_name_, m.sender_uuid, m.message_group_uuid, sort_key),
          read_markers::advance_mirror(table_name_, other_uuid, m.message_group_uuid, sort_key)};
}

Task<Message> MessagingService::record_and_deliver(const users::User& me, const std::string& client_message_id,
                                                   Message message, const Target& target) {
  Item intent = keys::send_intent_key(me.uuid, client_message_id);
  intent["message_uuid"] = AttributeValue::S(message.uuid);
  intent["created_at"] = AttributeValue::S(message.created_at);
  // Not `message_group_uuid`: that attribute would put the intent into message-group-sk-index.
  intent["conversation"] = AttributeValue::S(message.message_group_uuid);
  intent["message"] = AttributeValue::S(message.text);
  store::PutRequest put{table_name_, std::move(intent), if_absent()};
  // Written only when the intent is new (one transaction with it on SQLite): a reply's delivery, or a send
  // to a handle's conversation rows (its delivery follows: the row updates need the rows).
  const bool opens = !target.opening.empty();
  std::vector<store::FollowUpWrite> then;
  if (opens) {
    for (const auto& row : target.opening) then.emplace_back(row);
  } else {
    Delivery d = delivery_writes(message, target.other_user_uuid);
    then.reserve(6);
    then.emplace_back(std::move(d.message));
    then.emplace_back(std::move(d.message_id));
    then.emplace_back(std::move(d.sender_row));
    then.emplace_back(std::move(d.other_row));
    then.emplace_back(std::move(d.sender_marker));
    then.emplace_back(std::move(d.other_mirror));
  }
  auto written = co_await table_.put_then(std::move(put), std::move(then));
  if (written.first == store::WriteStatus::ok) {
    if (opens) {
      Delivery delivery = delivery_writes(message, target.other_user_uuid);
      co_await deliver(std::move(delivery));
    }
    co_return message;
  }

  // A retry: finish the first attempt with its uuid and time, unless it was a different message.
  store::GetRequest earlier{table_name_, keys::send_intent_key(me.uuid, client_message_id)};
  auto first = co_await table_.get(std::move(earlier));
  // Missing (deleted meanwhile) or a different message under the same id: refuse; this call wrote nothing.
  if (!first || text_of(*first, "conversation") != message.message_group_uuid ||
      text_of(*first, "message") != message.text)
    throw client_message_id_conflict();
  message.uuid = text_of(*first, "message_uuid");
  message.created_at = text_of(*first, "created_at");
  // The first attempt may have died before its rows or its delivery: write them again (all idempotent).
  if (opens) {
    std::vector<store::PutRequest> rows = target.opening;
    co_await open_conversation(std::move(rows));
  }
  Delivery delivery = delivery_writes(message, target.other_user_uuid);
  co_await deliver(std::move(delivery));
  co_return message;
}

Task<std::vector<std::string>> MessagingService::conversation_members(std::string group) {
  store::QueryRequest query;
  query.table = table_name_;
  query.index = std::string(keys::kGroupIndex);
  query.hash_value = lowercase(std::move(group));
  auto rows = co_await query_items(table_, std::move(query), 2);
  std::vector<std::string> members;
  for (const auto& row : rows) members.push_back(text_of(row, "owner_uuid"));
  co_return members;
}

}  // namespace cruddur::messaging
