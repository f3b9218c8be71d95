#include "store/sqlite/catalog.hpp"

#include <mutex>

#include "store/sqlite/item_codec.hpp"

namespace cruddur::store::sqlite {
namespace {

constexpr std::uint64_t schema_format_version = 1;

void write_key(ByteWriter& out, const KeySchema& key) {
  out.bytes(key.hash_key);
  out.varint(key.range_key ? 1 : 0);
  out.bytes(key.range_key.value_or(""));
}

KeySchema read_key(ByteReader& in) {
  KeySchema key;
  key.hash_key = std::string(in.bytes());
  bool has_range = in.varint() != 0;
  std::string range(in.bytes());
  if (has_range) key.range_key = std::move(range);
  return key;
}

std::string encode_schema(const TableSchema& schema) {
  ByteWriter out;
  out.varint(schema_format_version);
  out.bytes(schema.name);
  write_key(out, schema.key);
  out.varint(schema.indexes.size());
  for (const auto& index : schema.indexes) {
    out.bytes(index.name);
    write_key(out, index.key);
  }
  return std::move(out.buffer());
}

TableSchema decode_schema(std::string_view data) {
  ByteReader in(data);
  if (in.varint() != schema_format_version) throw StoreError::internal("unknown table schema format");
  TableSchema schema;
  schema.name = std::string(in.bytes());
  schema.key = read_key(in);
  auto count = in.varint();
  for (std::uint64_t i = 0; i < count; ++i) {
    IndexSchema index;
    index.name = std::string(in.bytes());
    index.key = read_key(in);
    schema.indexes.push_back(std::move(index));
  }
  return schema;
}

// Builds the stored form, with the SQL of the single-item statements spelled out once.
StoredTablePtr make_stored(TableSchema schema, long long id) {
  auto table = std::make_shared<StoredTable>();
  table->id = id;
  table->sql_table = "cruddur_t" + std::to_string(id);
  const std::string& t = table->sql_table;
  table->select_sql = "SELECT item FROM " + t + " WHERE h=?1 AND r=?2";
  table->upsert_sql = "INSERT OR REPLACE INTO " + t + "(h,r,item) VALUES(?1,?2,?3)";
  table->update_sql = "UPDATE " + t + " SET item=?3 WHERE h=?1 AND r=?2";
  table->insert_new_sql = "INSERT INTO " + t + "(h,r,item) VALUES(?1,?2,?3) ON CONFLICT DO NOTHING";
  table->delete_sql = "DELETE FROM " + t + " WHERE h=?1 AND r=?2";
  for (std::size_t i = 0; i < schema.indexes.size(); ++i) {
    StoredIndex index;
    index.schema = schema.indexes[i];
    index.sql_table = t + "_i" + std::to_string(i);
    index.insert_sql = "INSERT OR REPLACE INTO " + index.sql_table + "(ih,ir,h,r) VALUES(?1,?2,?3,?4)";
    index.delete_sql = "DELETE FROM " + index.sql_table + " WHERE ih=?1 AND ir=?2 AND h=?3 AND r=?4";
    table->indexes.push_back(std::move(index));
  }
  table->schema = std::move(schema);
  return table;
}

}  // namespace

void Catalog::initialise(Connection& writer) {
  writer.execute(
      "CREATE TABLE IF NOT EXISTS cruddur_tables("
      "id INTEGER PRIMARY KEY AUTOINCREMENT, name BLOB NOT NULL UNIQUE, schema BLOB NOT NULL)");
}

StoredTablePtr Catalog::cached(const std::string& name) {
  ReaderLock lock(mutex_);
  auto it = cache_.find(name);
  return it == cache_.end() ? nullptr : it->second;
}

StoredTablePtr Catalog::find(Connection& connection, const std::string& name) {
  if (StoredTablePtr table = cached(name)) return table;
  StoredTablePtr table = load(connection, name);
  if (table) remember(table);
  return table;
}

StoredTablePtr Catalog::load(Connection& connection, const std::string& name) {
  auto select = connection.statement("SELECT id, schema FROM cruddur_tables WHERE name=?1");
  select.bind(1, name);
  if (!select.step()) return nullptr;
  return make_stored(decode_schema(select.column_bytes(1)), select.column_int(0));
}

std::vector<std::string> Catalog::list(Connection& connection) {
  auto select = connection.statement("SELECT name FROM cruddur_tables ORDER BY name");
  std::vector<std::string> names;
  while (select.step()) names.emplace_back(select.column_bytes(0));
  return names;
}

StoredTablePtr Catalog::create(Connection& writer, const TableSchema& schema) {
  if (load(writer, schema.name)) throw StoreError::in_use("table " + schema.name + " already exists");
  std::string encoded = encode_schema(schema);
  writer.statement("INSERT INTO cruddur_tables(name, schema) VALUES(?1, ?2)")
      .bind(1, schema.name)
      .bind(2, encoded)
      .run();
  StoredTablePtr table = make_stored(schema, writer.last_insert_rowid());
  // BLOB columns: values are always bound as BLOBs, so every comparison and ORDER BY is memcmp order.
  writer.execute("CREATE TABLE " + table->sql_table +
                 "(h BLOB NOT NULL, r BLOB NOT NULL, item BLOB NOT NULL, PRIMARY KEY(h, r)) WITHOUT ROWID");
  for (const auto& index : table->indexes) {
    writer.execute("CREATE TABLE " + index.sql_table +
                   "(ih BLOB NOT NULL, ir BLOB NOT NULL, h BLOB NOT NULL, r BLOB NOT NULL,"
                   " PRIMARY KEY(ih, ir, h, r)) WITHOUT ROWID");
  }
  return table;
}

void Catalog::drop(Connection& writer, const std::string& name) {
  StoredTablePtr table = load(writer, name);
  if (!table) throw StoreError::not_found("table " + name + " does not exist");
  for (const auto& index : table->indexes) writer.execute("DROP TABLE IF EXISTS " + index.sql_table);
  writer.execute("DROP TABLE IF EXISTS " + table->sql_table);
  writer.statement("DELETE FROM cruddur_tables WHERE id=?1").bind(1, table->id).run();
}

void Catalog::remember(StoredTablePtr table) {
  WriterLock lock(mutex_);
  cache_.insert_or_assign(table->schema.name, std::move(table));
}

void Catalog::forget(const std::string& name) {
  WriterLock lock(mutex_);
  cache_.erase(name);
}

}  // namespace cruddur::store::sqlite
