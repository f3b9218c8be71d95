#include "sqlite/migrations.hpp"

#include <stdexcept>

namespace cruddur::sqlite {
namespace {

// Versions must be 1, 2, 3, ... so that "apply in order, never skip" has one meaning.
void check_list(const std::vector<Migration>& migrations) {
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    if (migrations[i].version != static_cast<int>(i) + 1)
      throw std::logic_error("sqlite: migration versions must be 1, 2, 3, ... in order");
  }
}

bool is_applied(Connection& connection, int version) {
  auto query = connection.statement("SELECT 1 FROM schema_migrations WHERE version = ?");
  query.bind(1, version);
  return query.step();
}

void refuse_newer_schema(Connection& connection, int newest_known) {
  auto query = connection.statement("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  query.step();
  const auto newest_applied = query.column_int(0);
  if (newest_applied > newest_known)
    throw std::runtime_error("sqlite: database schema version " + std::to_string(newest_applied) +
                             " is newer than this program knows (" + std::to_string(newest_known) + ")");
}

}  // namespace

void apply_migrations(Connection& connection, const std::vector<Migration>& migrations, const std::string& applied_at) {
  check_list(migrations);
  {
    // In a write transaction like every other step, so that racing first loads wait for each other.
    WriteTransaction transaction(connection);
    connection.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        "  version    INTEGER PRIMARY KEY NOT NULL,"
        "  applied_at TEXT NOT NULL"
        ") STRICT");
    refuse_newer_schema(connection, static_cast<int>(migrations.size()));
    transaction.commit();
  }
  for (const auto& migration : migrations) {
    // Checked again inside the transaction: another process may have applied it since we looked.
    WriteTransaction transaction(connection);
    if (is_applied(connection, migration.version)) continue;
    connection.execute(migration.sql);
    auto record = connection.statement("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)");
    record.bind(1, migration.version).bind_text(2, applied_at);
    record.run();
    transaction.commit();
  }
}

}  // namespace cruddur::sqlite
