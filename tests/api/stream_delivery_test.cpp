// What the members of a conversation see on their streams: each other's sends, typing, and nothing of
// other people's conversations; and resume after a dropped connection.
#include "stream_fixture.hpp"

namespace cruddur::testing {
namespace {

std::string text_of(const boost::json::object& frame, std::string_view key) {
  return std::string(frame.at(key).as_string());
}

std::string type_of(const boost::json::object& frame) { return text_of(frame, "type"); }

TEST_F(StreamTest, BothMembersReceiveEachOthersSends) {
  Person ann = sign_up(client, "dl_ann");
  Person bob = sign_up(client, "dl_bob");
  auto ann_ws = open_stream(client, port(), ann);
  auto bob_ws = open_stream(client, port(), bob);

  Reply sent = send_to_handle(client, ann, bob.handle, "Hello Bob");
  ASSERT_EQ(sent.status, 200) << sent.body;
  auto message = sent.json().as_object();
  for (auto* ws : {ann_ws.get(), bob_ws.get()}) {
    auto frame = next_frame(*ws, "message.created");
    ASSERT_EQ(type_of(frame), "message.created");
    EXPECT_TRUE(frame.at("since").is_string());
    // The message exactly as POST /api/messages answered it (the shape GET /api/messages uses, plus the group).
    EXPECT_EQ(frame.at("message").as_object(), message);
  }

  std::string group = text_of(message, "message_group_uuid");
  ASSERT_EQ(reply_to(client, bob, group, "Hi Ann").status, 200);
  for (auto* ws : {ann_ws.get(), bob_ws.get()}) {
    auto frame = next_frame(*ws, "message.created");
    ASSERT_EQ(type_of(frame), "message.created");
    EXPECT_EQ(text_of(frame.at("message").as_object(), "message"), "Hi Ann");
    EXPECT_EQ(text_of(frame.at("message").as_object(), "handle"), bob.handle);
    EXPECT_EQ(text_of(frame.at("message").as_object(), "message_group_uuid"), group);
  }
}

TEST_F(StreamTest, StrangerReceivesNothingOfOtherPeoplesConversations) {
  Person ann = sign_up(client, "dl_s_ann");
  Person bob = sign_up(client, "dl_s_bob");
  Person eve = sign_up(client, "dl_s_eve");
  Person dan = sign_up(client, "dl_s_dan");
  auto eve_ws = open_stream(client, port(), eve);
  std::string group = open_conversation(client, ann, bob, "private 1");
  ASSERT_EQ(reply_to(client, bob, group, "private 2").status, 200);
  // Eve's typing about their conversation goes nowhere either (and is not answered).
  eve_ws->send_text(R"({"type":"typing","message_group_uuid":")" + group + R"("})");

  // A message to Eve herself, sent after theirs: the first thing her stream shows.
  open_conversation(client, dan, eve, "marker for eve");
  EXPECT_EQ(next_message_text(*eve_ws), "marker for eve");
}

TEST_F(StreamTest, TypingReachesTheOtherMemberOnlyAndAStrangersTypingIsDropped) {
  Person ann = sign_up(client, "ty_ann");
  Person bob = sign_up(client, "ty_bob");
  Person eve = sign_up(client, "ty_eve");
  std::string group = open_conversation(client, ann, bob, "let me think");
  auto ann_ws = open_stream(client, port(), ann);
  auto bob_ws = open_stream(client, port(), bob);
  auto eve_ws = open_stream(client, port(), eve);

  std::string typing = R"({"type":"typing","message_group_uuid":")" + group + R"("})";
  eve_ws->send_text(typing);        // a stranger: dropped
  eve_ws->send_text("{not json");   // frames are handled in order: once this is answered, the typing was too
  ASSERT_EQ(type_of(eve_ws->read_json().as_object()), "error");

  ann_ws->send_text(typing);
  ann_ws->send_text(typing);        // within 2 s of the first: dropped
  ann_ws->send_text("{not json");
  ASSERT_EQ(type_of(ann_ws->read_json().as_object()), "error");

  auto frame = next_frame(*bob_ws, "typing");
  ASSERT_EQ(type_of(frame), "typing");
  EXPECT_EQ(text_of(frame, "message_group_uuid"), group);
  EXPECT_EQ(text_of(frame, "handle"), ann.handle);
  EXPECT_FALSE(frame.contains("since"));  // not logged, not replayed

  // Next on both streams: the message sent after all that (no second typing for Bob, none for Ann).
  ASSERT_EQ(reply_to(client, ann, group, "done thinking").status, 200);
  for (auto* ws : {ann_ws.get(), bob_ws.get()}) {
    EXPECT_EQ(next_message_text(*ws), "done thinking");
  }
}

TEST_F(StreamTest, ResumeAfterADroppedConnectionGetsExactlyTheMissedEventsInOrder) {
  Person ann = sign_up(client, "rs_ann");
  Person bob = sign_up(client, "rs_bob");
  boost::json::object hello;
  auto bob_ws = open_stream(client, port(), bob, std::nullopt, &hello);
  std::string group = open_conversation(client, ann, bob, "before the drop");
  auto seen = next_frame(*bob_ws, "message.created");
  ASSERT_EQ(type_of(seen), "message.created");
  // The last position Bob saw: of the last frame, whatever its type.
  std::string last = text_of(seen, "since");
  while (auto more = bob_ws->read_within(std::chrono::milliseconds(300))) {
    last = text_of(boost::json::parse(*more).as_object(), "since");
  }
  bob_ws.reset();  // the connection drops

  for (int i = 1; i <= 3; ++i) ASSERT_EQ(reply_to(client, ann, group, "missed " + std::to_string(i)).status, 200);

  boost::json::object resumed_hello;
  auto again = open_stream(client, port(), bob, last, &resumed_hello);
  EXPECT_EQ(text_of(resumed_hello, "since"), last);
  for (int i = 1; i <= 3; ++i) {
    EXPECT_EQ(next_message_text(*again), "missed " + std::to_string(i));
  }
  // Then live delivery goes on.
  ASSERT_EQ(reply_to(client, ann, group, "live again").status, 200);
  EXPECT_EQ(next_message_text(*again), "live again");
}

TEST_F(StreamTest, ResumePastTheReplayWindowGetsExactlyOneResync) {
  Person ann = sign_up(client, "rw_ann");
  Person bob = sign_up(client, "rw_bob");
  boost::json::object hello;
  open_stream(client, port(), bob, std::nullopt, &hello);  // opened and dropped at once
  std::string group = open_conversation(client, ann, bob, "0");
  for (int i = 1; i <= kReplayWindow; ++i) ASSERT_EQ(reply_to(client, ann, group, std::to_string(i)).status, 200);

  auto again = open_stream(client, port(), bob, text_of(hello, "since"));
  EXPECT_EQ(type_of(again->read_json().as_object()), "resync");
  ASSERT_EQ(reply_to(client, ann, group, "after the resync").status, 200);
  EXPECT_EQ(next_message_text(*again), "after the resync");  // no second resync, no replay
}

TEST_F(StreamTest, PositionFromAnotherServerOrGarbageGetsResync) {
  Person bob = sign_up(client, "rw_other");
  for (std::string since : {"AAAAAAAAAAAA.1", "12", "x"}) {
    auto ws = open_stream(client, port(), bob, since);
    EXPECT_EQ(type_of(ws->read_json().as_object()), "resync") << since;
  }
}

}  // namespace
}  // namespace cruddur::testing
