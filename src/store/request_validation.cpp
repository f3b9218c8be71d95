#include "store/request_validation.hpp"

#include <set>
#include <utility>

#include "store/condition_eval.hpp"
#include "store/store_error.hpp"

namespace cruddur::store {
namespace {

[[noreturn]] void invalid(const std::string& message) { throw StoreError::invalid(message); }

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '-';
}

void validate_key_schema(std::string_view owner, const KeySchema& key) {
  if (key.hash_key.empty()) invalid(std::string(owner) + ": hash key attribute name is empty");
  if (key.range_key && key.range_key->empty()) invalid(std::string(owner) + ": range key attribute name is empty");
  if (key.range_key && *key.range_key == key.hash_key) {
    invalid(std::string(owner) + ": range key '" + *key.range_key + "' is also the hash key");
  }
}

// `value` of key attribute `name` is a non-empty string.
void validate_key_value(const TableSchema& table, const std::string& name, const AttributeValue& value) {
  if (!value.is_string()) invalid("table " + table.name + ": key attribute '" + name + "' must be a string");
  if (value.text.empty()) invalid("table " + table.name + ": key attribute '" + name + "' must not be empty");
}

void require_key_attribute(const TableSchema& table, const Item& item, const std::string& name) {
  auto it = item.find(name);
  if (it == item.end()) invalid("table " + table.name + ": missing key attribute '" + name + "'");
  validate_key_value(table, name, it->second);
}

// `key` holds exactly the attributes in `names`, each a non-empty string.
void validate_exact_key(const TableSchema& table, const Item& key, const std::set<std::string>& names,
                        std::string_view what) {
  for (const auto& name : names) require_key_attribute(table, key, name);
  for (const auto& [name, value] : key) {
    if (!names.contains(name)) {
      invalid("table " + table.name + ": " + std::string(what) + " has attribute '" + name +
              "' that is not a key attribute");
    }
  }
}

std::set<std::string> key_names(const KeySchema& key) {
  std::set<std::string> names{key.hash_key};
  if (key.range_key) names.insert(*key.range_key);
  return names;
}

void validate_limit(const TableSchema& table, const std::optional<int>& limit) {
  if (limit && *limit < 1) invalid("table " + table.name + ": limit must be at least 1");
}

bool is_key_attribute(const KeySchema& key, const std::string& name) {
  return name == key.hash_key || (key.range_key && name == *key.range_key);
}

}  // namespace

void validate_name(std::string_view what, std::string_view name) {
  bool ok = name.size() >= 3 && name.size() <= 255;
  for (char c : name) ok = ok && is_name_char(c);
  if (!ok) {
    invalid(std::string(what) + " name '" + std::string(name) +
            "' must be 3-255 characters of letters, digits, '_', '.', '-'");
  }
}

void validate_schema(const TableSchema& schema) {
  validate_name("table", schema.name);
  validate_key_schema("table " + schema.name, schema.key);
  std::set<std::string> index_names;
  for (const auto& index : schema.indexes) {
    validate_name("index", index.name);
    validate_key_schema("index " + index.name, index.key);
    if (!index_names.insert(index.name).second) {
      invalid("table " + schema.name + ": index '" + index.name + "' is declared twice");
    }
  }
}

void validate_key(const TableSchema& table, const Item& key) {
  validate_exact_key(table, key, key_names(table.key), "key");
}

void validate_item(const TableSchema& table, const Item& item) {
  require_key_attribute(table, item, table.key.hash_key);
  if (table.key.range_key) require_key_attribute(table, item, *table.key.range_key);
  for (const auto& [name, value] : item) {
    if (name.empty()) invalid("table " + table.name + ": an attribute name is empty");
    if (value.is_number() && !is_decimal_number(value.text)) {
      invalid("table " + table.name + ": attribute '" + name + "' is not a number: '" + value.text + "'");
    }
  }
}

void validate_condition(const Condition& condition) {
  using Op = Comparison::Op;
  for (const auto& clause : condition.all_of) {
    if (clause.empty()) invalid("condition: a clause has no comparisons");
    for (const auto& comparison : clause) {
      if (comparison.attribute.empty()) invalid("condition: attribute name is empty");
      bool needs_operand = comparison.op != Op::attribute_exists && comparison.op != Op::attribute_not_exists;
      if (needs_operand != comparison.operand.has_value()) {
        invalid("condition on '" + comparison.attribute + "': " +
                (needs_operand ? "comparison needs an operand" : "exists/not_exists takes no operand"));
      }
      if (!comparison.operand) continue;
      if (comparison.op == Op::begins_with && !comparison.operand->is_string()) {
        invalid("condition on '" + comparison.attribute + "': begins_with needs a string operand");
      }
      if (comparison.operand->is_number() && !is_decimal_number(comparison.operand->text)) {
        invalid("condition on '" + comparison.attribute + "': operand is not a number");
      }
    }
  }
}

void validate_update(const TableSchema& table, const UpdateRequest& request) {
  validate_key(table, request.key);
  validate_condition(request.condition);
  for (const auto& [name, value] : request.set) {
    if (name.empty()) invalid("table " + table.name + ": update sets an attribute with an empty name");
    if (is_key_attribute(table.key, name)) {
      invalid("table " + table.name + ": update may not set key attribute '" + name + "'");
    }
    if (value.is_number() && !is_decimal_number(value.text)) {
      invalid("table " + table.name + ": attribute '" + name + "' is not a number: '" + value.text + "'");
    }
  }
  std::set<std::string_view> removed;
  for (const auto& name : request.remove) {
    if (name.empty()) invalid("table " + table.name + ": update removes an attribute with an empty name");
    if (is_key_attribute(table.key, name)) {
      invalid("table " + table.name + ": update may not remove key attribute '" + name + "'");
    }
    if (request.set.contains(name) || !removed.insert(name).second) {
      invalid("table " + table.name + ": update touches attribute '" + name + "' twice");
    }
  }
}

const IndexSchema* resolve_index(const TableSchema& table, const std::optional<std::string>& index) {
  if (!index) return nullptr;
  for (const auto& candidate : table.indexes) {
    if (candidate.name == *index) return &candidate;
  }
  invalid("table " + table.name + " has no index '" + *index + "'");
}

void validate_query(const TableSchema& table, const QueryRequest& request) {
  const IndexSchema* index = resolve_index(table, request.index);
  const KeySchema& key = index ? index->key : table.key;
  validate_limit(table, request.limit);
  if (request.hash_value.empty()) invalid("table " + table.name + ": query hash value must not be empty");
  for (const auto& attribute : request.projection) {
    if (attribute.empty()) invalid("table " + table.name + ": projection names an empty attribute");
  }
  if (request.range) {
    if (!key.range_key) invalid("table " + table.name + ": range condition on a key without a range key");
    if (request.range->value.empty()) invalid("table " + table.name + ": range value must not be empty");
    if (request.range->op == KeyRange::Op::between) {
      if (request.range->upper.empty()) invalid("table " + table.name + ": between upper bound is empty");
      if (request.range->upper < request.range->value) {
        invalid("table " + table.name + ": between bounds are reversed (lower > upper)");
      }
    }
  }
  if (request.exclusive_start_key) {
    std::set<std::string> names = key_names(table.key);
    if (index) names.merge(key_names(index->key));
    validate_exact_key(table, *request.exclusive_start_key, names, "exclusive_start_key");
    if (request.exclusive_start_key->at(key.hash_key).text != request.hash_value) {
      invalid("table " + table.name + ": exclusive_start_key does not match the query's hash value");
    }
  }
}

void validate_scan(const TableSchema& table, const ScanRequest& request) {
  validate_limit(table, request.limit);
  if (request.exclusive_start_key) {
    validate_exact_key(table, *request.exclusive_start_key, key_names(table.key), "exclusive_start_key");
  }
}

void validate_batch_write(const TableSchema& table, const BatchWriteRequest& request) {
  std::set<std::pair<std::string, std::string>> seen;
  auto check_unique = [&](const Item& item) {
    std::pair<std::string, std::string> key{item.at(table.key.hash_key).text,
                                            table.key.range_key ? item.at(*table.key.range_key).text : ""};
    if (!seen.insert(std::move(key)).second) {
      invalid("table " + table.name + ": batch_write names the same key twice");
    }
  };
  for (const auto& item : request.puts) {
    validate_item(table, item);
    check_unique(item);
  }
  for (const auto& key : request.deletes) {
    validate_key(table, key);
    check_unique(key);
  }
}

Item key_of(const KeySchema& key, const Item& item) {
  Item result;
  result.emplace(key.hash_key, item.at(key.hash_key));
  if (key.range_key) result.emplace(*key.range_key, item.at(*key.range_key));
  return result;
}

bool appears_in_index(const KeySchema& index_key, const Item& item) {
  auto usable = [&](const std::string& name) {
    auto it = item.find(name);
    return it != item.end() && it->second.is_string() && !it->second.text.empty();
  };
  return usable(index_key.hash_key) && (!index_key.range_key || usable(*index_key.range_key));
}

Item apply_update(const Item* existing, const UpdateRequest& request) {
  Item result = existing ? *existing : request.key;
  for (const auto& [name, value] : request.set) result.insert_or_assign(name, value);
  for (const auto& name : request.remove) {
    auto it = result.find(name);
    if (it != result.end()) result.erase(it);
  }
  return result;
}

Item page_key(const TableSchema& table, const IndexSchema* index, const Item& item) {
  Item result = key_of(table.key, item);
  if (index) result.merge(key_of(index->key, item));
  return result;
}

}  // namespace cruddur::store
