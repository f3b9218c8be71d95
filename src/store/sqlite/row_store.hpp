#pragma once
// Reading and writing single items of a stored table, keeping its index tables in step. Callers provide the
// transaction (writes) and have validated the items (request_validation.hpp).
//
// Thread affinity: that of the connection passed in.

#include <optional>
#include <string>
#include <string_view>

#include "store/item.hpp"
#include "store/sqlite/catalog.hpp"
#include "store/sqlite/connection.hpp"

namespace cruddur::store::sqlite {

// The (h, r) columns of an item or key: the hash key value and the range key value, or "" for a table
// without a range key. Views into `item`.
struct RowKey {
  std::string_view hash;
  std::string_view range;
};
RowKey row_key(const KeySchema& key, const Item& item);

std::optional<Item> load_item(Connection& connection, const StoredTable& table, RowKey key);

// Writes `item` (replacing any item with its key) and moves its index entries from where `previous` had them
// to where `item` has them. `previous` must be the item currently stored under the key, or nullptr when
// there is none — or when the table has no indexes, where it is not needed.
void store_item(Connection& connection, const StoredTable& table, const Item& item, const Item* previous);

// Writes `item` only if no item with its key exists, with its index entries: the put of a new item in one
// statement, without reading first. True if it was written.
bool store_new_item(Connection& connection, const StoredTable& table, const Item& item);

// Deletes the item with key `key` and the index entries of `previous`, which must be the stored item (or
// nullptr when there is none or the table has no indexes).
void erase_item(Connection& connection, const StoredTable& table, RowKey key, const Item* previous);

}  // namespace cruddur::store::sqlite
