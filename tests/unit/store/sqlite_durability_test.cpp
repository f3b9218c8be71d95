// The SQLite engine keeps what it acknowledged: across closing and reopening the file, and when the writing
// process is killed mid-stream. And it applies the durability option it was given.

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <set>

#include "store/sqlite/sqlite_table.hpp"
#include "support/run_task.hpp"
#include "support/temp_dir.hpp"

namespace cruddur::store {
namespace {

using testing::run_task;

const TableSchema messages{"messages", KeySchema{"pk", "sk"}, {IndexSchema{"by_owner", KeySchema{"owner", "sk"}}}};

Item message(int i) {
  return {{"pk", AttributeValue::S("group")},
          {"sk", AttributeValue::S("m" + std::to_string(1'000'000 + i))},
          {"owner", AttributeValue::S("ann")},
          {"i", AttributeValue::N(i)}};
}

QueryRequest by_owner() {
  QueryRequest r;
  r.table = "messages";
  r.index = "by_owner";
  r.hash_value = "ann";
  return r;
}

TEST(SqliteDurability, TablesSchemasAndItemsSurviveReopening) {
  testing::TempDir dir;
  std::string path = dir.str() + "/store.db";
  const TableSchema users{"users", KeySchema{"id", std::nullopt}, {}};
  {
    SqliteTable table(path);
    run_task(table.create_table(messages, {}));
    run_task(table.create_table(users, {}));
    run_task(table.create_table(TableSchema{"scratch", KeySchema{"id", std::nullopt}, {}}, {}));
    run_task(table.delete_table("scratch"));
    for (int i = 0; i < 3; ++i) run_task(table.put(PutRequest{"messages", message(i), {}}));
    run_task(table.put(PutRequest{"users", {{"id", AttributeValue::S("u1")}}, {}}));
  }
  SqliteTable reopened(path);
  EXPECT_EQ(run_task(reopened.list_tables()), (std::vector<std::string>{"messages", "users"}));
  EXPECT_EQ(run_task(reopened.describe_table("messages")), messages);
  EXPECT_EQ(run_task(reopened.describe_table("users")), users);
  EXPECT_EQ(run_task(reopened.get(GetRequest{"messages", {{"pk", AttributeValue::S("group")},
                                                          {"sk", AttributeValue::S("m1000001")}}})),
            message(1));
  EXPECT_EQ(run_task(reopened.query(by_owner())).items.size(), 3u);
  EXPECT_TRUE(run_task(reopened.get(GetRequest{"users", {{"id", AttributeValue::S("u1")}}})));
}

// Reads the acknowledgements (item numbers) the child writes after each put returns, until `enough` arrived;
// then kills the child and collects whatever acknowledgements were already in the pipe.
std::set<int> acknowledged_until_killed(pid_t child, int read_end, std::size_t enough) {
  std::set<int> acknowledged;
  int i = 0;
  bool killed = false;
  while (read(read_end, &i, sizeof i) == static_cast<ssize_t>(sizeof i)) {
    acknowledged.insert(i);
    if (!killed && acknowledged.size() >= enough) {
      kill(child, SIGKILL);
      killed = true;
    }
  }
  if (!killed) kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "the child died some other way";
  return acknowledged;
}

TEST(SqliteDurability, EveryAcknowledgedWriteSurvivesAKilledProcess) {
  testing::TempDir dir;
  std::string path = dir.str() + "/killed.db";
  {
    SqliteTable table(path);
    run_task(table.create_table(messages, {}));
  }
  int pipe_ends[2];
  ASSERT_EQ(pipe(pipe_ends), 0);
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {  // the writer: acknowledges each write once put returned
    close(pipe_ends[0]);
    try {
      SqliteTable table(path);
      for (int i = 0; i < 1'000'000; ++i) {
        auto status = run_task(table.put(PutRequest{"messages", message(i), {{Comparison::not_exists("pk")}}}));
        if (status != WriteStatus::ok || write(pipe_ends[1], &i, sizeof i) != sizeof i) _exit(3);
      }
    } catch (...) {
      _exit(2);
    }
    _exit(0);
  }
  close(pipe_ends[1]);
  std::set<int> acknowledged = acknowledged_until_killed(child, pipe_ends[0], 300);
  close(pipe_ends[0]);
  ASSERT_GE(acknowledged.size(), 300u);

  SqliteTable reopened(path);
  for (int i : acknowledged) {
    auto key = Item{{"pk", AttributeValue::S("group")}, {"sk", message(i).at("sk")}};
    ASSERT_EQ(run_task(reopened.get(GetRequest{"messages", key})), message(i)) << "acknowledged item " << i;
  }
  // The index was written in the same transactions: it holds every acknowledged item too.
  EXPECT_GE(run_task(reopened.query(by_owner())).items.size(), acknowledged.size());
  // And the file takes writes again after recovery.
  EXPECT_EQ(run_task(reopened.put(PutRequest{"messages", message(-1), {}})), WriteStatus::ok);
}

TEST(SqliteDurability, DurabilityOptionSetsSynchronousAndTheFileIsInWalMode) {
  testing::TempDir dir;
  SqliteTable normal(dir.str() + "/normal.db", SqliteOptions{SqliteOptions::Durability::normal});
  EXPECT_EQ(normal.pragma("synchronous"), "1");  // NORMAL
  EXPECT_EQ(normal.pragma("journal_mode"), "wal");
  SqliteTable full(dir.str() + "/full.db", SqliteOptions{SqliteOptions::Durability::full});
  EXPECT_EQ(full.pragma("synchronous"), "2");  // FULL
  EXPECT_EQ(full.pragma("journal_mode"), "wal");
}

TEST(SqliteDurability, AnUnopenableFileIsUnavailable) {
  testing::TempDir dir;
  try {
    SqliteTable table(dir.str() + "/no/such/dir/store.db");
    ADD_FAILURE() << "opened a file in a missing directory";
  } catch (const StoreError& error) {
    EXPECT_EQ(error.kind(), StoreError::Kind::unavailable) << error.what();
  }
}

}  // namespace
}  // namespace cruddur::store
