#include "store/dynamodb/expressions.hpp"

#include "store/dynamodb/item_codec.hpp"
#include "store/store_error.hpp"

namespace cruddur::store::dynamodb {

std::string ExpressionBuilder::projection(const std::vector<std::string>& attributes) {
  std::string expression;
  for (const auto& attribute : attributes) {
    if (!expression.empty()) expression += ", ";
    expression += name(attribute);
  }
  return expression;
}

std::string ExpressionBuilder::name(std::string_view attribute) {
  for (const auto& [placeholder, bound] : names_) {
    if (bound.as_string() == attribute) return std::string(placeholder);
  }
  std::string placeholder = "#n" + std::to_string(names_.size());
  names_[placeholder] = attribute;
  return placeholder;
}

std::string ExpressionBuilder::value(const AttributeValue& v) {
  std::string placeholder = ":v" + std::to_string(next_value_++);
  values_[placeholder] = encode_value(v);
  return placeholder;
}

std::string ExpressionBuilder::comparison(const Comparison& c) {
  using Op = Comparison::Op;
  const std::string n = name(c.attribute);
  if (c.op == Op::attribute_exists) return "attribute_exists(" + n + ")";
  if (c.op == Op::attribute_not_exists) return "attribute_not_exists(" + n + ")";
  if (!c.operand) throw StoreError::invalid("comparison on '" + c.attribute + "' lacks an operand");
  const AttributeValue& operand = *c.operand;

  switch (c.op) {
    case Op::eq: return n + " = " + value(operand);
    case Op::lt: return n + " < " + value(operand);
    case Op::le: return n + " <= " + value(operand);
    case Op::gt: return n + " > " + value(operand);
    case Op::ge: return n + " >= " + value(operand);
    case Op::ne: {
      // DynamoDB's "<>" holds for a missing attribute and across kinds; the store contract says false.
      std::string kind = value(AttributeValue::S(operand.is_string() ? "S" : "N"));
      return "attribute_type(" + n + ", " + kind + ") AND " + n + " <> " + value(operand);
    }
    case Op::begins_with:
      // begins_with takes a string prefix; with a number there is no prefix match, so the comparison is
      // false (DynamoDB would reject the expression).
      if (!operand.is_string()) return "attribute_exists(" + n + ") AND attribute_not_exists(" + n + ")";
      return "begins_with(" + n + ", " + value(operand) + ")";
    default: break;
  }
  throw StoreError::invalid("unknown comparison operator");
}

// Parentheses only where precedence needs them (AND binds tighter than OR): DynamoDB rejects redundant ones.
// A comparison may itself be "x AND y", which is safe both inside an OR and among ANDs.
std::string ExpressionBuilder::condition(const Condition& condition) {
  std::string out;
  const bool several_clauses = condition.all_of.size() > 1;
  for (const auto& clause : condition.all_of) {
    if (clause.empty()) throw StoreError::invalid("a condition clause with no comparison can never hold");
    std::string any;
    for (const auto& c : clause) {
      if (!any.empty()) any += " OR ";
      any += comparison(c);
    }
    if (!out.empty()) out += " AND ";
    out += several_clauses && clause.size() > 1 ? "(" + any + ")" : any;
  }
  return out;
}

std::string ExpressionBuilder::key_condition(std::string_view hash_attribute, const std::string& hash_value,
                                             const std::optional<std::string>& range_attribute,
                                             const std::optional<KeyRange>& range) {
  std::string out = name(hash_attribute) + " = " + value(AttributeValue::S(hash_value));
  if (!range) return out;
  if (!range_attribute) throw StoreError::invalid("a range condition on a table or index without a range key");
  const std::string r = name(*range_attribute);
  const std::string v = value(AttributeValue::S(range->value));
  using Op = KeyRange::Op;
  switch (range->op) {
    case Op::eq: return out + " AND " + r + " = " + v;
    case Op::lt: return out + " AND " + r + " < " + v;
    case Op::le: return out + " AND " + r + " <= " + v;
    case Op::gt: return out + " AND " + r + " > " + v;
    case Op::ge: return out + " AND " + r + " >= " + v;
    case Op::between: return out + " AND " + r + " BETWEEN " + v + " AND " + value(AttributeValue::S(range->upper));
    case Op::begins_with: return out + " AND begins_with(" + r + ", " + v + ")";
  }
  throw StoreError::invalid("unknown key range operator");
}

std::string ExpressionBuilder::update(const Item& set, const std::vector<std::string>& remove) {
  std::string out;
  for (const auto& [attribute, v] : set) {
    out += out.empty() ? "SET " : ", ";
    out += name(attribute) + " = " + value(v);
  }
  std::string removals;
  for (const auto& attribute : remove) {
    removals += removals.empty() ? "REMOVE " : ", ";
    removals += name(attribute);
  }
  if (!removals.empty()) out += (out.empty() ? "" : " ") + removals;
  return out;
}

void ExpressionBuilder::attach(boost::json::object& request) {
  if (!names_.empty()) request["ExpressionAttributeNames"] = std::move(names_);
  if (!values_.empty()) request["ExpressionAttributeValues"] = std::move(values_);
}

}  // namespace cruddur::store::dynamodb
