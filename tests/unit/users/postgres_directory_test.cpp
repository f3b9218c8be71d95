// What only the PostgreSQL directory has: versioned migrations shared by several processes, and recovery
// when the server goes away and comes back.

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <atomic>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "core/uuid.hpp"
#include "postgres_server.hpp"
#include "support/run_task.hpp"
#include "test_account.hpp"
#include "users/postgres/pg_connection.hpp"
#include "users/postgres/postgres_directory.hpp"

namespace cruddur::users::postgres {
namespace {

using testing::run_task;

// A test account whose email follows its handle (test_account.hpp).
Account make_account(const std::string& handle) { return testing::make_account(handle, handle + "@example.com"); }

std::vector<std::string> column(const std::string& url, const std::string& sql) {
  auto connection = PgConnection::open(url);
  auto result = connection->exec(sql);
  std::vector<std::string> values;
  for (int row = 0; row < result.rows(); ++row) values.push_back(result.text(row, 0));
  return values;
}

void expect_unavailable(Directory& directory) {
  try {
    run_task(directory.find_by_handle("andrew"));
    FAIL() << "a query succeeded with PostgreSQL down";
  } catch (const Error& error) {
    EXPECT_EQ(error.status(), 503);
    EXPECT_EQ(error.codes(), std::vector<std::string>{"service_unavailable"});
  }
}

TEST(PostgresMigrations, ConcurrentRunnersApplyEachMigrationOnceInOrder) {
  const auto url = testing::shared_postgres().create_database();
  constexpr int kProcesses = 4;
  std::vector<std::thread> starters;
  std::atomic<int> failures{0};
  for (int i = 0; i < kProcesses; ++i) {
    starters.emplace_back([&] {
      try {
        run_task(make_postgres_directory(url, 1)->schema_load());
      } catch (...) {
        ++failures;
      }
    });
  }
  for (auto& starter : starters) starter.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(column(url, "SELECT version::text FROM schema_migrations ORDER BY version"),
            (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(column(url, "SELECT to_regclass('users')::text"), std::vector<std::string>{"users"});
}

TEST(PostgresMigrations, SchemaHasTheIssuesColumnsAndConstraints) {
  const auto url = testing::shared_postgres().create_database();
  run_task(make_postgres_directory(url, 1)->schema_load());
  EXPECT_EQ(column(url,
                   "SELECT column_name || ' ' || data_type FROM information_schema.columns "
                   "WHERE table_name = 'users' ORDER BY column_name"),
            (std::vector<std::string>{"cognito_user_id text", "created_at timestamp with time zone",
                                      "display_name text", "email text", "handle text", "password_hash text",
                                      "uuid uuid"}));
  EXPECT_EQ(column(url, "SELECT indexname FROM pg_indexes WHERE tablename = 'users' ORDER BY indexname"),
            (std::vector<std::string>{"users_cognito_user_id_key", "users_email_key", "users_handle_key",
                                      "users_pkey"}));
}

TEST(PostgresMigrations, ADatabaseNewerThanTheProgramIsRefused) {
  const auto url = testing::shared_postgres().create_database();
  auto directory = make_postgres_directory(url, 1);
  run_task(directory->schema_load());
  PgConnection::open(url)->exec("INSERT INTO schema_migrations (version, name) VALUES (3, 'from the future')");
  EXPECT_THROW(run_task(directory->schema_load()), std::runtime_error);
}

TEST(PostgresMigrations, AHoleInTheHistoryIsRefusedNotSkipped) {
  const auto url = testing::shared_postgres().create_database();
  PgConnection::open(url)->exec(
      "CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, "
      "applied_at timestamptz NOT NULL DEFAULT now());"
      "INSERT INTO schema_migrations (version, name) VALUES (2, 'without 1')");
  EXPECT_THROW(run_task(make_postgres_directory(url, 1)->schema_load()), std::runtime_error);
  EXPECT_EQ(column(url, "SELECT coalesce(to_regclass('users')::text, 'none')"), std::vector<std::string>{"none"});
}

TEST(PostgresDirectory, BadConnectionUrlOrPoolSizeIsRefusedAtConstruction) {
  EXPECT_THROW(make_postgres_directory("postgresql://host:notaport:x/db?=", 2), std::invalid_argument);
  EXPECT_THROW(make_postgres_directory("postgresql://127.0.0.1/db", 0), std::invalid_argument);
}

TEST(PostgresDirectory, ServerDownIsUnavailableAndTheDirectoryRecoversWhenItReturns) {
  testing::PostgresServer server;  // its own server: this test stops it
  auto directory = make_postgres_directory(server.url(), 2);
  run_task(directory->schema_load());
  ASSERT_EQ(run_task(directory->create(make_account("andrew"))), CreateStatus::created);

  server.stop();  // the pooled connections are now broken
  expect_unavailable(*directory);
  expect_unavailable(*directory);

  server.start();  // same port, same data
  EXPECT_TRUE(run_task(directory->find_by_handle("andrew")));
  EXPECT_EQ(run_task(directory->create(make_account("bayko"))), CreateStatus::created);
  EXPECT_EQ(run_task(directory->list_users()).size(), 2u);
}

// A caller that gave up (its call timeout passed: 503) leaves its query running on a query thread, and a CLI
// command's io_context (run_sync) is gone as soon as it has its answer. The query thread, finishing later, used
// to hand its outcome to a channel whose service had died with that io_context: a use after free, which hung a
// query thread for ever on a freed mutex and the command never exited (the migrate test, once in a few runs).
// Here five callers give up while a lock holds their queries, each on an io_context that ends at once; then
// the lock goes, the queries finish, and the directory must still answer and end.
TEST(PostgresDirectory, QueriesFinishingAfterTheirCallersGaveUpHarmNothing) {
  const auto url = testing::shared_postgres().create_database();
  std::atomic<bool> finished{false};
  std::thread worker([&] {
    auto directory = make_postgres_directory(url, 2, std::chrono::milliseconds(100));
    run_task(directory->schema_load());
    run_task(directory->create(make_account("andrew")));
    auto locker = PgConnection::open(url);
    locker->exec("BEGIN");
    locker->exec("LOCK TABLE users IN ACCESS EXCLUSIVE MODE");
    for (int i = 0; i < 5; ++i) expect_unavailable(*directory);
    locker->exec("COMMIT");
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the queries end, after their callers
    EXPECT_TRUE(run_task(directory->find_by_handle("andrew")));
    directory.reset();  // joins the query threads
    finished = true;
  });
  for (int waited = 0; waited < 300 && !finished; ++waited) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  if (!finished) {
    worker.detach();
    FAIL() << "the directory hung after queries outlived their callers";
  }
  worker.join();
}

TEST(PostgresDirectory, ARestartBetweenQueriesIsInvisibleToCallers) {
  testing::PostgresServer server;
  auto directory = make_postgres_directory(server.url(), 1);
  run_task(directory->schema_load());
  ASSERT_EQ(run_task(directory->create(make_account("andrew"))), CreateStatus::created);

  server.stop();
  server.start();
  // The one pooled connection died with the old server; the query is retried on a fresh one.
  EXPECT_TRUE(run_task(directory->find_by_handle("andrew")));
  EXPECT_EQ(run_task(directory->create(make_account("bayko"))), CreateStatus::created);
}

TEST(PostgresDirectory, AWaitingQueryDoesNotBlockTheCallersIoThread) {
  testing::PostgresServer server;
  auto directory = make_postgres_directory(server.url(), 1);
  run_task(directory->schema_load());
  server.pause();  // a query now waits until resume()

  boost::asio::io_context io;  // one io thread: this one
  const auto io_thread = std::this_thread::get_id();
  bool timer_fired_while_query_waited = false;
  bool query_done = false;
  bool resumed_on_io_thread = false;
  boost::asio::co_spawn(
      io,
      [&]() -> boost::asio::awaitable<void> {
        auto found = co_await directory->find_by_handle("andrew");
        resumed_on_io_thread = std::this_thread::get_id() == io_thread;
        query_done = !found;
      },
      boost::asio::detached);
  boost::asio::co_spawn(
      io,
      [&]() -> boost::asio::awaitable<void> {
        boost::asio::steady_timer timer(io, std::chrono::milliseconds(50));
        co_await timer.async_wait(boost::asio::use_awaitable);
        timer_fired_while_query_waited = !query_done;
        server.resume();
      },
      boost::asio::detached);
  io.run();
  EXPECT_TRUE(timer_fired_while_query_waited);
  EXPECT_TRUE(query_done);
  EXPECT_TRUE(resumed_on_io_thread);
}

}  // namespace
}  // namespace cruddur::users::postgres
