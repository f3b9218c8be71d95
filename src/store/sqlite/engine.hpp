#pragma once
// The SQLite engine's core; SqliteTable (sqlite_table.hpp) exposes it as the Table interface. The storage
// design is described at the top of sqlite_table.cpp.
//
// Thread-safety: every member may be called from any number of threads at once.
// Reads (get, query, scan, list_tables, describe_table) complete inline on the calling thread, on a pooled
// reader connection; they run in parallel (WAL).
// Writes (put, update, remove, batch_write, create_table, delete_table) are asynchronous: the returned
// awaitable queues the write to the engine's writer thread (write_queue.hpp), which runs the writes of
// concurrent callers in one transaction, and resumes the caller on its own executor once that transaction
// committed. An awaited write has committed; a write that threw changed nothing.
// Destruction finishes the writes already queued; writes started afterwards fail with StoreError::unavailable
// (callers must not use an engine being destroyed anyway).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite/catalog.hpp"
#include "store/sqlite/checkpointer.hpp"
#include "store/sqlite/connection.hpp"
#include "store/sqlite/write_queue.hpp"
#include "store/table.hpp"

namespace cruddur::store::sqlite {

class Engine {
 public:
  Engine(std::string database_path, SqliteOptions options);

  ~Engine();  // finishes the queued writes and joins the writer thread

  std::optional<Item> get(const GetRequest& request);
  Page query(const QueryRequest& request);
  Page scan(const ScanRequest& request);
  std::vector<std::string> list_tables();
  std::optional<TableSchema> describe_table(const std::string& name);

  Task<WriteStatus> put(PutRequest request);
  Task<UpdateResult> update(UpdateRequest request);
  Task<WriteStatus> remove(DeleteRequest request);
  // One job: `first` and its follow-ups in one transaction (see Table::put_then). Follow-up updates of one
  // item are folded: read once, each condition checked in turn, written once (engine_writes.cpp).
  Task<PutThenResult> put_then(PutRequest first, std::vector<FollowUpWrite> then);
  // One job per chunk of kBatchChunkSize items, so a large batch never holds the writer for long; chunks
  // that committed stay committed when a later one fails.
  Task<void> batch_write(BatchWriteRequest request);
  Task<void> create_table(TableSchema schema);
  Task<void> delete_table(std::string name);

  // The value of `PRAGMA <name>` on the writer connection, as text (diagnostics and tests).
  std::string pragma(std::string_view name);

  // Writes and transactions since the engine opened (tests and diagnostics).
  GroupCommitter::Stats write_stats() const { return writes_.stats(); }
  Checkpointer::Stats checkpoint_stats() const { return checkpointer_.stats(); }

  // Operations per batch_write job.
  static constexpr std::size_t kBatchChunkSize = 100;

 private:
  // A write job's result when the operation has none.
  struct Done {};

  // Single-item writes, run as jobs on the writer thread inside the batch's transaction.
  WriteStatus put_now(Connection& writer, const PutRequest& request);
  UpdateResult update_now(Connection& writer, const UpdateRequest& request);
  WriteStatus remove_now(Connection& writer, const DeleteRequest& request);
  // Operations [begin, end) of the request, puts first then deletes.
  void write_chunk(Connection& writer, const BatchWriteRequest& request, std::size_t begin, std::size_t end,
                   long long validated_table_id);

  // The table `name`; throws StoreError::not_found when there is none.
  StoredTablePtr require_table(const std::string& name);

  // Runs operation(const StoredTable&). If the table turns out to have been dropped underneath (by another
  // process), forgets it and retries once with the catalog's current view (not_found if it is gone).
  template <typename Operation>
  auto with_table(const std::string& name, Operation&& operation) {
    StoredTablePtr table = require_table(name);
    try {
      return operation(*table);
    } catch (const SqliteError& error) {
      if (!error.missing_table()) throw;
      catalog_.forget(name);
      StoredTablePtr reloaded = require_table(name);
      if (reloaded->id == table->id) throw;
      return operation(*reloaded);
    }
  }

  ConnectionPool pool_;
  Catalog catalog_;
  // Before writes_: its WAL hook must be installed before the writer thread commits, and removed after.
  Checkpointer checkpointer_;
  // Last: destroyed (drained and joined) first, while the pool and catalog its jobs use still exist.
  GroupCommitter writes_;
};

}  // namespace cruddur::store::sqlite
