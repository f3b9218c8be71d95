// A person's conversations are ordered by their latest message, and a conversation never moves backwards.

#include <gtest/gtest.h>

#include "messaging_fixture.hpp"

namespace cruddur::messaging::testing {
namespace {

using ConversationOrder = MessagingTest;

TEST_F(ConversationOrder, ASendMovesItsConversationToTheTop) {
  auto alice = add_user("alice");
  add_user("bob");
  add_user("carol");
  send_to_handle(alice, "bob", "to bob");
  clock_.advance(1);
  auto carol_group = send_to_handle(alice, "carol", "to carol").message_group_uuid;
  EXPECT_EQ(handles(all_conversations(alice)), (std::vector<std::string>{"carol", "bob"}));
  clock_.advance(1);
  send_to_handle(alice, "bob", "bob again");
  EXPECT_EQ(handles(all_conversations(alice)), (std::vector<std::string>{"bob", "carol"}));
  clock_.advance(1);
  reply(alice, carol_group, "carol again");
  EXPECT_EQ(handles(all_conversations(alice)), (std::vector<std::string>{"carol", "bob"}));
}

TEST_F(ConversationOrder, AnOlderSendArrivingLateNeverMovesAConversationBackwards) {
  auto alice = add_user("alice");
  auto bob = add_user("bob");
  add_user("carol");
  clock_.set(kStart + 80);
  send_to_handle(alice, "carol", "to carol at 80");
  clock_.set(kStart + 100);
  auto newer = send_to_handle(alice, "bob", "to bob at 100");
  ASSERT_EQ(handles(all_conversations(alice)), (std::vector<std::string>{"bob", "carol"}));

  // A slower send whose time is older than both arrives last. Had it moved the bob conversation back to
  // its own time, carol's would now be on top.
  clock_.set(kStart + 70);
  auto older = reply(bob, newer.message_group_uuid, "from bob at 70");
  EXPECT_LT(older.created_at, newer.created_at);

  auto alices = all_conversations(alice);
  EXPECT_EQ(handles(alices), (std::vector<std::string>{"bob", "carol"}));
  ASSERT_EQ(alices.size(), 2u);
  EXPECT_EQ(alices[0].last_message, "to bob at 100");
  EXPECT_EQ(alices[0].last_message_at, newer.created_at);
  auto bobs = all_conversations(bob);
  ASSERT_EQ(bobs.size(), 1u);
  EXPECT_EQ(bobs[0].last_message, "to bob at 100");

  // The message itself is kept, in time order.
  EXPECT_EQ(texts(all_messages(alice, newer.message_group_uuid)),
            (std::vector<std::string>{"from bob at 70", "to bob at 100"}));
}

TEST_F(ConversationOrder, AConversationWithoutMessagesIsInNobodysList) {
  auto alice = add_user("alice");
  auto bob = add_user("bob");
  // A refused first send (blank) must not leave an empty conversation behind in either list.
  EXPECT_CRUDDUR_ERROR(send_to_handle(alice, "bob", "   "), 422, {"message_blank"});
  EXPECT_TRUE(all_conversations(alice).empty());
  EXPECT_TRUE(all_conversations(bob).empty());
}

}  // namespace
}  // namespace cruddur::messaging::testing
