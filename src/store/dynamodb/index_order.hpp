#pragma once
// Index queries in the store's order. DynamoDB orders a global secondary index by its range key only; items
// with equal index keys come in an order of its own (a hash of the table key: real DynamoDB and dynalite
// alike). The store contract orders such ties by the table's primary key, so the engine reads whole tie
// groups, sorts each by table key, and pages with its own cursor (index keys + table keys of the last item),
// resuming at the start of the cursor's tie group:
//   - the DynamoDB key condition is the caller's range narrowed to start at the cursor's range value
//     (inclusive), so the cursor's group is read again and items up to the cursor skipped;
//   - the caller's range is also checked on each item, which covers what one key condition cannot say.
// With unique index range values (the messaging domain's indexes) a page costs one extra item.
// A tie group is read whole whatever the page size (DynamoDB has no order within it to resume from), so its
// size bounds what a page may cost: a query that meets a group of more than kMaxTieGroupItems items fails
// with StoreError validation instead of reading on. An index without a range key is one tie group per hash
// value (doc/keys.md, "Indexes without a range key").
// Pure functions and values; no thread affinity.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "store/dynamodb/expressions.hpp"
#include "store/table.hpp"

namespace cruddur::store::dynamodb {

// The most items with equal index keys a query on this engine orders (and so reads for one page).
inline constexpr std::size_t kMaxTieGroupItems = 1000;

// The order of items in an index: index range value, then table hash key, then table range key, each by
// byte order (reversed for backward queries).
struct IndexOrder {
  std::optional<std::string> index_range;
  std::string table_hash;
  std::optional<std::string> table_range;

  // <0, 0, >0 as a sorts before, with, after b in ascending order.
  int compare(const Item& a, const Item& b) const;
  // Whether a and b have the same index range value (one tie group); always true without an index range key.
  bool same_group(const Item& a, const Item& b) const;
};

struct Bound {
  std::string value;
  bool inclusive = true;
};

// What is sent to DynamoDB as the range part of the key condition.
struct RangePlan {
  std::optional<Bound> lower;
  std::optional<Bound> upper;
  std::optional<std::string> prefix;  // sent as begins_with only when no bound was added for a cursor
  bool prefix_native = false;
  bool empty = false;  // the narrowed range holds nothing: no request is needed
};

// The caller's range narrowed to start at `cursor_range` (inclusive) in the direction of the query.
RangePlan plan_range(const std::optional<KeyRange>& range, const std::optional<std::string>& cursor_range, bool forward);

// The key condition for a plan: hash = value, and the plan's bounds (BETWEEN when both, else one compare).
std::string key_condition(ExpressionBuilder& expressions, std::string_view hash_attribute, const std::string& hash_value,
                          const std::optional<std::string>& range_attribute, const RangePlan& plan);

// Whether a range key value satisfies the caller's range.
bool in_range(const std::optional<KeyRange>& range, std::string_view value);

// Whether, reading in this direction, no later value can satisfy the range any more (begins_with read
// through a bound instead of natively).
bool beyond_range(const std::optional<KeyRange>& range, std::string_view value, bool forward);

}  // namespace cruddur::store::dynamodb
