// Sign-up, sign-in, tokens, the caller and short profiles.
#include "api_fixture.hpp"

namespace cruddur::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

boost::json::value signup_body(const std::string& handle, const std::string& email, const std::string& password) {
  return {{"display_name", "Susan Ivanova"}, {"handle", handle}, {"email", email}, {"password", password}};
}

TEST_F(ApiTest, HealthNeedsNoTokenAndSaysOk) {
  Reply reply = client.get("/api/health");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.json(), (boost::json::value{{"status", "ok"}}));
  EXPECT_EQ(reply.header("content-type"), "application/json");
}

TEST_F(ApiTest, SignUpReturnsATokenThatIdentifiesTheNewPerson) {
  std::string handle = unique_handle("ivanova");
  Reply reply = client.post_json("/api/auth/signup", signup_body(handle, handle + "@b5.example", "ivanova is god"));
  ASSERT_EQ(reply.status, 201) << reply.body;
  auto json = reply.json();
  EXPECT_EQ(json.at("token_type"), "Bearer");
  EXPECT_GT(json.at("expires_in").as_int64(), 0);
  EXPECT_EQ(json.at("user").at("handle"), boost::json::value(handle));
  EXPECT_EQ(json.at("user").at("display_name"), "Susan Ivanova");

  std::string token(json.at("access_token").as_string());
  Reply me = client.get("/api/me", {{"Authorization", "Bearer " + token}});
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.json(), json.at("user"));
}

TEST_F(ApiTest, SignUpFoldsTheHandleToLowerCaseAndRefusesATakenOne) {
  std::string handle = unique_handle("garibaldi");
  std::string upper = handle;
  for (auto& c : upper) c = char(std::toupper(static_cast<unsigned char>(c)));
  Reply first = client.post_json("/api/auth/signup", signup_body(upper, handle + "@b5.example", "password123"));
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.json().at("user").at("handle"), boost::json::value(handle));

  Reply same_handle = client.post_json("/api/auth/signup", signup_body(handle, "other-" + handle + "@b5.example", "password123"));
  EXPECT_EQ(same_handle.status, 409);
  EXPECT_THAT(error_codes(same_handle), ElementsAre("handle_taken"));

  Reply same_email = client.post_json("/api/auth/signup",
                                      signup_body(handle + "x", "  " + upper + "@B5.EXAMPLE", "password123"));
  EXPECT_EQ(same_email.status, 409);
  EXPECT_THAT(error_codes(same_email), ElementsAre("email_taken"));
}

TEST_F(ApiTest, SignUpListsEveryInvalidField) {
  Reply reply = client.post_json("/api/auth/signup",
                                 {{"display_name", "   "}, {"handle", "no spaces!"}, {"email", "nope"}, {"password", "short"}});
  EXPECT_EQ(reply.status, 422);
  EXPECT_THAT(error_codes(reply),
              UnorderedElementsAre("display_name_blank", "handle_invalid", "email_invalid", "password_too_short"));

  Reply empty = client.post_json("/api/auth/signup", boost::json::object{});
  EXPECT_EQ(empty.status, 422);
  EXPECT_THAT(error_codes(empty),
              UnorderedElementsAre("display_name_blank", "handle_blank", "email_blank", "password_too_short"));

  Reply too_long = client.post_json("/api/auth/signup",
                                    signup_body(std::string(31, 'a'), "long@b5.example", "password123"));
  EXPECT_THAT(error_codes(too_long), ElementsAre("handle_invalid"));
}

TEST_F(ApiTest, SignInWorksWithHandleOrEmailAndRefusesWrongCredentialsAlike) {
  Person vir = sign_up(client, "vir");
  for (const std::string& login : std::vector<std::string>{vir.handle, vir.handle + "@example.com"}) {
    Reply reply = client.post_json("/api/auth/signin", {{"login", login}, {"password", "correct horse battery"}});
    ASSERT_EQ(reply.status, 200) << login << " " << reply.body;
    EXPECT_EQ(reply.json().at("user").at("uuid"), boost::json::value(vir.uuid));
  }
  Reply wrong = client.post_json("/api/auth/signin", {{"login", vir.handle}, {"password", "wrong horse battery"}});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_THAT(error_codes(wrong), ElementsAre("invalid_credentials"));
  Reply unknown = client.post_json("/api/auth/signin", {{"login", unique_handle("nobody")}, {"password", "whatever1"}});
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(unknown.body, wrong.body);
  Reply blank = client.post_json("/api/auth/signin", boost::json::object{});
  EXPECT_EQ(blank.status, 422);
  EXPECT_THAT(error_codes(blank), UnorderedElementsAre("login_blank", "password_blank"));
}

TEST_F(ApiTest, EveryOtherRouteRefusesMissingMalformedAndForgedTokens) {
  Person lennier = sign_up(client, "lennier");
  std::string forged = lennier.token;
  forged[forged.size() / 2] = forged[forged.size() / 2] == 'A' ? 'B' : 'A';
  const std::vector<HttpClient::Headers> bad = {
      {},
      {{"Authorization", "Bearer"}},
      {{"Authorization", "Basic " + lennier.token}},
      {{"Authorization", "Bearer garbage"}},
      {{"Authorization", "Bearer " + forged}},
      {{"Authorization", "Bearer " + lennier.token + "x"}},
  };
  for (const auto& headers : bad) {
    for (const std::string& target : std::vector<std::string>{"/api/me", "/api/message_groups", "/api/users/@" + lennier.handle + "/short"}) {
      Reply reply = client.get(target, headers);
      EXPECT_EQ(reply.status, 401) << target;
      EXPECT_THAT(error_codes(reply), ElementsAre("unauthorized"));
    }
    Reply send = client.post_json("/api/messages", {{"handle", lennier.handle}, {"message", "hi"}}, headers);
    EXPECT_EQ(send.status, 401);
  }
  EXPECT_EQ(client.get("/api/me", {{"Authorization", "bearer " + lennier.token}}).status, 200);
}

TEST_F(ApiTest, ShortProfileByHandleIgnoresCaseAndSays404ForStrangers) {
  Person kosh = sign_up(client, "kosh");
  Person asker = sign_up(client, "asker");
  std::string upper = kosh.handle;
  for (auto& c : upper) c = char(std::toupper(static_cast<unsigned char>(c)));
  Reply reply = client.get("/api/users/@" + upper + "/short", asker.auth());
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.json(), (boost::json::value{{"uuid", kosh.uuid}, {"handle", kosh.handle}, {"display_name", kosh.display_name}}));
  Reply missing = client.get("/api/users/@" + unique_handle("nobody") + "/short", asker.auth());
  EXPECT_EQ(missing.status, 404);
  EXPECT_THAT(error_codes(missing), ElementsAre("user_not_found"));
}

}  // namespace
}  // namespace cruddur::testing
