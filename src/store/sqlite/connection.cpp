#include "store/sqlite/connection.hpp"

namespace cruddur::store::sqlite {

ConnectionOptions connection_options(const SqliteOptions& options) {
  ConnectionOptions out;
  out.full_sync = options.durability == SqliteOptions::Durability::full;
  out.busy_timeout = options.busy_timeout;
  out.mmap_size = 256 * 1024 * 1024;
  return out;
}

StoreError to_store_error(const SqliteError& error) {
  if (error.unavailable()) return StoreError::unavailable(error.what());
  if (error.missing_table()) return StoreError::not_found(error.what());
  return StoreError::internal(error.what());
}

}  // namespace cruddur::store::sqlite
