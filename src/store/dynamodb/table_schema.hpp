#pragma once
// TableSchema <-> DynamoDB's CreateTable / DescribeTable JSON. (Requests are checked before sending with the
// engine-independent store/request_validation.hpp, so every engine rejects the same requests alike.)
// Pure functions; no thread affinity.

#include <boost/json/object.hpp>

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

}  // namespace cruddur::store::dynamodb
