#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "live/frame_template.hpp"
#include "live/hub.hpp"
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
