#include "store/condition_eval.hpp"

#include <algorithm>
#include <string>

namespace cruddur::store {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A decimal number as sign * 0.digits * 10^exponent, with no leading or trailing zeros in `digits`;
// zero has sign 0 and no digits.
struct Decimal {
  int sign = 0;
  std::string digits;
  long long exponent = 0;
};

// Parses what is_decimal_number accepts; returns false for anything else.
bool parse_decimal(std::string_view s, Decimal& out) {
  size_t i = 0;
  int sign = 1;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) sign = s[i++] == '-' ? -1 : 1;
  std::string all;
  size_t integer_digits = 0;
  while (i < s.size() && is_digit(s[i])) all.push_back(s[i++]), ++integer_digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && is_digit(s[i])) all.push_back(s[i++]);
  }
  if (all.empty()) return false;
  long long exponent_shift = 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    int exponent_sign = 1;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) exponent_sign = s[i++] == '-' ? -1 : 1;
    if (i == s.size()) return false;
    constexpr long long clamp = 1'000'000'000'000LL;  // far beyond any real number; avoids overflow
    while (i < s.size() && is_digit(s[i])) {
      exponent_shift = std::min(clamp, exponent_shift * 10 + (s[i++] - '0'));
    }
    exponent_shift *= exponent_sign;
  }
  if (i != s.size()) return false;

  size_t leading = 0;
  while (leading < all.size() && all[leading] == '0') ++leading;
  size_t end = all.size();
  while (end > leading && all[end - 1] == '0') --end;
  if (leading == end) {
    out = Decimal{};
    return true;
  }
  out.sign = sign;
  out.digits = all.substr(leading, end - leading);
  out.exponent = static_cast<long long>(integer_digits) - static_cast<long long>(leading) + exponent_shift;
  return true;
}

int compare_magnitude(const Decimal& a, const Decimal& b) {
  if (a.exponent != b.exponent) return a.exponent < b.exponent ? -1 : 1;
  int c = a.digits.compare(b.digits);  // same exponent: digit strings compare like the numbers
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

int compare_bytes(std::string_view a, std::string_view b) {
  int c = a.compare(b);  // char_traits<char>::compare compares as unsigned char, like memcmp
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

}  // namespace

bool is_decimal_number(std::string_view text) {
  Decimal ignored;
  return parse_decimal(text, ignored);
}

int compare_decimal(std::string_view a, std::string_view b) {
  Decimal x, y;
  if (!parse_decimal(a, x) || !parse_decimal(b, y)) return compare_bytes(a, b);
  if (x.sign != y.sign) return x.sign < y.sign ? -1 : 1;
  if (x.sign == 0) return 0;
  int magnitude = compare_magnitude(x, y);
  return x.sign > 0 ? magnitude : -magnitude;
}

int compare_same_kind(const AttributeValue& a, const AttributeValue& b) {
  return a.is_number() ? compare_decimal(a.text, b.text) : compare_bytes(a.text, b.text);
}

bool comparison_holds(const Comparison& comparison, const Item* item) {
  const AttributeValue* value = nullptr;
  if (item) {
    auto it = item->find(comparison.attribute);
    if (it != item->end()) value = &it->second;
  }
  using Op = Comparison::Op;
  switch (comparison.op) {
    case Op::attribute_exists: return value != nullptr;
    case Op::attribute_not_exists: return value == nullptr;
    default: break;
  }
  if (!value || !comparison.operand || value->kind != comparison.operand->kind) return false;
  const AttributeValue& operand = *comparison.operand;
  if (comparison.op == Op::begins_with) {
    return value->is_string() && std::string_view(value->text).starts_with(operand.text);
  }
  int c = compare_same_kind(*value, operand);
  switch (comparison.op) {
    case Op::eq: return c == 0;
    case Op::ne: return c != 0;
    case Op::lt: return c < 0;
    case Op::le: return c <= 0;
    case Op::gt: return c > 0;
    case Op::ge: return c >= 0;
    default: return false;
  }
}

bool condition_holds(const Condition& condition, const Item* item) {
  return std::all_of(condition.all_of.begin(), condition.all_of.end(), [&](const auto& clause) {
    return std::any_of(clause.begin(), clause.end(),
                       [&](const Comparison& c) { return comparison_holds(c, item); });
  });
}

}  // namespace cruddur::store
