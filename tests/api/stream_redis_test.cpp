// Live delivery across instances through Redis (doc/stream.md, "Across instances"): two real `cruddur serve`
// processes sharing one data store (the engine under test: one SQLite data dir, or one dynalite table) and
// one real redis-server started here on a free port (support/redis_server.hpp), stopped by its PID.
// Every wait is bounded; no test asserts a duration.

#include <boost/json.hpp>

#include <chrono>
#include <exception>
#include <functional>
#include <iostream>
#include <optional>
#include <string>

#include "stream_fixture.hpp"
#include "support/redis_server.hpp"

namespace cruddur::testing {
namespace {

using namespace std::chrono_literals;

// Two instances sharing one store and one Redis: A gets the url from REDIS_URL, B from --redis-url.
struct TwoInstances {
  explicit TwoInstances(RedisServer& redis)
      : args(base_args()),
        a(data.path(), args, {{"REDIS_URL", redis.url()}}),
        b(data.path(), with(args, {"--redis-url", redis.url()})),
        http_a(a.port()),
        http_b(b.port()) {}

  ~TwoInstances() {  // a failing test shows what the servers said (stopped first: their stdout is flushed)
    if (!::testing::Test::HasFailure() && std::uncaught_exceptions() == 0) return;
    a.stop();
    b.stop();
    std::cerr << "--- instance A log:\n" << a.log_tail() << "\n--- instance B log:\n" << b.log_tail() << "\n";
  }

  static std::vector<std::string> base_args() {
    std::vector<std::string> args = engine_under_test_args();  // once: both share the same table
    args.insert(args.end(), {"--signin-rate", "0", "--signin-failures", "0", "--send-rate", "0",
                             "--stream-replay-events", std::to_string(kReplayWindow)});
    return args;
  }
  static std::vector<std::string> with(std::vector<std::string> args, std::vector<std::string> more) {
    args.insert(args.end(), more.begin(), more.end());
    return args;
  }

  TempDir data;
  std::vector<std::string> args;
  ServerProcess a, b;
  HttpClient http_a, http_b;
};

std::string type_of(const boost::json::object& frame) { return std::string(frame.at("type").as_string()); }

// Reads frames until one satisfies `wanted` (true) or `wait` passes (false). Every frame read is passed on.
bool read_until(WebSocketClient& ws, const std::function<bool(const boost::json::object&)>& wanted,
                std::chrono::milliseconds wait) {
  const auto deadline = std::chrono::steady_clock::now() + wait;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left <= 0ms) return false;
    auto text = ws.read_within(left);
    if (!text) return false;
    if (wanted(boost::json::parse(*text).as_object())) return true;
  }
}

std::size_t occurrences(const std::string& text, const std::string& word) {
  std::size_t count = 0;
  for (auto at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) ++count;
  return count;
}

bool is_message(const boost::json::object& frame, const std::string& text) {
  return type_of(frame) == "message.created" && frame.at("message").at("message").as_string() == text;
}

// Waits until the instance on `port` serves streams from Redis (its positions then start with "r."): it
// connects in the background after it starts.
void wait_for_redis(HttpClient& http, uint16_t port, const Person& person) {
  bool connected = wait_until(
      [&] {
        try {
          boost::json::object hello;
          auto ws = open_stream(http, port, person, std::nullopt, &hello);
          return hello.at("since").as_string().starts_with("r.");
        } catch (const std::exception&) {  // e.g. 503 while earlier probes' streams are still closing
          return false;
        }
      },
      15s, 100ms);
  ASSERT_TRUE(connected) << "the instance on port " << port << " never connected to Redis";
}

TEST(StreamAcrossInstances, AMessageSentOnOneInstanceReachesTheRecipientsStreamOnTheOther) {
  RedisServer redis;
  TwoInstances two(redis);
  Person ann = sign_up(two.http_a, "redis_ann");
  Person bob = sign_up(two.http_a, "redis_bob");
  wait_for_redis(two.http_a, two.a.port(), ann);
  wait_for_redis(two.http_b, two.b.port(), bob);

  auto bob_on_b = open_stream(two.http_b, two.b.port(), bob);
  auto ann_on_a = open_stream(two.http_a, two.a.port(), ann);
  std::string group = open_conversation(two.http_a, ann, bob, "hello from A");
  EXPECT_EQ(next_message_text(*bob_on_b), "hello from A");
  EXPECT_EQ(next_message_text(*ann_on_a), "hello from A");  // the sender's own tab, on the sending instance
  ASSERT_EQ(reply_to(two.http_b, bob, group, "hello from B").status, 200);
  EXPECT_EQ(next_message_text(*ann_on_a), "hello from B");
  // Typing goes across too (published, not logged).
  ann_on_a->send_text(boost::json::serialize(boost::json::object{{"type", "typing"}, {"message_group_uuid", group}}));
  auto typing = next_frame(*bob_on_b, "typing");
  EXPECT_EQ(type_of(typing), "typing");
  EXPECT_EQ(typing.at("handle").as_string(), ann.handle);
}

TEST(StreamAcrossInstances, AStreamResumedOnTheOtherInstanceGetsExactlyTheMissedEventsInOrder) {
  RedisServer redis;
  TwoInstances two(redis);
  Person ann = sign_up(two.http_a, "resume_ann");
  Person bob = sign_up(two.http_a, "resume_bob");
  wait_for_redis(two.http_a, two.a.port(), ann);
  wait_for_redis(two.http_b, two.b.port(), bob);

  std::string position;
  std::string group;
  {
    auto bob_on_a = open_stream(two.http_a, two.a.port(), bob);
    group = open_conversation(two.http_b, ann, bob, "m1");
    auto frame = next_frame(*bob_on_a, "message.created");
    ASSERT_TRUE(is_message(frame, "m1")) << boost::json::serialize(frame);
    position = std::string(frame.at("since").as_string());
    ASSERT_TRUE(position.starts_with("r.")) << position;
  }  // dropped from A
  for (const char* text : {"m2", "m3", "m4"}) ASSERT_EQ(reply_to(two.http_a, ann, group, text).status, 200);

  boost::json::object hello;
  auto bob_on_b = open_stream(two.http_b, two.b.port(), bob, position, &hello);
  EXPECT_EQ(hello.at("since").as_string(), position);
  EXPECT_EQ(next_message_text(*bob_on_b), "m2");  // not m1 again, no resync, nothing skipped
  EXPECT_EQ(next_message_text(*bob_on_b), "m3");
  EXPECT_EQ(next_message_text(*bob_on_b), "m4");
  ASSERT_EQ(reply_to(two.http_a, ann, group, "m5 live").status, 200);
  EXPECT_EQ(next_message_text(*bob_on_b), "m5 live");

  // A position older than the window (kReplayWindow events) resyncs, on either instance.
  for (int i = 0; i < kReplayWindow; ++i) ASSERT_EQ(reply_to(two.http_a, ann, group, "flood").status, 200);
  auto stale = open_stream(two.http_a, two.a.port(), bob, position);
  EXPECT_EQ(type_of(stale->read_json().as_object()), "resync");
}

TEST(StreamAcrossInstances, RedisKilledUnderTrafficSendsSucceedStreamsResyncAndDeliveryResumesAfterRestart) {
  RedisServer redis;
  TwoInstances two(redis);
  Person ann = sign_up(two.http_a, "outage_ann");
  Person bob = sign_up(two.http_a, "outage_bob");
  wait_for_redis(two.http_a, two.a.port(), ann);
  wait_for_redis(two.http_b, two.b.port(), bob);
  auto bob_on_b = open_stream(two.http_b, two.b.port(), bob);
  auto bob_on_a = open_stream(two.http_a, two.a.port(), bob);
  std::string group = open_conversation(two.http_a, ann, bob, "before");
  ASSERT_EQ(next_message_text(*bob_on_b), "before");
  ASSERT_EQ(next_message_text(*bob_on_a), "before");

  redis.kill_hard();
  for (int i = 0; i < 20; ++i) {
    Reply sent = reply_to(two.http_a, ann, group, "during " + std::to_string(i));
    ASSERT_EQ(sent.status, 200) << sent.body;
  }
  EXPECT_EQ(two.http_b.get("/api/message_groups", bob.auth()).status, 200);  // reads too
  auto is_resync = [](const boost::json::object& f) { return type_of(f) == "resync"; };
  EXPECT_TRUE(read_until(*bob_on_b, is_resync, 10s)) << "B's stream was not told to resync";
  EXPECT_TRUE(read_until(*bob_on_a, is_resync, 10s)) << "A's stream was not told to resync";
  // Without Redis, an instance still delivers its own events to its own streams.
  ASSERT_EQ(reply_to(two.http_a, ann, group, "local while down").status, 200);
  EXPECT_TRUE(read_until(*bob_on_a, [](const auto& f) { return is_message(f, "local while down"); }, 10s));

  redis.start();  // same port, empty: the instances reconnect by themselves
  int probe = 0;
  bool resumed = wait_until(
      [&] {
        std::string text = "after " + std::to_string(++probe);
        if (reply_to(two.http_a, ann, group, text).status != 200) return false;
        return read_until(*bob_on_b, [&](const auto& f) { return is_message(f, text); }, 500ms);
      },
      20s, 10ms);
  EXPECT_TRUE(resumed) << "delivery across instances did not resume after Redis came back";
  // A stream opened now resumes across instances again.
  boost::json::object hello;
  auto fresh = open_stream(two.http_b, two.b.port(), bob, std::nullopt, &hello);
  EXPECT_TRUE(hello.at("since").as_string().starts_with("r.")) << boost::json::serialize(hello);

  // The outage was logged once per instance, however many sends it touched (stopped: logs are flushed).
  fresh.reset();
  two.a.stop();
  two.b.stop();
  EXPECT_EQ(occurrences(two.a.log_tail(1 << 20), "unreachable"), 1u) << two.a.log_tail();
  EXPECT_EQ(occurrences(two.b.log_tail(1 << 20), "unreachable"), 1u) << two.b.log_tail();
}

}  // namespace
}  // namespace cruddur::testing
