// Malformed requests are StoreError{validation} and change nothing.

#include "conformance/table_fixture.hpp"

namespace cruddur::conformance {
namespace {

class Validation : public TableTest {
 protected:
  void SetUp() override {
    TableTest::SetUp();
    table = create_pk_sk_table({IndexSchema{"by_owner", KeySchema{"owner", "ts"}}});
    ASSERT_EQ(put(table, stored), WriteStatus::ok);
  }

  QueryRequest query_of(std::string hash) {
    QueryRequest r;
    r.table = table;
    r.hash_value = std::move(hash);
    return r;
  }

  void expect_unchanged() {
    EXPECT_EQ(get(table, {{"pk", S("a")}, {"sk", S("1")}}), stored);
    EXPECT_EQ(scan_all(table, std::nullopt).size(), 1u);
  }

  std::string table;
  Item stored{{"pk", S("a")}, {"sk", S("1")}, {"owner", S("ann")}, {"ts", S("t1")}};
};

// Keys that are not exactly (pk, sk) as non-empty strings.
std::vector<Item> bad_keys() {
  return {
      {{"pk", S("a")}},                                    // missing range key
      {{"sk", S("1")}},                                    // missing hash key
      {{"pk", N(1)}, {"sk", S("1")}},                      // hash key not a string
      {{"pk", S("a")}, {"sk", N(1)}},                      // range key not a string
      {{"pk", S("")}, {"sk", S("1")}},                     // empty hash key
      {{"pk", S("a")}, {"sk", S("")}},                     // empty range key
      {{"pk", S("a")}, {"sk", S("1")}, {"extra", S("x")}}  // not only key attributes
  };
}

TEST_F(Validation, MalformedKeys) {
  for (const Item& key : bad_keys()) {
    SCOPED_TRACE(::testing::PrintToString(key));
    EXPECT_STORE_ERROR(validation, get(table, key));
    EXPECT_STORE_ERROR(validation, update(table, key, {{"v", N(1)}}));
    EXPECT_STORE_ERROR(validation, remove(table, key));
    EXPECT_STORE_ERROR(validation, batch_write(table, {}, {key}));
  }
  expect_unchanged();
}

TEST_F(Validation, PutOfAnItemWithoutValidKeyAttributes) {
  std::vector<Item> bad_items{
      {{"pk", S("b")}, {"v", S("x")}},
      {{"sk", S("2")}, {"v", S("x")}},
      {{"pk", N(2)}, {"sk", S("2")}},
      {{"pk", S("b")}, {"sk", S("")}},
  };
  for (const Item& item : bad_items) {
    SCOPED_TRACE(::testing::PrintToString(item));
    EXPECT_STORE_ERROR(validation, put(table, item));
    EXPECT_STORE_ERROR(validation, batch_write(table, {item}));
  }
  expect_unchanged();
}

TEST_F(Validation, UpdateMayNotTouchKeyAttributes) {
  Item key{{"pk", S("a")}, {"sk", S("1")}};
  EXPECT_STORE_ERROR(validation, update(table, key, {{"pk", S("b")}}));
  EXPECT_STORE_ERROR(validation, update(table, key, {{"sk", S("2")}}));
  EXPECT_STORE_ERROR(validation, update(table, key, {}, {"pk"}));
  EXPECT_STORE_ERROR(validation, update(table, key, {}, {"sk"}));
  expect_unchanged();
}

TEST_F(Validation, QueryAndScanLimitsBelowOne) {
  for (int limit : {0, -1}) {
    QueryRequest r = query_of("a");
    r.limit = limit;
    EXPECT_STORE_ERROR(validation, query(r));
    EXPECT_STORE_ERROR(validation, run(engine().scan(store::ScanRequest{table, limit, std::nullopt})));
  }
}

TEST_F(Validation, QueryOnAnUnknownIndex) {
  QueryRequest r = query_of("ann");
  r.index = "no_such_index";
  EXPECT_STORE_ERROR(validation, query(r));
}

TEST_F(Validation, MalformedExclusiveStartKeys) {
  QueryRequest r = query_of("a");
  for (const Item& key : bad_keys()) {
    SCOPED_TRACE(::testing::PrintToString(key));
    r.exclusive_start_key = key;
    EXPECT_STORE_ERROR(validation, query(r));
    EXPECT_STORE_ERROR(validation, run(engine().scan(store::ScanRequest{table, 10, key})));
  }
  QueryRequest on_index = query_of("ann");
  on_index.index = "by_owner";
  on_index.exclusive_start_key = Item{{"pk", S("a")}, {"sk", S("1")}};  // lacks the index keys
  EXPECT_STORE_ERROR(validation, query(on_index));
  on_index.exclusive_start_key = Item{{"owner", S("ann")}, {"ts", S("t1")}};  // lacks the table keys
  EXPECT_STORE_ERROR(validation, query(on_index));
}

}  // namespace
}  // namespace cruddur::conformance
