// SqliteTable::put_then is one transaction: a follow-up that throws leaves nothing of the call written
// (the DynamoDB engine only promises that every write can be redone; see store/table.hpp), and the whole
// call is one write job of the group-commit writer. Follow-up updates of one item are folded into one read
// and one write (engine_writes.cpp): each must still see the ones before it, and the item's index entry must
// end where its last value puts it.

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
    TableSchema schema{kTable, KeySchema{"pk", "sk"}, {IndexSchema{"by-owner", KeySchema{"owner", "rank"}}}};
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

UpdateRequest set_rank_if_higher(const std::string& pk, const std::string& rank) {
  UpdateRequest update{kTable, {{"pk", AttributeValue::S(pk)}, {"sk", AttributeValue::S("s")}}};
  update.set = {{"owner", AttributeValue::S("o")}, {"rank", AttributeValue::S(rank)}};
  update.condition = {
      {Comparison::not_exists("rank"), Comparison::compare("rank", Comparison::Op::lt, AttributeValue::S(rank))}};
  return update;
}

TEST_F(SqlitePutThen, UpdatesOfOneItemSeeEachOtherAndMoveItsIndexEntryOnce) {
  ASSERT_EQ(run_task(table_.put(PutRequest{kTable, item("r"), {}})), WriteStatus::ok);
  std::vector<FollowUpWrite> then;
  then.emplace_back(set_rank_if_higher("r", "2"));
  then.emplace_back(set_rank_if_higher("r", "1"));  // fails: sees rank 2
  UpdateRequest mark{kTable, item("r")};
  mark.set = {{"marker", AttributeValue::S("m")}};
  mark.condition = {{Comparison::compare("rank", Comparison::Op::eq, AttributeValue::S("2"))}};
  then.emplace_back(std::move(mark));               // ok: sees rank 2
  then.emplace_back(set_rank_if_higher("r", "3"));  // ok
  then.emplace_back(
      PutRequest{kTable,
                 item("r"),
                 {{Comparison::compare("marker", Comparison::Op::eq, AttributeValue::S("m"))}}});  // sees it all
  then.emplace_back(set_rank_if_higher("r", "4"));  // after the put, which removed the rank
  PutRequest first{kTable, item("a"), {}};
  auto result = run_task(table_.put_then(std::move(first), std::move(then)));
  EXPECT_EQ(result.then, (std::vector<WriteStatus>{WriteStatus::ok, WriteStatus::condition_failed, WriteStatus::ok,
                                                   WriteStatus::ok, WriteStatus::ok, WriteStatus::ok}));
  GetRequest get{kTable, item("r")};
  auto stored = run_task(table_.get(std::move(get)));
  ASSERT_TRUE(stored);
  EXPECT_EQ(get_string(*stored, "rank"), "4");
  EXPECT_EQ(get_string(*stored, "marker"), std::nullopt);  // the put replaced the item
  QueryRequest by_owner;
  by_owner.table = kTable;
  by_owner.index = "by-owner";
  by_owner.hash_value = "o";
  auto page = run_task(table_.query(std::move(by_owner)));
  ASSERT_EQ(page.items.size(), 1u);  // one entry, at its last rank
  EXPECT_EQ(get_string(page.items[0], "rank"), "4");
}

}  // namespace
}  // namespace cruddur::store
