#pragma once
// Building DynamoDB expressions from store requests. Every attribute name becomes a placeholder (#n0, #n1 ...)
// and every value a placeholder (:v0, :v1 ...), so reserved words ("name", "status", "data" ...) and odd
// characters never break an expression and no value is ever spliced into one.
//
// One builder serves one request: build the expressions it needs, then attach() the placeholder maps.
// Not thread-safe (a plain value).

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/table.hpp"

namespace cruddur::store::dynamodb {

class ExpressionBuilder {
 public:
  // The placeholder for an attribute name; the same name always gets the same placeholder.
  std::string name(std::string_view attribute);
  // A fresh placeholder bound to this value.
  std::string value(const AttributeValue& v);

  // A ConditionExpression for `condition`, or "" when it is empty (always holds). Keeps the store contract:
  // comparisons on a missing attribute or across kinds are false (so "<>" also requires the operand's kind).
  std::string condition(const Condition& condition);
  // A KeyConditionExpression: hash = value, and the range condition when given.
  std::string key_condition(std::string_view hash_attribute, const std::string& hash_value,
                            const std::optional<std::string>& range_attribute, const std::optional<KeyRange>& range);
  // An UpdateExpression "SET #a = :v, ... REMOVE #b, ...", or "" when there is nothing to set or remove.
  std::string update(const Item& set, const std::vector<std::string>& remove);

  // A ProjectionExpression: "#a, #b, ...".
  std::string projection(const std::vector<std::string>& attributes);

  // Adds ExpressionAttributeNames / ExpressionAttributeValues to the request when any placeholder was made.
  // Moves them there: build nothing more with this builder afterwards.
  void attach(boost::json::object& request);

 private:
  std::string comparison(const Comparison& c);

  boost::json::object names_;   // "#n0" -> "name"
  boost::json::object values_;  // ":v0" -> {"S": "..."}
  int next_value_ = 0;
};

}  // namespace cruddur::store::dynamodb
