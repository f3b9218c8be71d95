#pragma once
// Engine-independent checks of requests against a table's schema, and the small item computations every
// engine needs (key extraction, applying an update, building last_evaluated_key). An engine calls these
// before touching storage so that every engine rejects the same requests the same way.
//
// Every check throws StoreError::invalid with a message naming the table, attribute or field at fault.
// Pure functions; no thread affinity.

#include <optional>
#include <string>
#include <string_view>

#include "store/item.hpp"
#include "store/table.hpp"

namespace cruddur::store {

// Table and index names follow DynamoDB's rules: 3-255 characters from [A-Za-z0-9_.-].
void validate_name(std::string_view what, std::string_view name);

// A schema a table can be created with: valid names, non-empty key attribute names, a range key distinct from
// the hash key, index names unique.
void validate_schema(const TableSchema& schema);

// `key` holds exactly the key attributes of `key_schema`, each a non-empty string.
void validate_key(const TableSchema& table, const Item& key);

// `item` holds the table's key attributes as non-empty strings; every attribute name is non-empty and every
// number is a decimal number.
void validate_item(const TableSchema& table, const Item& item);

// Every clause has at least one comparison; comparisons other than exists/not_exists have an operand;
// begins_with takes a string; number operands are decimal numbers.
void validate_condition(const Condition& condition);

// Key and condition valid; `set`/`remove` do not touch key attributes nor the same attribute twice.
void validate_update(const TableSchema& table, const UpdateRequest& request);

// The index a query names (nullptr: the table itself); an unknown index is invalid.
const IndexSchema* resolve_index(const TableSchema& table, const std::optional<std::string>& index);

// Limit >= 1, a non-empty hash value, a range condition only where there is a range key (non-empty bounds,
// between with value <= upper), and an exclusive_start_key shaped like this query's last_evaluated_key with
// the same hash value.
void validate_query(const TableSchema& table, const QueryRequest& request);

// Limit >= 1 and an exclusive_start_key that is a table key.
void validate_scan(const TableSchema& table, const ScanRequest& request);

// Valid items and keys, and no key appearing twice among the puts and deletes (DynamoDB rejects that).
void validate_batch_write(const TableSchema& table, const BatchWriteRequest& request);

// The table key attributes of `item`.
Item key_of(const KeySchema& key, const Item& item);

// Whether `item` appears in an index with key schema `index_key`: it has the index's key attributes, all
// non-empty strings (sparse indexes).
bool appears_in_index(const KeySchema& index_key, const Item& item);

// The item an update produces: `existing` (or, when none, the request's key) with `set` applied, then
// `remove`. Assumes validate_update passed.
Item apply_update(const Item* existing, const UpdateRequest& request);

// The last_evaluated_key for a page ending at `item`: the table keys, plus the index keys for an index.
Item page_key(const TableSchema& table, const IndexSchema* index, const Item& item);

}  // namespace cruddur::store
