#pragma once
// The fixture every conformance test uses: a fresh engine under test (engine_factory.hpp), tables with
// unique random names that are deleted at the end (so the suite can share a DynamoDB endpoint), and short
// helpers that call the Table interface and nothing else.

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "store/store_error.hpp"
#include "store/table.hpp"
#include "support/run_task.hpp"

namespace cruddur::store {
// Readable values in failure messages: S"text" / N"42".
inline void PrintTo(const AttributeValue& value, std::ostream* out) {
  *out << (value.is_string() ? 'S' : 'N') << '"' << value.text << '"';
}
}  // namespace cruddur::store

namespace cruddur::conformance {

using store::AttributeValue;
using store::Comparison;
using store::Condition;
using store::IndexSchema;
using store::Item;
using store::KeyRange;
using store::KeySchema;
using store::Page;
using store::QueryRequest;
using store::StoreError;
using store::WriteStatus;
using Op = Comparison::Op;

inline AttributeValue S(std::string text) { return AttributeValue::S(std::move(text)); }
inline AttributeValue N(std::string decimal) { return AttributeValue::N(std::move(decimal)); }
inline AttributeValue N(long long n) { return AttributeValue::N(n); }

// The values of `attribute` in `items`, in order ("<missing>" where absent).
std::vector<std::string> values_of(const std::vector<Item>& items, std::string_view attribute);

class TableTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;  // deletes every table this test created

  store::Table& engine() { return *engine_; }

  template <typename T>
  T run(store::Task<T> task) {
    return testing::run_task(std::move(task));
  }

  // A new table named "conformance_<random>_<n>", deleted at the end of the test.
  std::string create_table(KeySchema key, std::vector<IndexSchema> indexes = {});
  // A table keyed (pk, sk).
  std::string create_pk_sk_table(std::vector<IndexSchema> indexes = {});
  // A name no table has (and that this test will not delete).
  std::string unused_table_name();

  std::optional<Item> get(const std::string& table, Item key);
  WriteStatus put(const std::string& table, Item item, Condition condition = {});
  store::UpdateResult update(const std::string& table, Item key, Item set, std::vector<std::string> remove = {},
                             Condition condition = {});
  WriteStatus remove(const std::string& table, Item key, Condition condition = {});
  Page query(QueryRequest request);
  void batch_write(const std::string& table, std::vector<Item> puts, std::vector<Item> deletes = {});

  // Every item of `request`, page by page with limit `page_size`, following last_evaluated_key until it is
  // absent. Checks that no page exceeds the limit and that the paging ends; callers compare the result with
  // the unpaged one to catch skips and repeats.
  std::vector<Item> query_all(QueryRequest request, int page_size);
  // Every item of the table, page by page (nullopt: no limit).
  std::vector<Item> scan_all(const std::string& table, std::optional<int> page_size);

 private:
  std::unique_ptr<store::Table> engine_;
  std::vector<std::string> created_;
};

// Expects `statement` to throw StoreError of kind `expected_kind` (StoreError::Kind::...).
#define EXPECT_STORE_ERROR(expected_kind, statement)                                              \
  do {                                                                                            \
    try {                                                                                         \
      statement;                                                                                  \
      ADD_FAILURE() << "expected StoreError " #expected_kind " from: " #statement;                \
    } catch (const ::cruddur::store::StoreError& error) {                                         \
      EXPECT_EQ(error.kind(), ::cruddur::store::StoreError::Kind::expected_kind) << error.what(); \
    }                                                                                             \
  } while (false)

}  // namespace cruddur::conformance
