// The SQLite engine: opening the file, the catalog operations, diagnostics.

#include <boost/asio/use_awaitable.hpp>

#include "store/request_validation.hpp"
#include "store/sqlite/engine.hpp"

namespace cruddur::store::sqlite {

Engine::Engine(std::string database_path, SqliteOptions options)
    : pool_(std::move(database_path), connection_options(options)),
      checkpointer_(pool_.path(), pool_.options(), *pool_.writer()),  // the lease only guards installing the hook
      writes_(pool_, GroupCommitter::kDefaultMaxBatch, options.on_batch,
              options.durability == SqliteOptions::Durability::normal ? options.wal_sync_interval
                                                                      : std::chrono::milliseconds(0)) {
  auto writer = pool_.writer();
  Catalog::initialise(*writer);
}

Engine::~Engine() { writes_.stop(); }

StoredTablePtr Engine::require_table(const std::string& name) {
  if (StoredTablePtr table = catalog_.cached(name)) return table;
  auto reader = pool_.reader();
  StoredTablePtr table = catalog_.find(*reader, name);
  if (!table) throw StoreError::not_found("table " + name + " does not exist");
  return table;
}

// Schema changes are write jobs like any other; the catalog cache follows once the batch committed.
Task<void> Engine::create_table(TableSchema schema) {
  validate_schema(schema);
  auto job = [this, schema = std::move(schema)](WriteScope& scope) {
    StoredTablePtr table = catalog_.create(scope.writer, schema);
    scope.after_commit = [this, table] { catalog_.remember(table); };
    return Done{};
  };
  co_await writes_.async_write<Done>(std::move(job), boost::asio::use_awaitable);
}

Task<void> Engine::delete_table(std::string name) {
  auto job = [this, name = std::move(name)](WriteScope& scope) {
    catalog_.drop(scope.writer, name);
    scope.after_commit = [this, name] {
      catalog_.forget(name);
      pool_.forget_statements();
    };
    return Done{};
  };
  co_await writes_.async_write<Done>(std::move(job), boost::asio::use_awaitable);
}

std::vector<std::string> Engine::list_tables() {
  auto reader = pool_.reader();
  return catalog_.list(*reader);
}

std::optional<TableSchema> Engine::describe_table(const std::string& name) {
  auto reader = pool_.reader();
  StoredTablePtr table = catalog_.find(*reader, name);
  if (!table) return std::nullopt;
  return table->schema;
}

std::string Engine::pragma(std::string_view name) {
  auto writer = pool_.writer();
  auto statement = writer->statement("PRAGMA " + std::string(name));
  if (!statement.step()) return {};
  return std::string(statement.column_bytes(0));
}

}  // namespace cruddur::store::sqlite
