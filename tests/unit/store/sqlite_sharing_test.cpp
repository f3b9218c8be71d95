// Several SqliteTable objects on one file (as a server and a CLI command in two processes would be): each
// sees the other's schema changes and writes, and concurrent writers wait for each other instead of failing.
// Also SQLite-specific paging behaviour.

#include <gtest/gtest.h>

#include <thread>

#include "store/sqlite/sqlite_table.hpp"
#include "support/run_task.hpp"
#include "support/temp_dir.hpp"

namespace cruddur::store {
namespace {

using testing::run_task;

const TableSchema schema{"shared", KeySchema{"pk", "sk"}, {}};

Item item(std::string pk, std::string sk) { return {{"pk", AttributeValue::S(pk)}, {"sk", AttributeValue::S(sk)}}; }

StoreError::Kind error_kind_of_get(SqliteTable& table, const Item& key) {
  try {
    run_task(table.get(GetRequest{"shared", key}));
  } catch (const StoreError& error) {
    return error.kind();
  }
  ADD_FAILURE() << "get succeeded";
  return StoreError::Kind::internal;
}

TEST(SqliteSharing, SchemaChangesOfAnotherHandleAreSeen) {
  testing::TempDir dir;
  SqliteTable a(dir.str() + "/shared.db");
  SqliteTable b(dir.str() + "/shared.db");

  run_task(a.create_table(schema, {}));
  ASSERT_EQ(run_task(b.put(PutRequest{"shared", item("p", "1"), {}})), WriteStatus::ok);
  EXPECT_TRUE(run_task(a.get(GetRequest{"shared", item("p", "1")})));

  run_task(a.delete_table("shared"));
  EXPECT_EQ(error_kind_of_get(b, item("p", "1")), StoreError::Kind::resource_not_found)
      << "b's cached schema points at a dropped table";

  run_task(a.create_table(schema, {}));
  ASSERT_EQ(run_task(b.put(PutRequest{"shared", item("p", "2"), {}})), WriteStatus::ok)
      << "b notices the new table of the same name";
  EXPECT_FALSE(run_task(a.get(GetRequest{"shared", item("p", "1")}))) << "the recreated table started empty";
  EXPECT_TRUE(run_task(a.get(GetRequest{"shared", item("p", "2")})));
  EXPECT_EQ(run_task(b.list_tables()), std::vector<std::string>{"shared"});

  // b has the current table cached; a replaces it behind b's back.
  run_task(a.delete_table("shared"));
  run_task(a.create_table(schema, {}));
  EXPECT_EQ(run_task(b.put(PutRequest{"shared", item("p", "3"), {}})), WriteStatus::ok)
      << "b retries on the table that replaced the one it had cached";
  EXPECT_TRUE(run_task(a.get(GetRequest{"shared", item("p", "3")})));
  EXPECT_FALSE(run_task(a.get(GetRequest{"shared", item("p", "2")})));
}

TEST(SqliteSharing, WritersOnTwoHandlesWaitForEachOther) {
  testing::TempDir dir;
  SqliteTable a(dir.str() + "/shared.db");
  SqliteTable b(dir.str() + "/shared.db");
  run_task(a.create_table(schema, {}));
  constexpr int writes = 300;
  auto writer = [&](SqliteTable& table, std::string pk) {
    for (int i = 0; i < writes; ++i) {
      auto status = run_task(table.put(PutRequest{"shared", item(pk, std::to_string(i)), {{Comparison::not_exists("pk")}}}));
      EXPECT_EQ(status, WriteStatus::ok);
    }
  };
  std::thread first([&] { writer(a, "a"); });
  std::thread second([&] { writer(b, "b"); });
  first.join();
  second.join();
  EXPECT_EQ(run_task(a.scan(ScanRequest{"shared", std::nullopt, std::nullopt})).items.size(), 2u * writes);
}

TEST(SqliteSharing, LastEvaluatedKeyIsSetWheneverTheLimitIsReached) {
  testing::TempDir dir;
  SqliteTable table(dir.str() + "/paging.db");
  run_task(table.create_table(schema, {}));
  run_task(table.batch_write(BatchWriteRequest{"shared", {item("p", "1"), item("p", "2")}, {}}));
  QueryRequest request;
  request.table = "shared";
  request.hash_value = "p";
  request.limit = 2;
  Page page = run_task(table.query(request));
  EXPECT_EQ(page.items.size(), 2u);
  EXPECT_EQ(page.last_evaluated_key, item("p", "2")) << "like DynamoDB, even though nothing follows";
  request.exclusive_start_key = page.last_evaluated_key;
  page = run_task(table.query(request));
  EXPECT_TRUE(page.items.empty());
  EXPECT_FALSE(page.last_evaluated_key);
}

}  // namespace
}  // namespace cruddur::store
