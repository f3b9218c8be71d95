// Queries on global secondary indexes: sparse membership, ordering (ties broken by the table key), paging,
// and index maintenance by put, update, delete and batch_write.

#include <cstdio>

#include "conformance/table_fixture.hpp"

namespace cruddur::conformance {
namespace {

using Strings = std::vector<std::string>;

class Indexes : public TableTest {
 protected:
  void SetUp() override {
    TableTest::SetUp();
    table = create_pk_sk_table({IndexSchema{"by_owner", KeySchema{"owner", "ts"}},
                                IndexSchema{"by_tag", KeySchema{"tag", std::nullopt}}});
  }

  QueryRequest on(std::string index, std::string hash, bool forward = true) {
    QueryRequest r;
    r.table = table;
    r.index = std::move(index);
    r.hash_value = std::move(hash);
    r.forward = forward;
    return r;
  }

  // "pk/sk" of each item of an unlimited query.
  Strings ids(QueryRequest r) {
    Page page = query(std::move(r));
    EXPECT_FALSE(page.last_evaluated_key);
    return ids_of(page.items);
  }

  static Strings ids_of(const std::vector<Item>& items) {
    Strings result;
    for (const auto& item : items) result.push_back(item.at("pk").text + "/" + item.at("sk").text);
    return result;
  }

  void put_message(std::string pk, std::string sk, std::string owner, std::string ts) {
    ASSERT_EQ(put(table, {{"pk", S(pk)}, {"sk", S(sk)}, {"owner", S(owner)}, {"ts", S(ts)}, {"body", S("hi")}}),
              WriteStatus::ok);
  }

  std::string table;
};

TEST_F(Indexes, IndexQueryReturnsWholeItemsInIndexRangeOrder) {
  put_message("g1", "m1", "ann", "2026-01-03");
  put_message("g2", "m1", "ann", "2026-01-01");
  put_message("g1", "m2", "ann", "2026-01-02");
  put_message("g3", "m1", "bob", "2026-01-01");
  EXPECT_EQ(ids(on("by_owner", "ann")), (Strings{"g2/m1", "g1/m2", "g1/m1"}));
  EXPECT_EQ(ids(on("by_owner", "ann", false)), (Strings{"g1/m1", "g1/m2", "g2/m1"}));
  Page page = query(on("by_owner", "bob"));
  ASSERT_EQ(page.items.size(), 1u);
  EXPECT_EQ(page.items[0], (Item{{"pk", S("g3")}, {"sk", S("m1")}, {"owner", S("bob")},
                                 {"ts", S("2026-01-01")}, {"body", S("hi")}}));
  EXPECT_TRUE(query(on("by_owner", "nobody")).items.empty());
}

TEST_F(Indexes, ProjectionReturnsOnlyTheNamedAttributesAndPagesAsUsual) {
  put_message("g1", "m1", "ann", "2026-01-03");
  put_message("g2", "m1", "ann", "2026-01-01");
  put_message("g1", "m2", "ann", "2026-01-01");  // ties with g2/m1 on ts: ordered by the table key
  QueryRequest r = on("by_owner", "ann");
  r.projection = {"body", "sk"};
  r.limit = 1;
  Page page = query(r);
  ASSERT_EQ(page.items.size(), 1u);
  EXPECT_EQ(page.items[0], (Item{{"body", S("hi")}, {"sk", S("m2")}}));
  ASSERT_TRUE(page.last_evaluated_key);
  EXPECT_EQ(*page.last_evaluated_key,
            (Item{{"pk", S("g1")}, {"sk", S("m2")}, {"owner", S("ann")}, {"ts", S("2026-01-01")}}));
  EXPECT_EQ(values_of(query_all(r, 1), "sk"), (Strings{"m2", "m1", "m1"}));
}

TEST_F(Indexes, ItemsWithoutTheIndexKeyAttributesAreNotInTheIndex) {
  put_message("g1", "m1", "ann", "t1");
  ASSERT_EQ(put(table, {{"pk", S("g1")}, {"sk", S("m2")}, {"owner", S("ann")}}), WriteStatus::ok);  // no ts
  ASSERT_EQ(put(table, {{"pk", S("g1")}, {"sk", S("m3")}, {"ts", S("t3")}}), WriteStatus::ok);      // no owner
  ASSERT_EQ(put(table, {{"pk", S("g1")}, {"sk", S("m4")}}), WriteStatus::ok);
  EXPECT_EQ(ids(on("by_owner", "ann")), Strings{"g1/m1"});
  EXPECT_TRUE(query(on("by_tag", "ann")).items.empty());
}

TEST_F(Indexes, RangeConditionsOnTheIndexRangeKey) {
  for (const char* ts : {"2026-01-01", "2026-01-02", "2026-02-01", "2026-03-01"}) {
    put_message("g", ts, "ann", ts);
  }
  QueryRequest r = on("by_owner", "ann");
  r.range = KeyRange{KeyRange::Op::begins_with, "2026-01", ""};
  EXPECT_EQ(ids(r), (Strings{"g/2026-01-01", "g/2026-01-02"}));
  r.range = KeyRange{KeyRange::Op::between, "2026-01-02", "2026-02-01"};
  EXPECT_EQ(ids(r), (Strings{"g/2026-01-02", "g/2026-02-01"}));
  r.range = KeyRange{KeyRange::Op::gt, "2026-02-01", ""};
  r.forward = false;
  EXPECT_EQ(ids(r), (Strings{"g/2026-03-01"}));
}

TEST_F(Indexes, EqualIndexKeysOrderByTheTablePrimaryKey) {
  // Same owner and ts for all; inserted in scrambled order.
  for (const char* id : {"b/2", "a/9", "c/1", "a/10", "b/1"}) {
    std::string s(id);
    put_message(s.substr(0, 1), s.substr(2), "ann", "same-time");
  }
  Strings expected{"a/10", "a/9", "b/1", "b/2", "c/1"};  // by pk, then sk, in byte order
  EXPECT_EQ(ids(on("by_owner", "ann")), expected);
  for (int page_size : {1, 2, 5}) {
    SCOPED_TRACE("page size " + std::to_string(page_size));
    EXPECT_EQ(ids_of(query_all(on("by_owner", "ann"), page_size)), expected);
    EXPECT_EQ(ids_of(query_all(on("by_owner", "ann", false), page_size)), ids(on("by_owner", "ann", false)));
  }
}

TEST_F(Indexes, HashOnlyIndexOrdersByTheTablePrimaryKey) {
  for (const char* id : {"b/1", "a/2", "a/1"}) {
    std::string s(id);
    ASSERT_EQ(put(table, {{"pk", S(s.substr(0, 1))}, {"sk", S(s.substr(2))}, {"tag", S("red")}}), WriteStatus::ok);
  }
  EXPECT_EQ(ids(on("by_tag", "red")), (Strings{"a/1", "a/2", "b/1"}));
  EXPECT_EQ(ids_of(query_all(on("by_tag", "red"), 1)), (Strings{"a/1", "a/2", "b/1"}));
}

TEST_F(Indexes, LastEvaluatedKeyHoldsIndexAndTableKeys) {
  put_message("g1", "m1", "ann", "t1");
  put_message("g1", "m2", "ann", "t2");
  QueryRequest r = on("by_owner", "ann");
  r.limit = 1;
  Page page = query(r);
  ASSERT_TRUE(page.last_evaluated_key);
  EXPECT_EQ(*page.last_evaluated_key,
            (Item{{"owner", S("ann")}, {"ts", S("t1")}, {"pk", S("g1")}, {"sk", S("m1")}}));
  r.exclusive_start_key = page.last_evaluated_key;
  EXPECT_EQ(ids_of(query(r).items), Strings{"g1/m2"});
}

TEST_F(Indexes, UpdateMovesAndRemovesIndexEntries) {
  put_message("g1", "m1", "ann", "t1");
  put_message("g1", "m2", "ann", "t2");

  ASSERT_EQ(update(table, {{"pk", S("g1")}, {"sk", S("m1")}}, {{"owner", S("bob")}}).status, WriteStatus::ok);
  EXPECT_EQ(ids(on("by_owner", "ann")), Strings{"g1/m2"});
  EXPECT_EQ(ids(on("by_owner", "bob")), Strings{"g1/m1"});

  ASSERT_EQ(update(table, {{"pk", S("g1")}, {"sk", S("m2")}}, {{"ts", S("t0")}}).status, WriteStatus::ok);
  ASSERT_EQ(update(table, {{"pk", S("g1")}, {"sk", S("m1")}}, {{"owner", S("ann")}}).status, WriteStatus::ok);
  EXPECT_EQ(ids(on("by_owner", "ann")), (Strings{"g1/m2", "g1/m1"})) << "t0 now sorts before t1";

  ASSERT_EQ(update(table, {{"pk", S("g1")}, {"sk", S("m2")}}, {}, {"ts"}).status, WriteStatus::ok);
  EXPECT_EQ(ids(on("by_owner", "ann")), Strings{"g1/m1"}) << "without ts it leaves the index";

  ASSERT_EQ(update(table, {{"pk", S("g1")}, {"sk", S("m2")}}, {{"ts", S("t9")}, {"tag", S("red")}}).status,
            WriteStatus::ok);
  EXPECT_EQ(ids(on("by_owner", "ann")), (Strings{"g1/m1", "g1/m2"})) << "and comes back with it";
  EXPECT_EQ(ids(on("by_tag", "red")), Strings{"g1/m2"});
  EXPECT_EQ(query(on("by_owner", "ann")).items[1].at("tag"), S("red")) << "index items are current";
}

TEST_F(Indexes, FailedConditionalUpdateLeavesTheIndexAlone) {
  put_message("g1", "m1", "ann", "t1");
  auto result = update(table, {{"pk", S("g1")}, {"sk", S("m1")}}, {{"owner", S("bob")}}, {},
                       {{Comparison::not_exists("pk")}});
  ASSERT_EQ(result.status, WriteStatus::condition_failed);
  EXPECT_EQ(ids(on("by_owner", "ann")), Strings{"g1/m1"});
  EXPECT_TRUE(query(on("by_owner", "bob")).items.empty());
}

TEST_F(Indexes, PutReplacementAndDeleteMaintainTheIndex) {
  put_message("g1", "m1", "ann", "t1");
  put_message("g1", "m1", "bob", "t1");  // replaces: moves from ann to bob
  EXPECT_TRUE(query(on("by_owner", "ann")).items.empty());
  EXPECT_EQ(ids(on("by_owner", "bob")), Strings{"g1/m1"});
  ASSERT_EQ(put(table, {{"pk", S("g1")}, {"sk", S("m1")}}), WriteStatus::ok);  // replaced without index keys
  EXPECT_TRUE(query(on("by_owner", "bob")).items.empty());

  put_message("g1", "m2", "bob", "t2");
  ASSERT_EQ(remove(table, {{"pk", S("g1")}, {"sk", S("m2")}}), WriteStatus::ok);
  EXPECT_TRUE(query(on("by_owner", "bob")).items.empty());
}

TEST_F(Indexes, BatchWriteMaintainsTheIndex) {
  std::vector<Item> puts;
  for (int i = 0; i < 30; ++i) {
    char ts[8];
    std::snprintf(ts, sizeof ts, "t%03d", i);
    puts.push_back({{"pk", S("g")}, {"sk", S(ts)}, {"owner", S(i % 2 ? "odd" : "even")}, {"ts", S(ts)}});
  }
  batch_write(table, puts);
  EXPECT_EQ(query_all(on("by_owner", "odd"), 4).size(), 15u);
  std::vector<Item> deletes;
  for (int i = 0; i < 30; i += 3) deletes.push_back({{"pk", S("g")}, {"sk", puts[i].at("sk")}});
  batch_write(table, {}, deletes);
  EXPECT_EQ(query_all(on("by_owner", "even"), 4).size(), 10u);  // 15 even minus 0,6,12,18,24
  EXPECT_EQ(query_all(on("by_owner", "odd"), 4).size(), 10u);   // 15 odd minus 3,9,15,21,27
}

}  // namespace
}  // namespace cruddur::conformance
