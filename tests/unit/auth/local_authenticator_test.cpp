#include "auth/local_authenticator.hpp"

#include <gtest/gtest.h>

#include "core/uuid.hpp"
#include "error_matchers.hpp"
#include "support/run_task.hpp"
#include "support/temp_dir.hpp"
#include "users/sqlite/sqlite_directory.hpp"

namespace cruddur::auth {
namespace {

using testing::run_task;

constexpr Microseconds kStart = 1'795'000'000LL * kMicrosPerSecond;

class LocalAuthenticatorTest : public ::testing::Test {
 protected:
  LocalAuthenticatorTest() : directory_(dir_.str() + "/users.sqlite3") { run_task(directory_.schema_load()); }

  users::User add_user(std::string handle) {
    users::User user{uuid::random_v4(), handle, "Name"};
    users::Account account{user, handle + "@example.com", "", std::nullopt, format_timestamp(kStart)};
    EXPECT_EQ(run_task(directory_.create(account)), users::CreateStatus::created);
    return user;
  }

  void expect_unauthorized(std::string token) {
    auto error = thrown_error([&] { run_task(authenticator_.authenticate(token)); });
    ASSERT_TRUE(error) << token;
    EXPECT_EQ(error->status(), 401) << token;
    EXPECT_EQ(error->codes(), std::vector<std::string>{"unauthorized"}) << token;
  }

  testing::TempDir dir_;
  users::sqlite::SqliteDirectory directory_;
  ManualClock clock_{kStart};
  TokenSigner signer_{TokenKey::random(), std::chrono::hours(1)};
  TokenRevocations revocations_{directory_, clock_};
  LocalAuthenticator authenticator_{signer_, directory_, revocations_, clock_};
};

TEST_F(LocalAuthenticatorTest, ValidTokenResolvesToItsUser) {
  auto andrew = add_user("andrew");
  auto bayko = add_user("bayko");
  EXPECT_EQ(run_task(authenticator_.authenticate(signer_.issue(andrew.uuid, kStart).token)), andrew);
  EXPECT_EQ(run_task(authenticator_.authenticate(signer_.issue(bayko.uuid, kStart).token)), bayko);
}

TEST_F(LocalAuthenticatorTest, TokenForAUserThatDoesNotExistIsRejected) {
  add_user("andrew");
  expect_unauthorized(signer_.issue(uuid::random_v4(), kStart).token);
}

TEST_F(LocalAuthenticatorTest, ExpiredForgedAndMalformedTokensAreRejected) {
  auto andrew = add_user("andrew");
  const std::string token = signer_.issue(andrew.uuid, kStart).token;
  TokenSigner other_key(TokenKey::random());
  expect_unauthorized(other_key.issue(andrew.uuid, kStart).token);
  expect_unauthorized("");
  expect_unauthorized("garbage");
  expect_unauthorized(token + "x");
  clock_.advance(3600 * kMicrosPerSecond);
  expect_unauthorized(token);
}

TEST_F(LocalAuthenticatorTest, ATokenThatWorkedIsStillRefusedFromItsExpiryOn) {
  auto andrew = add_user("andrew");
  const std::string token = signer_.issue(andrew.uuid, kStart).token;
  EXPECT_EQ(run_task(authenticator_.authenticate(token)), andrew);
  clock_.advance(3600 * kMicrosPerSecond - 1);  // the last microsecond of its hour
  EXPECT_EQ(run_task(authenticator_.authenticate(token)), andrew);
  clock_.advance(1);
  expect_unauthorized(token);
}

TEST_F(LocalAuthenticatorTest, AForgedTokenIsRefusedEveryTimeAndDoesNotDisturbAGoodOne) {
  auto andrew = add_user("andrew");
  const std::string token = signer_.issue(andrew.uuid, kStart).token;
  EXPECT_EQ(run_task(authenticator_.authenticate(token)), andrew);
  TokenSigner other_key(TokenKey::random());
  const std::string forged = other_key.issue(andrew.uuid, kStart).token;
  expect_unauthorized(forged);
  expect_unauthorized(forged);  // a refused token is checked again, not remembered as good
  EXPECT_EQ(run_task(authenticator_.authenticate(token)), andrew);
}

}  // namespace
}  // namespace cruddur::auth

namespace cruddur::auth {
namespace {

TEST_F(LocalAuthenticatorTest, ARevokedTokenIsRefusedAtOnceEvenWhenRememberedAndOthersStillWork) {
  auto andrew = add_user("andrew");
  const std::string token = signer_.issue(andrew.uuid, kStart).token;
  const std::string other = signer_.issue(andrew.uuid, kStart).token;
  EXPECT_EQ(run_task(authenticator_.authenticate(token)), andrew);  // now remembered
  auto claims = signer_.verify_claims(token, kStart);
  run_task(revocations_.revoke(claims->token_id, claims->expires_at));
  expect_unauthorized(token);
  EXPECT_EQ(run_task(authenticator_.authenticate(other)), andrew);
}

TEST_F(LocalAuthenticatorTest, ARevocationMadeByAnotherInstanceIsSeenAfterTheRefreshInterval) {
  // The directory stamps and expires revocations by the real clock: issue the token now.
  clock_.set(SystemClock{}.now());
  auto andrew = add_user("andrew");
  const std::string token = signer_.issue(andrew.uuid, clock_.now()).token;
  EXPECT_EQ(run_task(authenticator_.authenticate(token)), andrew);
  // Another instance: its own revocation set over the same directory file.
  TokenRevocations elsewhere(directory_, clock_);
  auto claims = signer_.verify_claims(token, clock_.now());
  run_task(elsewhere.revoke(claims->token_id, claims->expires_at));
  clock_.advance(TokenRevocations::kRefreshInterval);
  expect_unauthorized(token);
}

}  // namespace
}  // namespace cruddur::auth
