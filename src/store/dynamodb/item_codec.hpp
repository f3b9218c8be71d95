#pragma once
// Items <-> DynamoDB JSON: {"name": {"S": "text"}, "n": {"N": "42"}}. Only S and N exist in store::Item;
// decoding anything else (BOOL, NULL, L, M, sets, B) is StoreError::internal naming the attribute, since
// such an item was written by another tool and cannot be represented faithfully.
// Pure functions; no thread affinity.

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "store/item.hpp"

namespace cruddur::store::dynamodb {

boost::json::value encode_value(const AttributeValue& value);
boost::json::object encode_item(const Item& item);

AttributeValue decode_value(std::string_view attribute, const boost::json::value& value);
Item decode_item(const boost::json::object& object);

}  // namespace cruddur::store::dynamodb
