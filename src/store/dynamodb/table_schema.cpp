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
    const auto& o = element.as_object();
    std::string name = string_field(o, "AttributeName");
    if (string_field(o, "KeyType") == "HASH") {
      key.hash_key = name;
    } else {
      key.range_key = name;
    }
  }
  return key;
}

void check_key_attribute(const Item& item, const std::string& attribute, std::string_view what) {
  auto it = item.find(attribute);
  if (it == item.end()) throw StoreError::invalid(std::string(what) + " lacks the key attribute '" + attribute + "'");
  if (!it->second.is_string()) {
    throw StoreError::invalid(std::string(what) + ": key attribute '" + attribute + "' must be a string");
  }
  if (it->second.text.empty()) {
    throw StoreError::invalid(std::string(what) + ": key attribute '" + attribute + "' must not be empty");
  }
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
      const auto& o = element.as_object();
      d.schema.indexes.push_back(IndexSchema{string_field(o, "IndexName"), parse_key_schema(o.if_contains("KeySchema"))});
      // Some implementations (dynalite, old DynamoDB Local) omit IndexStatus: treat that as active.
      if (auto status = o.if_contains("IndexStatus"); status && status->is_string() && status->get_string() != "ACTIVE") {
        d.active = false;
      }
    }
  }
  return d;
}

const KeySchema& key_schema_for(const TableSchema& schema, const std::optional<std::string>& index) {
  if (!index) return schema.key;
  for (const auto& i : schema.indexes) {
    if (i.name == *index) return i.key;
  }
  throw StoreError::invalid("table '" + schema.name + "' has no index '" + *index + "'");
}

void check_item_key(const KeySchema& schema, const Item& item) {
  check_key_attribute(item, schema.hash_key, "item");
  if (schema.range_key) check_key_attribute(item, *schema.range_key, "item");
}

void check_key(const KeySchema& schema, const Item& key, std::string_view what) {
  check_key_attribute(key, schema.hash_key, what);
  if (schema.range_key) check_key_attribute(key, *schema.range_key, what);
  const std::size_t expected = schema.range_key ? 2 : 1;
  if (key.size() != expected) throw StoreError::invalid(std::string(what) + " holds attributes that are not the key");
}

void check_start_key(const TableSchema& schema, const std::optional<std::string>& index, const Item& key) {
  std::set<std::string> expected{schema.key.hash_key};
  if (schema.key.range_key) expected.insert(*schema.key.range_key);
  if (index) {
    const KeySchema& index_key = key_schema_for(schema, index);
    expected.insert(index_key.hash_key);
    if (index_key.range_key) expected.insert(*index_key.range_key);
  }
  for (const auto& attribute : expected) check_key_attribute(key, attribute, "exclusive start key");
  if (key.size() != expected.size()) {
    throw StoreError::invalid("exclusive start key holds attributes that are not the key");
  }
}

void check_update(const KeySchema& schema, const Item& set, const std::vector<std::string>& remove) {
  auto is_key = [&](const std::string& a) { return a == schema.hash_key || (schema.range_key && a == *schema.range_key); };
  for (const auto& [attribute, value] : set) {
    if (is_key(attribute)) throw StoreError::invalid("an update may not set the key attribute '" + attribute + "'");
  }
  for (const auto& attribute : remove) {
    if (is_key(attribute)) throw StoreError::invalid("an update may not remove the key attribute '" + attribute + "'");
  }
}

Item key_of(const KeySchema& schema, const Item& item) {
  Item key;
  key.emplace(schema.hash_key, item.at(schema.hash_key));
  if (schema.range_key) key.emplace(*schema.range_key, item.at(*schema.range_key));
  return key;
}

std::string key_identity(const KeySchema& schema, const Item& item) {
  std::string id = item.at(schema.hash_key).text;
  if (schema.range_key) {
    id.insert(0, std::to_string(id.size()) + ":");
    id += item.at(*schema.range_key).text;
  }
  return id;
}

}  // namespace cruddur::store::dynamodb
