#include "store/dynamodb/item_codec.hpp"

#include "store/store_error.hpp"

namespace cruddur::store::dynamodb {

namespace json = boost::json;

json::value encode_value(const AttributeValue& value) {
  json::object o;
  o.emplace(value.is_string() ? "S" : "N", value.text);
  return o;
}

json::object encode_item(const Item& item) {
  json::object o;
  o.reserve(item.size());
  for (const auto& [name, value] : item) o.emplace(name, encode_value(value));
  return o;
}

AttributeValue decode_value(std::string_view attribute, const json::value& value) {
  const json::object* o = value.if_object();
  if (!o || o->size() != 1) {
    throw StoreError::internal("DynamoDB returned a malformed value for attribute '" + std::string(attribute) + "'");
  }
  const auto& [type, content] = *o->begin();
  const json::string* text = content.if_string();
  if (type == "S" && text) return AttributeValue::S(std::string(*text));
  if (type == "N" && text) return AttributeValue::N(std::string(*text));
  throw StoreError::internal("attribute '" + std::string(attribute) + "' has DynamoDB type " + std::string(type) +
                             "; only S and N are supported");
}

Item decode_item(const json::object& object) {
  // Collected unordered, then sorted once: DynamoDB sends attributes in no particular order, and inserting
  // each into the sorted vector would move the ones after it.
  Item::sequence_type attributes;
  attributes.reserve(object.size());
  for (const auto& [name, value] : object) attributes.emplace_back(std::string(name), decode_value(name, value));
  Item item;
  item.adopt_sequence(std::move(attributes));  // sorts (a parsed object has no repeated names)
  return item;
}

}  // namespace cruddur::store::dynamodb
