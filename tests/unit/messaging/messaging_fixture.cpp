#include "messaging_fixture.hpp"

#include <algorithm>

#include "core/uuid.hpp"
#include "messaging/keys.hpp"

namespace cruddur::messaging::testing {

MessagingTest::MessagingTest()
    : table_(dir_.str() + "/messages.db"),
      users_(dir_.str() + "/users.db"),
      service_(table_, kTable, users_, clock_, events_) {
  run_task(table_.create_table(keys::table_schema(kTable), {}));
  run_task(users_.schema_load());
}

users::User MessagingTest::add_user(const std::string& handle) {
  users::Account account;
  account.user = users::User{uuid::random_v4(), handle, "Display " + handle};
  account.email = handle + "@example.com";
  account.password_hash = "$argon2id$not-a-real-hash";
  account.created_at = format_timestamp(clock_.now());
  EXPECT_EQ(run_task(users_.create(account)), users::CreateStatus::created);
  return account.user;
}

Message MessagingTest::send_with(MessagingService& service, const users::User& from, SendRequest request) {
  return run_task(service.send(from, std::move(request)));
}

Message MessagingTest::send_to_handle(const users::User& from, const std::string& handle, const std::string& text,
                                      std::optional<std::string> client_message_id) {
  SendRequest request;
  request.text = text;
  request.handle = handle;
  request.client_message_id = std::move(client_message_id);
  return send_with(service_, from, std::move(request));
}

Message MessagingTest::reply(const users::User& from, const std::string& group, const std::string& text,
                             std::optional<std::string> client_message_id) {
  SendRequest request;
  request.text = text;
  request.message_group_uuid = group;
  request.client_message_id = std::move(client_message_id);
  return send_with(service_, from, std::move(request));
}

PageOf<Message> MessagingTest::messages_page(const users::User& me, const std::string& group, int limit,
                                             std::optional<std::string> cursor) {
  PageRequest page{limit, std::move(cursor)};
  return run_task(service_.list_messages(me, group, std::move(page)));
}

PageOf<ConversationSummary> MessagingTest::conversations_page(const users::User& me, int limit,
                                                              std::optional<std::string> cursor) {
  PageRequest page{limit, std::move(cursor)};
  return run_task(service_.list_conversations(me, std::move(page)));
}

std::vector<Message> MessagingTest::all_messages(const users::User& me, const std::string& group, int limit) {
  // Pages run newest to oldest; each page reads oldest first.
  std::vector<std::vector<Message>> pages;
  std::optional<std::string> cursor;
  do {
    auto page = messages_page(me, group, limit, cursor);
    pages.push_back(std::move(page.items));
    cursor = std::move(page.next_cursor);
  } while (cursor && pages.size() < 100'000);
  std::vector<Message> all;
  for (auto it = pages.rbegin(); it != pages.rend(); ++it) all.insert(all.end(), it->begin(), it->end());
  return all;
}

std::vector<ConversationSummary> MessagingTest::all_conversations(const users::User& me, int limit) {
  std::vector<ConversationSummary> all;
  std::optional<std::string> cursor;
  int pages = 0;
  do {
    auto page = conversations_page(me, limit, cursor);
    all.insert(all.end(), page.items.begin(), page.items.end());
    cursor = std::move(page.next_cursor);
  } while (cursor && ++pages < 100'000);
  return all;
}

ReadResult MessagingTest::mark_read(const users::User& me, const std::string& group,
                                   std::optional<std::string> up_to) {
  return run_task(service_.mark_read(me, group, std::move(up_to)));
}

int MessagingTest::unread_total(const users::User& me) { return run_task(service_.unread_total(me)); }

ConversationSummary MessagingTest::row_of(const users::User& me, const std::string& group) {
  for (auto& row : all_conversations(me))
    if (row.message_group_uuid == group) return row;
  ADD_FAILURE() << me.handle << " has no list row for " << group;
  return {};
}

std::vector<std::string> texts(const std::vector<Message>& messages) {
  std::vector<std::string> out;
  for (const auto& m : messages) out.push_back(m.text);
  return out;
}

std::vector<std::string> handles(const std::vector<ConversationSummary>& conversations) {
  std::vector<std::string> out;
  for (const auto& c : conversations) out.push_back(c.other_handle);
  return out;
}

}  // namespace cruddur::messaging::testing
