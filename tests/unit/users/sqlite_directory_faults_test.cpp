// The embedded user directory when its file is in trouble (issue 15): a write that cannot get the lock
// within the busy timeout answers 503 service_unavailable (as the messages store does), and while it waits,
// the io thread that asked keeps serving everything else.

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <future>

#include "core/error.hpp"
#include "core/uuid.hpp"
#include "support/run_task.hpp"
#include "support/temp_dir.hpp"
#include "users/sqlite/sqlite_directory.hpp"

namespace cruddur::users::sqlite {
namespace {

using testing::run_task;

Account make_account(std::string handle) {
  return Account{User{uuid::random_v4(), handle, "Waiter"}, handle + "@example.com", "", std::nullopt,
                 "2026-11-26T12:00:00.000000+00:00"};
}

// Another process's writer: holds the file's write lock until destroyed.
class WriteLockHolder {
 public:
  explicit WriteLockHolder(const std::string& path) {
    EXPECT_EQ(sqlite3_open(path.c_str(), &db_), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  }
  ~WriteLockHolder() {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(db_);
  }

 private:
  sqlite3* db_ = nullptr;
};

boost::asio::awaitable<int> ticks_while(std::future<CreateStatus>& pending) {
  boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor);
  int ticks = 0;
  while (pending.wait_for(std::chrono::seconds(0)) != std::future_status::ready && ticks < 200) {
    timer.expires_after(std::chrono::milliseconds(10));
    co_await timer.async_wait(boost::asio::use_awaitable);
    ++ticks;
  }
  co_return ticks;
}

TEST(SqliteDirectoryFaults, AWriteBlockedPastTheBusyTimeoutIs503AndTheIoThreadStaysFree) {
  testing::TempDir dir;
  const std::string path = dir.str() + "/users.sqlite3";
  SqliteDirectory directory(path);
  run_task(directory.schema_load());

  WriteLockHolder lock(path);
  boost::asio::io_context io;  // one io thread: this one
  auto create = boost::asio::co_spawn(io, directory.create(make_account("blocked")), boost::asio::use_future);
  auto ticks = boost::asio::co_spawn(io, ticks_while(create), boost::asio::use_future);
  io.run();

  // The io thread ran the timer many times while the directory waited for the lock (5 s busy timeout).
  EXPECT_GT(ticks.get(), 20);
  try {
    create.get();
    ADD_FAILURE() << "a write under another writer's lock succeeded";
  } catch (const Error& error) {
    EXPECT_EQ(error.status(), 503);
    EXPECT_EQ(error.codes(), std::vector<std::string>{"service_unavailable"});
  }
}

TEST(SqliteDirectoryFaults, ReadsStillWorkUnderAWriteLockAndTheWriteSucceedsOnceItIsGone) {
  testing::TempDir dir;
  const std::string path = dir.str() + "/users.sqlite3";
  SqliteDirectory directory(path);
  run_task(directory.schema_load());
  ASSERT_EQ(run_task(directory.create(make_account("before"))), CreateStatus::created);
  {
    WriteLockHolder lock(path);
    // WAL: readers are not blocked by a writer.
    EXPECT_TRUE(run_task(directory.find_by_handle("before")).has_value());
  }
  EXPECT_EQ(run_task(directory.create(make_account("after"))), CreateStatus::created);
  EXPECT_TRUE(run_task(directory.find_by_handle("after")).has_value());
}

}  // namespace
}  // namespace cruddur::users::sqlite
