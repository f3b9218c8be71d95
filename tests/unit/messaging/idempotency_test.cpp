// client_message_id makes a send idempotent per sender; reusing it for another message is refused.

#include <gtest/gtest.h>

#include "messaging/conversation_id.hpp"
#include "messaging_fixture.hpp"

namespace cruddur::messaging::testing {
namespace {

class Idempotency : public MessagingTest {
 protected:
  void SetUp() override {
    alice = add_user("alice");
    bob = add_user("bob");
    carol = add_user("carol");
    first = send_to_handle(alice, "bob", "hello", "id-1");
    clock_.advance(kMicrosPerSecond);
  }
  void expect_unchanged() {
    auto listed = all_messages(alice, first.message_group_uuid);
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0].uuid, first.uuid);
    EXPECT_EQ(listed[0].text, "hello");
    for (const auto& me : {alice, bob}) {
      auto conversations = all_conversations(me);
      ASSERT_EQ(conversations.size(), 1u);
      EXPECT_EQ(conversations[0].last_message, "hello");
      EXPECT_EQ(conversations[0].last_message_at, first.created_at);
    }
  }
  users::User alice, bob, carol;
  Message first;
};

TEST_F(Idempotency, ARepeatedSendReturnsTheFirstMessageAndAddsNothing) {
  Message again = reply(alice, first.message_group_uuid, "hello", "id-1");
  EXPECT_EQ(again.uuid, first.uuid);
  EXPECT_EQ(again.created_at, first.created_at);
  Message by_handle = send_to_handle(alice, "bob", "hello", "id-1");
  EXPECT_EQ(by_handle.uuid, first.uuid);
  expect_unchanged();
}

TEST_F(Idempotency, TheSameIdWithOtherTextIsAConflictAndWritesNothing) {
  EXPECT_CRUDDUR_ERROR(reply(alice, first.message_group_uuid, "something else", "id-1"), 409,
                       {"client_message_id_conflict"});
  expect_unchanged();
}

TEST_F(Idempotency, TheSameIdInAnotherConversationIsAConflictAndWritesNothing) {
  EXPECT_CRUDDUR_ERROR(send_to_handle(alice, "carol", "hello", "id-1"), 409, {"client_message_id_conflict"});
  expect_unchanged();
  EXPECT_TRUE(all_conversations(carol).empty());
}

// Issue 11: the refused send used to open the conversation with carol first (two rows without a message),
// which carol could then read (an empty page, 200) instead of 404.
TEST_F(Idempotency, AConflictToAHandleWithoutAConversationOpensNone) {
  EXPECT_CRUDDUR_ERROR(send_to_handle(alice, "carol", "other text", "id-1"), 409, {"client_message_id_conflict"});
  std::string with_carol = direct_conversation_id(alice.uuid, carol.uuid);
  EXPECT_CRUDDUR_ERROR(messages_page(carol, with_carol, 20), 404, {"message_group_not_found"});
  EXPECT_CRUDDUR_ERROR(messages_page(alice, with_carol, 20), 404, {"message_group_not_found"});
  EXPECT_CRUDDUR_ERROR(reply(carol, with_carol, "hi"), 404, {"message_group_not_found"});
  expect_unchanged();
}

TEST_F(Idempotency, IdsBelongToTheirSender) {
  Message bobs = reply(bob, first.message_group_uuid, "hello", "id-1");
  EXPECT_NE(bobs.uuid, first.uuid);
  EXPECT_EQ(texts(all_messages(alice, first.message_group_uuid)), (std::vector<std::string>{"hello", "hello"}));
}

}  // namespace
}  // namespace cruddur::messaging::testing
