#pragma once
// A Cognito sign-in set up entirely by the test: the pool's JWKS holds keys the test made, tokens are built
// and signed by the test, users live in a real SQLite directory in a temp dir, time is a ManualClock.

#include <gtest/gtest.h>

#include <boost/json/object.hpp>

#include <memory>
#include <optional>
#include <string>

#include "auth/cognito/access_token_verifier.hpp"
#include "auth/cognito/cognito_authenticator.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/uuid.hpp"
#include "support/run_task.hpp"
#include "support/temp_dir.hpp"
#include "test_tokens.hpp"
#include "users/sqlite/sqlite_directory.hpp"

namespace cruddur::testing {

namespace cognito = cruddur::auth::cognito;

inline constexpr std::int64_t kNow = 1'900'000'000;  // seconds; 2030-03-17

class CognitoTokenTest : public ::testing::Test {
 protected:
  CognitoTokenTest() {
    settings_.user_pool_id = "us-east-1_TestPool1";
    settings_.client_id = "test-client-id";
    settings_.region = "us-east-1";
  }

  void SetUp() override {
    run_task(directory_.schema_load());
    users::Account account;
    account.user = users::User{uuid::random_v4(), "andrew", "Andrew Brown"};
    account.email = "andrew@example.com";
    account.password_hash = "";
    account.cognito_user_id = kSub;
    account.created_at = format_timestamp(clock_.now());
    ASSERT_EQ(run_task(directory_.create(account)), users::CreateStatus::created);
    linked_user_ = account.user;
  }

  // The pool's JWKS: the real key as kid-1 and a too-small key as "small".
  virtual std::string jwks() const { return jwks_document({pool_key().jwk("kid-1"), small_key().jwk("small")}); }

  cognito::CognitoAuthenticator& authenticator() {
    if (!authenticator_) {
      authenticator_ = std::make_unique<cognito::CognitoAuthenticator>(
          settings_, std::make_shared<cognito::StaticJwksSource>(jwks()), nullptr, directory_, clock_);
    }
    return *authenticator_;
  }

  boost::json::object header(const std::string& kid = "kid-1") const {
    return {{"kid", kid}, {"alg", "RS256"}};
  }

  // Claims as Cognito puts them in an access token.
  boost::json::object access_claims() const {
    return {{"sub", kSub},
            {"iss", settings_.issuer()},
            {"client_id", settings_.client_id},
            {"origin_jti", "4a5e0b6c-0000-4000-8000-000000000001"},
            {"event_id", "4a5e0b6c-0000-4000-8000-000000000002"},
            {"token_use", "access"},
            {"scope", "aws.cognito.signin.user.admin"},
            {"auth_time", kNow - 60},
            {"exp", kNow + 3600},
            {"iat", kNow - 60},
            {"jti", "4a5e0b6c-0000-4000-8000-000000000003"},
            {"username", "andrew"}};
  }

  std::string valid_token() const { return rs256_token(pool_key(), header(), access_claims()); }

  // The HTTP status the authenticator answers a token with: 200 (signed in), or the Error's status.
  int status_of(const std::string& token) {
    try {
      last_user_ = run_task(authenticator().authenticate(token));
      return 200;
    } catch (const Error& error) {
      last_codes_ = error.codes();
      return error.status();
    }
  }

  // Why the verifier refuses a token; nullopt when it accepts it.
  std::optional<cognito::Rejection> rejection_of(const std::string& token) {
    cognito::StaticJwksSource source(jwks());
    cognito::JwksCache cache(source, clock_, settings_.jwks_min_refresh_interval);
    cognito::AccessTokenVerifier verifier(settings_, cache, clock_);
    try {
      run_task(verifier.verify(token));
      return std::nullopt;
    } catch (const cognito::TokenRejected& rejected) {
      return rejected.reason();
    }
  }

  static constexpr const char* kSub = "0c9e3f5a-7f1d-4e0b-9a51-6d2b3c4d5e6f";

  TempDir dir_;
  users::sqlite::SqliteDirectory directory_{dir_.str() + "/users.sqlite3"};
  ManualClock clock_{kNow * kMicrosPerSecond};
  cognito::CognitoSettings settings_;
  std::unique_ptr<cognito::CognitoAuthenticator> authenticator_;
  users::User linked_user_;
  std::optional<users::User> last_user_;
  std::vector<std::string> last_codes_;
};

}  // namespace cruddur::testing
