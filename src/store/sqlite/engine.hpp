#pragma once
// The SQLite engine's synchronous core; SqliteTable (sqlite_table.hpp) wraps it in the coroutine interface.
// The storage design is described at the top of sqlite_table.cpp.
//
// Thread-safety: every member may be called from any number of threads at once. Writes are serialised by
// the pool's writer lease; reads run in parallel on pooled connections.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite/catalog.hpp"
#include "store/sqlite/connection_pool.hpp"
#include "store/table.hpp"

namespace cruddur::store::sqlite {

class Engine {
 public:
  Engine(std::string database_path, SqliteOptions options);

  std::optional<Item> get(const GetRequest& request);
  WriteStatus put(const PutRequest& request);
  UpdateResult update(const UpdateRequest& request);
  WriteStatus remove(const DeleteRequest& request);
  Page query(const QueryRequest& request);
  Page scan(const ScanRequest& request);
  void batch_write(const BatchWriteRequest& request);

  void create_table(const TableSchema& schema);
  void delete_table(const std::string& name);
  std::vector<std::string> list_tables();
  std::optional<TableSchema> describe_table(const std::string& name);

  // The value of `PRAGMA <name>` on the writer connection, as text (diagnostics and tests).
  std::string pragma(std::string_view name);

 private:
  // The table `name`; throws StoreError::not_found when there is none.
  StoredTablePtr require_table(const std::string& name);

  // Runs operation(const StoredTable&). If the table turns out to have been dropped underneath (by another
  // process), forgets it and retries once with the catalog's current view (not_found if it is gone).
  template <typename Operation>
  auto with_table(const std::string& name, Operation&& operation) {
    StoredTablePtr table = require_table(name);
    try {
      return operation(*table);
    } catch (const StaleTable&) {
      catalog_.forget(name);
      StoredTablePtr reloaded = require_table(name);
      if (reloaded->id == table->id) throw;
      return operation(*reloaded);
    }
  }

  ConnectionPool pool_;
  Catalog catalog_;
};

}  // namespace cruddur::store::sqlite
