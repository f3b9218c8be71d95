// Answers decoded straight into items (item_answer.hpp): the same items as the DOM decoder (item_codec.hpp),
// whatever order and escaping the attributes come in, and a StoreError for every malformed answer.

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include <algorithm>

#include "store/dynamodb/item_answer.hpp"
#include "store/dynamodb/item_codec.hpp"
#include "store/store_error.hpp"

namespace cruddur::store::dynamodb {
namespace {

namespace json = boost::json;
auto S = AttributeValue::S;
auto N = [](std::string s) { return AttributeValue::N(std::move(s)); };

TEST(ItemAnswer, DecodesAQueryAnswerLikeTheDomDecoder) {
  const std::string body = R"({"Count":2,"Items":[
      {"sk":{"S":"m2"},"pk":{"S":"g"},"text":{"S":"caf\u00e9 \"quoted\" \\ \n"},"n":{"N":"-1.50"}},
      {"pk":{"S":"g"},"sk":{"S":"m1"},"empty":{"S":""}}],
    "ScannedCount":2,"ConsumedCapacity":{"TableName":"t","CapacityUnits":0.5},
    "LastEvaluatedKey":{"sk":{"S":"m1"},"pk":{"S":"g"}}})";
  ItemAnswer answer = decode_item_answer(body, "Query");
  ASSERT_EQ(answer.items.size(), 2u);
  const auto dom = json::parse(body).as_object();
  EXPECT_EQ(answer.items[0], decode_item(dom.at("Items").as_array()[0].as_object()));
  EXPECT_EQ(answer.items[0].at("text"), S("café \"quoted\" \\ \n"));
  EXPECT_EQ(answer.items[0].at("n"), N("-1.50"));
  EXPECT_EQ(answer.items[1], (Item{{"pk", S("g")}, {"sk", S("m1")}, {"empty", S("")}}));
  EXPECT_EQ(answer.last_evaluated_key, (Item{{"pk", S("g")}, {"sk", S("m1")}}));
  EXPECT_FALSE(answer.item);
  EXPECT_FALSE(answer.attributes);
}

TEST(ItemAnswer, GetItemUpdateItemAndEmptyOrMissingMembers) {
  EXPECT_EQ(decode_item_answer(R"({"Item":{"pk":{"S":"a"}}})", "GetItem").item, (Item{{"pk", S("a")}}));
  EXPECT_FALSE(decode_item_answer("{}", "GetItem").item);
  EXPECT_EQ(decode_item_answer(R"({"Attributes":{"c":{"N":"3"}}})", "UpdateItem").attributes, (Item{{"c", N("3")}}));
  ItemAnswer empty = decode_item_answer(R"({"Items":[],"LastEvaluatedKey":{}})", "Query");
  EXPECT_TRUE(empty.items.empty());
  EXPECT_FALSE(empty.last_evaluated_key) << "an empty LastEvaluatedKey means none";
  // Members of an unexpected JSON type are ignored, as the DOM reader ignored them.
  EXPECT_TRUE(decode_item_answer(R"({"Items":"x","Item":[1],"LastEvaluatedKey":3})", "Query").items.empty());
}

TEST(ItemAnswer, ManyAttributesInAnyOrderAndANameGivenTwice) {
  std::string body = R"({"Item":{)";
  Item expected;
  for (int i = 39; i >= 0; --i) {  // reverse name order, and kinds alternating
    const std::string name = "a" + std::to_string(100 + i);
    body += "\"" + name + "\":{\"" + (i % 2 ? "N" : "S") + "\":\"" + std::to_string(i) + "\"},";
    expected[name] = i % 2 ? N(std::to_string(i)) : S(std::to_string(i));
  }
  body += R"("a100":{"S":"again"}}})";  // a repeated name keeps its first value (JSON objects should not repeat)
  std::optional<Item> item = decode_item_answer(body, "GetItem").item;
  ASSERT_TRUE(item);
  EXPECT_EQ(*item, expected);
  EXPECT_TRUE(std::is_sorted(item->begin(), item->end(), [](const auto& a, const auto& b) { return a.first < b.first; }));
}

TEST(ItemAnswer, StringsSplitAcrossTheParsersBuffersAreWhole) {
  std::string long_text(100000, 'x');
  long_text[5000] = '"';  // escaped below
  json::object item{{"pk", json::object{{"S", "k"}}}, {"body", json::object{{"S", long_text}}}};
  const std::string body = json::serialize(json::object{{"Items", json::array{item}}});
  ItemAnswer answer = decode_item_answer(body, "Query");
  ASSERT_EQ(answer.items.size(), 1u);
  EXPECT_EQ(answer.items[0].at("body"), S(long_text));
}

TEST(ItemAnswer, EveryMalformedAnswerIsAStoreError) {
  for (const char* body : {
           "", "not json", "[1]", "\"text\"", "null", R"({"Items":[1]})", R"({"Items":[[]]})",
           R"({"Items":[{"a":"plain"}]})", R"({"Items":[{"a":{"BOOL":true}}]})", R"({"Items":[{"a":{"SS":["x"]}}]})",
           R"({"Items":[{"a":{"M":{}}}]})", R"({"Items":[{"a":{}}]})", R"({"Items":[{"a":{"S":"x","N":"1"}}]})",
           R"({"Item":{"a":{"N":1}}})", R"({"Items":[{"a":{"S":"x"}})", R"({"Items":[]} trailing)"}) {
    SCOPED_TRACE(body);
    EXPECT_THROW(decode_item_answer(body, "Query"), StoreError);
  }
}

}  // namespace
}  // namespace cruddur::store::dynamodb
