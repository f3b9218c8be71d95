// The RESP client against a real redis-server (Debian's), started per test binary on a free port.
#include <gtest/gtest.h>

#include <boost/asio/this_coro.hpp>

#include <stdexcept>

#include "redis/connection.hpp"
#include "redis/endpoint.hpp"
#include "support/free_port.hpp"
#include "support/redis_server.hpp"
#include "support/run_task.hpp"

namespace cruddur::redis {
namespace {

namespace asio = boost::asio;
using cruddur::testing::RedisServer;
using cruddur::testing::run_task;
using namespace std::chrono_literals;

RedisServer& server() {
  static RedisServer redis;
  return redis;
}

Endpoint local(uint16_t port) { return parse_url("redis://127.0.0.1:" + std::to_string(port)); }

TEST(RedisUrl, ParsesHostPortAndDatabase) {
  Endpoint e = parse_url("redis://cache.internal:6380/2");
  EXPECT_EQ(e.host, "cache.internal");
  EXPECT_EQ(e.port, 6380);
  EXPECT_EQ(e.db, 2);
  Endpoint plain = parse_url("redis://127.0.0.1");
  EXPECT_EQ(plain.port, 6379);
  EXPECT_EQ(plain.db, 0);
  EXPECT_THROW(parse_url("http://127.0.0.1:6379"), std::invalid_argument);
  EXPECT_THROW(parse_url("redis://user:pw@host:6379"), std::invalid_argument);
  EXPECT_THROW(parse_url("redis://host:notaport"), std::invalid_argument);
  EXPECT_THROW(parse_url("redis://"), std::invalid_argument);
}

TEST(RedisConnection, PipelinesCommandsAndReturnsRepliesInOrderBinarySafe) {
  const uint16_t port = server().port();
  auto replies = run_task([port]() -> asio::awaitable<std::vector<Reply>> {
    Connection c(co_await asio::this_coro::executor);
    co_await c.connect(local(port), 1s);
    std::string binary("a\r\nb\0c", 6);
    std::vector<Command> commands{{"DEL", "k1"}, {"SET", "k1", binary}, {"GET", "k1"}, {"GET", "missing"},
                                  {"INCR", "k1"}, {"RPUSH", "l1", "x", "y"}, {"LRANGE", "l1", "0", "-1"}, {"DEL", "l1"}};
    co_return co_await c.exec(commands, 1s);
  }());
  ASSERT_EQ(replies.size(), 8u);
  EXPECT_EQ(replies[1].type, Reply::Type::status);
  EXPECT_EQ(replies[2].str, std::string("a\r\nb\0c", 6));
  EXPECT_EQ(replies[3].type, Reply::Type::nil);
  EXPECT_TRUE(replies[4].is_error());  // an error reply is a value, not a failure
  EXPECT_EQ(replies[5].integer, 2);
  ASSERT_TRUE(replies[6].is_array());
  ASSERT_EQ(replies[6].elements.size(), 2u);
  EXPECT_EQ(replies[6].elements[1].str, "y");
}

TEST(RedisConnection, ReceivesPublishedMessages) {
  const uint16_t port = server().port();
  auto message = run_task([port]() -> asio::awaitable<Reply> {
    auto executor = co_await asio::this_coro::executor;
    Connection subscriber(executor), publisher(executor);
    co_await subscriber.connect(local(port), 1s);
    co_await publisher.connect(local(port), 1s);
    std::vector<Command> subscribe{{"SUBSCRIBE", "chan"}};
    auto confirmed = co_await subscriber.exec(subscribe, 1s);
    EXPECT_TRUE(confirmed.at(0).is_array());
    std::vector<Command> publish{{"PUBLISH", "chan", "hello\nworld"}};
    co_await publisher.exec(publish, 1s);
    co_return co_await subscriber.receive();
  }());
  ASSERT_EQ(message.elements.size(), 3u);
  EXPECT_EQ(message.elements[0].str, "message");
  EXPECT_EQ(message.elements[2].str, "hello\nworld");
}

TEST(RedisConnection, ARefusedConnectionThrows) {
  const uint16_t port = cruddur::testing::free_port();  // nobody listens there
  EXPECT_THROW(run_task([port]() -> asio::awaitable<void> {
                 Connection c(co_await asio::this_coro::executor);
                 co_await c.connect(local(port), 500ms);
               }()),
               std::runtime_error);
}

TEST(RedisConnection, ACommandOverItsTimeoutThrowsAndClosesTheConnection) {
  const uint16_t port = server().port();
  bool open_after = true;
  EXPECT_THROW(run_task([port, &open_after]() -> asio::awaitable<void> {
                 Connection c(co_await asio::this_coro::executor);
                 co_await c.connect(local(port), 1s);
                 std::vector<Command> slow{{"BLPOP", "never-filled", "5"}};
                 try {
                   co_await c.exec(slow, 100ms);
                 } catch (...) {
                   open_after = c.is_open();
                   throw;
                 }
               }()),
               std::runtime_error);
  EXPECT_FALSE(open_after);
}

}  // namespace
}  // namespace cruddur::redis
