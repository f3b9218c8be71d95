// What a page of an index query costs on the DynamoDB engine when many items share one index key (issue 15):
// ties are ordered by table key, so a tie group is read whole; the engine bounds that read at
// kMaxTieGroupItems and refuses a bigger group instead of reading an unbounded partition for every page.
// Against a real dynalite.

#include <gtest/gtest.h>

#include <cstdio>

#include "engine_servers.hpp"
#include "store/dynamodb/dynamo_table.hpp"
#include "store/dynamodb/index_order.hpp"
#include "store/store_error.hpp"
#include "support/run_task.hpp"

namespace cruddur::store::dynamodb {
namespace {

using cruddur::testing::run_task;
using testing::Dynalite;

auto S = AttributeValue::S;

aws::AwsConfig config_for(const std::string& endpoint) {
  aws::AwsConfig c;
  c.endpoint = endpoint;
  c.credentials = {"test", "test", std::nullopt};
  c.table_wait_timeout = std::chrono::seconds(10);
  return c;
}

class IndexTieGroups : public ::testing::Test {
 protected:
  void SetUp() override {
    run_task(table.create_table(TableSchema{"items", KeySchema{"pk", "sk"},
                                            {IndexSchema{"by_tag", KeySchema{"tag", std::nullopt}},
                                             IndexSchema{"by_owner", KeySchema{"owner", "ts"}}}},
                                Provisioning{}));
  }
  // `count` items with tag `tag` and owner "ann" at one time "t", keys scrambled (pk descending).
  void put_group(const std::string& tag, std::size_t count) {
    BatchWriteRequest batch{"items", {}, {}};
    for (std::size_t i = 0; i < count; ++i) {
      char pk[16];
      std::snprintf(pk, sizeof pk, "p%05zu", count - i);
      batch.puts.push_back({{"pk", S(pk)}, {"sk", S("s")}, {"tag", S(tag)}, {"owner", S(tag)}, {"ts", S("t")}});
    }
    run_task(table.batch_write(std::move(batch)));
  }
  QueryRequest first_page(std::string index, std::string hash) {
    QueryRequest r;
    r.table = "items";
    r.index = std::move(index);
    r.hash_value = std::move(hash);
    r.limit = 1;
    return r;
  }
  std::uint64_t queries() const {
    auto counts = table.request_counts();
    return counts.count("Query") ? counts.at("Query") : 0;
  }

  Dynalite dynalite;
  DynamoTable table{config_for(dynalite.endpoint())};
};

TEST_F(IndexTieGroups, AGroupWithinTheBoundIsOrderedByTableKeyInOneRequest) {
  put_group("red", 50);
  const auto before = queries();
  Page page = run_task(table.query(first_page("by_tag", "red")));
  ASSERT_EQ(page.items.size(), 1u);
  EXPECT_EQ(page.items[0].at("pk"), S("p00001"));  // the smallest table key, though written last
  EXPECT_TRUE(page.last_evaluated_key);
  EXPECT_EQ(queries() - before, 1u);
}

TEST_F(IndexTieGroups, AnIndexWithoutARangeKeyRefusesAPartitionOverTheBound) {
  put_group("red", kMaxTieGroupItems + 1);
  const auto before = queries();
  try {
    run_task(table.query(first_page("by_tag", "red")));
    ADD_FAILURE() << "a page of one item read a partition of " << kMaxTieGroupItems + 1 << " items";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), StoreError::Kind::validation) << e.what();
  }
  // Bounded: DynamoDB was asked for at most kMaxTieGroupItems + 1 items (Limit), in one request here.
  EXPECT_EQ(queries() - before, 1u);

  put_group("blue", kMaxTieGroupItems);  // exactly the bound: still served
  Page page = run_task(table.query(first_page("by_tag", "blue")));
  ASSERT_EQ(page.items.size(), 1u);
  EXPECT_EQ(page.items[0].at("pk"), S("p00001"));
}

TEST_F(IndexTieGroups, ARangedIndexRefusesATieGroupOverTheBound) {
  put_group("bob", kMaxTieGroupItems + 1);  // owner "bob", all at ts "t"
  try {
    run_task(table.query(first_page("by_owner", "bob")));
    ADD_FAILURE() << "expected StoreError validation";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), StoreError::Kind::validation) << e.what();
  }
}

}  // namespace
}  // namespace cruddur::store::dynamodb
