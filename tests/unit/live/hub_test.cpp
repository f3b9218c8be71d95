#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "live/hub.hpp"
#include "live/tickets.hpp"

namespace cruddur::live {
namespace {

struct Recorder final : Subscriber {
  std::vector<std::string> frames;
  void deliver(const Frame& frame, FrameKind) override { frames.push_back(*frame); }
};

std::string since_of(const std::string& frame) { return frame.substr(frame.find('|') + 1); }

// Frames are "<text>|<since>" here: the Hub never looks inside them.
void publish(Hub& hub, const std::string& user, const std::string& text) {
  hub.publish(user, [&](std::string_view since) { return text + "|" + std::string(since); });
}

HubLimits small_window() {
  HubLimits limits;
  limits.replay_events = 3;
  limits.sockets_per_user = 2;
  limits.max_sockets = 3;
  return limits;
}

TEST(Hub, DeliversToTheUsersSubscribersOnly) {
  ManualClock clock(0);
  Hub hub(clock, small_window());
  auto ann = std::make_shared<Recorder>();
  auto bob = std::make_shared<Recorder>();
  hub.subscribe("ann", std::nullopt, ann);
  hub.subscribe("bob", std::nullopt, bob);
  publish(hub, "ann", "a1");
  hub.publish_transient("bob", std::make_shared<const std::string>("typing"));
  ASSERT_EQ(ann->frames.size(), 1u);
  EXPECT_EQ(ann->frames[0].substr(0, 3), "a1|");
  EXPECT_EQ(bob->frames, std::vector<std::string>{"typing"});
}

TEST(Hub, ResumeReplaysEverythingAfterThePositionOrResyncs) {
  ManualClock clock(0);
  Hub hub(clock, small_window());
  auto first = hub.subscribe("ann", std::nullopt, std::make_shared<Recorder>());
  std::string start = first.start;
  publish(hub, "ann", "e1");
  publish(hub, "ann", "e2");

  auto resumed = hub.subscribe("ann", start, std::make_shared<Recorder>());
  EXPECT_FALSE(resumed.resync);
  EXPECT_EQ(resumed.start, start);
  ASSERT_EQ(resumed.replay.size(), 2u);
  EXPECT_EQ(resumed.replay[0]->substr(0, 3), "e1|");
  auto latest = hub.subscribe("ann", since_of(*resumed.replay[1]), std::make_shared<Recorder>());
  EXPECT_EQ(latest.outcome, Hub::Subscription::Outcome::user_full);  // two streams already
  hub.unsubscribe("ann", first.id);
  latest = hub.subscribe("ann", since_of(*resumed.replay[1]), std::make_shared<Recorder>());
  EXPECT_FALSE(latest.resync);
  EXPECT_TRUE(latest.replay.empty());

  publish(hub, "ann", "e3");
  publish(hub, "ann", "e4");  // the window (3) no longer holds e1
  hub.unsubscribe("ann", resumed.id);
  auto late = hub.subscribe("ann", start, std::make_shared<Recorder>());
  EXPECT_TRUE(late.resync);
  EXPECT_TRUE(late.replay.empty());
  EXPECT_EQ(hub.stats().resume_resync.load(), 1u);
}

TEST(Hub, ForeignOrMalformedPositionsResync) {
  ManualClock clock(0);
  Hub hub(clock, small_window());
  Hub other(clock, small_window());
  auto elsewhere = other.subscribe("ann", std::nullopt, std::make_shared<Recorder>());
  for (std::string since : {elsewhere.start, std::string("7"), std::string("")}) {
    auto s = hub.subscribe("ann", since, std::make_shared<Recorder>());
    EXPECT_TRUE(s.resync) << since;
    hub.unsubscribe("ann", s.id);
  }
}

TEST(Hub, ForgottenUserResyncsOldPositions) {
  ManualClock clock(0);
  HubLimits limits = small_window();
  limits.idle_ttl = 10;
  Hub hub(clock, limits);
  auto s = hub.subscribe("ann", std::nullopt, std::make_shared<Recorder>());
  publish(hub, "ann", "e1");
  std::string old = s.start;
  hub.unsubscribe("ann", s.id);
  clock.advance(100);
  // Enough publishes for every shard to sweep: idle Ann is forgotten.
  for (int user = 0; user < 64; ++user)
    for (int i = 0; i < 1100; ++i) publish(hub, "u" + std::to_string(user), "b");
  auto again = hub.subscribe("ann", old, std::make_shared<Recorder>());
  EXPECT_TRUE(again.resync);
}

TEST(Hub, MaxSocketsInAll) {
  ManualClock clock(0);
  Hub hub(clock, small_window());
  for (auto user : {"a", "b", "c"})
    EXPECT_EQ(hub.subscribe(user, std::nullopt, std::make_shared<Recorder>()).outcome, Hub::Subscription::Outcome::opened);
  EXPECT_EQ(hub.subscribe("d", std::nullopt, std::make_shared<Recorder>()).outcome,
            Hub::Subscription::Outcome::server_full);
  EXPECT_EQ(hub.stats().open_sockets.load(), 3u);
}

TEST(Tickets, AreSingleUseAndExpire) {
  ManualClock clock(1'000'000);
  TicketStore tickets(clock, 30 * kMicrosPerSecond, 2);
  auto ticket = tickets.issue({"u1", "ann"});
  ASSERT_TRUE(ticket);
  auto holder = tickets.redeem(*ticket);
  ASSERT_TRUE(holder);
  EXPECT_EQ(holder->user_uuid, "u1");
  EXPECT_FALSE(tickets.redeem(*ticket));

  auto later = tickets.issue({"u2", "bob"});
  clock.advance(30 * kMicrosPerSecond);
  EXPECT_FALSE(tickets.redeem(*later));
}

TEST(Tickets, AreBounded) {
  ManualClock clock(0);
  TicketStore tickets(clock, 30 * kMicrosPerSecond, 2);
  EXPECT_TRUE(tickets.issue({"u", "a"}));
  EXPECT_TRUE(tickets.issue({"u", "a"}));
  EXPECT_FALSE(tickets.issue({"u", "a"}));
  clock.advance(31 * kMicrosPerSecond);  // expired ones make room
  EXPECT_TRUE(tickets.issue({"u", "a"}));
}

}  // namespace
}  // namespace cruddur::live
