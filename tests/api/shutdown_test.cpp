// SIGTERM: stop accepting, close idle connections, let requests in flight finish, exit 0.
#include "api_fixture.hpp"

#include <signal.h>

#include "support/raw_connection.hpp"

namespace cruddur::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST(Shutdown, SigtermFinishesRequestsInFlightRefusesNewOnesAndExitsZero) {
  TestServer server;
  HttpClient client(server.port());
  Person a = sign_up(client, "stop_a");
  Person b = sign_up(client, "stop_b");

  // A send whose body is still on its way when the signal comes: in flight.
  std::string body = R"({"handle":")" + b.handle + R"(","message":"sent while stopping"})";
  const std::string host = "Host: 127.0.0.1:" + std::to_string(server.port()) + "\r\n";  // ours, or 421
  RawConnection in_flight(server.port());
  in_flight.send("POST /api/messages HTTP/1.1\r\n" + host + "Content-Type: application/json\r\n"
                 "Authorization: Bearer " + a.token + "\r\nContent-Length: " + std::to_string(body.size()) +
                 "\r\n\r\n" + body.substr(0, 10));
  // An idle keep-alive connection: closed at once.
  RawConnection idle(server.port());
  idle.send("GET /api/health HTTP/1.1\r\n" + host + "\r\n");
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // both requests reach the server

  server.process().signal(SIGTERM);
  EXPECT_TRUE(wait_until([&] { return !RawConnection::accepts(server.port()); }, std::chrono::seconds(3)))
      << "new connections are refused";
  auto idle_end = idle.read_until_closed(std::chrono::seconds(3));
  EXPECT_FALSE(idle_end.timed_out) << "the idle connection is closed";
  EXPECT_THAT(idle_end.bytes, StartsWith("HTTP/1.1 200")) << "after its own reply";
  EXPECT_TRUE(server.process().running()) << "still finishing the request in flight";

  in_flight.send(body.substr(10));
  auto reply = in_flight.read_until_closed(std::chrono::seconds(5));
  EXPECT_FALSE(reply.timed_out);
  EXPECT_THAT(reply.bytes, StartsWith("HTTP/1.1 200"));
  EXPECT_THAT(reply.bytes, HasSubstr("Connection: close"));
  EXPECT_THAT(reply.bytes, HasSubstr("sent while stopping"));

  EXPECT_EQ(server.process().wait_for(std::chrono::seconds(5)), 0) << server.process().log_tail();

  server.process().restart();  // the send was committed
  HttpClient after(server.port());
  auto groups = after.get("/api/message_groups", a.auth()).json();
  ASSERT_EQ(groups.as_array().size(), 1u);
  EXPECT_EQ(groups.at(0).at("message"), "sent while stopping");
}

TEST(Shutdown, AnIdleServerWithAMetricsListenerExitsZero) {
  TestServer server({"--metrics-listen", "127.0.0.1:0"});
  server.process().signal(SIGTERM);
  EXPECT_EQ(server.process().wait_for(std::chrono::seconds(5)), 0) << server.process().log_tail();
}

}  // namespace
}  // namespace cruddur::testing
