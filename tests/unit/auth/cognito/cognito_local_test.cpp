// Against cognito-local (npm): a pool, a client and users made through its API, real tokens from
// InitiateAuth (USER_PASSWORD_AUTH), the JWKS fetched from its /<pool>/.well-known/jwks.json.

#include <gtest/gtest.h>

#include <memory>

#include "auth/cognito/cognito_authenticator.hpp"
#include "auth/cognito/link_cognito_users.hpp"
#include "auth/cognito/user_pool_client.hpp"
#include "cognito_local.hpp"
#include "core/error.hpp"
#include "core/uuid.hpp"
#include "net/http_client.hpp"
#include "support/run_task.hpp"
#include "support/temp_dir.hpp"
#include "users/sqlite/sqlite_directory.hpp"

namespace cruddur::testing {
namespace {

using namespace cruddur::auth::cognito;

class CognitoLocalTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = std::make_unique<CognitoLocal>(); }
  static void TearDownTestSuite() { server_.reset(); }

  void SetUp() override {
    pool_id_ = server_->create_pool("cruddur-" + uuid::random_v4().substr(0, 8));
    client_id_ = server_->create_client(pool_id_, "web");
    settings_.user_pool_id = pool_id_;
    settings_.client_id = client_id_;
    settings_.issuer_override = server_->issuer(pool_id_);
    settings_.endpoint_override = server_->endpoint();
    run_task(directory_.schema_load());
  }

  std::unique_ptr<CognitoAuthenticator> authenticator(bool auto_provision = false) {
    auto settings = settings_;
    settings.auto_provision = auto_provision;
    auto result = make_cognito_authenticator(settings, directory_, clock_);
    run_task(result->load_keys());
    return result;
  }

  void add_local_user(const std::string& handle) {
    users::Account account;
    account.user = users::User{uuid::random_v4(), handle, "User " + handle};
    account.email = handle + "@example.com";
    account.password_hash = "$argon2id$x";
    account.created_at = format_timestamp(clock_.now());
    ASSERT_EQ(run_task(directory_.create(account)), users::CreateStatus::created);
  }

  LinkReport link_users(int page_size = 2) {
    CognitoIdpClient api(http_, settings_.api_endpoint(), settings_.effective_region());
    UserPoolClient pool(api, pool_id_, page_size);
    return run_task(update_cognito_user_ids(pool, directory_));
  }

  // 200 and the user, or the Error's status.
  static int status_of(CognitoAuthenticator& authenticator, const std::string& token,
                       std::optional<users::User>* user = nullptr) {
    try {
      auto signed_in = run_task(authenticator.authenticate(token));
      if (user) *user = signed_in;
      return 200;
    } catch (const Error& error) {
      return error.status();
    }
  }

  static inline std::unique_ptr<CognitoLocal> server_;
  std::string pool_id_, client_id_;
  CognitoSettings settings_;
  SystemClock clock_;  // cognito-local's tokens carry real times
  TempDir dir_;
  users::sqlite::SqliteDirectory directory_{dir_.str() + "/users.sqlite3"};
  std::shared_ptr<net::HttpClient> http_ = std::make_shared<net::HttpClient>();
};

TEST_F(CognitoLocalTest, ARealAccessTokenSignsInTheUserLinkedByUpdateCognitoUserIds) {
  add_local_user("andrew");
  const auto sub = server_->create_user(pool_id_, {"andrew_c", "Andrew", "andrew@example.com"});
  auto report = link_users();
  ASSERT_EQ(report.linked.size(), 1u);
  EXPECT_EQ(report.linked[0].sub, sub);

  auto auth = authenticator();
  const auto tokens = server_->sign_in(client_id_, "andrew_c", "Passw0rd!");
  std::optional<users::User> user;
  ASSERT_EQ(status_of(*auth, tokens.access_token, &user), 200);
  EXPECT_EQ(user->handle, "andrew");
  EXPECT_EQ(auth->keys().fetch_count(), 1);
}

TEST_F(CognitoLocalTest, TheIdTokenIsRefused) {
  add_local_user("andrew");
  server_->create_user(pool_id_, {"andrew_c", "andrew"});
  link_users();
  auto auth = authenticator();
  const auto tokens = server_->sign_in(client_id_, "andrew_c", "Passw0rd!");
  EXPECT_EQ(status_of(*auth, tokens.id_token), 401);
  EXPECT_EQ(status_of(*auth, tokens.refresh_token), 401);
  EXPECT_EQ(status_of(*auth, tokens.access_token), 200);
}

TEST_F(CognitoLocalTest, TokensOfAnotherClientOrAnotherPoolAreRefused) {
  add_local_user("andrew");
  server_->create_user(pool_id_, {"andrew_c", "andrew"});
  link_users();
  auto auth = authenticator();

  const auto other_client = server_->create_client(pool_id_, "another-app");
  EXPECT_EQ(status_of(*auth, server_->sign_in(other_client, "andrew_c", "Passw0rd!").access_token), 401);

  // cognito-local signs every pool with the same key: only the issuer tells them apart.
  const auto other_pool = server_->create_pool("elsewhere");
  const auto other_pool_client = server_->create_client(other_pool, "web");
  server_->create_user(other_pool, {"andrew_c", "andrew"});
  EXPECT_EQ(status_of(*auth, server_->sign_in(other_pool_client, "andrew_c", "Passw0rd!").access_token), 401);
}

TEST_F(CognitoLocalTest, AValidTokenWithoutADirectoryUserIsForbidden) {
  server_->create_user(pool_id_, {"stranger", "stranger"});
  auto auth = authenticator();
  try {
    run_task(auth->authenticate(server_->sign_in(client_id_, "stranger", "Passw0rd!").access_token));
    FAIL() << "signed in without a directory user";
  } catch (const Error& error) {
    EXPECT_EQ(error.status(), 403);
    EXPECT_EQ(error.codes(), std::vector<std::string>{"user_not_provisioned"});
  }
  EXPECT_TRUE(run_task(directory_.list_users()).empty());
}

TEST_F(CognitoLocalTest, AutoProvisionCreatesTheUserFromThePoolsRecordOnce) {
  const auto sub = server_->create_user(pool_id_, {"bayko_c", "Bayko", "Bayko@Example.com", "Bayko the Cat"});
  auto auth = authenticator(/*auto_provision=*/true);
  const auto token = server_->sign_in(client_id_, "bayko_c", "Passw0rd!").access_token;

  std::optional<users::User> first, second;
  ASSERT_EQ(status_of(*auth, token, &first), 200);
  EXPECT_EQ(first->handle, "bayko");
  EXPECT_EQ(first->display_name, "Bayko the Cat");
  ASSERT_EQ(status_of(*auth, token, &second), 200);
  EXPECT_EQ(second, first);

  EXPECT_EQ(run_task(directory_.find_by_cognito_user_id(sub)), first);
  auto account = run_task(directory_.find_account_by_login("bayko@example.com"));
  ASSERT_TRUE(account);
  EXPECT_EQ(account->password_hash, "");  // no local password: signs in only through Cognito
  EXPECT_EQ(run_task(directory_.list_users()).size(), 1u);
}

TEST_F(CognitoLocalTest, AutoProvisionNeverTakesOverAnExistingHandle) {
  add_local_user("carol");
  server_->create_user(pool_id_, {"carol_c", "Carol", "someone-else@example.com"});
  auto auth = authenticator(/*auto_provision=*/true);
  EXPECT_EQ(status_of(*auth, server_->sign_in(client_id_, "carol_c", "Passw0rd!").access_token), 403);
  auto carol = run_task(directory_.find_account_by_login("carol"));
  ASSERT_TRUE(carol);
  EXPECT_FALSE(carol->cognito_user_id);
}

TEST_F(CognitoLocalTest, UpdateCognitoUserIdsLinksByPreferredUsernameAndReportsTheRest) {
  for (const char* handle : {"andrew", "bayko", "carol", "dave", "eve"}) add_local_user(handle);
  std::map<std::string, std::string> sub_of;  // handle -> sub
  sub_of["andrew"] = server_->create_user(pool_id_, {"u1", "Andrew"});
  sub_of["bayko"] = server_->create_user(pool_id_, {"u2", "bayko"});
  sub_of["carol"] = server_->create_user(pool_id_, {"u3", "CAROL"});
  sub_of["dave"] = server_->create_user(pool_id_, {"u4", "dave"});
  sub_of["eve"] = server_->create_user(pool_id_, {"u5", "eve"});
  server_->create_user(pool_id_, {"u6", std::nullopt, "u6@example.com"});
  server_->create_user(pool_id_, {"u7", "zed"});

  for (int run = 0; run < 2; ++run) {  // a second run finds everything linked already and changes nothing
    auto report = link_users();
    EXPECT_EQ(report.linked.size(), 5u);
    std::map<std::string, std::string> unmatched;  // username -> reason
    for (const auto& entry : report.unmatched) unmatched[entry.user.username] = entry.reason;
    EXPECT_EQ(unmatched, (std::map<std::string, std::string>{{"u6", "no preferred_username"},
                                                             {"u7", "no user with handle 'zed'"}}));
    for (const auto& [handle, sub] : sub_of) {
      auto user = run_task(directory_.find_by_cognito_user_id(sub));
      ASSERT_TRUE(user) << handle;
      EXPECT_EQ(user->handle, handle);
    }
  }
}

}  // namespace
}  // namespace cruddur::testing
