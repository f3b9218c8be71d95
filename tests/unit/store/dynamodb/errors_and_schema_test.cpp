// Error answers -> error classes, and TableSchema <-> CreateTable / DescribeTable JSON.

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include "store/dynamodb/errors.hpp"
#include "store/dynamodb/table_schema.hpp"

namespace cruddur::store::dynamodb {
namespace {

namespace json = boost::json;

TEST(ErrorMapping, NamesAfterTheHashDecideTheClass) {
  const std::string ns = "com.amazonaws.dynamodb.v20120810#";
  EXPECT_EQ(error_name(ns + "ValidationException"), "ValidationException");
  EXPECT_EQ(error_name("ValidationException"), "ValidationException");
  EXPECT_EQ(classify(400, ns + "ConditionalCheckFailedException"), ErrorClass::condition_failed);
  EXPECT_EQ(classify(400, ns + "ResourceNotFoundException"), ErrorClass::not_found);
  EXPECT_EQ(classify(400, ns + "ResourceInUseException"), ErrorClass::in_use);
  EXPECT_EQ(classify(400, ns + "ValidationException"), ErrorClass::validation);
  EXPECT_EQ(classify(400, "com.amazon.coral.service#SerializationException"), ErrorClass::validation);
  EXPECT_EQ(classify(400, ns + "ThrottlingException"), ErrorClass::throttled);
  EXPECT_EQ(classify(400, ns + "ProvisionedThroughputExceededException"), ErrorClass::throttled);
  EXPECT_EQ(classify(400, ns + "RequestLimitExceeded"), ErrorClass::throttled);
  EXPECT_EQ(classify(500, ns + "InternalServerError"), ErrorClass::unavailable);
  EXPECT_EQ(classify(503, "com.amazon.coral.availability#ServiceUnavailable"), ErrorClass::unavailable);
  EXPECT_EQ(classify(502, ""), ErrorClass::unavailable);
  EXPECT_EQ(classify(400, "com.amazon.coral.service#UnrecognizedClientException"), ErrorClass::other);
  EXPECT_EQ(classify(400, ns + "UnknownOperationException"), ErrorClass::other);
}

TEST(ErrorMapping, OnlyThrottlingAndUnavailabilityAreRetried) {
  EXPECT_TRUE(is_retryable(ErrorClass::throttled));
  EXPECT_TRUE(is_retryable(ErrorClass::unavailable));
  EXPECT_FALSE(is_retryable(ErrorClass::validation));
  EXPECT_FALSE(is_retryable(ErrorClass::other));
}

TEST(ErrorMapping, StoreErrorsCarryKindTypeAndMessage) {
  using K = StoreError::Kind;
  EXPECT_EQ(to_store_error(ErrorClass::not_found, "GetItem", 400, "x#ResourceNotFoundException", "gone").kind(),
            K::resource_not_found);
  EXPECT_EQ(to_store_error(ErrorClass::in_use, "CreateTable", 400, "x#ResourceInUseException", "").kind(),
            K::resource_in_use);
  EXPECT_EQ(to_store_error(ErrorClass::validation, "PutItem", 400, "x#ValidationException", "").kind(), K::validation);
  EXPECT_EQ(to_store_error(ErrorClass::throttled, "PutItem", 400, "x#ThrottlingException", "").kind(), K::throttled);
  EXPECT_EQ(to_store_error(ErrorClass::unavailable, "PutItem", 503, "", "").kind(), K::unavailable);
  StoreError other = to_store_error(ErrorClass::other, "Query", 400, "com.amazon.coral.service#AccessDeniedException",
                                    "User is not authorized");
  EXPECT_EQ(other.kind(), K::internal);
  EXPECT_EQ(std::string(other.what()),
            "DynamoDB Query: AccessDeniedException: User is not authorized (HTTP 400)");
}

TEST(TableSchemaJson, CreateTableOnDemandWithIndexes) {
  TableSchema schema{"messages", KeySchema{"pk", "sk"},
                     {IndexSchema{"by_user", KeySchema{"user", "pk"}}, IndexSchema{"by_tag", KeySchema{"tag", std::nullopt}}}};
  json::object request = create_table_request(schema, Provisioning{});
  EXPECT_EQ(request, json::parse(R"({
    "TableName": "messages",
    "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
    "GlobalSecondaryIndexes": [
      {"IndexName": "by_user", "KeySchema": [{"AttributeName": "user", "KeyType": "HASH"},
                                             {"AttributeName": "pk", "KeyType": "RANGE"}],
       "Projection": {"ProjectionType": "ALL"}},
      {"IndexName": "by_tag", "KeySchema": [{"AttributeName": "tag", "KeyType": "HASH"}],
       "Projection": {"ProjectionType": "ALL"}}],
    "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "S"},
                             {"AttributeName": "tag", "AttributeType": "S"}, {"AttributeName": "user", "AttributeType": "S"}],
    "BillingMode": "PAY_PER_REQUEST"})"));
}

TEST(TableSchemaJson, CreateTableProvisionedPutsUnitsOnTableAndIndexes) {
  TableSchema schema{"t", KeySchema{"id", std::nullopt}, {IndexSchema{"i", KeySchema{"x", std::nullopt}}}};
  json::object request = create_table_request(schema, Provisioning{false, 7, 3});
  EXPECT_EQ(request.at("BillingMode"), "PROVISIONED");
  json::value units = json::parse(R"({"ReadCapacityUnits": 7, "WriteCapacityUnits": 3})");
  EXPECT_EQ(request.at("ProvisionedThroughput"), units);
  EXPECT_EQ(request.at("GlobalSecondaryIndexes").at(0).at("ProvisionedThroughput"), units);
}

TEST(TableSchemaJson, DescribeTableMapsBackAndReportsActivity) {
  json::value described = json::parse(R"({
    "TableName": "t", "TableStatus": "ACTIVE",
    "KeySchema": [{"AttributeName": "sk", "KeyType": "RANGE"}, {"AttributeName": "pk", "KeyType": "HASH"}],
    "GlobalSecondaryIndexes": [{"IndexName": "i", "IndexStatus": "CREATING",
                                "KeySchema": [{"AttributeName": "x", "KeyType": "HASH"}]}]})");
  TableDescription d = parse_table_description(described.as_object());
  EXPECT_EQ(d.schema, (TableSchema{"t", KeySchema{"pk", "sk"}, {IndexSchema{"i", KeySchema{"x", std::nullopt}}}}));
  EXPECT_FALSE(d.active) << "an index still CREATING";
  described.as_object()["GlobalSecondaryIndexes"].as_array()[0].as_object()["IndexStatus"] = "ACTIVE";
  EXPECT_TRUE(parse_table_description(described.as_object()).active);
}

}  // namespace
}  // namespace cruddur::store::dynamodb
