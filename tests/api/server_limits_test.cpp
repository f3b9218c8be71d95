// What the edge does with unknown routes, wrong methods, oversized requests and too many sends.
#include "api_fixture.hpp"

namespace cruddur::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST_F(ApiTest, UnknownRoutesAre404AndWrongMethods405) {
  Reply unknown = client.get("/api/nothing/here");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_THAT(error_codes(unknown), ElementsAre("not_found"));
  Reply wrong = client.request("DELETE", "/api/messages");
  EXPECT_EQ(wrong.status, 405);
  EXPECT_THAT(error_codes(wrong), ElementsAre("method_not_allowed"));
  EXPECT_THAT(wrong.header("allow"), HasSubstr("POST"));
  EXPECT_EQ(client.get("/api/health").status, 200) << "the connection is still usable";
}

TEST_F(ApiTest, OversizedBodiesAndHeadersAreRefusedAndNothingIsWritten) {
  Person a = sign_up(client, "big_a");
  Person b = sign_up(client, "big_b");
  std::string body = R"({"handle":")" + b.handle + R"(","message":")" + std::string(70 * 1024, 'x') + R"("})";
  Reply big = client.post("/api/messages", body, a.auth());
  EXPECT_EQ(big.status, 413);
  EXPECT_THAT(error_codes(big), ElementsAre("payload_too_large"));

  HttpClient fresh(shared_server().port());
  HttpClient::Headers headers = a.auth();
  headers["X-Padding"] = std::string(16 * 1024, 'p');
  Reply huge = fresh.get("/api/me", headers);
  EXPECT_EQ(huge.status, 431);
  EXPECT_THAT(error_codes(huge), ElementsAre("headers_too_large"));

  HttpClient check(shared_server().port());
  EXPECT_TRUE(check.get("/api/message_groups", a.auth()).json().as_array().empty());
}

TEST_F(ApiTest, GarbageOnTheWireGetsA400AndTheServerCarriesOn) {
  std::string answer = client.raw("BLAH\r\n\r\n");
  EXPECT_THAT(answer, HasSubstr("400"));
  HttpClient fresh(shared_server().port());
  EXPECT_EQ(fresh.get("/api/health").status, 200);
}

TEST(SendRate, APersonSendingTooFastGets429AndNothingIsWritten) {
  TestServer server({"--send-rate", "0.01", "--send-burst", "2"});
  HttpClient client(server.port());
  Person a = sign_up(client, "fast_a");
  Person b = sign_up(client, "fast_b");
  ASSERT_EQ(send_to_handle(client, a, b.handle, "1").status, 200);
  ASSERT_EQ(send_to_handle(client, a, b.handle, "2").status, 200);
  Reply third = send_to_handle(client, a, b.handle, "3");
  EXPECT_EQ(third.status, 429);
  EXPECT_THAT(error_codes(third), ElementsAre("too_many_requests"));
  std::string group(client.get("/api/message_groups", a.auth()).json().at(0).at("uuid").as_string());
  EXPECT_EQ(client.get("/api/messages/" + group, a.auth()).json().as_array().size(), 2u);
  // Another person is not slowed down by a's bucket.
  EXPECT_EQ(send_to_handle(client, b, a.handle, "b is fine").status, 200);
}

}  // namespace
}  // namespace cruddur::testing
