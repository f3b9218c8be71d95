// The stream's door: tickets, Origin, socket limits, and what a server stop does to open streams.
#include <thread>

#include "stream_fixture.hpp"

namespace cruddur::testing {
namespace {

using namespace std::chrono_literals;

TEST_F(StreamTest, TicketOpensAStreamThatSaysHello) {
  Person ann = sign_up(client, "tk_ann");
  Reply reply = client.post("/api/stream/ticket", "", ann.auth());
  ASSERT_EQ(reply.status, 200) << reply.body;
  auto json = reply.json().as_object();
  EXPECT_EQ(json.at("expires_in").as_int64(), 30);
  std::string ticket(json.at("ticket").as_string());
  EXPECT_GE(ticket.size(), 32u);
  EXPECT_NE(ticket, stream_ticket(client, ann));  // random, one per request

  auto ws = connect_stream(port(), ticket);
  ASSERT_EQ(ws->status(), 101) << ws->body();
  auto hello = ws->read_json().as_object();
  EXPECT_EQ(hello.at("type").as_string(), "hello");
  EXPECT_TRUE(hello.at("since").is_string());
}

TEST_F(StreamTest, TicketNeedsABearerToken) {
  EXPECT_EQ(client.post("/api/stream/ticket", "").status, 401);
  EXPECT_EQ(client.post("/api/stream/ticket", "", {{"Authorization", "Bearer nope"}}).status, 401);
}

TEST_F(StreamTest, MissingUnknownAndReusedTicketsAre401BeforeTheUpgrade) {
  Person ann = sign_up(client, "tk_reuse");
  WebSocketClient missing(port(), "/api/stream");
  EXPECT_EQ(missing.status(), 401);
  EXPECT_THAT(missing.body(), ::testing::HasSubstr("ticket_invalid"));
  EXPECT_EQ(connect_stream(port(), "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")->status(), 401);

  std::string ticket = stream_ticket(client, ann);
  EXPECT_EQ(connect_stream(port(), ticket)->status(), 101);
  EXPECT_EQ(connect_stream(port(), ticket)->status(), 401);  // single use
}

TEST_F(StreamTest, PlainGetOfTheStreamIs426) {
  Reply reply = client.get("/api/stream");
  EXPECT_EQ(reply.status, 426);
  EXPECT_THAT(error_codes(reply), ::testing::ElementsAre("upgrade_required"));
}

TEST_F(StreamTest, ForeignOriginIs403AndOwnOrAllowedOriginsOpen) {
  Person ann = sign_up(client, "tk_origin");
  std::string ticket = stream_ticket(client, ann);
  WebSocketClient::Options evil;
  evil.headers["Origin"] = "https://evil.example";
  auto refused = connect_stream(port(), ticket, std::nullopt, evil);
  EXPECT_EQ(refused->status(), 403);
  EXPECT_THAT(refused->body(), ::testing::HasSubstr("origin_not_allowed"));

  // The refused handshake did not use the ticket up; the server's own origin may open it.
  WebSocketClient::Options own;
  own.headers["Origin"] = "http://127.0.0.1:" + std::to_string(port());
  EXPECT_EQ(connect_stream(port(), ticket, std::nullopt, own)->status(), 101);

  WebSocketClient::Options allowed;
  allowed.headers["Origin"] = kAllowedOrigin;
  EXPECT_EQ(connect_stream(port(), stream_ticket(client, ann), std::nullopt, allowed)->status(), 101);
  // No Origin at all: not a browser; the ticket decides.
  EXPECT_EQ(connect_stream(port(), stream_ticket(client, ann))->status(), 101);
}

TEST_F(StreamTest, NinthStreamOfOnePersonIs503) {
  Person ann = sign_up(client, "tk_nine");
  std::vector<std::unique_ptr<WebSocketClient>> streams;
  for (int i = 0; i < 8; ++i) streams.push_back(open_stream(client, port(), ann));
  auto ninth = connect_stream(port(), stream_ticket(client, ann));
  EXPECT_EQ(ninth->status(), 503);
  EXPECT_THAT(ninth->body(), ::testing::HasSubstr("too_many_streams"));

  // Someone else is not affected; and once one of Ann's streams is gone she may open another.
  Person bob = sign_up(client, "tk_nine_bob");
  EXPECT_EQ(connect_stream(port(), stream_ticket(client, bob))->status(), 101);
  streams.pop_back();
  int status = 0;
  for (int attempt = 0; attempt < 50 && status != 101; ++attempt) {
    status = connect_stream(port(), stream_ticket(client, ann))->status();
    if (status != 101) std::this_thread::sleep_for(100ms);
  }
  EXPECT_EQ(status, 101);
}

// A server of its own: short-lived tickets and room for two streams in all.
class StreamLimitsTest : public ::testing::Test {
 protected:
  StreamLimitsTest() : client(server().port()) {}
  static TestServer& server() {
    static TestServer limited({"--stream-ticket-seconds", "1", "--max-sockets", "2"});
    return limited;
  }
  HttpClient client;
};

TEST_F(StreamLimitsTest, ExpiredTicketIs401) {
  Person ann = sign_up(client, "tk_expiry");
  Reply reply = client.post("/api/stream/ticket", "", ann.auth());
  EXPECT_EQ(reply.json().at("expires_in").as_int64(), 1);
  std::string ticket(reply.json().at("ticket").as_string());
  std::this_thread::sleep_for(2500ms);
  EXPECT_EQ(connect_stream(server().port(), ticket)->status(), 401);
}

TEST_F(StreamLimitsTest, StreamsOverMaxSocketsAre503) {
  Person ann = sign_up(client, "tk_max_a");
  Person bob = sign_up(client, "tk_max_b");
  auto first = connect_stream(server().port(), stream_ticket(client, ann));
  auto second = connect_stream(server().port(), stream_ticket(client, bob));
  ASSERT_EQ(first->status(), 101);
  ASSERT_EQ(second->status(), 101);
  EXPECT_EQ(connect_stream(server().port(), stream_ticket(client, bob))->status(), 503);
}

TEST(StreamStop, SigtermClosesOpenStreamsWith1001) {
  TestServer server;
  HttpClient client(server.port());
  Person ann = sign_up(client, "tk_stop");
  auto ws = open_stream(client, server.port(), ann);
  int exit_code = -1;
  std::thread stopper([&] { exit_code = server.process().stop(); });
  int code = ws->wait_for_close();
  stopper.join();
  EXPECT_EQ(code, 1001);
  EXPECT_EQ(exit_code, 0);
}

}  // namespace
}  // namespace cruddur::testing
