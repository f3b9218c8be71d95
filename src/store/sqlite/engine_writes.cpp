// The SQLite engine's writes. Each put/update/delete — reading the current item, checking the condition,
// writing the item and its index entries — is one BEGIN IMMEDIATE transaction on the writer connection, so
// it is atomic with respect to every other writer (in this process or another) and durable once committed.

#include <algorithm>

#include "store/condition_eval.hpp"
#include "store/request_validation.hpp"
#include "store/sqlite/engine.hpp"
#include "store/sqlite/row_store.hpp"

namespace cruddur::store::sqlite {
namespace {

// Operations per batch_write transaction: large enough to amortise the commit, small enough not to hold the
// write lock for long.
constexpr std::size_t batch_chunk_size = 100;

const Item* pointer(const std::optional<Item>& item) { return item ? &*item : nullptr; }

// The current item when the write needs it (to check a condition or to move index entries), else nullopt.
std::optional<Item> previous_if_needed(Connection& connection, const StoredTable& table, RowKey key,
                                       const Condition& condition) {
  if (condition.empty() && table.indexes.empty()) return std::nullopt;
  return load_item(connection, table, key);
}

}  // namespace

WriteStatus Engine::put(const PutRequest& request) {
  validate_condition(request.condition);
  return with_table(request.table, [&](const StoredTable& table) {
    validate_item(table.schema, request.item);
    RowKey key = row_key(table.schema.key, request.item);
    auto writer = pool_.writer();
    WriteTransaction transaction(*writer);
    std::optional<Item> previous = previous_if_needed(*writer, table, key, request.condition);
    if (!condition_holds(request.condition, pointer(previous))) return WriteStatus::condition_failed;
    store_item(*writer, table, request.item, pointer(previous));
    transaction.commit();
    return WriteStatus::ok;
  });
}

UpdateResult Engine::update(const UpdateRequest& request) {
  return with_table(request.table, [&](const StoredTable& table) {
    validate_update(table.schema, request);
    RowKey key = row_key(table.schema.key, request.key);
    auto writer = pool_.writer();
    WriteTransaction transaction(*writer);
    std::optional<Item> previous = load_item(*writer, table, key);
    if (!condition_holds(request.condition, pointer(previous))) {
      return UpdateResult{WriteStatus::condition_failed, std::nullopt};
    }
    Item updated = apply_update(pointer(previous), request);
    store_item(*writer, table, updated, pointer(previous));
    transaction.commit();
    return UpdateResult{WriteStatus::ok, std::move(updated)};
  });
}

WriteStatus Engine::remove(const DeleteRequest& request) {
  validate_condition(request.condition);
  return with_table(request.table, [&](const StoredTable& table) {
    validate_key(table.schema, request.key);
    RowKey key = row_key(table.schema.key, request.key);
    auto writer = pool_.writer();
    WriteTransaction transaction(*writer);
    std::optional<Item> previous = previous_if_needed(*writer, table, key, request.condition);
    if (!condition_holds(request.condition, pointer(previous))) return WriteStatus::condition_failed;
    erase_item(*writer, table, key, pointer(previous));
    transaction.commit();
    return WriteStatus::ok;
  });
}

void Engine::batch_write(const BatchWriteRequest& request) {
  with_table(request.table, [&](const StoredTable& table) {
    validate_batch_write(table.schema, request);
    // Puts first, then deletes: keys are distinct (validated), so the order does not matter.
    std::vector<const Item*> operations;
    operations.reserve(request.puts.size() + request.deletes.size());
    for (const auto& item : request.puts) operations.push_back(&item);
    for (const auto& key : request.deletes) operations.push_back(&key);
    const std::size_t put_count = request.puts.size();
    const bool has_indexes = !table.indexes.empty();

    for (std::size_t begin = 0; begin < operations.size(); begin += batch_chunk_size) {
      std::size_t end = std::min(operations.size(), begin + batch_chunk_size);
      auto writer = pool_.writer();
      WriteTransaction transaction(*writer);
      for (std::size_t i = begin; i < end; ++i) {
        const Item& item = *operations[i];
        RowKey key = row_key(table.schema.key, item);
        std::optional<Item> previous = has_indexes ? load_item(*writer, table, key) : std::nullopt;
        if (i < put_count) {
          store_item(*writer, table, item, pointer(previous));
        } else {
          erase_item(*writer, table, key, pointer(previous));
        }
      }
      transaction.commit();
    }
  });
}

}  // namespace cruddur::store::sqlite
