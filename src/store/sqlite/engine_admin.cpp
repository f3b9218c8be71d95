// The SQLite engine: opening the file, the catalog operations, diagnostics.

#include "store/request_validation.hpp"
#include "store/sqlite/engine.hpp"

namespace cruddur::store::sqlite {

Engine::Engine(std::string database_path, SqliteOptions options) : pool_(std::move(database_path), options) {
  auto writer = pool_.writer();
  Catalog::initialise(*writer);
}

StoredTablePtr Engine::require_table(const std::string& name) {
  if (StoredTablePtr table = catalog_.cached(name)) return table;
  auto reader = pool_.reader();
  StoredTablePtr table = catalog_.find(*reader, name);
  if (!table) throw StoreError::not_found("table " + name + " does not exist");
  return table;
}

void Engine::create_table(const TableSchema& schema) {
  validate_schema(schema);
  auto writer = pool_.writer();
  WriteTransaction transaction(*writer);
  StoredTablePtr table = catalog_.create(*writer, schema);
  transaction.commit();
  catalog_.remember(std::move(table));
}

void Engine::delete_table(const std::string& name) {
  auto writer = pool_.writer();
  WriteTransaction transaction(*writer);
  catalog_.drop(*writer, name);
  transaction.commit();
  catalog_.forget(name);
  pool_.catalog_changed();
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
