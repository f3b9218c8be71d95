// Abuse limits and token hygiene, against the real binary: sign-in throttling (429 + Retry-After), the same
// answer for an unknown login and a wrong password, unique tokens, sign-out on every instance sharing one
// data dir, and the character rules of messages and display names.

#include "api_fixture.hpp"

namespace cruddur::testing {
namespace {

boost::json::value signin_body(const std::string& login, const std::string& password) {
  return {{"login", login}, {"password", password}};
}

TEST(AuthThrottleApi, WrongPasswordsForOneLoginAreRefusedWith429AndRetryAfterOnceTheFreeOnesAreUsed) {
  TestServer server({"--signin-rate", "0", "--signin-failures", "5"});  // only the per-login limit
  HttpClient client(server.port());
  Person bob = sign_up(client, "throttled");
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(client.post_json("/api/auth/signin", signin_body(bob.handle, "wrong password")).status, 401);
  Reply refused = client.post_json("/api/auth/signin", signin_body(bob.handle, "correct horse battery"));
  EXPECT_EQ(refused.status, 429);
  EXPECT_EQ(error_codes(refused), std::vector<std::string>{"too_many_requests"});
  EXPECT_FALSE(refused.header("Retry-After").empty());
  // Another login is not affected.
  Person carol = sign_up(client, "unthrottled");
  EXPECT_EQ(client.post_json("/api/auth/signin", signin_body(carol.handle, "correct horse battery")).status, 200);
}

TEST(AuthThrottleApi, OneAddressGetsItsShareOfAttemptsAMinute) {
  TestServer server({"--signin-rate", "3", "--signin-failures", "0"});
  HttpClient client(server.port());
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(client.post_json("/api/auth/signin", signin_body("nobody_" + std::to_string(i), "x")).status, 401);
  Reply refused = client.post_json("/api/auth/signin", signin_body("nobody_9", "x"));
  EXPECT_EQ(refused.status, 429);
  EXPECT_FALSE(refused.header("Retry-After").empty());
}

TEST_F(ApiTest, AnUnknownLoginAndAWrongPasswordGetTheSameAnswer) {
  Person bob = sign_up(client, "same_answer");
  Reply wrong = client.post_json("/api/auth/signin", signin_body(bob.handle, "not the password"));
  Reply unknown = client.post_json("/api/auth/signin", signin_body(unique_handle("nobody"), "not the password"));
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, wrong.status);
  EXPECT_EQ(unknown.body, wrong.body);
}

TEST_F(ApiTest, TwoSignInsInOneSecondGetDifferentTokens) {
  Person bob = sign_up(client, "two_tokens");
  auto first = client.post_json("/api/auth/signin", signin_body(bob.handle, "correct horse battery")).json();
  auto second = client.post_json("/api/auth/signin", signin_body(bob.handle, "correct horse battery")).json();
  EXPECT_NE(first.at("access_token"), second.at("access_token"));
  EXPECT_NE(first.at("access_token"), boost::json::value(bob.token));
}

TEST_F(ApiTest, SignOutRevokesOnlyThatTokenAndIsIdempotent) {
  Person bob = sign_up(client, "signout");
  auto other = client.post_json("/api/auth/signin", signin_body(bob.handle, "correct horse battery")).json();
  const HttpClient::Headers other_auth{{"Authorization", "Bearer " + std::string(other.at("access_token").as_string())}};
  EXPECT_EQ(client.get("/api/me", bob.auth()).status, 200);
  EXPECT_EQ(client.post("/api/auth/signout", "", bob.auth()).status, 204);
  EXPECT_EQ(client.get("/api/me", bob.auth()).status, 401);
  EXPECT_EQ(client.post("/api/auth/signout", "", bob.auth()).status, 204);
  EXPECT_EQ(client.get("/api/me", other_auth).status, 200);
  EXPECT_EQ(client.post("/api/auth/signout", "").status, 401);
  EXPECT_EQ(client.post("/api/auth/signout", "", {{"Authorization", "Bearer v2.forged.token"}}).status, 401);
}

TEST(SignOutApi, ATokenSignedOutOnOneInstanceIsRefusedByAnotherSharingTheDataDir) {
  TempDir data;
  auto engine = engine_under_test_args();
  std::vector<std::string> args = engine;
  args.insert(args.end(), {"--signin-rate", "0"});
  ServerProcess first(data.path(), args), second(data.path(), args);
  HttpClient one(first.port()), two(second.port());
  Person bob = sign_up(one, "two_instances");
  EXPECT_EQ(two.get("/api/me", bob.auth()).status, 200);  // remembered as verified there
  EXPECT_EQ(one.post("/api/auth/signout", "", bob.auth()).status, 204);
  EXPECT_EQ(one.get("/api/me", bob.auth()).status, 401);  // at once where it was revoked
  // On the other instance within the refresh interval (1 s); poll, asserting no timing.
  bool refused = wait_until([&] { return two.get("/api/me", bob.auth()).status == 401; }, std::chrono::seconds(10),
                            std::chrono::milliseconds(100));
  EXPECT_TRUE(refused);
}

TEST_F(ApiTest, ControlCharactersAreRefusedAndZeroWidthOnlyMessagesAreBlank) {
  Person alice = sign_up(client, "chars_a");
  Person bob = sign_up(client, "chars_b");
  Reply nul = send_to_handle(client, alice, bob.handle, std::string("hi\0there", 8));
  EXPECT_EQ(nul.status, 422);
  EXPECT_EQ(error_codes(nul), std::vector<std::string>{"message_invalid_characters"});
  Reply invisible = send_to_handle(client, alice, bob.handle, "\xE2\x80\x8B\xE2\x80\x8D\xEF\xBB\xBF");
  EXPECT_EQ(error_codes(invisible), std::vector<std::string>{"message_blank"});
  EXPECT_EQ(send_to_handle(client, alice, bob.handle, "two\nlines\tand a tab").status, 200);
  // Nothing was written by the refused sends: the conversation has exactly the one good message.
  auto groups = client.get("/api/message_groups", alice.auth()).json().as_array();
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].at("message"), boost::json::value("two\nlines\tand a tab"));

  boost::json::value name_with_nul{{"display_name", std::string("Evil\0Name", 9)},
                                   {"handle", unique_handle("chars_c")},
                                   {"email", unique_handle("chars_c") + "@example.com"},
                                   {"password", "correct horse battery"}};
  Reply refused = client.post_json("/api/auth/signup", name_with_nul);
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(error_codes(refused), std::vector<std::string>{"display_name_invalid_characters"});
}

}  // namespace
}  // namespace cruddur::testing
