// A page costs the same with 50 or 50,000 messages: the right 50 come back from a long conversation.

#include <gtest/gtest.h>

#include "core/uuid.hpp"
#include "messaging/cursor.hpp"
#include "messaging/keys.hpp"
#include "messaging_fixture.hpp"

namespace cruddur::messaging::testing {
namespace {

using LargeConversation = MessagingTest;

constexpr int kLoaded = 50'000;

TEST_F(LargeConversation, APageOf50OutOf50000IsTheRight50) {
  auto alice = add_user("alice");
  auto bob = add_user("bob");
  Message opening = send_to_handle(alice, "bob", "opening");
  const std::string group = opening.message_group_uuid;

  // Bulk-load m0..m49999 after the opening message, in the documented message item shape.
  std::vector<std::string> sks;
  store::BatchWriteRequest load{kTable, {}, {}};
  load.puts.reserve(kLoaded);
  for (int i = 0; i < kLoaded; ++i) {
    const users::User& sender = i % 2 ? bob : alice;
    std::string created_at = format_timestamp(kStart + kMicrosPerSecond + i);
    std::string message_uuid = uuid::random_v4();
    store::Item item = keys::message_key(group, created_at, message_uuid);
    sks.push_back(keys::activity(created_at, message_uuid));
    item["message_uuid"] = store::AttributeValue::S(message_uuid);
    item["user_uuid"] = store::AttributeValue::S(sender.uuid);
    item["user_handle"] = store::AttributeValue::S(sender.handle);
    item["user_display_name"] = store::AttributeValue::S(sender.display_name);
    item["message"] = store::AttributeValue::S("m" + std::to_string(i));
    item["created_at"] = store::AttributeValue::S(created_at);
    load.puts.push_back(std::move(item));
  }
  run_task(table_.batch_write(std::move(load)));

  auto expect_page = [&](const PageOf<Message>& page, int from) {  // m<from>..m<from + 49>
    ASSERT_EQ(page.items.size(), 50u);
    for (int i = 0; i < 50; ++i) {
      EXPECT_EQ(page.items[i].text, "m" + std::to_string(from + i));
      EXPECT_EQ(page.items[i].sender_handle, (from + i) % 2 ? "bob" : "alice");
      EXPECT_EQ(page.items[i].created_at + "#" + page.items[i].uuid, sks[from + i]);
    }
    EXPECT_TRUE(page.next_cursor);
  };

  auto newest = messages_page(bob, group, 50);
  expect_page(newest, kLoaded - 50);

  auto next = messages_page(bob, group, 50, newest.next_cursor);
  expect_page(next, kLoaded - 100);

  // Older than m25000: m24950..m24999.
  auto middle = messages_page(alice, group, 50, cursor::encode_message(sks[25'000]));
  expect_page(middle, 24'950);

  // The oldest page ends with the opening message and has no cursor.
  auto oldest = messages_page(alice, group, 50, cursor::encode_message(sks[10]));
  ASSERT_EQ(oldest.items.size(), 11u);
  EXPECT_EQ(oldest.items[0].text, "opening");
  EXPECT_EQ(oldest.items[10].text, "m9");
  EXPECT_FALSE(oldest.next_cursor);
}

}  // namespace
}  // namespace cruddur::messaging::testing
