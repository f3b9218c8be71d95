// Condition semantics, checked through conditional puts: comparisons on strings (byte order) and numbers
// (numeric), on missing attributes and across kinds (all false), OR within a clause and AND across clauses.

#include "conformance/table_fixture.hpp"

namespace cruddur::conformance {
namespace {

struct Case {
  const char* description;
  Condition condition;
  bool holds;
};

class Conditions : public TableTest {
 protected:
  void SetUp() override {
    TableTest::SetUp();
    table = create_pk_sk_table();
    ASSERT_EQ(put(table, item), WriteStatus::ok);
  }

  // Re-puts the same item under `condition`: the outcome tells whether the condition held, and the stored
  // item is the same either way.
  void check(const std::vector<Case>& cases) {
    for (const auto& c : cases) {
      WriteStatus expected = c.holds ? WriteStatus::ok : WriteStatus::condition_failed;
      EXPECT_EQ(put(table, item, c.condition), expected) << c.description;
    }
    EXPECT_EQ(get(table, {{"pk", S("p")}, {"sk", S("s")}}), item);
  }

  static Condition when(std::string attribute, Op op, AttributeValue operand) {
    return {{Comparison::compare(std::move(attribute), op, std::move(operand))}};
  }

  std::string table;
  Item item{{"pk", S("p")},       {"sk", S("s")},           {"fruit", S("mango")}, {"n", N(10)},
            {"neg", N("-2.5")},   {"big", N("100000000000000000000001")}, {"accent", S("é")}};
};

TEST_F(Conditions, EmptyConditionHolds) { check({{"empty", Condition{}, true}}); }

TEST_F(Conditions, ExistsAndNotExists) {
  check({
      {"exists(fruit)", {{Comparison::exists("fruit")}}, true},
      {"exists(missing)", {{Comparison::exists("missing")}}, false},
      {"not_exists(fruit)", {{Comparison::not_exists("fruit")}}, false},
      {"not_exists(missing)", {{Comparison::not_exists("missing")}}, true},
      {"not_exists(pk) on an existing item", {{Comparison::not_exists("pk")}}, false},
  });
}

TEST_F(Conditions, StringComparisonsUseByteOrder) {
  check({
      {"mango = mango", when("fruit", Op::eq, S("mango")), true},
      {"mango = apple", when("fruit", Op::eq, S("apple")), false},
      {"mango <> apple", when("fruit", Op::ne, S("apple")), true},
      {"mango <> mango", when("fruit", Op::ne, S("mango")), false},
      {"mango < zebra", when("fruit", Op::lt, S("zebra")), true},
      {"mango < mango", when("fruit", Op::lt, S("mango")), false},
      {"mango < Zebra (uppercase sorts first)", when("fruit", Op::lt, S("Zebra")), false},
      {"mango <= mango", when("fruit", Op::le, S("mango")), true},
      {"mango <= apple", when("fruit", Op::le, S("apple")), false},
      {"mango > apple", when("fruit", Op::gt, S("apple")), true},
      {"mango > mango", when("fruit", Op::gt, S("mango")), false},
      {"mango >= mango", when("fruit", Op::ge, S("mango")), true},
      {"mango >= mangoes", when("fruit", Op::ge, S("mangoes")), false},
      {"é > z (bytes 0xC3 0xA9 after 0x7A)", when("accent", Op::gt, S("z")), true},
      {"begins_with(mango, man)", when("fruit", Op::begins_with, S("man")), true},
      {"begins_with(mango, mango)", when("fruit", Op::begins_with, S("mango")), true},
      {"begins_with(mango, ango)", when("fruit", Op::begins_with, S("ango")), false},
      {"begins_with(mango, mangoes)", when("fruit", Op::begins_with, S("mangoes")), false},
  });
}

TEST_F(Conditions, NumberComparisonsAreNumeric) {
  check({
      {"10 = 10", when("n", Op::eq, N("10")), true},
      {"10 = 10.0", when("n", Op::eq, N("10.0")), true},
      {"10 = 11", when("n", Op::eq, N("11")), false},
      {"10 <> 11", when("n", Op::ne, N("11")), true},
      {"10 <> 10", when("n", Op::ne, N("10")), false},
      {"10 < 9 (false, though '10' < '9' as text)", when("n", Op::lt, N("9")), false},
      {"10 > 9", when("n", Op::gt, N("9")), true},
      {"10 < 10.5", when("n", Op::lt, N("10.5")), true},
      {"10 <= 10", when("n", Op::le, N("10")), true},
      {"10 >= 10", when("n", Op::ge, N("10")), true},
      {"10 >= 100", when("n", Op::ge, N("100")), false},
      {"10 > -3", when("n", Op::gt, N("-3")), true},
      {"-2.5 < -2", when("neg", Op::lt, N("-2")), true},
      {"-2.5 > -3", when("neg", Op::gt, N("-3")), true},
      {"-2.5 > -2.4", when("neg", Op::gt, N("-2.4")), false},
      {"24-digit numbers compare exactly", when("big", Op::gt, N("100000000000000000000000")), true},
      {"24-digit numbers compare exactly (2)", when("big", Op::lt, N("100000000000000000000002")), true},
  });
}

TEST_F(Conditions, ComparisonsOnAMissingAttributeAreFalse) {
  check({
      {"missing = x", when("missing", Op::eq, S("x")), false},
      {"missing <> x", when("missing", Op::ne, S("x")), false},
      {"missing < x", when("missing", Op::lt, S("x")), false},
      {"missing <= x", when("missing", Op::le, S("x")), false},
      {"missing > x", when("missing", Op::gt, S("x")), false},
      {"missing >= x", when("missing", Op::ge, S("x")), false},
      {"missing < 5", when("missing", Op::lt, N(5)), false},
      {"begins_with(missing, x)", when("missing", Op::begins_with, S("x")), false},
  });
}

TEST_F(Conditions, ComparisonsAcrossKindsAreFalse) {
  check({
      {"number 10 = string 10", when("n", Op::eq, S("10")), false},
      {"number 10 <> string 10", when("n", Op::ne, S("10")), false},
      {"number 10 < string 9", when("n", Op::lt, S("9")), false},
      {"number 10 >= string 1", when("n", Op::ge, S("1")), false},
      {"begins_with(number 10, string 1)", when("n", Op::begins_with, S("1")), false},
      {"string mango = number 5", when("fruit", Op::eq, N(5)), false},
      {"string mango <> number 5", when("fruit", Op::ne, N(5)), false},
      {"string mango > number 5", when("fruit", Op::gt, N(5)), false},
      {"string mango <= number 5", when("fruit", Op::le, N(5)), false},
  });
}

TEST_F(Conditions, AnyComparisonOfAClauseAndEveryClause) {
  auto eq = [](const char* a, AttributeValue v) { return Comparison::compare(a, Op::eq, std::move(v)); };
  check({
      {"apple OR mango", {{eq("fruit", S("apple")), eq("fruit", S("mango"))}}, true},
      {"apple OR pear", {{eq("fruit", S("apple")), eq("fruit", S("pear"))}}, false},
      {"not_exists(missing) OR missing < 5",
       {{Comparison::not_exists("missing"), Comparison::compare("missing", Op::lt, N(5))}}, true},
      {"not_exists(n) OR n < 5", {{Comparison::not_exists("n"), Comparison::compare("n", Op::lt, N(5))}}, false},
      {"not_exists(n) OR n < 50", {{Comparison::not_exists("n"), Comparison::compare("n", Op::lt, N(50))}}, true},
      {"mango AND 10", {{eq("fruit", S("mango"))}, {eq("n", N(10))}}, true},
      {"mango AND 11", {{eq("fruit", S("mango"))}, {eq("n", N(11))}}, false},
      {"(apple OR mango) AND (11 OR 10)",
       {{eq("fruit", S("apple")), eq("fruit", S("mango"))}, {eq("n", N(11)), eq("n", N(10))}}, true},
      {"(apple OR mango) AND (11 OR 12)",
       {{eq("fruit", S("apple")), eq("fruit", S("mango"))}, {eq("n", N(11)), eq("n", N(12))}}, false},
  });
}

TEST_F(Conditions, ConditionsSeeNoItemWhenThereIsNone) {
  Item fresh{{"pk", S("p")}, {"sk", S("fresh")}};
  EXPECT_EQ(put(table, fresh, {{Comparison::compare("n", Op::lt, N(100))}}), WriteStatus::condition_failed);
  EXPECT_EQ(put(table, fresh, {{Comparison::exists("pk")}}), WriteStatus::condition_failed);
  EXPECT_FALSE(get(table, {{"pk", S("p")}, {"sk", S("fresh")}}));
  EXPECT_EQ(put(table, fresh, {{Comparison::not_exists("pk")}, {Comparison::not_exists("sk")}}), WriteStatus::ok);
  EXPECT_EQ(get(table, {{"pk", S("p")}, {"sk", S("fresh")}}), fresh);
}

}  // namespace
}  // namespace cruddur::conformance
