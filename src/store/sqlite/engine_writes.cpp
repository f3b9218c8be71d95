// The SQLite engine's writes. Each put/update/delete — reading the current item, checking the condition,
// writing the item and its index entries — is one job for the writer thread (write_queue.hpp): it runs inside
// its own savepoint of a BEGIN IMMEDIATE transaction that the writes of concurrent callers share, so it is
// atomic with respect to every other writer (in this process or another), fails alone when it throws, and is
// durable once its caller resumes.

#include <algorithm>

#include <boost/asio/use_awaitable.hpp>

#include "store/condition_eval.hpp"
#include "store/request_validation.hpp"
#include "store/sqlite/engine.hpp"
#include "store/sqlite/row_store.hpp"

namespace cruddur::store::sqlite {
namespace {

const Item* pointer(const std::optional<Item>& item) { return item ? &*item : nullptr; }

// True when `condition` is exactly attribute_not_exists(<a key attribute>): "no item has this key", because
// a stored item always has its key attributes. Such a put needs no read first (store_new_item).
bool requires_no_item(const Condition& condition, const KeySchema& key) {
  if (condition.all_of.size() != 1 || condition.all_of.front().size() != 1) return false;
  const Comparison& only = condition.all_of.front().front();
  return only.op == Comparison::Op::attribute_not_exists &&
         (only.attribute == key.hash_key || (key.range_key && only.attribute == *key.range_key));
}

// The current item when the write needs it (to check a condition or to move index entries), else nullopt.
std::optional<Item> previous_if_needed(Connection& connection, const StoredTable& table, RowKey key,
                                       const Condition& condition) {
  if (condition.empty() && table.indexes.empty()) return std::nullopt;
  return load_item(connection, table, key);
}

// The follow-up updates of one put_then job, folded per item: each update's condition is checked against the
// item as the job's earlier updates left it, exactly as if each were written in turn, but an item is read
// once and written (with its index entries) once, at flush(). A send's six follow-ups update each of its
// two conversation rows twice (activity, then read marker): four reads and writes of a row become two.
// No other writer runs in between (the job holds the writer), so nobody can tell the difference.
class FoldedUpdates {
 public:
  UpdateResult apply(Connection& writer, StoredTablePtr table, const UpdateRequest& request) {
    validate_update(table->schema, request);
    RowKey key = row_key(table->schema.key, request.key);
    Pending& item = pending(writer, std::move(table), key);
    const Item* current = pointer(item.current);
    if (!condition_holds(request.condition, current)) return UpdateResult{WriteStatus::condition_failed, std::nullopt};
    item.current = apply_update(current, request);
    item.changed = true;
    return UpdateResult{WriteStatus::ok, item.current};
  }

  // Writes every item an update changed; call before anything else in the job touches them.
  void flush(Connection& writer) {
    for (const Pending& item : pending_) {
      if (item.changed) store_item(writer, *item.table, *item.current, pointer(item.stored));
    }
    pending_.clear();
  }

 private:
  struct Pending {
    StoredTablePtr table;
    std::string hash, range;      // the item's key (RowKey views into these)
    std::optional<Item> stored;   // as read: where its index entries are
    std::optional<Item> current;  // after the updates so far
    bool changed = false;
  };

  Pending& pending(Connection& writer, StoredTablePtr table, RowKey key) {
    for (Pending& item : pending_) {
      if (item.table->id == table->id && item.hash == key.hash && item.range == key.range) return item;
    }
    Pending& item = pending_.emplace_back();
    item.stored = load_item(writer, *table, key);
    item.current = item.stored;
    item.hash = key.hash;
    item.range = key.range;
    item.table = std::move(table);
    return item;
  }

  std::vector<Pending> pending_;  // a handful: linear search
};

}  // namespace

// ---------------------------------------------------------------- jobs (writer thread)

WriteStatus Engine::put_now(Connection& writer, const PutRequest& request) {
  validate_condition(request.condition);
  return with_table(request.table, [&](const StoredTable& table) {
    validate_item(table.schema, request.item);
    if (requires_no_item(request.condition, table.schema.key)) {
      return store_new_item(writer, table, request.item) ? WriteStatus::ok : WriteStatus::condition_failed;
    }
    RowKey key = row_key(table.schema.key, request.item);
    std::optional<Item> previous = previous_if_needed(writer, table, key, request.condition);
    if (!condition_holds(request.condition, pointer(previous))) return WriteStatus::condition_failed;
    store_item(writer, table, request.item, pointer(previous));
    return WriteStatus::ok;
  });
}

UpdateResult Engine::update_now(Connection& writer, const UpdateRequest& request) {
  return with_table(request.table, [&](const StoredTable& table) {
    validate_update(table.schema, request);
    RowKey key = row_key(table.schema.key, request.key);
    std::optional<Item> previous = load_item(writer, table, key);
    if (!condition_holds(request.condition, pointer(previous))) {
      return UpdateResult{WriteStatus::condition_failed, std::nullopt};
    }
    Item updated = apply_update(pointer(previous), request);
    store_item(writer, table, updated, pointer(previous));
    return UpdateResult{WriteStatus::ok, std::move(updated)};
  });
}

WriteStatus Engine::remove_now(Connection& writer, const DeleteRequest& request) {
  validate_condition(request.condition);
  return with_table(request.table, [&](const StoredTable& table) {
    validate_key(table.schema, request.key);
    RowKey key = row_key(table.schema.key, request.key);
    std::optional<Item> previous = previous_if_needed(writer, table, key, request.condition);
    if (!condition_holds(request.condition, pointer(previous))) return WriteStatus::condition_failed;
    erase_item(writer, table, key, pointer(previous));
    return WriteStatus::ok;
  });
}

void Engine::write_chunk(Connection& writer, const BatchWriteRequest& request, std::size_t begin, std::size_t end,
                         long long validated_table_id) {
  with_table(request.table, [&](const StoredTable& table) {
    // The table was replaced (by another process) since the request was validated against it.
    if (table.id != validated_table_id) validate_batch_write(table.schema, request);
    // Puts first, then deletes: keys are distinct (validated), so the order does not matter.
    const std::size_t put_count = request.puts.size();
    const bool has_indexes = !table.indexes.empty();
    for (std::size_t i = begin; i < end; ++i) {
      const Item& item = i < put_count ? request.puts[i] : request.deletes[i - put_count];
      RowKey key = row_key(table.schema.key, item);
      std::optional<Item> previous = has_indexes ? load_item(writer, table, key) : std::nullopt;
      if (i < put_count) {
        store_item(writer, table, item, pointer(previous));
      } else {
        erase_item(writer, table, key, pointer(previous));
      }
    }
  });
}

// ---------------------------------------------------------------- submission (any thread)
// Each job owns its request (moved into the lambda); GCC 12: the lambdas are named, never braced temporaries
// inside a co_await expression.

Task<WriteStatus> Engine::put(PutRequest request) {
  auto job = [this, request = std::move(request)](WriteScope& scope) { return put_now(scope.writer, request); };
  return writes_.async_write<WriteStatus>(std::move(job), boost::asio::use_awaitable);
}

Task<UpdateResult> Engine::update(UpdateRequest request) {
  auto job = [this, request = std::move(request)](WriteScope& scope) { return update_now(scope.writer, request); };
  return writes_.async_write<UpdateResult>(std::move(job), boost::asio::use_awaitable);
}

Task<WriteStatus> Engine::remove(DeleteRequest request) {
  auto job = [this, request = std::move(request)](WriteScope& scope) { return remove_now(scope.writer, request); };
  return writes_.async_write<WriteStatus>(std::move(job), boost::asio::use_awaitable);
}

Task<PutThenResult> Engine::put_then(PutRequest first, std::vector<FollowUpWrite> then) {
  auto job = [this, first = std::move(first), then = std::move(then)](WriteScope& scope) {
    PutThenResult result;
    result.first = put_now(scope.writer, first);
    if (result.first != WriteStatus::ok) return result;
    result.then.reserve(then.size());
    FoldedUpdates updates;
    for (const auto& write : then) {
      if (const auto* put = std::get_if<PutRequest>(&write)) {
        updates.flush(scope.writer);  // a put sees the updates before it
        result.then.push_back(put_now(scope.writer, *put));
      } else {
        const auto& update = std::get<UpdateRequest>(write);
        result.then.push_back(updates.apply(scope.writer, require_table(update.table), update).status);
      }
    }
    updates.flush(scope.writer);
    return result;
  };
  return writes_.async_write<PutThenResult>(std::move(job), boost::asio::use_awaitable);
}

Task<void> Engine::batch_write(BatchWriteRequest request) {
  StoredTablePtr validated = require_table(request.table);
  validate_batch_write(validated->schema, request);
  auto shared = std::make_shared<const BatchWriteRequest>(std::move(request));
  const std::size_t total = shared->puts.size() + shared->deletes.size();
  for (std::size_t begin = 0; begin < total; begin += kBatchChunkSize) {
    std::size_t end = std::min(total, begin + kBatchChunkSize);
    auto job = [this, shared, begin, end, id = validated->id](WriteScope& scope) {
      write_chunk(scope.writer, *shared, begin, end, id);
      return Done{};
    };
    co_await writes_.async_write<Done>(std::move(job), boost::asio::use_awaitable);
  }
}

}  // namespace cruddur::store::sqlite
