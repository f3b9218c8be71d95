// DynamoTable: item operations, queries and the schema cache (administration is in dynamo_table_admin.cpp).

#include "store/dynamodb/dynamo_table.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "aws/backoff.hpp"
#include "store/dynamodb/dynamo_client.hpp"
#include "store/dynamodb/expressions.hpp"
#include "store/dynamodb/item_answer.hpp"
#include "store/dynamodb/item_codec.hpp"
#include "store/dynamodb/table_schema.hpp"
#include "store/request_validation.hpp"
#include "store/store_error.hpp"

namespace cruddur::store::dynamodb {

namespace json = boost::json;

namespace {

constexpr std::size_t kBatchSize = 25;  // BatchWriteItem's limit

Page page_of(ItemAnswer answer) {
  Page page;
  page.items = std::move(answer.items);
  page.last_evaluated_key = std::move(answer.last_evaluated_key);
  return page;
}

}  // namespace

DynamoTable::DynamoTable(aws::AwsConfig config) : client_(std::make_unique<DynamoClient>(std::move(config))) {}

DynamoTable::~DynamoTable() = default;

std::uint64_t DynamoTable::request_count() const { return client_->request_count(); }
std::map<std::string, std::uint64_t> DynamoTable::request_counts() const { return client_->request_counts(); }
std::uint64_t DynamoTable::connections_opened() const { return client_->connections_opened(); }
const aws::AwsConfig& DynamoTable::config() const { return client_->config(); }

void DynamoTable::remember_schema(const TableSchema& schema) {
  MutexLock lock(schemas_mutex_);
  schemas_[schema.name] = schema;
}

void DynamoTable::forget_schema(const std::string& table) {
  MutexLock lock(schemas_mutex_);
  schemas_.erase(table);
}

Task<TableSchema> DynamoTable::schema_of(std::string table) {
  {
    MutexLock lock(schemas_mutex_);
    if (auto it = schemas_.find(table); it != schemas_.end()) co_return it->second;
  }
  std::optional<TableSchema> schema = co_await describe_table(table);
  if (!schema) throw StoreError::not_found("DynamoDB table '" + table + "' does not exist");
  co_return *schema;  // describe_table remembered it
}

Task<Reply> DynamoTable::call_on(std::string table, std::string operation, json::object request) {
  try {
    co_return co_await client_->call(std::move(operation), std::move(request));
  } catch (const StoreError& e) {
    if (e.kind() == StoreError::Kind::resource_not_found) forget_schema(table);
    throw;
  }
}

Task<ItemAnswer> DynamoTable::items_on(std::string table, std::string operation, json::object request,
                                       bool* condition_failed) {
  RawReply raw;
  try {
    auto sending = client_->call_raw(operation, std::move(request));
    raw = co_await std::move(sending);
  } catch (const StoreError& e) {
    if (e.kind() == StoreError::Kind::resource_not_found) forget_schema(table);
    throw;
  }
  if (condition_failed) *condition_failed = raw.condition_failed;
  if (raw.condition_failed) co_return ItemAnswer{};
  co_return decode_item_answer(raw.body, operation);
}

Task<std::optional<Item>> DynamoTable::get(GetRequest request) {
  TableSchema schema = co_await schema_of(request.table);
  validate_key(schema, request.key);
  json::object body{{"TableName", request.table}, {"Key", encode_item(request.key)}, {"ConsistentRead", true}};
  ItemAnswer answer = co_await items_on(request.table, "GetItem", std::move(body));
  co_return std::move(answer.item);
}

Task<WriteStatus> DynamoTable::put(PutRequest request) {
  TableSchema schema = co_await schema_of(request.table);
  validate_item(schema, request.item);
  validate_condition(request.condition);
  json::object body{{"TableName", request.table}, {"Item", encode_item(request.item)}};
  ExpressionBuilder expressions;
  if (std::string condition = expressions.condition(request.condition); !condition.empty()) {
    body["ConditionExpression"] = condition;
  }
  expressions.attach(body);
  Reply reply = co_await call_on(request.table, "PutItem", std::move(body));
  co_return reply.condition_failed ? WriteStatus::condition_failed : WriteStatus::ok;
}

Task<UpdateResult> DynamoTable::update(UpdateRequest request) {
  TableSchema schema = co_await schema_of(request.table);
  validate_update(schema, request);
  json::object body{{"TableName", request.table}, {"Key", encode_item(request.key)}, {"ReturnValues", "ALL_NEW"}};
  ExpressionBuilder expressions;
  if (std::string update = expressions.update(request.set, request.remove); !update.empty()) {
    body["UpdateExpression"] = update;
  }
  if (std::string condition = expressions.condition(request.condition); !condition.empty()) {
    body["ConditionExpression"] = condition;
  }
  expressions.attach(body);
  bool condition_failed = false;
  ItemAnswer answer = co_await items_on(request.table, "UpdateItem", std::move(body), &condition_failed);
  if (condition_failed) co_return UpdateResult{WriteStatus::condition_failed, std::nullopt};
  UpdateResult result;
  if (answer.attributes) {
    result.item = std::move(answer.attributes);
  } else {
    result.item = request.key;  // nothing but the key exists (an empty update of a missing item)
  }
  co_return result;
}

Task<WriteStatus> DynamoTable::remove(DeleteRequest request) {
  TableSchema schema = co_await schema_of(request.table);
  validate_key(schema, request.key);
  validate_condition(request.condition);
  json::object body{{"TableName", request.table}, {"Key", encode_item(request.key)}};
  ExpressionBuilder expressions;
  if (std::string condition = expressions.condition(request.condition); !condition.empty()) {
    body["ConditionExpression"] = condition;
  }
  expressions.attach(body);
  Reply reply = co_await call_on(request.table, "DeleteItem", std::move(body));
  co_return reply.condition_failed ? WriteStatus::condition_failed : WriteStatus::ok;
}

Task<Page> DynamoTable::query(QueryRequest request) {
  TableSchema schema = co_await schema_of(request.table);
  validate_query(schema, request);
  if (request.index) co_return co_await query_index(std::move(schema), std::move(request));

  // The table itself: DynamoDB's order is the store's order, so this is one Query, 1:1.
  json::object body{{"TableName", request.table}, {"ScanIndexForward", request.forward}, {"ConsistentRead", true}};
  ExpressionBuilder expressions;
  const KeySchema& key = schema.key;
  body["KeyConditionExpression"] = expressions.key_condition(key.hash_key, request.hash_value, key.range_key, request.range);
  if (!request.projection.empty()) body["ProjectionExpression"] = expressions.projection(request.projection);
  expressions.attach(body);
  if (request.limit) body["Limit"] = *request.limit;
  if (request.exclusive_start_key) body["ExclusiveStartKey"] = encode_item(*request.exclusive_start_key);
  ItemAnswer answer = co_await items_on(request.table, "Query", std::move(body));
  co_return page_of(std::move(answer));
}

Task<Page> DynamoTable::scan(ScanRequest request) {
  TableSchema schema = co_await schema_of(request.table);
  validate_scan(schema, request);
  json::object body{{"TableName", request.table}, {"ConsistentRead", true}};
  if (request.limit) body["Limit"] = *request.limit;
  if (request.exclusive_start_key) body["ExclusiveStartKey"] = encode_item(*request.exclusive_start_key);
  ItemAnswer answer = co_await items_on(request.table, "Scan", std::move(body));
  co_return page_of(std::move(answer));
}

Task<void> DynamoTable::batch_write(BatchWriteRequest request) {
  TableSchema schema = co_await schema_of(request.table);
  validate_batch_write(schema, request);  // before anything is sent: a bad request writes nothing
  json::array chunk;
  for (const auto& item : request.puts) {
    chunk.push_back(json::object{{"PutRequest", json::object{{"Item", encode_item(item)}}}});
    if (chunk.size() == kBatchSize) co_await write_batch_chunk(request.table, std::exchange(chunk, {}));
  }
  for (const auto& key : request.deletes) {
    chunk.push_back(json::object{{"DeleteRequest", json::object{{"Key", encode_item(key)}}}});
    if (chunk.size() == kBatchSize) co_await write_batch_chunk(request.table, std::exchange(chunk, {}));
  }
  if (!chunk.empty()) co_await write_batch_chunk(request.table, std::move(chunk));
}

Task<void> DynamoTable::write_batch_chunk(std::string table, json::array requests) {
  const aws::RetryPolicy& policy = client_->config().retry;
  for (int round = 0;; ++round) {
    json::object body{{"RequestItems", json::object{{table, std::move(requests)}}}};
    Reply reply = co_await call_on(table, "BatchWriteItem", std::move(body));
    json::array unprocessed;
    if (auto items = reply.body.if_contains("UnprocessedItems"); items && items->is_object()) {
      if (auto mine = items->get_object().if_contains(table); mine && mine->is_array()) unprocessed = mine->get_array();
    }
    if (unprocessed.empty()) co_return;
    if (round + 1 >= policy.max_attempts) {
      throw StoreError::throttled("DynamoDB BatchWriteItem: " + std::to_string(unprocessed.size()) +
                                  " items still unprocessed after " + std::to_string(round + 1) + " rounds");
    }
    co_await aws::sleep_for(aws::backoff_delay(policy, round));
    requests = std::move(unprocessed);
  }
}

std::unique_ptr<Table> make_dynamodb_table(const aws::AwsConfig& config) { return std::make_unique<DynamoTable>(config); }

}  // namespace cruddur::store::dynamodb
