#pragma once
// The embedded storage engine: the Table interface (store/table.hpp) on one SQLite database file, which can
// hold several logical tables. Storage design: see the top of sqlite_table.cpp.
//
// Thread-safety: one SqliteTable may be used from any number of threads and coroutines at once.
// Reads (get, query, scan, list_tables, describe_table) complete inline: the coroutine does its short, local
// work on the calling thread and co_returns without suspending. They run in parallel (WAL).
// Writes (put, update, remove, batch_write, create_table, delete_table) suspend: they are queued to the
// table's writer thread, which commits the writes of concurrent callers together (group commit, see
// write_queue.hpp), and the caller resumes on its own executor — never on the writer thread — after the
// commit. The awaiting coroutine's executor must stay alive (its io_context not destroyed) until then.
// Durability: a write that returned has committed, and a read started after it returned sees it; see
// SqliteOptions for what survives what. A write that threw changed nothing (batch_write: chunks of 100 that
// completed before the failing one stay written).
// Destruction finishes the writes already queued (their callers are resumed) and stops the writer thread;
// the table must not be used once its destruction started.
// Several processes may open the same file; schema changes made by another process are picked up when a
// table is first used or when its stored form turns out to be gone.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "store/sqlite/sqlite_options.hpp"
#include "store/store_error.hpp"
#include "store/table.hpp"

namespace cruddur::store {

namespace sqlite {
class Engine;
}

class SqliteTable : public Table {
 public:
  // Opens or creates the database at `database_path` (its directory must exist). Throws
  // StoreError::unavailable when the file cannot be opened.
  explicit SqliteTable(std::string database_path, SqliteOptions options = {});
  ~SqliteTable() override;

  Task<std::optional<Item>> get(GetRequest request) override;
  Task<WriteStatus> put(PutRequest request) override;
  Task<UpdateResult> update(UpdateRequest request) override;
  Task<WriteStatus> remove(DeleteRequest request) override;
  // All in one job of the group-commit writer: one transaction, one wait (Table::put_then).
  Task<PutThenResult> put_then(PutRequest first, std::vector<FollowUpWrite> then) override;
  Task<Page> query(QueryRequest request) override;
  Task<Page> scan(ScanRequest request) override;
  Task<void> batch_write(BatchWriteRequest request) override;

  Task<void> create_table(TableSchema schema, Provisioning provisioning) override;
  Task<void> delete_table(std::string name) override;
  Task<std::vector<std::string>> list_tables() override;
  Task<std::optional<TableSchema>> describe_table(std::string name) override;

  // The value of `PRAGMA <name>` (e.g. "synchronous", "journal_mode") on the writing connection, as text.
  // For diagnostics and tests.
  std::string pragma(std::string_view name);

  // Writes since the table was opened, and the transactions that committed (or tried to commit) them: with
  // concurrent writers there are fewer transactions than writes. For diagnostics and tests.
  struct WriteStats {
    std::uint64_t writes = 0;        // taken by the writer (batch_write: one per chunk)
    std::uint64_t transactions = 0;
    std::uint64_t queued = 0;        // writes waiting for the writer right now
    std::uint64_t wal_syncs = 0;     // periodic WAL syncs (SqliteOptions::wal_sync_interval)
  };
  WriteStats write_stats() const;

 private:
  std::unique_ptr<sqlite::Engine> engine_;
};

}  // namespace cruddur::store
