// Sending: what a sent message looks like, who sees it, and messages that share a microsecond.

#include <gtest/gtest.h>

#include <algorithm>

#include "messaging/conversation_id.hpp"
#include "messaging_fixture.hpp"

namespace cruddur::messaging::testing {
namespace {

using SendTest = MessagingTest;

TEST_F(SendTest, AFirstMessageToAHandleOpensTheOneConversationOfThePair) {
  auto alice = add_user("alice");
  auto bob = add_user("bob");
  Message sent = send_to_handle(alice, "bob", "  hi bob\xE3\x80\x80");

  EXPECT_EQ(sent.message_group_uuid, direct_conversation_id(alice.uuid, bob.uuid));
  EXPECT_EQ(sent.text, "hi bob");
  EXPECT_EQ(sent.sender_uuid, alice.uuid);
  EXPECT_EQ(sent.sender_handle, "alice");
  EXPECT_EQ(sent.sender_display_name, "Display alice");
  EXPECT_EQ(sent.created_at, format_timestamp(kStart));

  auto bobs = all_conversations(bob);
  ASSERT_EQ(bobs.size(), 1u);
  EXPECT_EQ(bobs[0].message_group_uuid, sent.message_group_uuid);
  EXPECT_EQ(bobs[0].other_user_uuid, alice.uuid);
  EXPECT_EQ(bobs[0].other_handle, "alice");
  EXPECT_EQ(bobs[0].other_display_name, "Display alice");
  EXPECT_EQ(bobs[0].last_message, "hi bob");
  EXPECT_EQ(bobs[0].last_message_at, sent.created_at);

  auto alices = all_conversations(alice);
  ASSERT_EQ(alices.size(), 1u);
  EXPECT_EQ(alices[0].other_handle, "bob");

  auto listed = all_messages(bob, sent.message_group_uuid);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].uuid, sent.uuid);
  EXPECT_EQ(listed[0].text, "hi bob");
  EXPECT_EQ(listed[0].sender_handle, "alice");
  EXPECT_EQ(listed[0].created_at, sent.created_at);
}

TEST_F(SendTest, EitherSideWritingByHandleUsesTheSameConversation) {
  auto alice = add_user("alice");
  auto bob = add_user("bob");
  Message first = send_to_handle(alice, "bob", "one");
  clock_.advance(1);
  Message second = send_to_handle(bob, "ALICE", "two");  // handles are case-insensitive
  EXPECT_EQ(first.message_group_uuid, second.message_group_uuid);
  EXPECT_EQ(texts(all_messages(alice, first.message_group_uuid)), (std::vector<std::string>{"one", "two"}));
  EXPECT_EQ(all_conversations(alice).size(), 1u);
  EXPECT_EQ(all_conversations(bob).size(), 1u);
}

TEST_F(SendTest, MessagesInTheSameMicrosecondAreAllKeptInAStableOrder) {
  auto alice = add_user("alice");
  auto bob = add_user("bob");
  // The clock never moves: every message has the same created_at.
  std::vector<Message> sent{send_to_handle(alice, "bob", "m0")};
  const std::string group = sent[0].message_group_uuid;
  for (int i = 1; i < 5; ++i) sent.push_back(reply(i % 2 ? bob : alice, group, "m" + std::to_string(i)));
  for (const auto& m : sent) EXPECT_EQ(m.created_at, sent[0].created_at);

  // Ties on time order by uuid, the same way on every read and across page boundaries.
  std::vector<std::string> expected;
  for (const auto& m : sent) expected.push_back(m.uuid);
  std::sort(expected.begin(), expected.end());
  auto uuids = [](const std::vector<Message>& messages) {
    std::vector<std::string> out;
    for (const auto& m : messages) out.push_back(m.uuid);
    return out;
  };
  EXPECT_EQ(uuids(all_messages(alice, group)), expected);
  EXPECT_EQ(uuids(all_messages(bob, group)), expected);
  for (int limit = 1; limit <= 4; ++limit) EXPECT_EQ(uuids(all_messages(alice, group, limit)), expected) << limit;

  // The preview is the message the conversation ends with.
  auto listed = all_messages(alice, group);
  for (const auto& me : {alice, bob}) {
    auto conversations = all_conversations(me);
    ASSERT_EQ(conversations.size(), 1u);
    EXPECT_EQ(conversations[0].last_message, listed.back().text);
  }
}

}  // namespace
}  // namespace cruddur::messaging::testing
