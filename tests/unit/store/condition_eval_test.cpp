#include "store/condition_eval.hpp"

#include <gtest/gtest.h>

namespace cruddur::store {
namespace {

TEST(DecimalNumber, AcceptsDecimalTextAndRejectsTheRest) {
  for (const char* ok : {"0", "42", "-1.5", "+3", ".5", "12.", "1e3", "1E-3", "-2.5e+10", "000123"}) {
    EXPECT_TRUE(is_decimal_number(ok)) << ok;
  }
  for (const char* bad : {"", "-", ".", "e3", "1e", "1e+", "1.2.3", "12a", " 1", "1 ", "0x10", "NaN", "inf"}) {
    EXPECT_FALSE(is_decimal_number(bad)) << bad;
  }
}

TEST(DecimalNumber, ComparesNumericallyAndExactly) {
  EXPECT_EQ(compare_decimal("1", "1.0"), 0);
  EXPECT_EQ(compare_decimal("-0", "0.000"), 0);
  EXPECT_EQ(compare_decimal("1e3", "1000"), 0);
  EXPECT_EQ(compare_decimal("1E+2", "100"), 0);
  EXPECT_EQ(compare_decimal("0.001", "1e-3"), 0);
  EXPECT_EQ(compare_decimal("007", "7"), 0);
  EXPECT_LT(compare_decimal("9", "10"), 0);
  EXPECT_GT(compare_decimal("10", "9"), 0);
  EXPECT_LT(compare_decimal("-10", "-9"), 0);
  EXPECT_LT(compare_decimal("-1", "0"), 0);
  EXPECT_GT(compare_decimal("0", "-0.0001"), 0);
  EXPECT_LT(compare_decimal(".5", "0.6"), 0);
  EXPECT_LT(compare_decimal("0.05", "0.5"), 0);
  EXPECT_LT(compare_decimal("12345678901234567890123456789012345678", "12345678901234567890123456789012345679"), 0);
  EXPECT_GT(compare_decimal("1e100", "99999999999999999999"), 0);
  EXPECT_LT(compare_decimal("-1e100", "-99999999999999999999"), 0);
}

TEST(Conditions, HoldOnlyForPresentValuesOfTheSameKind) {
  Item item{{"s", AttributeValue::S("b")}, {"n", AttributeValue::N("5")}};
  using Op = Comparison::Op;
  auto holds = [&](const char* attribute, Op op, AttributeValue v) {
    return comparison_holds(Comparison::compare(attribute, op, std::move(v)), &item);
  };
  EXPECT_TRUE(holds("s", Op::lt, AttributeValue::S("c")));
  EXPECT_TRUE(holds("n", Op::lt, AttributeValue::N("10")));
  EXPECT_FALSE(holds("n", Op::ne, AttributeValue::S("5")));
  EXPECT_FALSE(holds("missing", Op::ne, AttributeValue::S("5")));
  EXPECT_TRUE(holds("s", Op::lt, AttributeValue::S("\xC3\xA9"))) << "bytes compare unsigned";
  EXPECT_FALSE(comparison_holds(Comparison::compare("s", Op::eq, AttributeValue::S("b")), nullptr));
  EXPECT_TRUE(condition_holds(Condition{}, nullptr));
  EXPECT_TRUE(condition_holds({{Comparison::not_exists("s")}}, nullptr));
}

}  // namespace
}  // namespace cruddur::store
