// The SQLite engine's reads: get, query (table or index) and scan. Each runs as one SQLite statement on a
// pooled reader connection, so it sees one consistent snapshot.

#include "store/request_validation.hpp"
#include "store/sqlite/engine.hpp"
#include "store/sqlite/item_codec.hpp"
#include "store/sqlite/row_store.hpp"

namespace cruddur::store::sqlite {
namespace {

// The smallest byte string greater than every string starting with `prefix`, or nullopt when there is none
// (the prefix is all 0xFF bytes).
std::optional<std::string> prefix_end(std::string_view prefix) {
  std::string end(prefix);
  while (!end.empty() && static_cast<unsigned char>(end.back()) == 0xFF) end.pop_back();
  if (end.empty()) return std::nullopt;
  end.back() = static_cast<char>(static_cast<unsigned char>(end.back()) + 1);
  return end;
}

// SQL text plus its parameters in order. The views must outlive the statement's use.
struct SqlBuilder {
  std::string sql;
  std::vector<std::string_view> parameters;

  SqlBuilder& add(std::string_view text) {
    sql += text;
    return *this;
  }
  SqlBuilder& param(std::string_view value) {
    sql += '?';
    parameters.push_back(value);
    return *this;
  }
};

// Appends the range condition on `column`; `upper_bound` keeps begins_with's computed bound alive.
void add_range(SqlBuilder& q, std::string_view column, const KeyRange& range,
               std::optional<std::string>& upper_bound) {
  using Op = KeyRange::Op;
  q.add(" AND ").add(column);
  switch (range.op) {
    case Op::eq: q.add("=").param(range.value); break;
    case Op::lt: q.add("<").param(range.value); break;
    case Op::le: q.add("<=").param(range.value); break;
    case Op::gt: q.add(">").param(range.value); break;
    case Op::ge: q.add(">=").param(range.value); break;
    case Op::between:
      q.add(">=").param(range.value).add(" AND ").add(column).add("<=").param(range.upper);
      break;
    case Op::begins_with:
      q.add(">=").param(range.value);
      upper_bound = prefix_end(range.value);
      if (upper_bound) q.add(" AND ").add(column).add("<").param(*upper_bound);
      break;
  }
}

// The attributes a page's last_evaluated_key is made of: the table's key, and the index's when there is one.
std::vector<std::string> page_key_attributes(const TableSchema& schema, const IndexSchema* index) {
  std::vector<std::string> names;
  for (const KeySchema* key : {&schema.key, index ? &index->key : nullptr}) {
    if (!key) continue;
    names.push_back(key->hash_key);
    if (key->range_key) names.push_back(*key->range_key);
  }
  return names;
}

// Runs the built statement and decodes every row's item (column 0), or its projection; sets
// last_evaluated_key (from the whole last item) when the limit was reached.
Page run_page(Connection& connection, const SqlBuilder& q, std::optional<int> limit, const TableSchema& schema,
              const IndexSchema* index, const std::vector<std::string>& projection = {}) {
  auto statement = connection.statement(q.sql);
  int position = 1;
  for (std::string_view value : q.parameters) statement.bind(position++, value);
  statement.bind(position, static_cast<long long>(limit.value_or(-1)));  // LIMIT -1: no limit
  Page page;
  if (limit) page.items.reserve(static_cast<std::size_t>(*limit));
  while (statement.step()) {
    std::string_view bytes = statement.column_bytes(0);
    page.items.push_back(decode_item(bytes, projection));
    if (limit && page.items.size() == static_cast<std::size_t>(*limit)) {  // LIMIT: the last row
      page.last_evaluated_key = page_key(
          schema, index, projection.empty() ? page.items.back() : decode_item(bytes, page_key_attributes(schema, index)));
    }
  }
  return page;
}

}  // namespace

std::optional<Item> Engine::get(const GetRequest& request) {
  return with_table(request.table, [&](const StoredTable& table) {
    validate_key(table.schema, request.key);
    auto reader = pool_.reader();
    return load_item(*reader, table, row_key(table.schema.key, request.key));
  });
}

Page Engine::query(const QueryRequest& request) {
  return with_table(request.table, [&](const StoredTable& table) {
    validate_query(table.schema, request);
    const IndexSchema* index = resolve_index(table.schema, request.index);
    const char* direction = request.forward ? " ASC" : " DESC";
    const char* after = request.forward ? ">" : "<";
    std::optional<std::string> upper_bound;
    SqlBuilder q;
    if (!index) {
      q.add("SELECT item FROM ").add(table.sql_table).add(" WHERE h=").param(request.hash_value);
      if (request.range) add_range(q, "r", *request.range, upper_bound);
      if (request.exclusive_start_key) {
        q.add(" AND r").add(after).param(row_key(table.schema.key, *request.exclusive_start_key).range);
      }
      q.add(" ORDER BY r").add(direction);
    } else {
      const StoredIndex& stored = table.stored(*index);
      // The index table drives the join (CROSS JOIN fixes the loop order): a range scan of its primary key,
      // then one primary-key lookup per entry.
      q.add("SELECT t.item FROM ").add(stored.sql_table).add(" AS x CROSS JOIN ").add(table.sql_table);
      q.add(" AS t ON t.h=x.h AND t.r=x.r WHERE x.ih=").param(request.hash_value);
      if (request.range) add_range(q, "x.ir", *request.range, upper_bound);
      if (request.exclusive_start_key) {
        // Index entries order by (ir, h, r): the index range key, then the table's primary key.
        RowKey entry = row_key(index->key, *request.exclusive_start_key);
        RowKey row = row_key(table.schema.key, *request.exclusive_start_key);
        q.add(" AND (x.ir,x.h,x.r)").add(after).add("(").param(entry.range).add(",").param(row.hash);
        q.add(",").param(row.range).add(")");
      }
      q.add(" ORDER BY x.ir").add(direction).add(", x.h").add(direction).add(", x.r").add(direction);
    }
    q.add(" LIMIT ?");
    auto reader = pool_.reader();
    return run_page(*reader, q, request.limit, table.schema, index, request.projection);
  });
}

Page Engine::scan(const ScanRequest& request) {
  return with_table(request.table, [&](const StoredTable& table) {
    validate_scan(table.schema, request);
    SqlBuilder q;
    q.add("SELECT item FROM ").add(table.sql_table);
    if (request.exclusive_start_key) {
      RowKey start = row_key(table.schema.key, *request.exclusive_start_key);
      q.add(" WHERE (h,r)>(").param(start.hash).add(",").param(start.range).add(")");
    }
    q.add(" ORDER BY h, r LIMIT ?");
    auto reader = pool_.reader();
    return run_page(*reader, q, request.limit, table.schema, nullptr);
  });
}

}  // namespace cruddur::store::sqlite
