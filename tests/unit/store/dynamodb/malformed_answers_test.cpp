// Answers no DynamoDB sends but a broken or hostile endpoint could: the engine reports each as a
// StoreError (internal) instead of another exception type or a request loop that never ends. Found by
// fuzz/fuzz_dynamodb_response.cpp (doc/fuzzing.md); the inputs are also in its corpus.

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include <string>

#include "store/dynamodb/dynamo_table.hpp"
#include "store/dynamodb/table_schema.hpp"
#include "store/store_error.hpp"
#include "support/fake_http_server.hpp"
#include "support/run_task.hpp"

namespace cruddur::store::dynamodb {
namespace {

using cruddur::testing::FakeHttpServer;
using cruddur::testing::FakeReply;
using cruddur::testing::FakeRequest;
using cruddur::testing::http_response;
using cruddur::testing::run_task;

constexpr const char* kJson = "application/x-amz-json-1.0";

// A table with one ranged index, like the messages table.
TableSchema schema() { return TableSchema{"t", {"pk", "sk"}, {IndexSchema{"by_owner", {"opk", "osk"}}}}; }

// Its DescribeTable answer, every part ACTIVE.
std::string describe_answer() {
  auto description = create_table_request(schema(), Provisioning{});
  description["TableStatus"] = "ACTIVE";
  for (auto& index : description["GlobalSecondaryIndexes"].as_array()) index.as_object()["IndexStatus"] = "ACTIVE";
  return boost::json::serialize(boost::json::object{{"Table", std::move(description)}});
}

// An engine whose endpoint answers DescribeTable of "t" with the real schema (unless `describe` is given)
// and everything else with `answer`.
class MalformedAnswers : public ::testing::Test {
 protected:
  void answer_with(std::string body, std::string describe = describe_answer()) {
    answer_ = http_response(200, kJson, body);
    describe_ = http_response(200, kJson, describe);
  }

  DynamoTable& table() {
    if (!table_) {
      aws::AwsConfig config;
      config.endpoint = "http://127.0.0.1:" + std::to_string(server_.port());
      config.credentials = {"test", "test", std::nullopt};
      config.retry.max_attempts = 1;
      config.retry.max_transport_attempts = 1;
      config.table_wait_timeout = std::chrono::milliseconds(200);
      table_ = std::make_unique<DynamoTable>(config);
    }
    return *table_;
  }

  std::string answer_, describe_;
  FakeHttpServer server_{[this](const FakeRequest& request) {
    return FakeReply::answer(request.header("X-Amz-Target").ends_with(".DescribeTable") ? describe_ : answer_);
  }};
  std::unique_ptr<DynamoTable> table_;
};

TEST_F(MalformedAnswers, ListTablesThatRepeatsAPageIsAnErrorNotALoop) {
  answer_with(R"({"TableNames":["a"],"LastEvaluatedTableName":"a"})");
  EXPECT_THROW(run_task(table().list_tables()), StoreError);
}

TEST_F(MalformedAnswers, ATableNameThatIsNotAStringIsAStoreError) {
  answer_with(R"({"TableNames":[1]})");
  EXPECT_THROW(run_task(table().list_tables()), StoreError);
}

TEST_F(MalformedAnswers, AnItemThatIsNotAnObjectIsAStoreError) {
  answer_with(R"({"Items":[1],"Count":1})");
  QueryRequest query;
  query.table = "t";
  query.hash_value = "GRP#a";
  EXPECT_THROW(run_task(table().query(std::move(query))), StoreError);
}

TEST_F(MalformedAnswers, AnIndexItemWithoutItsRangeKeyIsAStoreError) {
  answer_with(R"({"Items":[{"pk":{"S":"x"},"sk":{"S":"y"}}],"Count":1})");
  QueryRequest query;
  query.table = "t";
  query.index = "by_owner";
  query.hash_value = "x";
  query.limit = 5;
  EXPECT_THROW(run_task(table().query(std::move(query))), StoreError);
}

TEST_F(MalformedAnswers, ADescriptionWithMalformedKeysIsAStoreError) {
  answer_with("{}", R"({"Table":{"TableName":"t","TableStatus":"ACTIVE","KeySchema":[1]}})");
  EXPECT_THROW(run_task(table().describe_table("t")), StoreError);
  answer_with("{}", R"({"Table":{"TableName":"t","TableStatus":"ACTIVE",)"
                    R"("KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"GlobalSecondaryIndexes":[1]}})");
  EXPECT_THROW(run_task(table().describe_table("t")), StoreError);
}

TEST_F(MalformedAnswers, WaitingForATableWhoseDescriptionLacksTableIsAStoreError) {
  answer_with("{}", "{}");  // CreateTable answers {}, and so does every DescribeTable after it
  EXPECT_THROW(run_task(table().create_table(schema(), Provisioning{})), StoreError);
}

}  // namespace
}  // namespace cruddur::store::dynamodb
