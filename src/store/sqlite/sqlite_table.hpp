#pragma once
// The embedded storage engine: the Table interface (store/table.hpp) on one SQLite database file, which can
// hold several logical tables. Storage design: see the top of sqlite_table.cpp.
//
// Thread-safety: one SqliteTable may be used from any number of threads and coroutines at once. Every
// operation completes inline — the coroutine does its (short, local) work synchronously and co_returns,
// never suspending or changing threads. Writes are serialised; reads run in parallel (WAL).
// Durability: an operation that returned has committed; see SqliteOptions for what survives what.
// Several processes may open the same file; schema changes made by another process are picked up when a
// table is first used or when its stored form turns out to be gone.

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

 private:
  std::unique_ptr<sqlite::Engine> engine_;
};

}  // namespace cruddur::store
