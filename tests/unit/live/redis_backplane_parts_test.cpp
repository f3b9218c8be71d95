#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "live/frame_template.hpp"
#include "live/hub.hpp"
#include "live/redis_wire.hpp"
#include "live/remote_position.hpp"

namespace cruddur::live {
namespace {

TEST(RemotePosition, TokensRoundTripAndOrderLikeRedisIds) {
  EXPECT_EQ(token_of_stream_id("1700000000000-3"), "r.1700000000000-3");
  EXPECT_EQ(stream_id_of_token("r.1700000000000-3"), "1700000000000-3");
  EXPECT_FALSE(stream_id_of_token("abcdefghijkl.42"));  // an in-process token
  EXPECT_FALSE(stream_id_of_token("r.12"));
  EXPECT_FALSE(stream_id_of_token("r.12-x"));
  EXPECT_LT(*parse_stream_id("5-9"), *parse_stream_id("6-0"));
  EXPECT_LT(*parse_stream_id("6-2"), *parse_stream_id("6-10"));
}

TEST(FrameTemplate, TheLastPlaceholderBecomesThePosition) {
  RenderFrame render = [](std::string_view since) {
    return "{\"text\":\"say \\\"@@since@@\\\"\",\"since\":\"" + std::string(since) + "\"}";
  };
  std::string frame_template = render_template(render);
  EXPECT_EQ(complete_frame(frame_template, "r.1-1"), render("r.1-1"));
}

TEST(RedisWire, ChannelMessagesParseAndMalformedOnesAreRefused) {
  auto event = redis_wire::parse_channel_message("e\nann\n17-2\n{\"x\":1,\"since\":\"@@since@@\"}");
  ASSERT_TRUE(event);
  EXPECT_EQ(event->kind, redis_wire::ChannelMessage::Kind::event);
  EXPECT_EQ(event->user, "ann");
  EXPECT_EQ(event->position, (RemotePosition{17, 2}));
  EXPECT_EQ(*event->frame, "{\"x\":1,\"since\":\"r.17-2\"}");

  auto typing = redis_wire::parse_channel_message(redis_wire::typing_message("bob", "{\"type\":\"typing\"}"));
  ASSERT_TRUE(typing);
  EXPECT_EQ(typing->kind, redis_wire::ChannelMessage::Kind::typing);
  EXPECT_EQ(typing->user, "bob");
  EXPECT_EQ(*typing->frame, "{\"type\":\"typing\"}");

  auto resync = redis_wire::parse_channel_message(redis_wire::kResyncAllMessage);
  ASSERT_TRUE(resync);
  EXPECT_EQ(resync->kind, redis_wire::ChannelMessage::Kind::resync_all);

  for (std::string_view bad : {"", "e\nann\n", "e\nann\nnot-an-id\n{}", "e\n\n1-1\n{}", "x\nann\n1-1\n{}"})
    EXPECT_FALSE(redis_wire::parse_channel_message(bad)) << bad;
}

redis::Reply bulk(std::string s) {
  redis::Reply r;
  r.type = redis::Reply::Type::string;
  r.str = std::move(s);
  return r;
}
redis::Reply array(std::vector<redis::Reply> elements) {
  redis::Reply r;
  r.type = redis::Reply::Type::array;
  r.elements = std::move(elements);
  return r;
}
redis::Reply integer(long long n) {
  redis::Reply r;
  r.type = redis::Reply::Type::integer;
  r.integer = n;
  return r;
}

TEST(RedisWire, TheOpenReplyYieldsTheHeadAndTheEventsAfterSinceSkippingMarkers) {
  auto reply = array({bulk("9-0"), integer(1),
                      array({array({bulk("7-0"), array({bulk("m"), bulk("1")})}),
                             array({bulk("8-0"), array({bulk("f"), bulk("{\"since\":\"@@since@@\"}")})})})});
  auto opened = redis_wire::parse_opened(reply);
  ASSERT_TRUE(opened);
  EXPECT_EQ(opened->head, "9-0");
  EXPECT_TRUE(opened->ok);
  ASSERT_EQ(opened->replay.size(), 1u);
  EXPECT_EQ(*opened->replay[0], "{\"since\":\"r.8-0\"}");
  EXPECT_FALSE(redis_wire::parse_opened(array({bulk("nonsense"), integer(1), array({})})));
  EXPECT_FALSE(redis_wire::parse_opened(bulk("ERR")));
}

struct Recorder final : Subscriber {
  std::vector<std::string> frames;
  void deliver(const Frame& frame, FrameKind) override { frames.push_back(*frame); }
};

Frame text(const std::string& s) { return std::make_shared<const std::string>(s); }

TEST(HubHeldStream, HoldsRemoteFramesUntilReleaseThenKeepsOnlyThoseAfterTheReplay) {
  ManualClock clock(0);
  Hub hub(clock, HubLimits{});
  auto ann = std::make_shared<Recorder>();
  auto opened = hub.subscribe_held("ann", ann);
  ASSERT_EQ(opened.outcome, Hub::Subscription::Outcome::opened);
  hub.deliver_remote("ann", {1, 0}, text("e1"));  // in the replay (at or before head 2-0)
  hub.deliver_remote("ann", {2, 0}, text("e2"));
  hub.deliver_remote("ann", {3, 0}, text("e3"));  // after it
  EXPECT_TRUE(ann->frames.empty());
  EXPECT_TRUE(hub.release("ann", opened.id, RemotePosition{2, 0}));
  hub.deliver_remote("ann", {2, 0}, text("late e2"));  // a replayed event arriving late: dropped
  hub.deliver_remote("ann", {4, 0}, text("e4"));
  hub.deliver_remote("bob", {5, 0}, text("not ann's"));
  EXPECT_EQ(ann->frames, (std::vector<std::string>{"e3", "e4"}));
}

TEST(HubHeldStream, TooManyHeldFramesMakeReleaseReportALoss) {
  ManualClock clock(0);
  Hub hub(clock, HubLimits{});
  auto ann = std::make_shared<Recorder>();
  auto opened = hub.subscribe_held("ann", ann);
  for (std::uint64_t i = 1; i <= Hub::kHeldFrames + 1; ++i) hub.deliver_remote("ann", {i, 0}, text("e"));
  EXPECT_FALSE(hub.release("ann", opened.id, RemotePosition{0, 0}));
  EXPECT_EQ(ann->frames.size(), Hub::kHeldFrames);
}

TEST(HubHeldStream, DeliverToAllReachesEveryOpenStream) {
  ManualClock clock(0);
  Hub hub(clock, HubLimits{});
  auto ann = std::make_shared<Recorder>();
  auto bob = std::make_shared<Recorder>();
  hub.subscribe("ann", std::nullopt, ann);
  hub.subscribe("bob", std::nullopt, bob);
  hub.deliver_to_all(text("resync"));
  EXPECT_EQ(ann->frames, std::vector<std::string>{"resync"});
  EXPECT_EQ(bob->frames, std::vector<std::string>{"resync"});
}

}  // namespace
}  // namespace cruddur::live
