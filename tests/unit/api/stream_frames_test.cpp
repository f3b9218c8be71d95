// The stream's frames (doc/stream.md): events carry the API's own shapes plus "type" and "since".

#include "api/stream_frames.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "api/render.hpp"

namespace cruddur::api {
namespace {

boost::json::object parsed(const std::string& text) { return boost::json::parse(text).as_object(); }

TEST(StreamFrames, MessageCreatedCarriesTheSentMessageShape) {
  messaging::Message m{"886313e1-3b8a-5372-9b90-0c9aee199e5d", "2513b6ef-edd2-5323-9c45-1059a591440d",
                       "11111111-1111-4111-8111-111111111111", "andrewbrown", "Andrew Brown", "Hi \"there\"",
                       "2026-11-26T12:00:00.123456+00:00"};
  auto frame = parsed(stream_frames::event(messaging::MessageCreated{m}, "E.7"));
  EXPECT_EQ(frame.at("type"), "message.created");
  EXPECT_EQ(frame.at("since"), "E.7");
  EXPECT_EQ(frame.at("message"), boost::json::parse(json_text(m, render_sent_message)));
}

TEST(StreamFrames, GroupUpdatedCarriesTheListRow) {
  messaging::ConversationSummary s{"2513b6ef-edd2-5323-9c45-1059a591440d", "22222222-2222-4222-8222-222222222222",
                                   "bayko", "Andrew Bayko", "See you", "2026-11-26T12:00:01.000000+00:00"};
  auto frame = parsed(stream_frames::event(messaging::GroupUpdated{s}, "E.8"));
  EXPECT_EQ(frame.at("type"), "group.updated");
  EXPECT_EQ(frame.at("group"), boost::json::parse(json_text(s, render_conversation)));
  EXPECT_EQ(frame.at("since"), "E.8");
}

TEST(StreamFrames, GroupRead) {
  auto frame = parsed(stream_frames::event(
      messaging::GroupRead{"2513b6ef-edd2-5323-9c45-1059a591440d", "bayko", "2026-11-26T12:00:01.000000+00:00"}, "E.9"));
  EXPECT_EQ(frame, parsed(R"({"type":"group.read","message_group_uuid":"2513b6ef-edd2-5323-9c45-1059a591440d",)"
                          R"("reader":"bayko","read_at":"2026-11-26T12:00:01.000000+00:00","since":"E.9"})"));
}

TEST(StreamFrames, ControlFrames) {
  EXPECT_EQ(stream_frames::hello("E.1"), R"({"type":"hello","since":"E.1"})");
  EXPECT_EQ(stream_frames::resync(), R"({"type":"resync"})");
  EXPECT_EQ(stream_frames::error("malformed_json"), R"({"type":"error","error":"malformed_json"})");
  EXPECT_EQ(stream_frames::typing("g", "bayko"), R"({"type":"typing","message_group_uuid":"g","handle":"bayko"})");
}

}  // namespace
}  // namespace cruddur::api
