// ListUsers pagination, request signing and error answers, against a local server that plays the Cognito
// API (cognito-local ignores Limit and never paginates, so it cannot show that every page is followed).

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>


#include "auth/cognito/cognito_settings.hpp"
#include "auth/cognito/link_cognito_users.hpp"
#include "auth/cognito/user_pool_client.hpp"
#include "core/error.hpp"
#include "core/uuid.hpp"
#include "net/http_client.hpp"
#include "support/fake_http_server.hpp"
#include "support/run_task.hpp"
#include "support/temp_dir.hpp"
#include "users/sqlite/sqlite_directory.hpp"

namespace cruddur::testing {
namespace {

using namespace cruddur::auth::cognito;
namespace json = boost::json;

struct PoolUserRecord {
  std::string username, sub, preferred_username;
};

// Plays ListUsers over `users`, `Limit` per page, with opaque tokens; records what it was sent.
class FakeCognito {
 public:
  explicit FakeCognito(std::vector<PoolUserRecord> users) : users_(std::move(users)) {}

  std::vector<FakeRequest> requests() const { return server_.requests(); }
  std::string endpoint() const { return server_.url("/"); }
  bool repeat_token = false;  // answer every page with the same token (a broken service)

 private:
  // One request per connection, as the Cognito client is told by "Connection: close".
  static FakeReply reply(int status, std::string_view body) {
    return FakeReply::answer(http_response(status, "application/json", body, "Connection: close\r\n"));
  }

  FakeReply handle(const FakeRequest& request) {
    if (request.header("X-Amz-Target") != "AWSCognitoIdentityProviderService.ListUsers")
      return reply(400, R"({"__type":"UnknownOperationException"})");
    auto body = json::parse(request.body).as_object();
    if (body.at("UserPoolId") != "us-east-1_Pages")
      return reply(400, R"({"__type":"com.amazonaws.cognito#ResourceNotFoundException","message":"User pool does not exist."})");
    const std::size_t limit = static_cast<std::size_t>(body.at("Limit").as_int64());
    std::size_t start = 0;
    if (auto* token = body.if_contains("PaginationToken")) start = std::stoul(std::string(token->as_string()).substr(5));
    json::array page;
    for (std::size_t i = start; i < users_.size() && i < start + limit; ++i) {
      json::array attributes{json::object{{"Name", "sub"}, {"Value", users_[i].sub}}};
      if (!users_[i].preferred_username.empty())
        attributes.push_back(json::object{{"Name", "preferred_username"}, {"Value", users_[i].preferred_username}});
      page.push_back(json::object{{"Username", users_[i].username}, {"Attributes", attributes}, {"Enabled", true}});
    }
    json::object answer{{"Users", page}};
    if (start + limit < users_.size()) answer["PaginationToken"] = "page-" + std::to_string(repeat_token ? 1 : start + limit);
    return reply(200, json::serialize(answer));
  }

  std::vector<PoolUserRecord> users_;
  FakeHttpServer server_{[this](const FakeRequest& request) { return handle(request); }};
};

std::vector<PoolUserRecord> seven_users() {
  std::vector<PoolUserRecord> users;
  for (int i = 1; i <= 7; ++i)
    users.push_back({"user" + std::to_string(i), "sub-" + std::to_string(i), "Handle" + std::to_string(i)});
  return users;
}

class UserPoolClientTest : public ::testing::Test {
 protected:
  std::shared_ptr<net::HttpClient> http_ = std::make_shared<net::HttpClient>();
};

TEST_F(UserPoolClientTest, EveryPageIsFollowedWithItsPaginationToken) {
  FakeCognito cognito(seven_users());
  CognitoIdpClient api(http_, cognito.endpoint(), "us-east-1");
  UserPoolClient pool(api, "us-east-1_Pages", 3);

  auto users = run_task(pool.list_all_users());
  ASSERT_EQ(users.size(), 7u);
  for (int i = 0; i < 7; ++i) {
    EXPECT_EQ(users[i].username, "user" + std::to_string(i + 1));
    EXPECT_EQ(users[i].sub, "sub-" + std::to_string(i + 1));
    EXPECT_EQ(users[i].preferred_username, "Handle" + std::to_string(i + 1));
  }
  const auto requests = cognito.requests();
  ASSERT_EQ(requests.size(), 3u);
  std::vector<std::string> tokens;
  for (const auto& request : requests) {
    auto body = json::parse(request.body).as_object();
    EXPECT_EQ(body.at("Limit").as_int64(), 3);
    tokens.push_back(body.contains("PaginationToken") ? std::string(body.at("PaginationToken").as_string()) : "-");
  }
  EXPECT_EQ(tokens, (std::vector<std::string>{"-", "page-3", "page-6"}));
}

TEST_F(UserPoolClientTest, UpdateCognitoUserIdsLinksUsersFromEveryPage) {
  TempDir dir;
  users::sqlite::SqliteDirectory directory(dir.str() + "/users.sqlite3");
  run_task(directory.schema_load());
  for (int i = 1; i <= 7; ++i) {
    if (i == 4) continue;  // user4 has no directory user
    users::Account account;
    account.user = users::User{uuid::random_v4(), "handle" + std::to_string(i), "H"};
    account.email = "h" + std::to_string(i) + "@example.com";
    account.created_at = "2026-11-26T12:00:00.000000+00:00";
    ASSERT_EQ(run_task(directory.create(account)), users::CreateStatus::created);
  }
  FakeCognito cognito(seven_users());
  CognitoIdpClient api(http_, cognito.endpoint(), "us-east-1");
  UserPoolClient pool(api, "us-east-1_Pages", 2);

  auto report = run_task(update_cognito_user_ids(pool, directory));
  EXPECT_EQ(report.linked.size(), 6u);
  ASSERT_EQ(report.unmatched.size(), 1u);
  EXPECT_EQ(report.unmatched[0].user.username, "user4");
  EXPECT_EQ(run_task(directory.find_by_cognito_user_id("sub-7"))->handle, "handle7");  // on the last page
  EXPECT_EQ(cognito.requests().size(), 4u);
}

TEST_F(UserPoolClientTest, AdminCallsAreSignedWithSigV4WhenCredentialsAreGiven) {
  FakeCognito cognito(seven_users());
  CognitoIdpClient signed_api(http_, cognito.endpoint(), "eu-west-1",
                              aws::sigv4::Credentials{"AKIDEXAMPLE", "secret", "session-token"});
  run_task(UserPoolClient(signed_api, "us-east-1_Pages", 60).list_users_page(std::nullopt));
  CognitoIdpClient unsigned_api(http_, cognito.endpoint(), "eu-west-1");
  run_task(UserPoolClient(unsigned_api, "us-east-1_Pages", 60).list_users_page(std::nullopt));

  const auto requests = cognito.requests();
  ASSERT_EQ(requests.size(), 2u);
  const auto& authorization = requests[0].header("Authorization");
  EXPECT_EQ(authorization.rfind("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/", 0), 0u) << authorization;
  EXPECT_NE(authorization.find("/eu-west-1/cognito-idp/aws4_request"), std::string::npos) << authorization;
  EXPECT_NE(authorization.find("x-amz-target"), std::string::npos) << authorization;
  EXPECT_EQ(requests[0].header("X-Amz-Security-Token"), "session-token");
  EXPECT_EQ(requests[0].header("Content-Type"), "application/x-amz-json-1.1");
  EXPECT_EQ(requests[1].header("Authorization"), "");
}

TEST_F(UserPoolClientTest, ARepeatedPaginationTokenIsAnErrorNotAnEndlessLoop) {
  FakeCognito cognito(seven_users());
  cognito.repeat_token = true;
  CognitoIdpClient api(http_, cognito.endpoint(), "us-east-1");
  EXPECT_THROW(run_task(UserPoolClient(api, "us-east-1_Pages", 2).list_all_users()), std::runtime_error);
  EXPECT_LE(cognito.requests().size(), 3u);
}

TEST_F(UserPoolClientTest, ErrorAnswersCarryCognitosErrorType) {
  FakeCognito cognito(seven_users());
  CognitoIdpClient api(http_, cognito.endpoint(), "us-east-1");
  try {
    run_task(UserPoolClient(api, "us-east-1_Missing", 60).list_all_users());
    FAIL() << "no error for a missing pool";
  } catch (const CognitoApiError& error) {
    EXPECT_EQ(error.status(), 400);
    EXPECT_EQ(error.type(), "ResourceNotFoundException");
  }
}

TEST(CognitoSettingsTest, UrlsFollowThePoolAndRegionOrTheOverrides) {
  CognitoSettings settings;
  settings.user_pool_id = "eu-west-2_AbCdEf123";
  settings.client_id = "client";
  EXPECT_EQ(settings.effective_region(), "eu-west-2");
  EXPECT_EQ(settings.issuer(), "https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_AbCdEf123");
  EXPECT_EQ(settings.jwks_url(),
            "https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_AbCdEf123/.well-known/jwks.json");
  EXPECT_EQ(settings.api_endpoint(), "https://cognito-idp.eu-west-2.amazonaws.com/");
  EXPECT_NO_THROW(settings.validate());

  settings.region = "us-east-1";
  EXPECT_EQ(settings.issuer(), "https://cognito-idp.us-east-1.amazonaws.com/eu-west-2_AbCdEf123");

  settings.issuer_override = "http://127.0.0.1:9229/local_abc/";
  settings.endpoint_override = "http://127.0.0.1:9229";
  EXPECT_EQ(settings.issuer(), "http://127.0.0.1:9229/local_abc");
  EXPECT_EQ(settings.jwks_url(), "http://127.0.0.1:9229/local_abc/.well-known/jwks.json");
  EXPECT_EQ(settings.api_endpoint(), "http://127.0.0.1:9229/");

  CognitoSettings missing;
  EXPECT_THROW(missing.validate(), std::invalid_argument);
  missing.user_pool_id = "NoRegionHere";
  missing.client_id = "client";
  EXPECT_THROW(missing.validate(), std::invalid_argument);  // no region, no overrides
}

TEST(CognitoAdminCredentialsTest, LocalEmulatorsNeedNoneAndAwsNeedsSome) {
  TempDir home;
  auto environment = [&](std::map<std::string, std::string> values) {
    values["AWS_SHARED_CREDENTIALS_FILE"] = home.str() + "/none";
    values["AWS_CONFIG_FILE"] = home.str() + "/none";
    values["HOME"] = home.str();
    return [values](const std::string& name) -> std::optional<std::string> {
      auto found = values.find(name);
      return found == values.end() ? std::nullopt : std::optional<std::string>(found->second);
    };
  };
  CognitoSettings local;
  local.user_pool_id = "local_abc";
  local.client_id = "client";
  local.endpoint_override = "http://127.0.0.1:9229";
  EXPECT_EQ(resolve_cognito_admin_credentials(local, environment({})), std::nullopt);

  CognitoSettings aws;
  aws.user_pool_id = "us-east-1_AbC";
  aws.client_id = "client";
  EXPECT_THROW(resolve_cognito_admin_credentials(aws, environment({})), aws::AwsConfigError);
  auto credentials = resolve_cognito_admin_credentials(
      aws, environment({{"AWS_ACCESS_KEY_ID", "AKID"}, {"AWS_SECRET_ACCESS_KEY", "SECRET"}}));
  ASSERT_TRUE(credentials);
  EXPECT_EQ(credentials->access_key_id, "AKID");
}

}  // namespace
}  // namespace cruddur::testing
