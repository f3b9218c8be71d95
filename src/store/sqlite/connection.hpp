#pragma once
// The shared SQLite layer (src/sqlite) under the names the messages store uses, and the one mapping of its
// failures to StoreError: SqliteTable applies it to everything that leaves the engine.

#include "sqlite/connection.hpp"
#include "sqlite/connection_pool.hpp"
#include "sqlite/error.hpp"
#include "store/sqlite/sqlite_options.hpp"
#include "store/store_error.hpp"

namespace cruddur::store::sqlite {

using ::cruddur::sqlite::Connection;
using ::cruddur::sqlite::ConnectionOptions;
using ::cruddur::sqlite::ConnectionPool;
using ::cruddur::sqlite::Statement;
using ::cruddur::sqlite::WriteTransaction;
using SqliteError = ::cruddur::sqlite::Error;

// How the store opens its file: the durability asked for, its busy timeout, 256 MiB of memory-mapped reads.
ConnectionOptions connection_options(const SqliteOptions& options);

// The file's faults (busy, locked, I/O, full, cannot open) -> unavailable (503); a table dropped underneath
// -> resource_not_found; anything else -> internal.
StoreError to_store_error(const SqliteError& error);

}  // namespace cruddur::store::sqlite
