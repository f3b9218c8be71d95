// SqliteDirectory used from several threads at once.

#include <atomic>
#include <thread>

#include <gtest/gtest.h>

#include "core/uuid.hpp"
#include "support/run_task.hpp"
#include "support/temp_dir.hpp"
#include "users/sqlite/sqlite_directory.hpp"

namespace cruddur::users::sqlite {
namespace {

using testing::run_task;

Account make_account(std::string handle, std::string email) {
  return Account{User{uuid::random_v4(), std::move(handle), "Racer"}, std::move(email), "", std::nullopt,
                 "2026-11-26T12:00:00.000000+00:00"};
}

TEST(SqliteDirectoryConcurrency, OfEightThreadsCreatingOneHandleExactlyOneSucceeds) {
  testing::TempDir dir;
  SqliteDirectory directory(dir.str() + "/users.sqlite3");
  run_task(directory.schema_load());

  constexpr int kThreads = 8;
  std::atomic<int> created{0}, handle_taken{0}, other{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      while (!go.load()) std::this_thread::yield();
      auto status = run_task(directory.create(make_account("racer", "racer" + std::to_string(i) + "@example.com")));
      if (status == CreateStatus::created) ++created;
      else if (status == CreateStatus::handle_taken) ++handle_taken;
      else ++other;
    });
  }
  go = true;
  for (auto& t : threads) t.join();

  EXPECT_EQ(created.load(), 1);
  EXPECT_EQ(handle_taken.load(), kThreads - 1);
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(run_task(directory.list_users()).size(), 1u);
}

TEST(SqliteDirectoryConcurrency, ManyThreadsCreatingDistinctUsersAllSucceed) {
  testing::TempDir dir;
  SqliteDirectory directory(dir.str() + "/users.sqlite3");
  run_task(directory.schema_load());

  constexpr int kThreads = 8, kPerThread = 25;
  std::atomic<int> succeeded{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const std::string handle = "u" + std::to_string(t) + "_" + std::to_string(i);
        if (run_task(directory.create(make_account(handle, handle + "@example.com"))) == CreateStatus::created)
          ++succeeded;
        if (run_task(directory.find_by_handle(handle))) ++succeeded;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(succeeded.load(), 2 * kThreads * kPerThread);
  EXPECT_EQ(run_task(directory.list_users()).size(), static_cast<size_t>(kThreads * kPerThread));
}

}  // namespace
}  // namespace cruddur::users::sqlite

namespace cruddur::users::sqlite {
namespace {

TEST(SqliteDirectoryConcurrency, DirectoriesOpeningOneNewFileAtOnceAllLoadTheSchema) {
  testing::TempDir dir;
  const std::string path = dir.str() + "/users.sqlite3";
  constexpr int kThreads = 8;
  std::atomic<int> loaded{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      while (!go.load()) std::this_thread::yield();
      SqliteDirectory directory(path);
      run_task(directory.schema_load());
      const std::string handle = "user" + std::to_string(i);
      if (run_task(directory.create(make_account(handle, handle + "@example.com"))) == CreateStatus::created)
        ++loaded;
    });
  }
  go = true;
  for (auto& t : threads) t.join();
  EXPECT_EQ(loaded.load(), kThreads);
}

}  // namespace
}  // namespace cruddur::users::sqlite
