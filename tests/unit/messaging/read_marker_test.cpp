// Read markers and unread counts as the two people of a conversation see them: what is unread, what reading
// does, that a marker never moves back, that my own messages are never unread to me, and who may read.

#include <gtest/gtest.h>

#include "core/uuid.hpp"
#include "messaging/unread.hpp"
#include "messaging_fixture.hpp"

namespace cruddur::messaging::testing {
namespace {

class ReadMarkers : public MessagingTest {
 protected:
  void SetUp() override {
    alice = add_user("alice");
    bob = add_user("bob");
    carol = add_user("carol");
  }
  // `from` sends `n` messages to the conversation (opening it by handle when `group` is empty).
  std::vector<Message> send_n(const users::User& from, const users::User& to, int n) {
    std::vector<Message> sent;
    for (int i = 0; i < n; ++i) {
      clock_.advance(1000);
      sent.push_back(send_to_handle(from, to.handle, from.handle + " says " + std::to_string(i)));
    }
    return sent;
  }
  users::User alice, bob, carol;
};

TEST_F(ReadMarkers, TheOtherPersonsMessagesAreUnreadUntilRead) {
  auto sent = send_n(alice, bob, 3);
  const std::string group = sent[0].message_group_uuid;
  EXPECT_EQ(row_of(bob, group).unread, 3);
  EXPECT_EQ(row_of(alice, group).unread, 0);  // my own messages are never unread to me
  EXPECT_EQ(row_of(alice, group).other_read_at, std::nullopt);
  EXPECT_EQ(row_of(bob, group).other_read_at, sent.back().created_at);  // alice has read what she wrote

  ReadResult read = mark_read(bob, group);
  EXPECT_EQ(read.unread, 0);
  EXPECT_EQ(read.read_at, sent.back().created_at);
  EXPECT_EQ(row_of(bob, group).unread, 0);
  EXPECT_EQ(row_of(alice, group).other_read_at, sent.back().created_at);  // "seen"
}

TEST_F(ReadMarkers, ReadingUpToAMessageLeavesTheNewerOnesUnread) {
  auto sent = send_n(alice, bob, 4);
  const std::string group = sent[0].message_group_uuid;
  ReadResult read = mark_read(bob, group, sent[1].uuid);
  EXPECT_EQ(read.unread, 2);
  EXPECT_EQ(read.read_at, sent[1].created_at);
  EXPECT_EQ(row_of(bob, group).unread, 2);
  EXPECT_EQ(unread_total(bob), 2);
}

TEST_F(ReadMarkers, AMarkerNeverMovesBack) {
  auto sent = send_n(alice, bob, 3);
  const std::string group = sent[0].message_group_uuid;
  mark_read(bob, group, sent[2].uuid);
  events_.take();
  ReadResult back = mark_read(bob, group, sent[0].uuid);
  EXPECT_EQ(back.unread, 0);
  EXPECT_EQ(back.read_at, sent[2].created_at);
  EXPECT_EQ(row_of(bob, group).unread, 0);
  EXPECT_EQ(row_of(alice, group).other_read_at, sent[2].created_at);
  EXPECT_TRUE(events_.take().empty());  // nothing moved, nobody is told anything
}

TEST_F(ReadMarkers, ReadingIsIdempotent) {
  auto sent = send_n(alice, bob, 2);
  const std::string group = sent[0].message_group_uuid;
  ReadResult first = mark_read(bob, group);
  events_.take();
  ReadResult again = mark_read(bob, group);
  EXPECT_EQ(again.unread, first.unread);
  EXPECT_EQ(again.read_at, first.read_at);
  EXPECT_TRUE(events_.take().empty());
}

TEST_F(ReadMarkers, SendingReadsEverythingBeforeMyMessage) {
  auto from_alice = send_n(alice, bob, 3);
  const std::string group = from_alice[0].message_group_uuid;
  clock_.advance(1000);
  Message answer = reply(bob, group, "answer");
  EXPECT_EQ(row_of(bob, group).unread, 0);
  EXPECT_EQ(row_of(alice, group).unread, 1);
  EXPECT_EQ(row_of(alice, group).other_read_at, answer.created_at);
  EXPECT_EQ(unread_total(alice), 1);
  EXPECT_EQ(unread_total(bob), 0);
}

TEST_F(ReadMarkers, MessagesAfterMyLastOneAreUnreadEvenWhenIWroteInBetween) {
  auto first = send_n(alice, bob, 2);
  const std::string group = first[0].message_group_uuid;
  clock_.advance(1000);
  reply(bob, group, "mine");
  auto later = send_n(alice, bob, 2);
  EXPECT_EQ(row_of(bob, group).unread, 2);
  EXPECT_EQ(mark_read(bob, group, later[0].uuid).unread, 1);
}

TEST_F(ReadMarkers, TheCounterAddsUpEveryConversation) {
  send_n(alice, bob, 2);
  send_n(carol, bob, 3);
  send_n(bob, alice, 1);  // bob's reply reads alice's two
  EXPECT_EQ(unread_total(bob), 3);
  EXPECT_EQ(unread_total(alice), 1);
  EXPECT_EQ(unread_total(carol), 0);
}

TEST_F(ReadMarkers, AnEmptyListHasNothingUnread) { EXPECT_EQ(unread_total(alice), 0); }

TEST_F(ReadMarkers, CountsStopAtTheCap) {
  auto sent = send_n(alice, bob, kUnreadCap + 2);
  EXPECT_EQ(row_of(bob, sent[0].message_group_uuid).unread, kUnreadCap);
  EXPECT_EQ(unread_total(bob), kUnreadCap);
  EXPECT_EQ(mark_read(bob, sent[0].message_group_uuid, sent[1].uuid).unread, kUnreadCap);
  EXPECT_EQ(mark_read(bob, sent[0].message_group_uuid, sent[2].uuid).unread, kUnreadCap - 1);
}

// Counts that reached the cap are remembered (UnreadAtCap): what every send's event and the list show must
// still be exact when the marker moves past the point where the cap was reached, and after it.
TEST_F(ReadMarkers, CountsPastTheCapStayExactWhenTheMarkerMoves) {
  events_.take();
  auto sent = send_n(alice, bob, kUnreadCap + 3);
  const std::string group = sent[0].message_group_uuid;
  auto bobs = RecordingEvents::of<GroupUpdated>(events_.take(), bob.uuid);
  ASSERT_EQ(bobs.size(), sent.size());
  for (std::size_t i = 0; i < bobs.size(); ++i) EXPECT_EQ(bobs[i].group.unread, std::min<int>(i + 1, kUnreadCap));
  EXPECT_EQ(row_of(bob, group).unread, kUnreadCap);

  // Read up to the 6th: 96 left; one more send makes 97, in the event and in the list.
  EXPECT_EQ(mark_read(bob, group, sent[5].uuid).unread, kUnreadCap - 3);
  events_.take();
  send_n(alice, bob, 1);
  bobs = RecordingEvents::of<GroupUpdated>(events_.take(), bob.uuid);
  ASSERT_EQ(bobs.size(), 1u);
  EXPECT_EQ(bobs[0].group.unread, kUnreadCap - 2);
  EXPECT_EQ(row_of(bob, group).unread, kUnreadCap - 2);
  EXPECT_EQ(unread_total(bob), kUnreadCap - 2);
  EXPECT_EQ(mark_read(bob, group).unread, 0);
  EXPECT_EQ(row_of(bob, group).unread, 0);
}

TEST_F(ReadMarkers, OnlyMembersMayRead) {
  auto sent = send_n(alice, bob, 2);
  const std::string group = sent[0].message_group_uuid;
  events_.take();
  EXPECT_CRUDDUR_ERROR(mark_read(carol, group), 404, {"message_group_not_found"});
  EXPECT_CRUDDUR_ERROR(mark_read(carol, group, sent[0].uuid), 404, {"message_group_not_found"});
  EXPECT_CRUDDUR_ERROR(mark_read(bob, uuid::random_v4()), 404, {"message_group_not_found"});
  EXPECT_CRUDDUR_ERROR(mark_read(bob, "not-a-uuid"), 404, {"message_group_not_found"});
  EXPECT_EQ(row_of(bob, group).unread, 2);
  EXPECT_EQ(row_of(alice, group).other_read_at, std::nullopt);
  EXPECT_TRUE(events_.take().empty());
}

TEST_F(ReadMarkers, UpToMustBeAMessageOfThisConversation) {
  auto with_bob = send_n(alice, bob, 2);
  auto with_carol = send_n(alice, carol, 1);
  const std::string group = with_bob[0].message_group_uuid;
  events_.take();
  EXPECT_CRUDDUR_ERROR(mark_read(bob, group, with_carol[0].uuid), 422, {"up_to_invalid"});
  EXPECT_CRUDDUR_ERROR(mark_read(bob, group, uuid::random_v4()), 422, {"up_to_invalid"});
  EXPECT_CRUDDUR_ERROR(mark_read(bob, group, "nope"), 422, {"up_to_invalid"});
  EXPECT_EQ(row_of(bob, group).unread, 2);
  EXPECT_EQ(row_of(alice, group).other_read_at, std::nullopt);
  EXPECT_TRUE(events_.take().empty());
}

}  // namespace
}  // namespace cruddur::messaging::testing
