// Versioned migrations of the SQLite user directory.

#include <sqlite3.h>

#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "core/uuid.hpp"
#include "support/run_task.hpp"
#include "support/temp_dir.hpp"
#include "users/sqlite/sqlite_connection.hpp"
#include "users/sqlite/sqlite_directory.hpp"
#include "users/sqlite/user_migrations.hpp"

namespace cruddur::users::sqlite {
namespace {

using testing::run_task;

struct MigrationRow {
  std::int64_t version;
  std::string applied_at;
};

std::vector<MigrationRow> recorded_migrations(const std::string& path) {
  Connection connection(path);
  auto query = connection.prepare("SELECT version, applied_at FROM schema_migrations ORDER BY version");
  std::vector<MigrationRow> rows;
  while (query.step()) rows.push_back({query.integer(0), query.text(1)});
  return rows;
}

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

TEST(SqliteDirectorySchema, MigrationsAreAppliedInOrderAndOnlyThePendingOnes) {
  testing::TempDir dir;
  const std::string path = dir.str() + "/m.sqlite3";
  Connection connection(path);
  std::vector<Migration> v1 = {{1, "CREATE TABLE t (a TEXT)"}};
  apply_migrations(connection, v1, "2026-11-26T12:00:00.000000+00:00");

  // A later program adds versions 2 and 3; 3 relies on 2, so they must run in order, and 1 must not rerun
  // (rerunning it would fail: the table exists).
  std::vector<Migration> v3 = {{1, "CREATE TABLE t (a TEXT)"},
                               {2, "ALTER TABLE t ADD COLUMN b TEXT"},
                               {3, "INSERT INTO t (a, b) VALUES ('x', 'y')"}};
  apply_migrations(connection, v3, "2026-11-27T12:00:00.000000+00:00");
  apply_migrations(connection, v3, "2026-11-28T12:00:00.000000+00:00");

  auto rows = recorded_migrations(path);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].applied_at, "2026-11-26T12:00:00.000000+00:00");
  EXPECT_EQ(rows[1].applied_at, "2026-11-27T12:00:00.000000+00:00");
  EXPECT_EQ(rows[2].applied_at, "2026-11-27T12:00:00.000000+00:00");
  auto count = connection.prepare("SELECT COUNT(*) FROM t WHERE b = 'y'");
  ASSERT_TRUE(count.step());
  EXPECT_EQ(count.integer(0), 1);
}

TEST(SqliteDirectorySchema, AFailingMigrationLeavesNoTraceAndStopsTheRest) {
  testing::TempDir dir;
  const std::string path = dir.str() + "/m.sqlite3";
  Connection connection(path);
  std::vector<Migration> broken = {{1, "CREATE TABLE t (a TEXT)"},
                                   {2, "CREATE TABLE u (a TEXT); INSERT INTO nowhere VALUES (1)"},
                                   {3, "CREATE TABLE v (a TEXT)"}};
  EXPECT_THROW(apply_migrations(connection, broken, "2026-11-26T12:00:00.000000+00:00"), SqliteError);
  auto rows = recorded_migrations(path);
  ASSERT_EQ(rows.size(), 1u);
  auto tables = connection.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('u', 'v')");
  EXPECT_FALSE(tables.step());
}

TEST(SqliteDirectorySchema, ADatabaseFromANewerProgramIsRefused) {
  testing::TempDir dir;
  const std::string path = dir.str() + "/m.sqlite3";
  Connection connection(path);
  std::vector<Migration> two = {{1, "CREATE TABLE t (a TEXT)"}, {2, "CREATE TABLE u (a TEXT)"}};
  apply_migrations(connection, two, "2026-11-26T12:00:00.000000+00:00");
  std::vector<Migration> one = {{1, "CREATE TABLE t (a TEXT)"}};
  EXPECT_THROW(apply_migrations(connection, one, "2026-11-26T12:00:00.000000+00:00"), std::runtime_error);
}

TEST(SqliteDirectorySchema, DatabaseIsInWalMode) {
  testing::TempDir dir;
  const std::string path = dir.str() + "/users.sqlite3";
  SqliteDirectory directory(path);
  run_task(directory.schema_load());
  Connection connection(path);
  auto mode = connection.prepare("PRAGMA journal_mode");
  ASSERT_TRUE(mode.step());
  EXPECT_EQ(mode.text(0), "wal");
}

}  // namespace
}  // namespace cruddur::users::sqlite
