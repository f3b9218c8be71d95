// What the domain tells the live layer, and whom: a send tells both members (the message, and each one's own
// list row); a read that moved the marker tells the other member and the reader's other tabs. Nobody else
// ever hears of a conversation.

#include <gtest/gtest.h>

#include <algorithm>

#include "messaging_fixture.hpp"

namespace cruddur::messaging::testing {
namespace {

using Delivered = RecordingEvents::Delivered;

class Events : public MessagingTest {
 protected:
  void SetUp() override {
    alice = add_user("alice");
    bob = add_user("bob");
    carol = add_user("carol");
  }
  // Every recipient of `delivered` is one of `members`.
  static void expect_only(const std::vector<Delivered>& delivered, std::vector<std::string> members) {
    for (const auto& d : delivered)
      EXPECT_NE(std::find(members.begin(), members.end(), d.recipient_uuid), members.end()) << d.recipient_uuid;
  }
  users::User alice, bob, carol;
};

TEST_F(Events, ASendTellsBothMembersTheMessageAndTheirOwnRow) {
  Message sent = send_to_handle(alice, "bob", "hello");
  auto delivered = events_.take();
  expect_only(delivered, {alice.uuid, bob.uuid});

  for (const auto& member : {alice, bob}) {
    auto created = RecordingEvents::of<MessageCreated>(delivered, member.uuid);
    ASSERT_EQ(created.size(), 1u) << member.handle;
    EXPECT_EQ(created[0].message.uuid, sent.uuid);
    EXPECT_EQ(created[0].message.message_group_uuid, sent.message_group_uuid);
  }
  auto alices = RecordingEvents::of<GroupUpdated>(delivered, alice.uuid);
  ASSERT_EQ(alices.size(), 1u);
  EXPECT_EQ(alices[0].group.message_group_uuid, sent.message_group_uuid);
  EXPECT_EQ(alices[0].group.other_handle, "bob");
  EXPECT_EQ(alices[0].group.last_message, "hello");
  EXPECT_EQ(alices[0].group.unread, 0);
  EXPECT_EQ(alices[0].group.other_read_at, std::nullopt);

  auto bobs = RecordingEvents::of<GroupUpdated>(delivered, bob.uuid);
  ASSERT_EQ(bobs.size(), 1u);
  EXPECT_EQ(bobs[0].group.other_handle, "alice");
  EXPECT_EQ(bobs[0].group.last_message, "hello");
  EXPECT_EQ(bobs[0].group.unread, 1);
  EXPECT_EQ(bobs[0].group.other_read_at, sent.created_at);
  EXPECT_TRUE(RecordingEvents::of<GroupRead>(delivered, bob.uuid).empty());
}

TEST_F(Events, TheRowsOfASendMatchTheLists) {
  Message first = send_to_handle(alice, "bob", "one");
  clock_.advance(1000);
  reply(alice, first.message_group_uuid, "two");
  auto delivered = events_.take();
  auto bobs = RecordingEvents::of<GroupUpdated>(delivered, bob.uuid);
  ASSERT_FALSE(bobs.empty());
  ConversationSummary listed = row_of(bob, first.message_group_uuid);
  EXPECT_EQ(bobs.back().group.unread, 2);
  EXPECT_EQ(bobs.back().group.unread, listed.unread);
  EXPECT_EQ(bobs.back().group.last_message, listed.last_message);
  EXPECT_EQ(bobs.back().group.other_read_at, listed.other_read_at);
}

TEST_F(Events, AReadTellsTheOtherMemberAndTheReadersTabs) {
  Message first = send_to_handle(alice, "bob", "one");
  clock_.advance(1000);
  Message second = reply(alice, first.message_group_uuid, "two");
  events_.take();

  mark_read(bob, first.message_group_uuid, first.uuid);
  auto delivered = events_.take();
  expect_only(delivered, {alice.uuid, bob.uuid});
  for (const auto& member : {alice, bob}) {
    auto read = RecordingEvents::of<GroupRead>(delivered, member.uuid);
    ASSERT_EQ(read.size(), 1u) << member.handle;
    EXPECT_EQ(read[0].message_group_uuid, first.message_group_uuid);
    EXPECT_EQ(read[0].reader_handle, "bob");
    EXPECT_EQ(read[0].read_at, first.created_at);
  }
  auto bobs = RecordingEvents::of<GroupUpdated>(delivered, bob.uuid);
  ASSERT_EQ(bobs.size(), 1u);
  EXPECT_EQ(bobs[0].group.unread, 1);
  EXPECT_EQ(bobs[0].group.last_message, "two");
  EXPECT_TRUE(RecordingEvents::of<GroupUpdated>(delivered, alice.uuid).empty());
  EXPECT_TRUE(RecordingEvents::of<MessageCreated>(delivered, alice.uuid).empty());

  mark_read(bob, first.message_group_uuid);
  delivered = events_.take();
  ASSERT_EQ(RecordingEvents::of<GroupRead>(delivered, alice.uuid).size(), 1u);
  EXPECT_EQ(RecordingEvents::of<GroupRead>(delivered, alice.uuid)[0].read_at, second.created_at);
  EXPECT_EQ(RecordingEvents::of<GroupUpdated>(delivered, bob.uuid).at(0).group.unread, 0);
}

TEST_F(Events, RefusedOperationsTellNobody) {
  Message first = send_to_handle(alice, "bob", "one", "id-1");
  events_.take();
  EXPECT_THROW(reply(carol, first.message_group_uuid, "let me in"), Error);
  EXPECT_THROW(mark_read(carol, first.message_group_uuid), Error);
  EXPECT_THROW(send_to_handle(alice, "carol", "other text", "id-1"), Error);
  EXPECT_TRUE(events_.take().empty());
}

}  // namespace
}  // namespace cruddur::messaging::testing
