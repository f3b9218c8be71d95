#pragma once
// Items with DynamoDB semantics: a map of attribute name -> value, where a value is a string (S) or a
// number (N, kept as its decimal text exactly as given). Key attributes are always strings.
//
// Plain value types; no thread affinity.

#include <boost/container/flat_map.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cruddur::store {

struct AttributeValue {
  enum class Kind { string, number };

  Kind kind = Kind::string;
  std::string text;  // the string itself, or the number's decimal text ("42", "-1.5")

  static AttributeValue S(std::string s) { return {Kind::string, std::move(s)}; }
  static AttributeValue N(std::string decimal) { return {Kind::number, std::move(decimal)}; }
  static AttributeValue N(long long n) { return {Kind::number, std::to_string(n)}; }

  bool is_string() const { return kind == Kind::string; }
  bool is_number() const { return kind == Kind::number; }

  friend bool operator==(const AttributeValue&, const AttributeValue&) = default;
};

// Ordered so that iteration (and any serialisation of an item) is deterministic. A flat map (one sorted
// vector): items have about ten attributes and are decoded by the thousand per second, so one allocation per
// item beats one per attribute. Like a vector, inserting may invalidate references to other attributes.
using Item = boost::container::flat_map<std::string, AttributeValue, std::less<>>;

// True when `attributes` is empty (no projection: every attribute) or lists `name`.
inline bool projected(const std::vector<std::string>& attributes, std::string_view name) {
  if (attributes.empty()) return true;
  for (const auto& attribute : attributes) {
    if (attribute == name) return true;
  }
  return false;
}

// Convenience accessors for the domain: the string value of `name`, or nullopt when absent.
inline std::optional<std::string> get_string(const Item& item, std::string_view name) {
  auto it = item.find(name);
  if (it == item.end()) return std::nullopt;
  return it->second.text;
}

}  // namespace cruddur::store
