#include "auth/token_key.hpp"

#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>

#include "auth/token_signer.hpp"
#include "core/base64url.hpp"
#include "core/uuid.hpp"
#include "support/temp_dir.hpp"

namespace cruddur::auth {
namespace {

constexpr Microseconds kNow = 1'795'000'000LL * kMicrosPerSecond;

// Sets CRUDDUR_TOKEN_SECRET for one test (or makes sure it is unset), restoring the previous value.
class ScopedSecretEnv {
 public:
  explicit ScopedSecretEnv(const char* value) {
    if (const char* old = std::getenv(kTokenSecretEnv)) previous_ = old;
    if (value) ::setenv(kTokenSecretEnv, value, 1);
    else ::unsetenv(kTokenSecretEnv);
  }
  ~ScopedSecretEnv() {
    if (previous_) ::setenv(kTokenSecretEnv, previous_->c_str(), 1);
    else ::unsetenv(kTokenSecretEnv);
  }

 private:
  std::optional<std::string> previous_;
};

bool same_key(const TokenKey& a, const TokenKey& b) {
  // Observable sameness: tokens signed with one verify with the other.
  const std::string user = uuid::random_v4();
  return TokenSigner(b).verify(TokenSigner(a).issue(user, kNow).token, kNow) == user;
}

TEST(TokenKey, KeyFileIsCreatedOnceWithMode0600AndReused) {
  ScopedSecretEnv no_secret(nullptr);
  testing::TempDir data;
  const auto file = data.path() / "token.key";
  ASSERT_FALSE(std::filesystem::exists(file));

  TokenKey first = load_token_key(data.path());
  ASSERT_TRUE(std::filesystem::exists(file));
  struct stat info;
  ASSERT_EQ(::stat(file.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600);
  EXPECT_EQ(info.st_size, 32);
  EXPECT_EQ(first.bytes().size(), 32u);

  TokenKey second = load_token_key(data.path());
  EXPECT_EQ(first.bytes(), second.bytes());
  EXPECT_TRUE(same_key(first, second));
  // Nothing but the key file is left in the data dir.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(data.path()), {}), 1);
}

TEST(TokenKey, DifferentDataDirsGetDifferentKeys) {
  ScopedSecretEnv no_secret(nullptr);
  testing::TempDir a, b;
  EXPECT_FALSE(same_key(load_token_key(a.path()), load_token_key(b.path())));
}

TEST(TokenKey, ThreadsCreatingTheKeyAtOnceAllGetTheSameKey) {
  ScopedSecretEnv no_secret(nullptr);
  testing::TempDir data;
  constexpr int kThreads = 8;
  std::vector<std::string> keys(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i)
    threads.emplace_back([&, i] { keys[i] = std::string(load_or_create_token_key_file(data.path() / "token.key").bytes()); });
  for (auto& t : threads) t.join();
  for (const auto& key : keys) EXPECT_EQ(key, keys[0]);
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(data.path()), {}), 1);
}

TEST(TokenKey, EnvironmentSecretWinsOverTheFile) {
  testing::TempDir data;
  std::string secret_bytes(40, '\0');
  for (size_t i = 0; i < secret_bytes.size(); ++i) secret_bytes[i] = static_cast<char>(i * 7 + 1);
  const std::string secret = base64url::encode(secret_bytes);
  {
    ScopedSecretEnv no_secret(nullptr);
    load_token_key(data.path());  // a file key exists too
  }
  ScopedSecretEnv with_secret(secret.c_str());
  TokenKey key = load_token_key(data.path());
  EXPECT_EQ(key.bytes(), secret_bytes);
  EXPECT_TRUE(same_key(key, token_key_from_secret(secret)));
  EXPECT_FALSE(same_key(key, load_or_create_token_key_file(data.path() / "token.key")));
}

TEST(TokenKey, EnvironmentSecretIsUsedWithoutTouchingTheDataDir) {
  testing::TempDir data;
  const std::string secret = base64url::encode(std::string(32, 'x'));
  ScopedSecretEnv with_secret(secret.c_str());
  load_token_key(data.path());
  EXPECT_FALSE(std::filesystem::exists(data.path() / "token.key"));
}

TEST(TokenKey, InvalidEnvironmentSecretIsAnErrorNotAFallback) {
  testing::TempDir data;
  const std::string short_secret = base64url::encode(std::string(31, 'x'));
  {
    ScopedSecretEnv with_secret(short_secret.c_str());
    EXPECT_THROW(load_token_key(data.path()), std::invalid_argument);
  }
  {
    ScopedSecretEnv with_secret("not base64url!");
    EXPECT_THROW(load_token_key(data.path()), std::invalid_argument);
  }
  EXPECT_FALSE(std::filesystem::exists(data.path() / "token.key"));
}

TEST(TokenKey, CorruptKeyFileIsAnError) {
  ScopedSecretEnv no_secret(nullptr);
  testing::TempDir data;
  std::ofstream(data.path() / "token.key") << "too short";
  EXPECT_THROW(load_token_key(data.path()), std::runtime_error);
}

TEST(TokenKey, MissingDataDirIsAnError) {
  ScopedSecretEnv no_secret(nullptr);
  testing::TempDir data;
  EXPECT_THROW(load_token_key(data.path() / "missing"), std::runtime_error);
}

}  // namespace
}  // namespace cruddur::auth
