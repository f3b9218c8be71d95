#pragma once
// The catalog: which logical tables a database file holds, their schemas, and the SQLite tables that store
// them. Persisted in the metadata table `cruddur_tables`, cached in memory.
//
//   cruddur_tables(id INTEGER PRIMARY KEY AUTOINCREMENT, name BLOB UNIQUE, schema BLOB)
//
// A logical table with id N is stored in `cruddur_t<N>` and its i-th index (in schema order) in
// `cruddur_t<N>_i<i>` (see sqlite_table.cpp for their columns). AUTOINCREMENT never reuses an id, so a
// statement prepared for a dropped table can never touch a later table of the same name.
//
// Thread-safety: all members may be called from any thread; the cache is guarded by a shared mutex.
// The cache is filled on a miss from the database and updated by create/drop after they commit. A table
// dropped by another process is noticed when a statement fails with a missing table (SqliteError::missing_table; the engine then forgets it).

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/mutex.hpp"
#include "store/sqlite/connection.hpp"
#include "store/table.hpp"

namespace cruddur::store::sqlite {

struct StoredIndex {
  IndexSchema schema;
  std::string sql_table;
  std::string insert_sql;  // (ih, ir, h, r)
  std::string delete_sql;  // by (ih, ir, h, r)
};

// Everything the engine needs about one logical table; immutable once built, shared by readers.
struct StoredTable {
  TableSchema schema;
  long long id = 0;
  std::string sql_table;
  std::string select_sql;  // item by (h, r)
  std::string upsert_sql;  // (h, r, item)
  std::string update_sql;  // (h, r, item) of an item known to exist: rewrites it in place
  std::string insert_new_sql;  // (h, r, item); does nothing when an item with that key exists
  std::string delete_sql;  // by (h, r)
  std::vector<StoredIndex> indexes;  // parallel to schema.indexes

  // The stored form of `index`, which must point into this->schema.indexes (as resolve_index returns).
  const StoredIndex& stored(const IndexSchema& index) const {
    return indexes.at(static_cast<std::size_t>(&index - schema.indexes.data()));
  }
};

using StoredTablePtr = std::shared_ptr<const StoredTable>;

class Catalog {
 public:
  // Creates the metadata table if the file has none. Call once with the writer connection.
  static void initialise(Connection& writer);

  // The table named `name` if the cache holds it (no database access), else nullptr.
  StoredTablePtr cached(const std::string& name);
  // The table named `name`, from the cache or else the database; nullptr when there is none.
  StoredTablePtr find(Connection& connection, const std::string& name);
  std::vector<std::string> list(Connection& connection);

  // Within the caller's write transaction: records the schema and creates the SQLite tables.
  // Throws StoreError::in_use when the table exists. Call remember() after the commit.
  StoredTablePtr create(Connection& writer, const TableSchema& schema);
  // Within the caller's write transaction: drops the SQLite tables and the record. Throws
  // StoreError::not_found when there is no such table. Call forget() after the commit.
  void drop(Connection& writer, const std::string& name);

  void remember(StoredTablePtr table);
  void forget(const std::string& name);

 private:
  StoredTablePtr load(Connection& connection, const std::string& name);

  SharedMutex mutex_;
  std::unordered_map<std::string, StoredTablePtr> cache_ CRUDDUR_GUARDED_BY(mutex_);
};

}  // namespace cruddur::store::sqlite
