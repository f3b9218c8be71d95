// SqliteTable::put_then is one transaction: a follow-up that throws leaves nothing of the call written
// (the DynamoDB engine only promises that every write can be redone; see store/table.hpp), and the whole
// call is one write job of the group-commit writer.

#include <gtest/gtest.h>

#include "store/sqlite/sqlite_table.hpp"
#include "store/store_error.hpp"
#include "support/run_task.hpp"
#include "support/temp_dir.hpp"

namespace cruddur::store {
namespace {

using testing::run_task;

const std::string kTable = "put-then";

class SqlitePutThen : public ::testing::Test {
 protected:
  SqlitePutThen() : table_(dir_.str() + "/data.sqlite3") {
    TableSchema schema{kTable, KeySchema{"pk", "sk"}, {}};
    run_task(table_.create_table(std::move(schema), Provisioning{}));
  }
  static Item item(const std::string& pk) { return {{"pk", AttributeValue::S(pk)}, {"sk", AttributeValue::S("s")}}; }
  bool exists(const std::string& pk) {
    GetRequest get{kTable, item(pk)};
    return run_task(table_.get(std::move(get))).has_value();
  }

  testing::TempDir dir_;
  SqliteTable table_;
};

TEST_F(SqlitePutThen, AFollowUpThatThrowsLeavesNothingOfTheCallWritten) {
  std::vector<FollowUpWrite> then;
  then.emplace_back(PutRequest{kTable, item("b"), {}});
  then.emplace_back(PutRequest{kTable, Item{{"pk", AttributeValue::S("c")}}, {}});  // no range key: invalid
  PutRequest first{kTable, item("a"), {}};
  EXPECT_THROW(run_task(table_.put_then(std::move(first), std::move(then))), StoreError);
  EXPECT_FALSE(exists("a"));
  EXPECT_FALSE(exists("b"));
}

TEST_F(SqlitePutThen, TheWholeCallIsOneWriteJob) {
  auto before = table_.write_stats();
  std::vector<FollowUpWrite> then;
  then.emplace_back(PutRequest{kTable, item("b"), {}});
  UpdateRequest update{kTable, item("c")};
  update.set = {{"v", AttributeValue::S("1")}};
  then.emplace_back(std::move(update));
  PutRequest first{kTable, item("a"), {}};
  auto result = run_task(table_.put_then(std::move(first), std::move(then)));
  EXPECT_EQ(result.first, WriteStatus::ok);
  EXPECT_EQ(result.then, (std::vector<WriteStatus>{WriteStatus::ok, WriteStatus::ok}));
  auto after = table_.write_stats();
  EXPECT_EQ(after.writes - before.writes, 1u);
  EXPECT_EQ(after.transactions - before.transactions, 1u);
  EXPECT_TRUE(exists("a") && exists("b") && exists("c"));
}

}  // namespace
}  // namespace cruddur::store
