// The item codec and the expression builder: placeholders for every name and value.

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include "store/dynamodb/expressions.hpp"
#include "store/dynamodb/item_codec.hpp"
#include "store/store_error.hpp"

namespace cruddur::store::dynamodb {
namespace {

namespace json = boost::json;
using Op = Comparison::Op;

TEST(ItemCodec, RoundTripsStringsAndNumbersExactly) {
  Item item{{"pk", AttributeValue::S("GRP#1")}, {"name", AttributeValue::S("Andrew ✓ \"quoted\"")},
            {"n", AttributeValue::N("-1.50")}, {"big", AttributeValue::N("100000000000000000000001")},
            {"empty", AttributeValue::S("")}};
  json::object encoded = encode_item(item);
  EXPECT_EQ(json::serialize(encoded.at("n")), R"({"N":"-1.50"})");
  EXPECT_EQ(json::serialize(encoded.at("pk")), R"({"S":"GRP#1"})");
  EXPECT_EQ(decode_item(json::parse(json::serialize(encoded)).as_object()), item);
}

TEST(ItemCodec, RejectsTypesAStoreItemCannotHold) {
  EXPECT_THROW(decode_item(json::parse(R"({"flag":{"BOOL":true}})").as_object()), StoreError);
  EXPECT_THROW(decode_item(json::parse(R"({"tags":{"SS":["a"]}})").as_object()), StoreError);
  EXPECT_THROW(decode_item(json::parse(R"({"x":"plain"})").as_object()), StoreError);
}

TEST(Expressions, EveryNameAndValueIsAPlaceholderSoReservedWordsWork) {
  ExpressionBuilder b;
  Condition c{{Comparison::compare("name", Op::eq, AttributeValue::S("Ann"))},
              {Comparison::compare("status", Op::lt, AttributeValue::N(3)), Comparison::not_exists("status")}};
  EXPECT_EQ(b.condition(c), "#n0 = :v0 AND (#n1 < :v1 OR attribute_not_exists(#n1))");
  json::object request;
  b.attach(request);
  EXPECT_EQ(request.at("ExpressionAttributeNames"), json::parse(R"({"#n0":"name","#n1":"status"})"));
  EXPECT_EQ(request.at("ExpressionAttributeValues"), json::parse(R"({":v0":{"S":"Ann"},":v1":{"N":"3"}})"));
}

TEST(Expressions, NotEqualAlsoRequiresTheOperandsKind) {
  ExpressionBuilder b;
  EXPECT_EQ(b.condition({{Comparison::compare("data", Op::ne, AttributeValue::N(5))}}),
            "attribute_type(#n0, :v0) AND #n0 <> :v1");
  json::object request;
  b.attach(request);
  EXPECT_EQ(request.at("ExpressionAttributeValues"), json::parse(R"({":v0":{"S":"N"},":v1":{"N":"5"}})"));
}

TEST(Expressions, ParenthesesOnlyWherePrecedenceNeedsThem) {
  auto S = AttributeValue::S;
  auto eq = [&](const char* a, const char* v) { return Comparison::compare(a, Op::eq, S(v)); };
  EXPECT_EQ(ExpressionBuilder().condition({{eq("a", "1"), eq("b", "2")}}), "#n0 = :v0 OR #n1 = :v1");
  EXPECT_EQ(ExpressionBuilder().condition({{eq("a", "1")}, {eq("b", "2")}}), "#n0 = :v0 AND #n1 = :v1");
  EXPECT_EQ(ExpressionBuilder().condition({{eq("a", "1"), eq("b", "2")}, {eq("c", "3")}}),
            "(#n0 = :v0 OR #n1 = :v1) AND #n2 = :v2");
}

TEST(Expressions, EmptyConditionAddsNothing) {
  ExpressionBuilder b;
  EXPECT_EQ(b.condition({}), "");
  json::object request;
  b.attach(request);
  EXPECT_TRUE(request.empty());
}

TEST(Expressions, KeyConditionsForEveryRangeOperator) {
  auto kc = [](std::optional<KeyRange> range) {
    ExpressionBuilder b;
    return b.key_condition("pk", "p", std::string("sk"), range);
  };
  using R = KeyRange::Op;
  EXPECT_EQ(kc(std::nullopt), "#n0 = :v0");
  EXPECT_EQ(kc(KeyRange{R::eq, "a", ""}), "#n0 = :v0 AND #n1 = :v1");
  EXPECT_EQ(kc(KeyRange{R::lt, "a", ""}), "#n0 = :v0 AND #n1 < :v1");
  EXPECT_EQ(kc(KeyRange{R::le, "a", ""}), "#n0 = :v0 AND #n1 <= :v1");
  EXPECT_EQ(kc(KeyRange{R::gt, "a", ""}), "#n0 = :v0 AND #n1 > :v1");
  EXPECT_EQ(kc(KeyRange{R::ge, "a", ""}), "#n0 = :v0 AND #n1 >= :v1");
  EXPECT_EQ(kc(KeyRange{R::between, "a", "b"}), "#n0 = :v0 AND #n1 BETWEEN :v1 AND :v2");
  EXPECT_EQ(kc(KeyRange{R::begins_with, "a", ""}), "#n0 = :v0 AND begins_with(#n1, :v1)");
}

TEST(Expressions, UpdateSetsAndRemovesWithPlaceholdersAndSharesThemWithTheCondition) {
  ExpressionBuilder b;
  Item set{{"name", AttributeValue::S("Bo")}, {"count", AttributeValue::N(2)}};
  EXPECT_EQ(b.update(set, {"status", "ttl"}), "SET #n0 = :v0, #n1 = :v1 REMOVE #n2, #n3");
  EXPECT_EQ(b.condition({{Comparison::exists("status")}}), "attribute_exists(#n2)");
  EXPECT_EQ(b.update({}, {}), "");
}

}  // namespace
}  // namespace cruddur::store::dynamodb
