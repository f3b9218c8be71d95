// Get, put, update and delete of single items, with and without conditions.

#include "conformance/table_fixture.hpp"

namespace cruddur::conformance {
namespace {

class ItemOperations : public TableTest {
 protected:
  void SetUp() override {
    TableTest::SetUp();
    table = create_pk_sk_table();
  }
  std::string table;
};

Item key(std::string pk, std::string sk) { return Item{{"pk", S(std::move(pk))}, {"sk", S(std::move(sk))}}; }

TEST_F(ItemOperations, GetOfAMissingItemReturnsNothing) {
  EXPECT_FALSE(get(table, key("nobody", "nothing")));
}

TEST_F(ItemOperations, PutThenGetReturnsTheItemWithKindsAndTextIntact) {
  Item item{{"pk", S("user#1")}, {"sk", S("2026-11-26T12:00:00.000000+00:00")}, {"name", S("Andrew ✓ é")},
            {"count", N("42")},  {"ratio", N("-1.5")},  {"digits", S("42")}};
  ASSERT_EQ(put(table, item), WriteStatus::ok);
  EXPECT_EQ(get(table, key("user#1", "2026-11-26T12:00:00.000000+00:00")), item);
  EXPECT_FALSE(get(table, key("user#1", "other"))) << "a different range key is a different item";
  EXPECT_FALSE(get(table, key("user#2", "2026-11-26T12:00:00.000000+00:00")));
}

TEST_F(ItemOperations, PutReplacesTheWholeItem) {
  ASSERT_EQ(put(table, {{"pk", S("a")}, {"sk", S("1")}, {"old", S("x")}, {"kept", S("y")}}), WriteStatus::ok);
  Item replacement{{"pk", S("a")}, {"sk", S("1")}, {"kept", S("z")}};
  ASSERT_EQ(put(table, replacement), WriteStatus::ok);
  EXPECT_EQ(get(table, key("a", "1")), replacement);
}

TEST_F(ItemOperations, PutIfNotExistsSucceedsOnceThenFailsAndChangesNothing) {
  Condition if_absent{{Comparison::not_exists("pk")}};
  Item first{{"pk", S("a")}, {"sk", S("1")}, {"v", S("first")}};
  EXPECT_EQ(put(table, first, if_absent), WriteStatus::ok);
  EXPECT_EQ(put(table, {{"pk", S("a")}, {"sk", S("1")}, {"v", S("second")}}, if_absent),
            WriteStatus::condition_failed);
  EXPECT_EQ(get(table, key("a", "1")), first);
}

TEST_F(ItemOperations, ConditionalPutOnAttributeValue) {
  ASSERT_EQ(put(table, {{"pk", S("a")}, {"sk", S("1")}, {"version", N(1)}}), WriteStatus::ok);
  Condition at_version_1{{Comparison::compare("version", Op::eq, N(1))}};
  EXPECT_EQ(put(table, {{"pk", S("a")}, {"sk", S("1")}, {"version", N(2)}}, at_version_1), WriteStatus::ok);
  EXPECT_EQ(put(table, {{"pk", S("a")}, {"sk", S("1")}, {"version", N(3)}}, at_version_1),
            WriteStatus::condition_failed);
  EXPECT_EQ(get(table, key("a", "1"))->at("version"), N(2));
}

TEST_F(ItemOperations, TableWithOnlyAHashKey) {
  std::string users = create_table(KeySchema{"id", std::nullopt});
  Item item{{"id", S("u1")}, {"name", S("Ann")}};
  ASSERT_EQ(put(users, item), WriteStatus::ok);
  EXPECT_EQ(get(users, {{"id", S("u1")}}), item);
  EXPECT_EQ(update(users, {{"id", S("u1")}}, {{"name", S("Bo")}}).item->at("name"), S("Bo"));
  EXPECT_EQ(remove(users, {{"id", S("u1")}}), WriteStatus::ok);
  EXPECT_FALSE(get(users, {{"id", S("u1")}}));
}

TEST_F(ItemOperations, UpdateOfAMissingItemCreatesIt) {
  auto result = update(table, key("a", "1"), {{"name", S("Ann")}, {"n", N(7)}});
  ASSERT_EQ(result.status, WriteStatus::ok);
  Item expected{{"pk", S("a")}, {"sk", S("1")}, {"name", S("Ann")}, {"n", N(7)}};
  EXPECT_EQ(result.item, expected);
  EXPECT_EQ(get(table, key("a", "1")), expected);
}

TEST_F(ItemOperations, UpdateSetsAndRemovesAndReturnsTheNewItem) {
  ASSERT_EQ(put(table, {{"pk", S("a")}, {"sk", S("1")}, {"keep", S("k")}, {"drop", S("d")}, {"change", N(1)}}),
            WriteStatus::ok);
  auto result = update(table, key("a", "1"), {{"change", N(2)}, {"added", S("new")}}, {"drop", "never_there"});
  ASSERT_EQ(result.status, WriteStatus::ok);
  Item expected{{"pk", S("a")}, {"sk", S("1")}, {"keep", S("k")}, {"change", N(2)}, {"added", S("new")}};
  EXPECT_EQ(result.item, expected);
  EXPECT_EQ(get(table, key("a", "1")), expected);
}

TEST_F(ItemOperations, FailedConditionalUpdateLeavesTheItemUnchanged) {
  Item item{{"pk", S("a")}, {"sk", S("1")}, {"activity", N(10)}, {"tag", S("t")}};
  ASSERT_EQ(put(table, item), WriteStatus::ok);
  Condition older{{Comparison::not_exists("activity"), Comparison::compare("activity", Op::lt, N(5))}};
  auto result = update(table, key("a", "1"), {{"activity", N(5)}}, {"tag"}, older);
  EXPECT_EQ(result.status, WriteStatus::condition_failed);
  EXPECT_FALSE(result.item);
  EXPECT_EQ(get(table, key("a", "1")), item);
}

TEST_F(ItemOperations, ConditionalUpdateOfAMissingItemCanRefuseToCreateIt) {
  Condition must_exist{{Comparison::exists("pk")}};
  EXPECT_EQ(update(table, key("a", "1"), {{"v", N(1)}}, {}, must_exist).status, WriteStatus::condition_failed);
  EXPECT_FALSE(get(table, key("a", "1")));
}

TEST_F(ItemOperations, DeleteRemovesTheItemAndDeletingAMissingItemSucceeds) {
  ASSERT_EQ(put(table, {{"pk", S("a")}, {"sk", S("1")}}), WriteStatus::ok);
  ASSERT_EQ(put(table, {{"pk", S("a")}, {"sk", S("2")}}), WriteStatus::ok);
  EXPECT_EQ(remove(table, key("a", "1")), WriteStatus::ok);
  EXPECT_FALSE(get(table, key("a", "1")));
  EXPECT_TRUE(get(table, key("a", "2"))) << "only the named item is deleted";
  EXPECT_EQ(remove(table, key("a", "1")), WriteStatus::ok);
}

TEST_F(ItemOperations, ConditionalDelete) {
  Item item{{"pk", S("a")}, {"sk", S("1")}, {"owner", S("ann")}};
  ASSERT_EQ(put(table, item), WriteStatus::ok);
  EXPECT_EQ(remove(table, key("a", "1"), {{Comparison::compare("owner", Op::eq, S("bob"))}}),
            WriteStatus::condition_failed);
  EXPECT_EQ(get(table, key("a", "1")), item);
  EXPECT_EQ(remove(table, key("a", "1"), {{Comparison::compare("owner", Op::eq, S("ann"))}}), WriteStatus::ok);
  EXPECT_FALSE(get(table, key("a", "1")));
  EXPECT_EQ(remove(table, key("a", "1"), {{Comparison::exists("pk")}}), WriteStatus::condition_failed)
      << "the condition sees no item";
}

}  // namespace
}  // namespace cruddur::conformance
