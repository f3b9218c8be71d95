// AccountService and LocalAuthenticator together, on a real SQLite directory in a temp dir.

#include "auth/account_service.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>


#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "auth/local_authenticator.hpp"
#include "auth/password_hasher.hpp"
#include "core/uuid.hpp"
#include "error_matchers.hpp"
#include "support/run_task.hpp"
#include "support/temp_dir.hpp"
#include "users/sqlite/sqlite_directory.hpp"

namespace cruddur::auth {
namespace {

using ::testing::ElementsAre;
using testing::run_task;

constexpr Microseconds kStart = 1'795'000'000LL * kMicrosPerSecond;

class AccountServiceTest : public ::testing::Test {
 protected:
  AccountServiceTest() : directory_(dir_.str() + "/users.sqlite3") { run_task(directory_.schema_load()); }

  AuthResult signup(SignupRequest request) { return run_task(service_.signup(std::move(request))); }
  AuthResult signin(SigninRequest request) { return run_task(service_.signin(std::move(request))); }
  users::User authenticate(std::string token) { return run_task(authenticator_.authenticate(std::move(token))); }

  std::vector<std::string> signup_error(SignupRequest request, int status) {
    auto error = thrown_error([&] { signup(std::move(request)); });
    if (!error) return {};
    EXPECT_EQ(error->status(), status);
    return error->codes();
  }
  std::vector<std::string> signin_error(SigninRequest request, int status) {
    auto error = thrown_error([&] { signin(std::move(request)); });
    if (!error) return {};
    EXPECT_EQ(error->status(), status);
    return error->codes();
  }

  testing::TempDir dir_;
  users::sqlite::SqliteDirectory directory_;
  ManualClock clock_{kStart};
  TokenSigner signer_{TokenKey::random()};
  HashingQueue hashing_{2};
  TokenRevocations revocations_{directory_, clock_};
  AccountService service_{directory_, signer_, clock_, hashing_, revocations_};
  LocalAuthenticator authenticator_{signer_, directory_, revocations_, clock_};
};

TEST_F(AccountServiceTest, SignupReturnsATokenThatAuthenticatesAsTheNewUser) {
  AuthResult result = signup({" Andrew Brown ", "Andrew", "Andrew@Example.com", "correct horse"});
  EXPECT_EQ(result.token_type, "Bearer");
  EXPECT_EQ(result.expires_in, 86400);
  EXPECT_TRUE(uuid::is_valid(result.user.uuid));
  EXPECT_EQ(result.user.handle, "andrew");
  EXPECT_EQ(result.user.display_name, "Andrew Brown");

  EXPECT_EQ(authenticate(result.access_token), result.user);
  auto stored = run_task(directory_.find_account_by_login("andrew@example.com"));
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->user, result.user);
  EXPECT_EQ(stored->created_at, format_timestamp(kStart));
  EXPECT_TRUE(PasswordHasher::verify(stored->password_hash, "correct horse"));
}

TEST_F(AccountServiceTest, SignupValidationFailuresStoreNothing) {
  EXPECT_THAT(signup_error({"", "bad handle!", "nope", "short"}, 422),
              ElementsAre("display_name_blank", "handle_invalid", "email_invalid", "password_too_short"));
  EXPECT_THAT(signup_error({"Andrew", "", "", std::string(1025, 'x')}, 422),
              ElementsAre("handle_blank", "email_blank", "password_too_long"));
  EXPECT_THAT(signup_error({std::string(101, 'a'), "andrew", "andrew@example.com", "\xff\xff\xff\xff\xff\xff\xff\xff"},
                           422),
              ElementsAre("display_name_too_long", "password_invalid"));
  EXPECT_TRUE(run_task(directory_.list_users()).empty());
}

TEST_F(AccountServiceTest, TakenHandleAndEmailAreConflictsRegardlessOfCase) {
  signup({"Andrew", "andrew", "andrew@example.com", "correct horse"});
  EXPECT_THAT(signup_error({"Other", "ANDREW", "other@example.com", "correct horse"}, 409),
              ElementsAre("handle_taken"));
  EXPECT_THAT(signup_error({"Other", "other", "ANDREW@EXAMPLE.COM", "correct horse"}, 409),
              ElementsAre("email_taken"));
  EXPECT_EQ(run_task(directory_.list_users()).size(), 1u);
}

TEST_F(AccountServiceTest, SigninByHandleOrEmailInAnyCase) {
  AuthResult created = signup({"Andrew", "andrew", "andrew@example.com", "correct horse"});
  for (const std::string login : {"andrew", "ANDREW", " andrew ", "andrew@example.com", "Andrew@Example.COM"}) {
    AuthResult result = signin({login, "correct horse"});
    EXPECT_EQ(result.user, created.user) << login;
    EXPECT_EQ(result.token_type, "Bearer");
    EXPECT_EQ(authenticate(result.access_token), created.user) << login;
  }
}

TEST_F(AccountServiceTest, WrongPasswordAndUnknownUserGetTheSameAnswer) {
  signup({"Andrew", "andrew", "andrew@example.com", "correct horse"});
  EXPECT_THAT(signin_error({"andrew", "Correct horse"}, 401), ElementsAre("invalid_credentials"));
  EXPECT_THAT(signin_error({"andrew@example.com", "wrong password"}, 401), ElementsAre("invalid_credentials"));
  EXPECT_THAT(signin_error({"nobody", "correct horse"}, 401), ElementsAre("invalid_credentials"));
  EXPECT_THAT(signin_error({"nobody@example.com", "correct horse"}, 401), ElementsAre("invalid_credentials"));
  EXPECT_THAT(signin_error({"andrew", std::string(5000, 'x')}, 401), ElementsAre("invalid_credentials"));
}

TEST_F(AccountServiceTest, BlankSigninFieldsAreValidationErrors) {
  EXPECT_THAT(signin_error({" ", ""}, 422), ElementsAre("login_blank", "password_blank"));
  EXPECT_THAT(signin_error({"andrew", ""}, 422), ElementsAre("password_blank"));
}

TEST_F(AccountServiceTest, AccountWithoutALocalPasswordCannotSignInLocally) {
  users::Account cognito_user{users::User{uuid::random_v4(), "cog", "Cog"}, "cog@example.com", "",
                              uuid::random_v4(), format_timestamp(kStart)};
  ASSERT_EQ(run_task(directory_.create(cognito_user)), users::CreateStatus::created);
  EXPECT_THAT(signin_error({"cog", "anything at all"}, 401), ElementsAre("invalid_credentials"));
}

TEST_F(AccountServiceTest, TokenStopsWorkingWhenItExpires) {
  AuthResult result = signup({"Andrew", "andrew", "andrew@example.com", "correct horse"});
  clock_.advance(23 * 3600 * kMicrosPerSecond);
  EXPECT_EQ(authenticate(result.access_token), result.user);
  clock_.advance(3600 * kMicrosPerSecond);
  auto error = thrown_error([&] { authenticate(result.access_token); });
  ASSERT_TRUE(error);
  EXPECT_EQ(error->status(), 401);
}

TEST_F(AccountServiceTest, PasswordHashingLeavesTheCallersThreadFreeAndResumesOnIt) {
  // One io thread (this one). The sign-up is started first; if it hashed on this thread it would finish
  // before the second coroutine got to run.
  boost::asio::io_context io;
  bool signup_done = false, observer_saw_signup_done = true;
  std::thread::id resumed_on;
  boost::asio::co_spawn(
      io,
      [&]() -> boost::asio::awaitable<void> {
        // Named, not a braced temporary: GCC 12 destroys an aggregate prvalue argument twice when it is
        // passed to a coroutine inside co_await.
        SignupRequest request{"Andrew", "andrew", "andrew@example.com", "correct horse"};
        co_await service_.signup(std::move(request));
        resumed_on = std::this_thread::get_id();
        signup_done = true;
      },
      boost::asio::detached);
  boost::asio::co_spawn(
      io,
      [&]() -> boost::asio::awaitable<void> {
        observer_saw_signup_done = signup_done;
        co_return;
      },
      boost::asio::detached);
  io.run();
  EXPECT_TRUE(signup_done);
  EXPECT_FALSE(observer_saw_signup_done);
  EXPECT_EQ(resumed_on, std::this_thread::get_id());
}

}  // namespace
}  // namespace cruddur::auth
