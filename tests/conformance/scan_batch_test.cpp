// Scan with paging, and batch_write of more items than one DynamoDB batch (25) holds.

#include <algorithm>
#include <set>

#include "conformance/table_fixture.hpp"

namespace cruddur::conformance {
namespace {

using Strings = std::vector<std::string>;

class ScanAndBatch : public TableTest {
 protected:
  void SetUp() override {
    TableTest::SetUp();
    table = create_pk_sk_table();
  }

  static Item numbered(int i) {
    return {{"pk", S("p" + std::to_string(i % 7))}, {"sk", S("s" + std::to_string(i))}, {"i", N(i)}};
  }
  static Item key_of(const Item& item) { return {{"pk", item.at("pk")}, {"sk", item.at("sk")}}; }

  // The "i" attribute of every item, sorted: what a scan saw, independent of scan order.
  static std::vector<long long> numbers(const std::vector<Item>& items) {
    std::vector<long long> result;
    for (const auto& item : items) result.push_back(std::stoll(item.at("i").text));
    std::sort(result.begin(), result.end());
    return result;
  }

  static std::vector<long long> range(int from, int to, int step = 1) {
    std::vector<long long> result;
    for (int i = from; i < to; i += step) result.push_back(i);
    return result;
  }

  std::string table;
};

TEST_F(ScanAndBatch, ScanOfAnEmptyTable) {
  Page page = run(engine().scan(store::ScanRequest{table, 10, std::nullopt}));
  EXPECT_TRUE(page.items.empty());
  EXPECT_FALSE(page.last_evaluated_key);
}

TEST_F(ScanAndBatch, BatchWriteOfManyPutsThenScanPagesSeeEveryItemOnce) {
  std::vector<Item> puts;
  for (int i = 0; i < 60; ++i) puts.push_back(numbered(i));
  batch_write(table, puts);
  for (int i : {0, 17, 59}) EXPECT_EQ(get(table, key_of(puts[i])), puts[i]);

  for (std::optional<int> page_size : {std::optional<int>{}, std::optional<int>{1}, std::optional<int>{7},
                                       std::optional<int>{60}, std::optional<int>{61}}) {
    SCOPED_TRACE("page size " + (page_size ? std::to_string(*page_size) : std::string("none")));
    EXPECT_EQ(numbers(scan_all(table, page_size)), range(0, 60));
  }
}

TEST_F(ScanAndBatch, ScanLimitStopsWithTheKeyOfTheLastItem) {
  batch_write(table, {numbered(1), numbered(2), numbered(3)});
  Page page = run(engine().scan(store::ScanRequest{table, 2, std::nullopt}));
  ASSERT_EQ(page.items.size(), 2u);
  ASSERT_TRUE(page.last_evaluated_key);
  EXPECT_EQ(*page.last_evaluated_key, key_of(page.items.back()));
}

TEST_F(ScanAndBatch, BatchWriteMixesPutsAndDeletesAndReplacesExistingItems) {
  std::vector<Item> first;
  for (int i = 0; i < 40; ++i) first.push_back(numbered(i));
  batch_write(table, first);

  std::vector<Item> puts;
  for (int i = 40; i < 70; ++i) puts.push_back(numbered(i));
  Item replaced = numbered(5);
  replaced["note"] = S("replaced");
  puts.push_back(replaced);
  std::vector<Item> deletes;
  for (int i = 10; i < 40; ++i) deletes.push_back(key_of(first[i]));
  deletes.push_back({{"pk", S("never")}, {"sk", S("stored")}});  // deleting a missing item is fine
  batch_write(table, puts, deletes);

  std::vector<long long> expected = range(0, 10);
  for (long long i : range(40, 70)) expected.push_back(i);
  EXPECT_EQ(numbers(scan_all(table, 13)), expected);
  EXPECT_EQ(get(table, key_of(replaced)), replaced);
  EXPECT_FALSE(get(table, key_of(first[10])));
}

TEST_F(ScanAndBatch, EmptyBatchWriteDoesNothing) {
  batch_write(table, {}, {});
  EXPECT_TRUE(scan_all(table, std::nullopt).empty());
}

TEST_F(ScanAndBatch, BatchWriteNamingAKeyTwiceIsInvalidAndWritesNothing) {
  EXPECT_STORE_ERROR(validation, batch_write(table, {numbered(1), numbered(1)}));
  EXPECT_STORE_ERROR(validation, batch_write(table, {numbered(2)}, {key_of(numbered(2))}));
  EXPECT_TRUE(scan_all(table, std::nullopt).empty());
}

}  // namespace
}  // namespace cruddur::conformance
