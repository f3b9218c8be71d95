// Queries on a table's primary key: every range operator, both directions, limits, and paging with
// exclusive_start_key through every item with no skips or repeats.

#include "conformance/table_fixture.hpp"

namespace cruddur::conformance {
namespace {

using Strings = std::vector<std::string>;

class Queries : public TableTest {
 protected:
  void SetUp() override {
    TableTest::SetUp();
    table = create_pk_sk_table();
    // Inserted out of order; byte order is  Z < a < ab < b < c < é  (0x5A, 0x61.., 0xC3 0xA9).
    for (const char* sk : {"c", "a", "é", "Z", "b", "ab"}) {
      ASSERT_EQ(put(table, {{"pk", S("p")}, {"sk", S(sk)}, {"v", S(std::string("value-") + sk)}}), WriteStatus::ok);
    }
    for (const char* sk : {"a", "b"}) {  // another partition, never in p's results
      ASSERT_EQ(put(table, {{"pk", S("q")}, {"sk", S(sk)}}), WriteStatus::ok);
    }
  }

  QueryRequest request(std::optional<KeyRange> range = std::nullopt, bool forward = true) {
    QueryRequest r;
    r.table = table;
    r.hash_value = "p";
    r.range = std::move(range);
    r.forward = forward;
    return r;
  }

  Strings sks(QueryRequest r) {
    Page page = query(std::move(r));
    EXPECT_FALSE(page.last_evaluated_key) << "no limit: one page";
    return values_of(page.items, "sk");
  }

  static KeyRange range(KeyRange::Op op, std::string value, std::string upper = "") {
    return KeyRange{op, std::move(value), std::move(upper)};
  }

  std::string table;
  const Strings all{"Z", "a", "ab", "b", "c", "é"};
};

Strings reversed(Strings v) { return Strings(v.rbegin(), v.rend()); }

TEST_F(Queries, AllItemsOfAPartitionInByteOrderOfTheRangeKey) {
  EXPECT_EQ(sks(request()), all);
  auto page = query(request());
  EXPECT_EQ(page.items.front(), (Item{{"pk", S("p")}, {"sk", S("Z")}, {"v", S("value-Z")}})) << "whole items";
}

TEST_F(Queries, BackwardReturnsDescendingOrder) { EXPECT_EQ(sks(request(std::nullopt, false)), reversed(all)); }

TEST_F(Queries, EachRangeOperatorForwardAndBackward) {
  using O = KeyRange::Op;
  struct Case {
    KeyRange range;
    Strings expected;
  };
  std::vector<Case> cases{
      {range(O::eq, "b"), {"b"}},
      {range(O::eq, "bb"), {}},
      {range(O::lt, "b"), {"Z", "a", "ab"}},
      {range(O::le, "b"), {"Z", "a", "ab", "b"}},
      {range(O::gt, "b"), {"c", "é"}},
      {range(O::ge, "b"), {"b", "c", "é"}},
      {range(O::gt, "z"), {"é"}},
      {range(O::between, "a", "b"), {"a", "ab", "b"}},
      {range(O::between, "aa", "bz"), {"ab", "b"}},
      {range(O::between, "b", "b"), {"b"}},
      {range(O::begins_with, "a"), {"a", "ab"}},
      {range(O::begins_with, "ab"), {"ab"}},
      {range(O::begins_with, "é"), {"é"}},
      {range(O::begins_with, "x"), {}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE("op " + std::to_string(static_cast<int>(c.range.op)) + " " + c.range.value + " " + c.range.upper);
    EXPECT_EQ(sks(request(c.range, true)), c.expected);
    EXPECT_EQ(sks(request(c.range, false)), reversed(c.expected));
  }
}

TEST_F(Queries, EmptyPartitionReturnsNoItems) {
  QueryRequest r = request();
  r.hash_value = "nobody";
  Page page = query(r);
  EXPECT_TRUE(page.items.empty());
  EXPECT_FALSE(page.last_evaluated_key);
}

TEST_F(Queries, LimitReturnsTheFirstItemsAndTheKeyToContinueFrom) {
  QueryRequest r = request();
  r.limit = 2;
  Page page = query(r);
  EXPECT_EQ(values_of(page.items, "sk"), (Strings{"Z", "a"}));
  ASSERT_TRUE(page.last_evaluated_key);
  EXPECT_EQ(*page.last_evaluated_key, (Item{{"pk", S("p")}, {"sk", S("a")}}));

  r.exclusive_start_key = page.last_evaluated_key;
  EXPECT_EQ(values_of(query(r).items, "sk"), (Strings{"ab", "b"}));

  r.forward = false;
  r.exclusive_start_key = Item{{"pk", S("p")}, {"sk", S("b")}};
  EXPECT_EQ(values_of(query(r).items, "sk"), (Strings{"ab", "a"}));
}

TEST_F(Queries, LimitLargerThanTheResultReturnsEverythingInOnePage) {
  QueryRequest r = request();
  r.limit = 100;
  Page page = query(r);
  EXPECT_EQ(values_of(page.items, "sk"), all);
  EXPECT_FALSE(page.last_evaluated_key);
}

TEST_F(Queries, PagingVisitsEveryItemExactlyOnce) {
  using O = KeyRange::Op;
  std::vector<std::optional<KeyRange>> ranges{std::nullopt, range(O::ge, "a"), range(O::lt, "c"),
                                              range(O::between, "a", "c"), range(O::begins_with, "a")};
  for (const auto& key_range : ranges) {
    for (bool forward : {true, false}) {
      Strings expected = sks(request(key_range, forward));
      int count = static_cast<int>(expected.size());
      for (int page_size : {1, 2, 3, count, count + 1}) {
        if (page_size < 1) continue;
        SCOPED_TRACE("page size " + std::to_string(page_size) + (forward ? " forward" : " backward") +
                     (key_range ? " range " + key_range->value : " all"));
        EXPECT_EQ(values_of(query_all(request(key_range, forward), page_size), "sk"), expected);
      }
    }
  }
}

TEST_F(Queries, ProjectionReturnsOnlyTheNamedAttributesAndPagesAsUsual) {
  QueryRequest r = request();
  r.projection = {"v", "sk", "missing"};
  Page page = query(r);
  ASSERT_EQ(page.items.size(), all.size());
  EXPECT_EQ(page.items.front(), (Item{{"sk", S("Z")}, {"v", S("value-Z")}})) << "no pk, nothing for `missing`";

  r.limit = 2;
  page = query(r);
  EXPECT_EQ(page.items.back(), (Item{{"sk", S("a")}, {"v", S("value-a")}}));
  ASSERT_TRUE(page.last_evaluated_key);
  EXPECT_EQ(*page.last_evaluated_key, (Item{{"pk", S("p")}, {"sk", S("a")}})) << "the whole key, projected or not";
  for (bool forward : {true, false}) {
    r.forward = forward;
    std::vector<Item> items = query_all(r, 2);
    EXPECT_EQ(values_of(items, "sk"), forward ? all : reversed(all));
    for (const auto& item : items) EXPECT_EQ(item.size(), 2u);
  }
}

TEST_F(Queries, ExclusiveStartKeyNeedNotBeAStoredItem) {
  QueryRequest r = request();
  r.exclusive_start_key = Item{{"pk", S("p")}, {"sk", S("aa")}};
  EXPECT_EQ(sks(r), (Strings{"ab", "b", "c", "é"}));
}

TEST_F(Queries, HashOnlyTableReturnsTheOneItem) {
  std::string users = create_table(KeySchema{"id", std::nullopt});
  ASSERT_EQ(put(users, {{"id", S("u1")}, {"name", S("Ann")}}), WriteStatus::ok);
  ASSERT_EQ(put(users, {{"id", S("u2")}}), WriteStatus::ok);
  QueryRequest r;
  r.table = users;
  r.hash_value = "u1";
  Page page = query(r);
  ASSERT_EQ(page.items.size(), 1u);
  EXPECT_EQ(page.items[0].at("name"), S("Ann"));
  r.limit = 1;
  EXPECT_EQ(values_of(query_all(r, 1), "id"), Strings{"u1"});
}

}  // namespace
}  // namespace cruddur::conformance
