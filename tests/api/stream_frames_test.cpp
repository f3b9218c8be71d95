// Bad client frames, and the socket that never reads.
#include "stream_fixture.hpp"

namespace cruddur::testing {
namespace {

std::string type_of(const boost::json::object& frame) { return std::string(frame.at("type").as_string()); }

TEST_F(StreamTest, MalformedJsonGetsAnErrorFrameAndTheStreamStaysOpen) {
  Person ann = sign_up(client, "fr_ann");
  Person bob = sign_up(client, "fr_bob");
  auto bob_ws = open_stream(client, port(), bob);
  bob_ws->send_text("{\"type\": ");
  auto error = bob_ws->read_json().as_object();
  EXPECT_EQ(type_of(error), "error");
  EXPECT_EQ(error.at("error").as_string(), "malformed_json");

  open_conversation(client, ann, bob, "still there?");
  auto frame = next_frame(*bob_ws, "message.created");
  EXPECT_EQ(type_of(frame), "message.created");
}

TEST_F(StreamTest, BinaryFrameClosesWith1003) {
  Person ann = sign_up(client, "fr_bin");
  auto ws = open_stream(client, port(), ann);
  ws->send_binary(std::string("\x01\x02\x03", 3));
  EXPECT_EQ(ws->wait_for_close(), 1003);
}

TEST_F(StreamTest, FrameOver4KiBClosesWith1009) {
  Person ann = sign_up(client, "fr_big");
  auto ws = open_stream(client, port(), ann);
  ws->send_text(R"({"type":"typing","message_group_uuid":")" + std::string(4200, 'a') + R"("})");
  EXPECT_EQ(ws->wait_for_close(), 1009);
}

TEST_F(StreamTest, FrameOfExactly4KiBIsAnswered) {
  Person ann = sign_up(client, "fr_4k");
  auto ws = open_stream(client, port(), ann);
  std::string frame = R"({"type":"nothing","pad":")";
  frame += std::string(4096 - frame.size() - 2, 'a') + R"("})";
  ASSERT_EQ(frame.size(), 4096u);
  ws->send_text(frame);
  auto reply = ws->read_json().as_object();
  EXPECT_EQ(type_of(reply), "error");
  EXPECT_EQ(reply.at("error").as_string(), "unknown_type");
}

TEST_F(StreamTest, ReaderThatNeverReadsIsClosedWith4008WhileOthersKeepReceiving) {
  Person ann = sign_up(client, "sl_ann");
  Person bob = sign_up(client, "sl_bob");
  std::string group = open_conversation(client, ann, bob, "start");
  auto ann_ws = open_stream(client, port(), ann);
  WebSocketClient::Options stalled;
  stalled.receive_buffer = 4096;  // a small window, so the server's side fills quickly
  auto bob_ws = connect_stream(port(), stream_ticket(client, bob), std::nullopt, stalled);
  ASSERT_EQ(bob_ws->status(), 101);

  // Bob never reads. Ann sends; each of her sends is on her own stream before the next one goes out.
  // Each send queues two frames of ~3 KB for Bob (message.created, group.updated): the 256-frame queue
  // overflows after ~128 sends plus what the kernel buffers hold (~10). Not many more are sent, so Bob
  // starts reading well within the server's 10 s grace for writing the close frame, even on a slow engine
  // (beyond it the server drops the TCP connection without a close frame).
  constexpr int kSends = 170;
  std::string text;
  for (int i = 0; i < 1000; ++i) text += "\u20ac";  // 1,000 code points, 3 bytes each
  for (int i = 0; i < kSends; ++i) {
    ASSERT_EQ(reply_to(client, ann, group, text + std::to_string(i)).status, 200);
    auto frame = next_frame(*ann_ws, "message.created");
    ASSERT_EQ(type_of(frame), "message.created");
    ASSERT_EQ(frame.at("message").at("message").as_string(), text + std::to_string(i));
  }

  // Bob finally reads: what was on its way, then the close.
  std::size_t frames = 0;
  EXPECT_EQ(bob_ws->wait_for_close(&frames), 4008);
  EXPECT_LT(frames, static_cast<std::size_t>(kSends));
}

}  // namespace
}  // namespace cruddur::testing
