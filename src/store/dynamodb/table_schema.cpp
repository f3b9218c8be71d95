#include "store/dynamodb/table_schema.hpp"

#include <boost/json/array.hpp>

#include <set>

#include "store/store_error.hpp"

namespace cruddur::store::dynamodb {
namespace {

namespace json = boost::json;

json::array key_schema_json(const KeySchema& key) {
  json::array a;
  a.push_back(json::object{{"AttributeName", key.hash_key}, {"KeyType", "HASH"}});
  if (key.range_key) a.push_back(json::object{{"AttributeName", *key.range_key}, {"KeyType", "RANGE"}});
  return a;
}

json::object throughput(const Provisioning& p) {
  return {{"ReadCapacityUnits", p.read_capacity_units}, {"WriteCapacityUnits", p.write_capacity_units}};
}

std::string string_field(const json::object& o, std::string_view key) {
  auto v = o.if_contains(key);
  if (!v || !v->is_string()) {
    throw StoreError::internal("DynamoDB table description lacks '" + std::string(key) + "'");
  }
  return std::string(v->get_string());
}

KeySchema parse_key_schema(const json::value* v) {
  if (!v || !v->is_array()) throw StoreError::internal("DynamoDB table description lacks a KeySchema");
  KeySchema key;
  for (const auto& element : v->get_array()) {
    if (!element.is_object()) throw StoreError::internal("DynamoDB table description: a KeySchema entry is not an object");
    const auto& o = element.get_object();
    std::string name = string_field(o, "AttributeName");
    if (string_field(o, "KeyType") == "HASH") {
      key.hash_key = name;
    } else {
      key.range_key = name;
    }
  }
  return key;
}

}  // namespace

json::object create_table_request(const TableSchema& schema, const Provisioning& provisioning) {
  std::set<std::string> attributes{schema.key.hash_key};
  if (schema.key.range_key) attributes.insert(*schema.key.range_key);

  json::object request{{"TableName", schema.name}, {"KeySchema", key_schema_json(schema.key)}};
  if (!schema.indexes.empty()) {
    json::array indexes;
    for (const auto& index : schema.indexes) {
      attributes.insert(index.key.hash_key);
      if (index.key.range_key) attributes.insert(*index.key.range_key);
      json::object gsi{{"IndexName", index.name},
                       {"KeySchema", key_schema_json(index.key)},
                       {"Projection", json::object{{"ProjectionType", "ALL"}}}};
      if (!provisioning.on_demand) gsi["ProvisionedThroughput"] = throughput(provisioning);
      indexes.push_back(std::move(gsi));
    }
    request["GlobalSecondaryIndexes"] = std::move(indexes);
  }
  json::array definitions;
  for (const auto& name : attributes) {
    definitions.push_back(json::object{{"AttributeName", name}, {"AttributeType", "S"}});
  }
  request["AttributeDefinitions"] = std::move(definitions);
  if (provisioning.on_demand) {
    request["BillingMode"] = "PAY_PER_REQUEST";
  } else {
    request["BillingMode"] = "PROVISIONED";
    request["ProvisionedThroughput"] = throughput(provisioning);
  }
  return request;
}

TableDescription parse_table_description(const json::object& table) {
  TableDescription d;
  d.schema.name = string_field(table, "TableName");
  d.schema.key = parse_key_schema(table.if_contains("KeySchema"));
  d.active = string_field(table, "TableStatus") == "ACTIVE";
  if (auto gsis = table.if_contains("GlobalSecondaryIndexes"); gsis && gsis->is_array()) {
    for (const auto& element : gsis->get_array()) {
      if (!element.is_object()) throw StoreError::internal("DynamoDB table description: an index is not an object");
      const auto& o = element.get_object();
      d.schema.indexes.push_back(IndexSchema{string_field(o, "IndexName"), parse_key_schema(o.if_contains("KeySchema"))});
      // Some implementations (dynalite, old DynamoDB Local) omit IndexStatus: treat that as active.
      if (auto status = o.if_contains("IndexStatus"); status && status->is_string() && status->get_string() != "ACTIVE") {
        d.active = false;
      }
    }
  }
  return d;
}

}  // namespace cruddur::store::dynamodb
