// The Directory contract: the same cases against every user-directory engine (SQLite and PostgreSQL).

#include <gtest/gtest.h>

#include <atomic>
#include <cctype>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "core/uuid.hpp"
#include "test_account.hpp"
#include "directory_engines.hpp"

namespace cruddur::users {
namespace {

using testing::run_task;

using testing::make_account;

template <typename Engine>
class DirectoryContract : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = engine_.open();
    run_task(directory_->schema_load());
  }
  Directory& directory() { return *directory_; }
  CreateStatus create(const Account& account) { return run_task(directory_->create(account)); }

  Engine engine_;
  std::unique_ptr<Directory> directory_;
};

struct EngineNames {
  template <typename Engine>
  static std::string GetName(int) { return Engine::name; }
};

using Engines = ::testing::Types<
#ifdef CRUDDUR_HAVE_SQLITE_DIRECTORY
    testing::SqliteEngine,
#endif
    testing::PostgresEngine>;
TYPED_TEST_SUITE(DirectoryContract, Engines, EngineNames);

TYPED_TEST(DirectoryContract, CreatedUserIsFoundByUuidHandleAndEmail) {
  auto account = make_account("andrew", "andrew@example.com", "Andrew Brown");
  ASSERT_EQ(this->create(account), CreateStatus::created);

  EXPECT_EQ(run_task(this->directory().find_by_uuid(account.user.uuid)), account.user);
  EXPECT_EQ(run_task(this->directory().find_by_handle("andrew")), account.user);
  for (std::string login : {"andrew@example.com", "andrew"}) {
    auto found = run_task(this->directory().find_account_by_login(login));
    ASSERT_TRUE(found) << login;
    EXPECT_EQ(found->user, account.user);
    EXPECT_EQ(found->email, "andrew@example.com");
    EXPECT_EQ(found->password_hash, account.password_hash);
    EXPECT_EQ(found->created_at, account.created_at);
    EXPECT_FALSE(found->cognito_user_id);
  }
}

TYPED_TEST(DirectoryContract, UnknownUsersAreNotFound) {
  ASSERT_EQ(this->create(make_account("andrew", "andrew@example.com")), CreateStatus::created);
  EXPECT_FALSE(run_task(this->directory().find_by_uuid(uuid::random_v4())));
  EXPECT_FALSE(run_task(this->directory().find_by_uuid("not-a-uuid")));
  EXPECT_FALSE(run_task(this->directory().find_by_handle("bayko")));
  EXPECT_FALSE(run_task(this->directory().find_account_by_login("bayko")));
  EXPECT_FALSE(run_task(this->directory().find_account_by_login("bayko@example.com")));
  EXPECT_FALSE(run_task(this->directory().find_by_cognito_user_id("no-such-sub")));
  // A handle is never matched as an email address and vice versa.
  EXPECT_FALSE(run_task(this->directory().find_account_by_login("andrew@")));
  EXPECT_FALSE(run_task(this->directory().find_by_handle("andrew@example.com")));
}

TYPED_TEST(DirectoryContract, HandleAndEmailAreCaseFoldedAndMatchedCaseInsensitively) {
  auto account = make_account("AnDrew_99", "Andrew@Example.COM");
  ASSERT_EQ(this->create(account), CreateStatus::created);

  auto by_handle = run_task(this->directory().find_by_handle("ANDREW_99"));
  ASSERT_TRUE(by_handle);
  EXPECT_EQ(by_handle->handle, "andrew_99");
  auto by_email = run_task(this->directory().find_account_by_login("ANDREW@example.com"));
  ASSERT_TRUE(by_email);
  EXPECT_EQ(by_email->email, "andrew@example.com");
  EXPECT_TRUE(run_task(this->directory().find_by_uuid(
      [&] { auto upper = account.user.uuid; for (char& c : upper) c = static_cast<char>(std::toupper(c)); return upper; }())));
}

TYPED_TEST(DirectoryContract, TakenHandleOrEmailIsReportedAndNothingIsStored) {
  ASSERT_EQ(this->create(make_account("andrew", "andrew@example.com")), CreateStatus::created);

  auto same_handle = make_account("ANDREW", "other@example.com");
  EXPECT_EQ(this->create(same_handle), CreateStatus::handle_taken);
  auto same_email = make_account("other", "ANDREW@example.com");
  EXPECT_EQ(this->create(same_email), CreateStatus::email_taken);

  EXPECT_FALSE(run_task(this->directory().find_by_uuid(same_handle.user.uuid)));
  EXPECT_FALSE(run_task(this->directory().find_by_uuid(same_email.user.uuid)));
  EXPECT_FALSE(run_task(this->directory().find_account_by_login("other@example.com")));
  EXPECT_EQ(run_task(this->directory().list_users()).size(), 1u);
}

TYPED_TEST(DirectoryContract, OfRacingCreatesWithOneHandleExactlyOneWins) {
  constexpr int kRacers = 8;
  std::atomic<int> created{0}, taken{0};
  std::vector<std::thread> racers;
  for (int i = 0; i < kRacers; ++i) {
    racers.emplace_back([&, i] {
      auto account = make_account("contested", "racer" + std::to_string(i) + "@example.com");
      auto status = run_task(this->directory().create(account));
      (status == CreateStatus::created ? created : taken)++;
    });
  }
  for (auto& racer : racers) racer.join();
  EXPECT_EQ(created.load(), 1);
  EXPECT_EQ(taken.load(), kRacers - 1);
  EXPECT_EQ(run_task(this->directory().list_users()).size(), 1u);
}

TYPED_TEST(DirectoryContract, CognitoUserIdIsLinkedByHandleAndFound) {
  auto account = make_account("andrew", "andrew@example.com");
  ASSERT_EQ(this->create(account), CreateStatus::created);

  EXPECT_EQ(run_task(this->directory().set_cognito_user_id("Andrew", "sub-1")), LinkStatus::linked);
  EXPECT_EQ(run_task(this->directory().find_by_cognito_user_id("sub-1")), account.user);
  auto stored = run_task(this->directory().find_account_by_login("andrew"));
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->cognito_user_id, "sub-1");
  // Idempotent: linking the same sub again succeeds.
  EXPECT_EQ(run_task(this->directory().set_cognito_user_id("andrew", "sub-1")), LinkStatus::linked);
  // Relinking the user to a new sub replaces the old one.
  EXPECT_EQ(run_task(this->directory().set_cognito_user_id("andrew", "sub-2")), LinkStatus::linked);
  EXPECT_FALSE(run_task(this->directory().find_by_cognito_user_id("sub-1")));
  EXPECT_EQ(run_task(this->directory().find_by_cognito_user_id("sub-2")), account.user);

  EXPECT_EQ(run_task(this->directory().set_cognito_user_id("nobody", "sub-3")), LinkStatus::no_such_user);
  EXPECT_FALSE(run_task(this->directory().find_by_cognito_user_id("sub-3")));
}

TYPED_TEST(DirectoryContract, OneCognitoUserIdBelongsToOneUser) {
  ASSERT_EQ(this->create(make_account("andrew", "andrew@example.com")), CreateStatus::created);
  ASSERT_EQ(this->create(make_account("bayko", "bayko@example.com")), CreateStatus::created);
  ASSERT_EQ(run_task(this->directory().set_cognito_user_id("andrew", "sub-1")), LinkStatus::linked);

  EXPECT_EQ(run_task(this->directory().set_cognito_user_id("bayko", "sub-1")), LinkStatus::cognito_user_id_taken);
  EXPECT_EQ(run_task(this->directory().find_by_cognito_user_id("sub-1"))->handle, "andrew");

  auto third = make_account("carol", "carol@example.com");
  third.cognito_user_id = "sub-1";
  EXPECT_EQ(this->create(third), CreateStatus::cognito_user_id_taken);
  EXPECT_FALSE(run_task(this->directory().find_by_handle("carol")));
}

TYPED_TEST(DirectoryContract, CognitoUserWithoutPasswordIsCreatedLinked) {
  auto account = make_account("cognito_person", "person@example.com");
  account.password_hash.clear();
  account.cognito_user_id = "7d0c5a38-1b7e-4c3e-9a8e-2f6d8f0c1a11";
  ASSERT_EQ(this->create(account), CreateStatus::created);

  EXPECT_EQ(run_task(this->directory().find_by_cognito_user_id(*account.cognito_user_id)), account.user);
  auto stored = run_task(this->directory().find_account_by_login("cognito_person"));
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->password_hash, "");
  EXPECT_EQ(stored->cognito_user_id, account.cognito_user_id);
}

TYPED_TEST(DirectoryContract, ListUsersIsOrderedByHandleBytewise) {
  for (std::string handle : {"b", "a_b", "ab", "a1", "A"}) {
    ASSERT_EQ(this->create(make_account(handle, handle + "@example.com")), CreateStatus::created);
  }
  std::vector<std::string> handles;
  for (const auto& user : run_task(this->directory().list_users())) handles.push_back(user.handle);
  EXPECT_EQ(handles, (std::vector<std::string>{"a", "a1", "a_b", "ab", "b"}));
}

// `cruddur export` pages through every account, password hash and all (doc/export.md).
TYPED_TEST(DirectoryContract, ListAccountsPagesByHandleBytewiseWithEverything) {
  std::vector<Account> created;
  for (std::string handle : {"b", "a_b", "ab", "a1", "A"}) {
    created.push_back(make_account(handle, handle + "@example.com"));
    ASSERT_EQ(this->create(created.back()), CreateStatus::created);
  }
  std::vector<std::string> handles;
  std::string after;
  for (int pages = 0;; ++pages) {
    ASSERT_LT(pages, 5);
    auto page = run_task(this->directory().list_accounts(after, 2));
    for (const auto& account : page) {
      handles.push_back(account.user.handle);
      EXPECT_EQ(account.password_hash, testing::kTestPasswordHash);
      EXPECT_EQ(account.email, account.user.handle + "@example.com");
      EXPECT_EQ(account.created_at, testing::kTestCreatedAt);
      EXPECT_EQ(account.cognito_user_id, std::nullopt);
    }
    if (page.size() < 2) break;
    after = page.back().user.handle;
  }
  EXPECT_EQ(handles, (std::vector<std::string>{"a", "a1", "a_b", "ab", "b"}));
  EXPECT_TRUE(run_task(this->directory().list_accounts("b", 10)).empty());
}

TYPED_TEST(DirectoryContract, ValuesAreStoredVerbatimNeverAsSql) {
  auto account = make_account("bobby", "bobby@example.com", "Robert'); DROP TABLE users;-- \xF0\x9F\x98\x80 \"x\"");
  ASSERT_EQ(this->create(account), CreateStatus::created);
  EXPECT_EQ(run_task(this->directory().find_by_handle("bobby"))->display_name, account.user.display_name);
  EXPECT_FALSE(run_task(this->directory().find_account_by_login("' OR '1'='1")));
  EXPECT_FALSE(run_task(this->directory().find_by_cognito_user_id("' OR cognito_user_id IS NULL --")));
  EXPECT_EQ(run_task(this->directory().list_users()).size(), 1u);
}

TYPED_TEST(DirectoryContract, SchemaLoadAgainIsHarmlessAndDataOutlivesTheObject) {
  auto account = make_account("andrew", "andrew@example.com");
  ASSERT_EQ(this->create(account), CreateStatus::created);
  run_task(this->directory().schema_load());

  auto reopened = this->engine_.open();
  run_task(reopened->schema_load());
  EXPECT_EQ(run_task(reopened->find_by_handle("andrew")), account.user);
}

}  // namespace
}  // namespace cruddur::users
