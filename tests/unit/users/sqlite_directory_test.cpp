// SqliteDirectory against a real SQLite file in a temp dir.

#include "users/sqlite/sqlite_directory.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/uuid.hpp"
#include "test_account.hpp"
#include "support/run_task.hpp"
#include "support/temp_dir.hpp"

namespace cruddur::users::sqlite {
namespace {

using testing::run_task;

using testing::make_account;

class SqliteDirectoryTest : public ::testing::Test {
 protected:
  std::string path() const { return dir_.str() + "/users.sqlite3"; }
  SqliteDirectory& directory() {
    if (!directory_) {
      directory_ = std::make_unique<SqliteDirectory>(path());
      run_task(directory_->schema_load());
    }
    return *directory_;
  }
  CreateStatus create(const Account& account) { return run_task(directory().create(account)); }

  testing::TempDir dir_;
  std::unique_ptr<SqliteDirectory> directory_;
};

TEST_F(SqliteDirectoryTest, CreatedUserIsFoundByUuidHandleAndEmail) {
  auto account = make_account("andrew", "andrew@example.com", "Andrew Brown");
  ASSERT_EQ(create(account), CreateStatus::created);

  EXPECT_EQ(run_task(directory().find_by_uuid(account.user.uuid)), account.user);
  EXPECT_EQ(run_task(directory().find_by_handle("andrew")), account.user);

  auto by_email = run_task(directory().find_account_by_login("andrew@example.com"));
  ASSERT_TRUE(by_email);
  EXPECT_EQ(by_email->user, account.user);
  EXPECT_EQ(by_email->email, "andrew@example.com");
  EXPECT_EQ(by_email->password_hash, account.password_hash);
  EXPECT_EQ(by_email->created_at, account.created_at);
  EXPECT_FALSE(by_email->cognito_user_id);

  auto by_handle = run_task(directory().find_account_by_login("andrew"));
  ASSERT_TRUE(by_handle);
  EXPECT_EQ(by_handle->user, account.user);
}

TEST_F(SqliteDirectoryTest, UnknownUsersAreNotFound) {
  ASSERT_EQ(create(make_account("andrew", "andrew@example.com")), CreateStatus::created);
  EXPECT_FALSE(run_task(directory().find_by_uuid(uuid::random_v4())));
  EXPECT_FALSE(run_task(directory().find_by_handle("bayko")));
  EXPECT_FALSE(run_task(directory().find_account_by_login("bayko")));
  EXPECT_FALSE(run_task(directory().find_account_by_login("bayko@example.com")));
  // A handle is never matched as an email address and vice versa.
  EXPECT_FALSE(run_task(directory().find_account_by_login("andrew@")));
}

TEST_F(SqliteDirectoryTest, HandleAndEmailAreStoredLowercasedAndMatchedCaseInsensitively) {
  auto account = make_account("AnDrew_99", "Andrew@Example.COM");
  ASSERT_EQ(create(account), CreateStatus::created);

  auto found = run_task(directory().find_by_handle("ANDREW_99"));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->handle, "andrew_99");
  auto by_email = run_task(directory().find_account_by_login("ANDREW@example.com"));
  ASSERT_TRUE(by_email);
  EXPECT_EQ(by_email->email, "andrew@example.com");
  EXPECT_EQ(by_email->user.uuid, account.user.uuid);
  EXPECT_TRUE(run_task(directory().find_account_by_login("andrew_99")));
}

TEST_F(SqliteDirectoryTest, TakenHandleAndTakenEmailAreReportedDistinctly) {
  ASSERT_EQ(create(make_account("andrew", "andrew@example.com")), CreateStatus::created);
  EXPECT_EQ(create(make_account("ANDREW", "other@example.com")), CreateStatus::handle_taken);
  EXPECT_EQ(create(make_account("other", "ANDREW@example.com")), CreateStatus::email_taken);
  // Neither rejected create left anything behind.
  EXPECT_FALSE(run_task(directory().find_by_handle("other")));
  EXPECT_EQ(run_task(directory().list_users()).size(), 1u);
}

TEST_F(SqliteDirectoryTest, ListUsersIsOrderedByHandle) {
  ASSERT_EQ(create(make_account("charlie", "c@example.com")), CreateStatus::created);
  ASSERT_EQ(create(make_account("alice", "a@example.com")), CreateStatus::created);
  ASSERT_EQ(create(make_account("bob", "b@example.com")), CreateStatus::created);
  auto users = run_task(directory().list_users());
  ASSERT_EQ(users.size(), 3u);
  EXPECT_EQ(users[0].handle, "alice");
  EXPECT_EQ(users[1].handle, "bob");
  EXPECT_EQ(users[2].handle, "charlie");
}

TEST_F(SqliteDirectoryTest, CognitoUserIdCanBeLinkedAndFound) {
  auto account = make_account("andrew", "andrew@example.com");
  ASSERT_EQ(create(account), CreateStatus::created);
  ASSERT_EQ(create(make_account("bayko", "bayko@example.com")), CreateStatus::created);

  const std::string sub = uuid::random_v4();
  EXPECT_FALSE(run_task(directory().find_by_cognito_user_id(sub)));
  EXPECT_EQ(run_task(directory().set_cognito_user_id("Andrew", sub)), LinkStatus::linked);
  EXPECT_EQ(run_task(directory().find_by_cognito_user_id(sub)), account.user);
  EXPECT_EQ(run_task(directory().find_account_by_login("andrew"))->cognito_user_id, sub);

  EXPECT_EQ(run_task(directory().set_cognito_user_id("nobody", uuid::random_v4())), LinkStatus::no_such_user);
  // One Cognito identity belongs to one user.
  EXPECT_EQ(run_task(directory().set_cognito_user_id("bayko", sub)), LinkStatus::cognito_user_id_taken);
}

TEST_F(SqliteDirectoryTest, AccountCreatedWithCognitoUserIdIsFoundByIt) {
  auto account = make_account("andrew", "andrew@example.com");
  account.password_hash.clear();
  account.cognito_user_id = uuid::random_v4();
  ASSERT_EQ(create(account), CreateStatus::created);
  EXPECT_EQ(run_task(directory().find_by_cognito_user_id(*account.cognito_user_id)), account.user);
  // Users without a Cognito id do not collide with each other.
  ASSERT_EQ(create(make_account("a", "a@example.com")), CreateStatus::created);
  ASSERT_EQ(create(make_account("b", "b@example.com")), CreateStatus::created);
}

TEST_F(SqliteDirectoryTest, ReopeningTheFileKeepsTheUsers) {
  auto account = make_account("andrew", "andrew@example.com");
  ASSERT_EQ(create(account), CreateStatus::created);
  directory_.reset();

  SqliteDirectory reopened(path());
  run_task(reopened.schema_load());
  EXPECT_EQ(run_task(reopened.find_by_uuid(account.user.uuid)), account.user);
  EXPECT_EQ(run_task(reopened.create(make_account("andrew", "x@example.com"))), CreateStatus::handle_taken);
}

}  // namespace
}  // namespace cruddur::users::sqlite
