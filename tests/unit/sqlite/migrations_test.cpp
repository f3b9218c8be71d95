// Versioned migrations (sqlite/migrations.hpp) and the shared layer's error questions, on real files.

#include <sqlite3.h>

#include <gtest/gtest.h>

#include "sqlite/connection.hpp"
#include "sqlite/error.hpp"
#include "sqlite/migrations.hpp"
#include "support/recorded_migrations.hpp"
#include "support/temp_dir.hpp"

namespace cruddur::sqlite {
namespace {

using testing::recorded_migrations;

TEST(SqliteMigrations, MigrationsAreAppliedInOrderAndOnlyThePendingOnes) {
  testing::TempDir dir;
  const std::string path = dir.str() + "/m.sqlite3";
  Connection connection(path, {});
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
  auto count = connection.statement("SELECT COUNT(*) FROM t WHERE b = 'y'");
  ASSERT_TRUE(count.step());
  EXPECT_EQ(count.column_int(0), 1);
}

TEST(SqliteMigrations, AFailingMigrationLeavesNoTraceAndStopsTheRest) {
  testing::TempDir dir;
  const std::string path = dir.str() + "/m.sqlite3";
  Connection connection(path, {});
  std::vector<Migration> broken = {{1, "CREATE TABLE t (a TEXT)"},
                                   {2, "CREATE TABLE u (a TEXT); INSERT INTO nowhere VALUES (1)"},
                                   {3, "CREATE TABLE v (a TEXT)"}};
  EXPECT_THROW(apply_migrations(connection, broken, "2026-11-26T12:00:00.000000+00:00"), Error);
  auto rows = recorded_migrations(path);
  ASSERT_EQ(rows.size(), 1u);
  auto tables = connection.statement("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('u', 'v')");
  EXPECT_FALSE(tables.step());
}

TEST(SqliteMigrations, ADatabaseFromANewerProgramIsRefused) {
  testing::TempDir dir;
  const std::string path = dir.str() + "/m.sqlite3";
  Connection connection(path, {});
  std::vector<Migration> two = {{1, "CREATE TABLE t (a TEXT)"}, {2, "CREATE TABLE u (a TEXT)"}};
  apply_migrations(connection, two, "2026-11-26T12:00:00.000000+00:00");
  std::vector<Migration> one = {{1, "CREATE TABLE t (a TEXT)"}};
  EXPECT_THROW(apply_migrations(connection, one, "2026-11-26T12:00:00.000000+00:00"), std::runtime_error);
}

TEST(SqliteErrors, ALockHeldPastTheBusyTimeoutIsUnavailableAndAUniqueViolationNamesItsColumn) {
  testing::TempDir dir;
  const std::string path = dir.str() + "/e.sqlite3";
  ConnectionOptions impatient;
  impatient.busy_timeout = std::chrono::milliseconds(50);
  Connection holder(path, impatient);
  holder.execute("CREATE TABLE t (a TEXT UNIQUE, b TEXT)");
  Connection other(path, impatient);

  holder.execute("BEGIN IMMEDIATE");
  try {
    WriteTransaction transaction(other);
    ADD_FAILURE() << "a second writer got the lock";
  } catch (const Error& error) {
    EXPECT_EQ(error.primary_code(), SQLITE_BUSY) << error.what();
    EXPECT_TRUE(error.unavailable());
    EXPECT_FALSE(error.missing_table());
  }
  holder.execute("ROLLBACK");

  other.statement("INSERT INTO t (a, b) VALUES (?, ?)").bind_text(1, "x").bind_text(2, "y").run();
  try {
    other.statement("INSERT INTO t (a, b) VALUES (?, ?)").bind_text(1, "x").bind_text(2, "z").run();
    ADD_FAILURE() << "a duplicate was inserted";
  } catch (const Error& error) {
    EXPECT_TRUE(error.unique_violation("t.a")) << error.what();
    EXPECT_FALSE(error.unique_violation("t.b"));
    EXPECT_FALSE(error.unavailable());
  }
  try {
    other.statement("SELECT * FROM gone");
    ADD_FAILURE() << "a statement on a missing table was prepared";
  } catch (const Error& error) {
    EXPECT_TRUE(error.missing_table()) << error.what();
  }
}

TEST(SqliteStatements, BytesAreBlobsComparedByByteAndTextIsTextAndNull) {
  testing::TempDir dir;
  Connection connection(dir.str() + "/s.sqlite3", {});
  connection.execute("CREATE TABLE k (key BLOB PRIMARY KEY, label TEXT)");
  // Upper-case sorts before lower-case by bytes; a NUL inside a key is kept.
  for (std::string key : {std::string("b"), std::string("B"), std::string("a\0z", 3)}) {
    connection.statement("INSERT INTO k (key, label) VALUES (?, ?)")
        .bind(1, key)
        .bind_optional_text(2, std::nullopt)
        .run();
  }
  auto ordered = connection.statement("SELECT key, label, typeof(key) FROM k ORDER BY key");
  std::vector<std::string> keys;
  while (ordered.step()) {
    keys.emplace_back(ordered.column_bytes(0));
    EXPECT_EQ(ordered.column_optional_text(1), std::nullopt);
    EXPECT_EQ(ordered.column_text(2), "blob");
  }
  EXPECT_EQ(keys, (std::vector<std::string>{"B", std::string("a\0z", 3), "b"}));
}

}  // namespace
}  // namespace cruddur::sqlite
