// Planning index queries that order ties by the table key: the range sent to DynamoDB starts at the cursor's
// tie group, and the caller's range is re-checked per item.

#include "store/dynamodb/index_order.hpp"

#include <gtest/gtest.h>

namespace cruddur::store::dynamodb {
namespace {

using Op = KeyRange::Op;
auto S = AttributeValue::S;

std::string condition(const RangePlan& plan) {
  ExpressionBuilder e;
  return key_condition(e, "owner", "ann", std::string("ts"), plan);
}

TEST(IndexOrder, TiesOrderByTheTableKeyInByteOrder) {
  IndexOrder order{std::string("ts"), "pk", std::string("sk")};
  Item a9{{"ts", S("t")}, {"pk", S("a")}, {"sk", S("9")}};
  Item a10{{"ts", S("t")}, {"pk", S("a")}, {"sk", S("10")}};
  Item b1{{"ts", S("t")}, {"pk", S("b")}, {"sk", S("1")}};
  Item earlier{{"ts", S("s")}, {"pk", S("z")}, {"sk", S("z")}};
  EXPECT_LT(order.compare(a10, a9), 0);
  EXPECT_LT(order.compare(a9, b1), 0);
  EXPECT_LT(order.compare(earlier, a10), 0);
  EXPECT_TRUE(order.same_group(a9, b1));
  EXPECT_FALSE(order.same_group(earlier, b1));
  EXPECT_LT(IndexOrder({std::nullopt, "pk", std::nullopt}).compare(b1, earlier), 0) << "hash-only index";
}

TEST(IndexOrder, WithoutACursorTheCallersRangeIsSentAsIs) {
  EXPECT_EQ(condition(plan_range(std::nullopt, std::nullopt, true)), "#n0 = :v0");
  EXPECT_EQ(condition(plan_range(KeyRange{Op::begins_with, "2026", ""}, std::nullopt, true)),
            "#n0 = :v0 AND begins_with(#n1, :v1)");
  EXPECT_EQ(condition(plan_range(KeyRange{Op::between, "a", "b"}, std::nullopt, true)),
            "#n0 = :v0 AND #n1 BETWEEN :v1 AND :v2");
  EXPECT_EQ(condition(plan_range(KeyRange{Op::lt, "m", ""}, std::nullopt, true)), "#n0 = :v0 AND #n1 < :v1");
  EXPECT_EQ(condition(plan_range(KeyRange{Op::eq, "m", ""}, std::nullopt, true)), "#n0 = :v0 AND #n1 = :v1");
}

TEST(IndexOrder, ACursorStartsAtItsOwnTieGroupInclusive) {
  RangePlan forward = plan_range(std::nullopt, std::string("t5"), true);
  ASSERT_TRUE(forward.lower);
  EXPECT_EQ(forward.lower->value, "t5");
  EXPECT_TRUE(forward.lower->inclusive);
  EXPECT_EQ(condition(forward), "#n0 = :v0 AND #n1 >= :v1");
  EXPECT_EQ(condition(plan_range(std::nullopt, std::string("t5"), false)), "#n0 = :v0 AND #n1 <= :v1");
  // Narrowed to the caller's range: lt m with a cursor at c reads c..m (the exclusive end is re-checked).
  RangePlan narrowed = plan_range(KeyRange{Op::lt, "m", ""}, std::string("c"), true);
  EXPECT_EQ(condition(narrowed), "#n0 = :v0 AND #n1 BETWEEN :v1 AND :v2");
  EXPECT_FALSE(narrowed.upper->inclusive);
  // A cursor before the caller's lower bound keeps the caller's bound.
  EXPECT_EQ(plan_range(KeyRange{Op::gt, "m", ""}, std::string("c"), true).lower->value, "m");
  EXPECT_FALSE(plan_range(KeyRange{Op::gt, "m", ""}, std::string("c"), true).lower->inclusive);
}

TEST(IndexOrder, APrefixAfterACursorIsReadThroughABoundAndCheckedPerItem) {
  RangePlan plan = plan_range(KeyRange{Op::begins_with, "2026-01", ""}, std::string("2026-01-15"), true);
  EXPECT_FALSE(plan.prefix_native);
  EXPECT_EQ(condition(plan), "#n0 = :v0 AND #n1 >= :v1");
  KeyRange prefix{Op::begins_with, "2026-01", ""};
  EXPECT_TRUE(in_range(prefix, "2026-01-20"));
  EXPECT_FALSE(in_range(prefix, "2026-02-01"));
  EXPECT_TRUE(beyond_range(prefix, "2026-02-01", true));
  EXPECT_FALSE(beyond_range(prefix, "2026-02-01", false));
  EXPECT_TRUE(beyond_range(prefix, "2025-12-31", false));
  EXPECT_FALSE(beyond_range(std::nullopt, "x", true));
}

TEST(IndexOrder, RangesThatHoldNothingNeedNoRequest) {
  EXPECT_TRUE(plan_range(KeyRange{Op::lt, "c", ""}, std::string("d"), true).empty);
  EXPECT_TRUE(plan_range(KeyRange{Op::lt, "c", ""}, std::string("c"), true).empty);
  EXPECT_TRUE(plan_range(KeyRange{Op::begins_with, "m", ""}, std::string("a"), false).empty);
  EXPECT_FALSE(plan_range(KeyRange{Op::le, "c", ""}, std::string("c"), true).empty);
}

TEST(IndexOrder, InRangeForEveryOperator) {
  EXPECT_TRUE(in_range(KeyRange{Op::eq, "b", ""}, "b"));
  EXPECT_FALSE(in_range(KeyRange{Op::lt, "b", ""}, "b"));
  EXPECT_TRUE(in_range(KeyRange{Op::le, "b", ""}, "b"));
  EXPECT_TRUE(in_range(KeyRange{Op::gt, "b", ""}, "é"));
  EXPECT_FALSE(in_range(KeyRange{Op::ge, "b", ""}, "Z"));
  EXPECT_TRUE(in_range(KeyRange{Op::between, "a", "b"}, "ab"));
  EXPECT_FALSE(in_range(KeyRange{Op::between, "a", "b"}, "ba"));
}

}  // namespace
}  // namespace cruddur::store::dynamodb
