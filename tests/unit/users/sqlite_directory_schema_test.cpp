// Versioned migrations of the SQLite user directory.

#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "core/uuid.hpp"
#include "support/run_task.hpp"
#include "support/recorded_migrations.hpp"
#include "support/temp_dir.hpp"
#include "sqlite/connection.hpp"
#include "users/sqlite/sqlite_directory.hpp"
#include "users/sqlite/user_migrations.hpp"

namespace cruddur::users::sqlite {
namespace {

using testing::run_task;

using testing::recorded_migrations;

TEST(SqliteDirectorySchema, SchemaLoadRecordsEveryMigrationOnce) {
  testing::TempDir dir;
  const std::string path = dir.str() + "/users.sqlite3";
  SqliteDirectory directory(path);
  run_task(directory.schema_load());
  auto first = recorded_migrations(path);
  ASSERT_EQ(first.size(), user_migrations().size());
  for (size_t i = 0; i < first.size(); ++i) {
    EXPECT_EQ(first[i].version, static_cast<std::int64_t>(i) + 1);
    EXPECT_TRUE(parse_timestamp(first[i].applied_at)) << first[i].applied_at;
  }

  // A second load, and a load by another directory on the same file, change nothing and lose no data.
  Account account{User{uuid::random_v4(), "andrew", "Andrew"}, "andrew@example.com", "", std::nullopt,
                  "2026-11-26T12:00:00.000000+00:00"};
  ASSERT_EQ(run_task(directory.create(account)), CreateStatus::created);
  run_task(directory.schema_load());
  SqliteDirectory other(path);
  run_task(other.schema_load());
  auto again = recorded_migrations(path);
  ASSERT_EQ(again.size(), first.size());
  for (size_t i = 0; i < again.size(); ++i) EXPECT_EQ(again[i].applied_at, first[i].applied_at);
  EXPECT_EQ(run_task(other.find_by_handle("andrew")), account.user);
}

TEST(SqliteDirectorySchema, DatabaseIsInWalMode) {
  testing::TempDir dir;
  const std::string path = dir.str() + "/users.sqlite3";
  SqliteDirectory directory(path);
  run_task(directory.schema_load());
  ::cruddur::sqlite::Connection connection(path, {});
  auto mode = connection.statement("PRAGMA journal_mode");
  ASSERT_TRUE(mode.step());
  EXPECT_EQ(mode.column_text(0), "wal");
}

}  // namespace
}  // namespace cruddur::users::sqlite
