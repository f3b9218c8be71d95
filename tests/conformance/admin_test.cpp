// Table administration (create, list, describe, delete) and operations on tables that do not exist.

#include <algorithm>

#include "conformance/table_fixture.hpp"

namespace cruddur::conformance {
namespace {

using store::TableSchema;

class Administration : public TableTest {};

// Index order is not part of a schema's meaning; engines may report indexes in any order.
TableSchema normalised(TableSchema schema) {
  std::sort(schema.indexes.begin(), schema.indexes.end(),
            [](const IndexSchema& a, const IndexSchema& b) { return a.name < b.name; });
  return schema;
}

bool listed(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

TEST_F(Administration, CreateListDescribeDelete) {
  std::vector<IndexSchema> indexes{IndexSchema{"by_owner", KeySchema{"owner", "ts"}},
                                   IndexSchema{"by_tag", KeySchema{"tag", std::nullopt}}};
  std::string name = create_pk_sk_table(indexes);
  EXPECT_TRUE(listed(run(engine().list_tables()), name));
  auto described = run(engine().describe_table(name));
  ASSERT_TRUE(described);
  EXPECT_EQ(normalised(*described), normalised(TableSchema{name, KeySchema{"pk", "sk"}, indexes}));

  run(engine().delete_table(name));
  EXPECT_FALSE(listed(run(engine().list_tables()), name));
  EXPECT_FALSE(run(engine().describe_table(name)));
}

TEST_F(Administration, HashOnlyTableDescribesWithoutRangeKey) {
  std::string name = create_table(KeySchema{"id", std::nullopt});
  auto described = run(engine().describe_table(name));
  ASSERT_TRUE(described);
  EXPECT_EQ(*described, (TableSchema{name, KeySchema{"id", std::nullopt}, {}}));
}

TEST_F(Administration, CreatingAnExistingTableIsResourceInUse) {
  std::string name = create_pk_sk_table();
  ASSERT_EQ(put(name, {{"pk", S("a")}, {"sk", S("1")}}), WriteStatus::ok);
  EXPECT_STORE_ERROR(resource_in_use,
                     run(engine().create_table(TableSchema{name, KeySchema{"other", std::nullopt}, {}}, {})));
  EXPECT_TRUE(get(name, {{"pk", S("a")}, {"sk", S("1")}})) << "the existing table is untouched";
}

TEST_F(Administration, DeletingAMissingTableIsResourceNotFound) {
  EXPECT_STORE_ERROR(resource_not_found, run(engine().delete_table(unused_table_name())));
  EXPECT_FALSE(run(engine().describe_table(unused_table_name())));
}

TEST_F(Administration, EveryOperationOnAMissingTableIsResourceNotFound) {
  std::string missing = unused_table_name();
  Item key{{"pk", S("a")}, {"sk", S("1")}};
  EXPECT_STORE_ERROR(resource_not_found, get(missing, key));
  EXPECT_STORE_ERROR(resource_not_found, put(missing, key));
  EXPECT_STORE_ERROR(resource_not_found, update(missing, key, {{"v", N(1)}}));
  EXPECT_STORE_ERROR(resource_not_found, remove(missing, key));
  QueryRequest q;
  q.table = missing;
  q.hash_value = "a";
  EXPECT_STORE_ERROR(resource_not_found, query(q));
  EXPECT_STORE_ERROR(resource_not_found, run(engine().scan(store::ScanRequest{missing, std::nullopt, std::nullopt})));
  EXPECT_STORE_ERROR(resource_not_found, batch_write(missing, {key}));
}

TEST_F(Administration, DeletedTableIsGoneAndItsNameCanBeReused) {
  std::string name = create_pk_sk_table();
  ASSERT_EQ(put(name, {{"pk", S("a")}, {"sk", S("1")}}), WriteStatus::ok);
  run(engine().delete_table(name));
  EXPECT_STORE_ERROR(resource_not_found, get(name, {{"pk", S("a")}, {"sk", S("1")}}));

  run(engine().create_table(TableSchema{name, KeySchema{"pk", "sk"}, {}}, {}));
  EXPECT_FALSE(get(name, {{"pk", S("a")}, {"sk", S("1")}})) << "a recreated table starts empty";
  ASSERT_EQ(put(name, {{"pk", S("b")}, {"sk", S("2")}}), WriteStatus::ok);
  EXPECT_TRUE(get(name, {{"pk", S("b")}, {"sk", S("2")}}));
}

TEST_F(Administration, InvalidSchemasAreRejected) {
  for (const char* name : {"ab", "has space", "slash/name", ""}) {
    EXPECT_STORE_ERROR(validation, run(engine().create_table(TableSchema{name, KeySchema{"pk", "sk"}, {}}, {})));
  }
  std::string name = unused_table_name();
  EXPECT_STORE_ERROR(validation, run(engine().create_table(TableSchema{name, KeySchema{"", std::nullopt}, {}}, {})));
  EXPECT_STORE_ERROR(validation, run(engine().create_table(TableSchema{name, KeySchema{"pk", "pk"}, {}}, {})));
  EXPECT_STORE_ERROR(validation,
                     run(engine().create_table(TableSchema{name, KeySchema{"pk", "sk"},
                                                           {IndexSchema{"gsi", KeySchema{"a", std::nullopt}},
                                                            IndexSchema{"gsi", KeySchema{"b", std::nullopt}}}},
                                               {})));
  EXPECT_FALSE(run(engine().describe_table(name)));
}

TEST_F(Administration, TablesAreIndependent) {
  std::string first = create_pk_sk_table();
  std::string second = create_pk_sk_table();
  ASSERT_EQ(put(first, {{"pk", S("a")}, {"sk", S("1")}, {"in", S("first")}}), WriteStatus::ok);
  EXPECT_FALSE(get(second, {{"pk", S("a")}, {"sk", S("1")}}));
  run(engine().delete_table(second));
  EXPECT_EQ(get(first, {{"pk", S("a")}, {"sk", S("1")}})->at("in"), S("first"));
}

}  // namespace
}  // namespace cruddur::conformance
