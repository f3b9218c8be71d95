// DynamoTable: table administration (create + wait until ACTIVE, delete + wait until gone, list, describe).

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <algorithm>
#include <set>

#include "aws/backoff.hpp"
#include "store/dynamodb/dynamo_client.hpp"
#include "store/dynamodb/dynamo_table.hpp"
#include "store/dynamodb/table_schema.hpp"
#include "store/request_validation.hpp"
#include "store/store_error.hpp"

namespace cruddur::store::dynamodb {

namespace json = boost::json;

Task<void> DynamoTable::create_table(TableSchema schema, Provisioning provisioning) {
  validate_schema(schema);
  forget_schema(schema.name);
  co_await client_->call("CreateTable", create_table_request(schema, provisioning));
  co_await wait_for_table(schema.name, false);
}

Task<void> DynamoTable::delete_table(std::string name) {
  forget_schema(name);
  json::object body{{"TableName", name}};  // (not inline in co_await: GCC 12 rejects that)
  co_await client_->call("DeleteTable", std::move(body));
  co_await wait_for_table(name, true);
}

// Polls DescribeTable (20 ms, doubling to 1 s) until the table and its indexes are ACTIVE, or until it is
// gone, for at most config().table_wait_timeout.
Task<void> DynamoTable::wait_for_table(std::string name, bool until_gone) {
  const auto deadline = std::chrono::steady_clock::now() + client_->config().table_wait_timeout;
  std::chrono::milliseconds delay{20};
  for (;;) {
    std::optional<bool> active;  // nullopt: gone
    try {
      json::object body{{"TableName", name}};
      Reply reply = co_await client_->call("DescribeTable", std::move(body));
      auto table = reply.body.if_contains("Table");
      if (!table || !table->is_object()) throw StoreError::internal("DynamoDB DescribeTable: no Table in the answer");
      TableDescription description = parse_table_description(table->get_object());
      active = description.active;
      if (description.active && !until_gone) remember_schema(description.schema);
    } catch (const StoreError& e) {
      if (e.kind() != StoreError::Kind::resource_not_found) throw;
    }
    if (until_gone ? !active.has_value() : active.value_or(false)) co_return;
    if (std::chrono::steady_clock::now() + delay > deadline) {
      throw StoreError::unavailable("DynamoDB table '" + name + "' did not become " +
                                    (until_gone ? "deleted" : "ACTIVE") + " in time");
    }
    co_await aws::sleep_for(delay);
    delay = std::min(delay * 2, std::chrono::milliseconds(1000));
  }
}

Task<std::vector<std::string>> DynamoTable::list_tables() {
  std::vector<std::string> names;
  std::optional<std::string> start;
  std::set<std::string> seen;  // every LastEvaluatedTableName so far
  for (;;) {
    json::object body;
    if (start) body["ExclusiveStartTableName"] = *start;
    Reply reply = co_await client_->call("ListTables", std::move(body));
    if (auto tables = reply.body.if_contains("TableNames"); tables && tables->is_array()) {
      for (const auto& name : tables->get_array()) {
        if (!name.is_string()) throw StoreError::internal("DynamoDB ListTables: a table name that is not a string");
        names.emplace_back(name.get_string());
      }
    }
    auto last = reply.body.if_contains("LastEvaluatedTableName");
    if (!last || !last->is_string()) co_return names;
    start = std::string(last->get_string());
    // A page seen before would be asked for forever.
    if (!seen.insert(*start).second)
      throw StoreError::internal("DynamoDB ListTables: the same page twice (LastEvaluatedTableName '" + *start + "')");
  }
}

Task<std::optional<TableSchema>> DynamoTable::describe_table(std::string name) {
  try {
    json::object body{{"TableName", name}};
    Reply reply = co_await client_->call("DescribeTable", std::move(body));
    auto table = reply.body.if_contains("Table");
    if (!table || !table->is_object()) throw StoreError::internal("DynamoDB DescribeTable: no Table in the answer");
    TableSchema schema = parse_table_description(table->get_object()).schema;
    remember_schema(schema);
    co_return schema;
  } catch (const StoreError& e) {
    if (e.kind() != StoreError::Kind::resource_not_found) throw;
  }
  forget_schema(name);
  co_return std::nullopt;
}

}  // namespace cruddur::store::dynamodb
