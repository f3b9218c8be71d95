#pragma once
// TableSchema <-> DynamoDB's CreateTable / DescribeTable JSON, and the key checks the engine makes before
// sending anything (so that a malformed key is StoreError::invalid on every DynamoDB implementation alike,
// and a batch is rejected whole before any of it is written).
// Pure functions; no thread affinity.

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <vector>

#include "store/table.hpp"

namespace cruddur::store::dynamodb {

// The CreateTable request: every key attribute (table and index) declared as type S; indexes project ALL;
// PAY_PER_REQUEST unless provisioning says otherwise, then PROVISIONED with its units on the table and on
// every index.
boost::json::object create_table_request(const TableSchema& schema, const Provisioning& provisioning);

struct TableDescription {
  TableSchema schema;
  bool active = false;  // the table and every index are ACTIVE
};

// Reads the "Table" object of a DescribeTable answer. Throws StoreError::internal when it is malformed.
TableDescription parse_table_description(const boost::json::object& table);

// The key schema a query reads: the table's, or the named index's (StoreError::invalid when unknown).
const KeySchema& key_schema_for(const TableSchema& schema, const std::optional<std::string>& index);

// Checks that `key` holds exactly the key attributes of `schema`, each a non-empty string.
void check_key(const KeySchema& schema, const Item& key, std::string_view what);
// Checks that `item` holds the key attributes of `schema`, each a non-empty string.
void check_item_key(const KeySchema& schema, const Item& item);
// Checks an exclusive start key: for the table, exactly its key; for an index, the index's key attributes
// and the table's, exactly, all strings.
void check_start_key(const TableSchema& schema, const std::optional<std::string>& index, const Item& key);
// Checks that an update sets and removes no key attribute.
void check_update(const KeySchema& schema, const Item& set, const std::vector<std::string>& remove);

// The key attributes of `item`.
Item key_of(const KeySchema& schema, const Item& item);
// A string that is equal for two items exactly when their keys are (for duplicate detection).
std::string key_identity(const KeySchema& schema, const Item& item);

}  // namespace cruddur::store::dynamodb
