// CachedDirectory over a real SqliteDirectory: it serves what the directory says, sees new users at once,
// and sees edits made behind its back within its ttl.

#include "users/cached_directory.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "core/uuid.hpp"
#include "support/run_task.hpp"
#include "support/temp_dir.hpp"
#include "users/sqlite/sqlite_directory.hpp"

namespace cruddur::users {
namespace {

using testing::run_task;

constexpr Microseconds kTtl = 30 * kMicrosPerSecond;

Account make_account(std::string handle, std::string display_name) {
  Account account;
  account.user = User{uuid::random_v4(), std::move(handle), std::move(display_name)};
  account.email = account.user.handle + "@example.com";
  account.password_hash = "$argon2id$not-a-real-hash";
  account.created_at = "2026-11-26T12:00:00.000000+00:00";
  return account;
}

class CachedDirectoryTest : public ::testing::Test {
 protected:
  CachedDirectoryTest()
      : directory_(std::make_unique<sqlite::SqliteDirectory>(path()), clock_, kTtl) {
    run_task(directory_.schema_load());
  }
  std::string path() const { return dir_.str() + "/users.sqlite3"; }

  // An edit made directly in the database file, as an administrator would.
  void execute_behind_the_cache(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path().c_str(), &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    char* error = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK) << (error ? error : "");
    sqlite3_free(error);
    sqlite3_close(db);
  }

  testing::TempDir dir_;
  ManualClock clock_{1'795'694'400LL * kMicrosPerSecond};
  CachedDirectory directory_;
};

TEST_F(CachedDirectoryTest, FindsWhatTheDirectoryHolds) {
  auto account = make_account("andrew", "Andrew Brown");
  ASSERT_EQ(run_task(directory_.create(account)), CreateStatus::created);
  EXPECT_EQ(run_task(directory_.find_by_uuid(account.user.uuid)), account.user);
  EXPECT_EQ(run_task(directory_.find_by_uuid(account.user.uuid)), account.user);  // from the cache
  EXPECT_EQ(run_task(directory_.find_by_handle("andrew")), account.user);
  EXPECT_EQ(run_task(directory_.find_account_by_login("andrew@example.com"))->user, account.user);
}

TEST_F(CachedDirectoryTest, AnUnknownUserIsFoundAsSoonAsItExists) {
  auto account = make_account("late", "Late Comer");
  EXPECT_FALSE(run_task(directory_.find_by_uuid(account.user.uuid)));
  ASSERT_EQ(run_task(directory_.create(account)), CreateStatus::created);
  EXPECT_EQ(run_task(directory_.find_by_uuid(account.user.uuid)), account.user);
}

TEST_F(CachedDirectoryTest, AnEditBehindItsBackIsSeenOnceTheTtlHasPassed) {
  auto account = make_account("andrew", "Andrew Brown");
  ASSERT_EQ(run_task(directory_.create(account)), CreateStatus::created);
  ASSERT_EQ(run_task(directory_.find_by_uuid(account.user.uuid))->display_name, "Andrew Brown");
  execute_behind_the_cache("UPDATE users SET display_name = 'Andy' WHERE handle = 'andrew'");
  EXPECT_EQ(run_task(directory_.find_by_uuid(account.user.uuid))->display_name, "Andrew Brown");
  clock_.advance(kTtl);
  EXPECT_EQ(run_task(directory_.find_by_uuid(account.user.uuid))->display_name, "Andy");
}

TEST_F(CachedDirectoryTest, LinkingACognitoIdIsSeenAtOnce) {
  auto andrew = make_account("andrew", "Andrew Brown");
  auto bayko = make_account("bayko", "Andrew Bayko");
  ASSERT_EQ(run_task(directory_.create(andrew)), CreateStatus::created);
  ASSERT_EQ(run_task(directory_.create(bayko)), CreateStatus::created);
  EXPECT_FALSE(run_task(directory_.find_by_cognito_user_id("sub-1")));
  ASSERT_EQ(run_task(directory_.set_cognito_user_id("andrew", "sub-1")), LinkStatus::linked);
  EXPECT_EQ(run_task(directory_.find_by_cognito_user_id("sub-1")), andrew.user);
  // The sub moves to another user (unlinked from andrew first: subs are unique).
  execute_behind_the_cache("UPDATE users SET cognito_user_id = NULL WHERE handle = 'andrew'");
  ASSERT_EQ(run_task(directory_.set_cognito_user_id("bayko", "sub-1")), LinkStatus::linked);
  EXPECT_EQ(run_task(directory_.find_by_cognito_user_id("sub-1")), bayko.user);
}

}  // namespace
}  // namespace cruddur::users
