#include "store/dynamodb/index_order.hpp"

namespace cruddur::store::dynamodb {
namespace {

int compare_attribute(const Item& a, const Item& b, const std::string& attribute) {
  auto ia = a.find(attribute);
  auto ib = b.find(attribute);
  std::string_view va = ia == a.end() ? std::string_view{} : std::string_view(ia->second.text);
  std::string_view vb = ib == b.end() ? std::string_view{} : std::string_view(ib->second.text);
  int c = va.compare(vb);  // std::char_traits<char>::compare is unsigned byte order
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// The tighter of two lower (or upper) bounds.
Bound tighter(const Bound& a, const Bound& b, bool lower) {
  if (a.value == b.value) return Bound{a.value, a.inclusive && b.inclusive};
  return (a.value < b.value) == lower ? b : a;
}

}  // namespace

int IndexOrder::compare(const Item& a, const Item& b) const {
  if (index_range) {
    if (int c = compare_attribute(a, b, *index_range)) return c;
  }
  if (int c = compare_attribute(a, b, table_hash)) return c;
  if (table_range) return compare_attribute(a, b, *table_range);
  return 0;
}

bool IndexOrder::same_group(const Item& a, const Item& b) const {
  return !index_range || compare_attribute(a, b, *index_range) == 0;
}

RangePlan plan_range(const std::optional<KeyRange>& range, const std::optional<std::string>& cursor_range, bool forward) {
  RangePlan plan;
  if (range) {
    using Op = KeyRange::Op;
    const std::string& v = range->value;
    switch (range->op) {
      case Op::eq: plan.lower = Bound{v, true}; plan.upper = Bound{v, true}; break;
      case Op::lt: plan.upper = Bound{v, false}; break;
      case Op::le: plan.upper = Bound{v, true}; break;
      case Op::gt: plan.lower = Bound{v, false}; break;
      case Op::ge: plan.lower = Bound{v, true}; break;
      case Op::between: plan.lower = Bound{v, true}; plan.upper = Bound{range->upper, true}; break;
      case Op::begins_with: plan.prefix = v; break;
    }
  }
  if (cursor_range) {
    Bound at_cursor{*cursor_range, true};
    auto& side = forward ? plan.lower : plan.upper;
    side = side ? tighter(*side, at_cursor, forward) : at_cursor;
  }
  plan.prefix_native = plan.prefix && !plan.lower && !plan.upper;
  if (plan.prefix && !plan.prefix_native) {
    // Reading from a cursor: the prefix is checked per item; start no earlier than the prefix itself.
    if (forward && plan.lower->value < *plan.prefix) plan.lower = Bound{*plan.prefix, true};
    if (!forward && !starts_with(plan.upper->value, *plan.prefix) && plan.upper->value < *plan.prefix) plan.empty = true;
  }
  if (plan.lower && plan.upper) {
    if (plan.lower->value > plan.upper->value) plan.empty = true;
    if (plan.lower->value == plan.upper->value && !(plan.lower->inclusive && plan.upper->inclusive)) plan.empty = true;
  }
  return plan;
}

std::string key_condition(ExpressionBuilder& e, std::string_view hash_attribute, const std::string& hash_value,
                          const std::optional<std::string>& range_attribute, const RangePlan& plan) {
  std::string out = e.name(hash_attribute) + " = " + e.value(AttributeValue::S(hash_value));
  if (!range_attribute || (!plan.prefix_native && !plan.lower && !plan.upper)) return out;
  const std::string r = e.name(*range_attribute);
  auto v = [&](const std::string& s) { return e.value(AttributeValue::S(s)); };
  if (plan.prefix_native) return out + " AND begins_with(" + r + ", " + v(*plan.prefix) + ")";
  if (plan.lower && plan.upper) {
    if (plan.lower->value == plan.upper->value) return out + " AND " + r + " = " + v(plan.lower->value);
    // BETWEEN is inclusive; exclusive ends are dropped per item by in_range.
    const std::string low = v(plan.lower->value);
    return out + " AND " + r + " BETWEEN " + low + " AND " + v(plan.upper->value);
  }
  if (plan.lower) return out + " AND " + r + (plan.lower->inclusive ? " >= " : " > ") + v(plan.lower->value);
  if (plan.upper) return out + " AND " + r + (plan.upper->inclusive ? " <= " : " < ") + v(plan.upper->value);
  return out;
}

bool in_range(const std::optional<KeyRange>& range, std::string_view value) {
  if (!range) return true;
  using Op = KeyRange::Op;
  const std::string_view v = range->value;
  switch (range->op) {
    case Op::eq: return value == v;
    case Op::lt: return value < v;
    case Op::le: return value <= v;
    case Op::gt: return value > v;
    case Op::ge: return value >= v;
    case Op::between: return value >= v && value <= std::string_view(range->upper);
    case Op::begins_with: return starts_with(value, v);
  }
  return false;
}

bool beyond_range(const std::optional<KeyRange>& range, std::string_view value, bool forward) {
  if (!range || range->op != KeyRange::Op::begins_with) return false;
  const std::string_view prefix = range->value;
  if (starts_with(value, prefix)) return false;
  return forward ? value > prefix : value < prefix;
}

}  // namespace cruddur::store::dynamodb
