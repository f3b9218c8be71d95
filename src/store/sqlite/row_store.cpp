#include "store/sqlite/row_store.hpp"

#include "store/request_validation.hpp"
#include "store/sqlite/item_codec.hpp"

namespace cruddur::store::sqlite {
namespace {

// The index entry (ih, ir) of `item`, or nullopt when the item is not in the index (sparse).
std::optional<RowKey> index_entry(const StoredIndex& index, const Item& item) {
  if (!appears_in_index(index.schema.key, item)) return std::nullopt;
  return row_key(index.schema.key, item);
}

void insert_entry(Connection& connection, const StoredIndex& index, RowKey entry, RowKey row) {
  connection.statement(index.insert_sql)
      .bind(1, entry.hash)
      .bind(2, entry.range)
      .bind(3, row.hash)
      .bind(4, row.range)
      .run();
}

void delete_entry(Connection& connection, const StoredIndex& index, RowKey entry, RowKey row) {
  connection.statement(index.delete_sql)
      .bind(1, entry.hash)
      .bind(2, entry.range)
      .bind(3, row.hash)
      .bind(4, row.range)
      .run();
}

bool same(const std::optional<RowKey>& a, const std::optional<RowKey>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || (a->hash == b->hash && a->range == b->range);
}

}  // namespace

RowKey row_key(const KeySchema& key, const Item& item) {
  RowKey result{item.find(key.hash_key)->second.text, {}};
  if (key.range_key) result.range = item.find(*key.range_key)->second.text;
  return result;
}

std::optional<Item> load_item(Connection& connection, const StoredTable& table, RowKey key) {
  auto select = connection.statement(table.select_sql);
  select.bind(1, key.hash).bind(2, key.range);
  if (!select.step()) return std::nullopt;
  return decode_item(select.column_bytes(0));
}

void store_item(Connection& connection, const StoredTable& table, const Item& item, const Item* previous) {
  thread_local std::string encoded;  // reused buffer: one allocation per thread, not per write
  encode_item(item, encoded);
  RowKey row = row_key(table.schema.key, item);
  // An existing row (its previous version was read in this transaction) is rewritten in place: one seek,
  // where INSERT OR REPLACE finds the conflict, deletes the row and inserts it again.
  const std::string& sql = previous ? table.update_sql : table.upsert_sql;
  connection.statement(sql).bind(1, row.hash).bind(2, row.range).bind(3, encoded).run();
  for (const auto& index : table.indexes) {
    std::optional<RowKey> before = previous ? index_entry(index, *previous) : std::nullopt;
    std::optional<RowKey> after = index_entry(index, item);
    if (same(before, after)) continue;
    if (before) delete_entry(connection, index, *before, row);
    if (after) insert_entry(connection, index, *after, row);
  }
}

bool store_new_item(Connection& connection, const StoredTable& table, const Item& item) {
  thread_local std::string encoded;  // reused buffer, as in store_item
  encode_item(item, encoded);
  RowKey row = row_key(table.schema.key, item);
  connection.statement(table.insert_new_sql).bind(1, row.hash).bind(2, row.range).bind(3, encoded).run();
  if (connection.changes() == 0) return false;
  for (const auto& index : table.indexes) {
    if (auto entry = index_entry(index, item)) insert_entry(connection, index, *entry, row);
  }
  return true;
}

void erase_item(Connection& connection, const StoredTable& table, RowKey key, const Item* previous) {
  connection.statement(table.delete_sql).bind(1, key.hash).bind(2, key.range).run();
  if (!previous) return;
  for (const auto& index : table.indexes) {
    if (auto entry = index_entry(index, *previous)) delete_entry(connection, index, *entry, key);
  }
}

}  // namespace cruddur::store::sqlite
