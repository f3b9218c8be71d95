// SqliteTable: the Table interface on one SQLite file.
//
// Storage design
// --------------
// Catalog (catalog.hpp): `cruddur_tables(id, name, schema)` records each logical table and its schema (a
// small binary encoding); create/delete/list/describe read and write it, so they survive reopening. Schemas
// are cached in memory and never parsed per call.
//
// Logical table N is stored in
//     cruddur_t<N>(h BLOB, r BLOB, item BLOB, PRIMARY KEY(h, r)) WITHOUT ROWID
// where h is the hash key value, r the range key value ("" for a table without a range key) and item the
// whole item in the compact binary encoding of item_codec.hpp (length-prefixed names and values; numbers
// keep their decimal text). The clustered primary key makes a query one range scan of one B-tree.
//
// Its i-th global secondary index is a side table of keys only:
//     cruddur_t<N>_i<i>(ih BLOB, ir BLOB, h BLOB, r BLOB, PRIMARY KEY(ih, ir, h, r)) WITHOUT ROWID
// holding one row per item that has the index's key attributes as non-empty strings (sparse), where ih/ir
// are its index hash/range values (ir "" without an index range key). Because the table's key (h, r) ends
// the primary key, items with equal index keys order by the table's primary key, and (ir, h, r) is a total
// order for paging. An index query range-scans this table and joins each entry to its item.
//
// Ordering: every key value is bound as a BLOB into BLOB columns, so comparisons and ORDER BY are memcmp —
// the byte order of the UTF-8 strings — with no collation involved.
//
// Writes (group commit, write_queue.hpp): each put/update/delete reads the current item (when a condition or
// index needs it), checks the condition, writes the item and moves its index entries (a put conditioned only
// on attribute_not_exists(<key>) is one INSERT … ON CONFLICT DO NOTHING instead), as one job of the
// engine's writer thread, the only user of the one writer connection (connection_pool.hpp). A put_then's
// follow-up updates of one item are folded into one read and one write of it. The writer runs
// every job queued by concurrent callers in one BEGIN IMMEDIATE transaction (a job that throws is rolled back
// alone, using savepoints), COMMITs, and only then resumes each caller on its own executor: a write that
// returned has committed. WAL checkpoints run on a thread of their own (checkpointer.hpp), so a commit
// never waits for one. batch_write is one job per chunk of 100 items; create/delete table are jobs too.
// The file is in WAL mode: readers use pooled connections on the calling thread and never block each other
// or the writer; synchronous=NORMAL (or FULL, see SqliteOptions) makes each commit survive a killed process
// (power loss).

#include "store/sqlite/sqlite_table.hpp"

#include "store/sqlite/engine.hpp"

namespace cruddur::store {
namespace {

// Everything that leaves the engine leaves as a StoreError: the shared SQLite layer's errors are mapped here,
// once (sqlite::to_store_error). Each operation's task is built in one statement and awaited in the next
// (GCC 12, doc/architecture.md).
template <typename T>
Task<T> mapped(Task<T> task) {
  try {
    co_return co_await std::move(task);
  } catch (const sqlite::SqliteError& error) {
    throw sqlite::to_store_error(error);
  }
}

Task<void> mapped(Task<void> task) {
  try {
    co_await std::move(task);
  } catch (const sqlite::SqliteError& error) {
    throw sqlite::to_store_error(error);
  }
}

template <typename Operation>
auto mapped_now(Operation&& operation) {
  try {
    return operation();
  } catch (const sqlite::SqliteError& error) {
    throw sqlite::to_store_error(error);
  }
}

}  // namespace

SqliteTable::SqliteTable(std::string database_path, SqliteOptions options)
    : engine_(mapped_now([&] { return std::make_unique<sqlite::Engine>(std::move(database_path), options); })) {}

SqliteTable::~SqliteTable() = default;

Task<std::optional<Item>> SqliteTable::get(GetRequest request) {
  co_return mapped_now([&] { return engine_->get(request); });
}
Task<WriteStatus> SqliteTable::put(PutRequest request) { return mapped(engine_->put(std::move(request))); }
Task<UpdateResult> SqliteTable::update(UpdateRequest request) { return mapped(engine_->update(std::move(request))); }
Task<WriteStatus> SqliteTable::remove(DeleteRequest request) { return mapped(engine_->remove(std::move(request))); }
Task<PutThenResult> SqliteTable::put_then(PutRequest first, std::vector<FollowUpWrite> then) {
  return mapped(engine_->put_then(std::move(first), std::move(then)));
}
Task<Page> SqliteTable::query(QueryRequest request) {
  co_return mapped_now([&] { return engine_->query(request); });
}
Task<Page> SqliteTable::scan(ScanRequest request) {
  co_return mapped_now([&] { return engine_->scan(request); });
}
Task<void> SqliteTable::batch_write(BatchWriteRequest request) {
  return mapped(engine_->batch_write(std::move(request)));
}

Task<void> SqliteTable::create_table(TableSchema schema, Provisioning /*provisioning: not applicable*/) {
  return mapped(engine_->create_table(std::move(schema)));
}

Task<void> SqliteTable::delete_table(std::string name) { return mapped(engine_->delete_table(std::move(name))); }

Task<std::vector<std::string>> SqliteTable::list_tables() {
  co_return mapped_now([&] { return engine_->list_tables(); });
}

Task<std::optional<TableSchema>> SqliteTable::describe_table(std::string name) {
  co_return mapped_now([&] { return engine_->describe_table(name); });
}

std::string SqliteTable::pragma(std::string_view name) {
  return mapped_now([&] { return engine_->pragma(name); });
}

SqliteTable::WriteStats SqliteTable::write_stats() const {
  auto stats = engine_->write_stats();
  return WriteStats{stats.jobs, stats.transactions, stats.queued, stats.wal_syncs};
}

}  // namespace cruddur::store
