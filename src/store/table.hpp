#pragma once
// The one storage interface every engine implements (SQLite embedded, DynamoDB protocol), with DynamoDB item
// semantics. The domain writes only with operations every engine has: single-item conditional
// Put/Update/Delete, Get, Query, BatchWrite (bulk loads). See doc/keys.md for how the messaging domain uses it.
//
// Contract shared by all engines (the conformance suite in tests/conformance checks each point):
// - Tables have a string hash key and an optional string range key, and any number of global secondary
//   indexes, each with a string hash key attribute and an optional string range key attribute, projecting
//   all attributes. An item lacking an index's key attributes (or whose value there is not a string) is not in
//   that index (sparse indexes).
// - Range keys (and index range keys) order by the byte order of their UTF-8 strings. Items in an index with
//   equal index keys order by the table's primary key.
// - A failed condition is a typed result (WriteStatus::condition_failed), never an exception. Everything else
//   that goes wrong is a StoreError (store_error.hpp).
// - Query/Scan return `last_evaluated_key` whenever they stopped before exhausting the range (the limit was
//   reached, or an engine-specific page size was). It may be present even when no more items follow, and a
//   page may hold fewer than `limit` items while it is present: callers loop until it is absent or they have
//   enough.
// - Conditional writes on one key are atomic: of N concurrent "put if not exists" on one key exactly one
//   succeeds.
//
// Thread-safety: an engine object may be used from any number of threads and coroutines at once.
// Each operation is a coroutine; an engine may complete it inline (SQLite reads: short local calls) or
// suspend (network engines; SQLite writes, which wait for the group-commit writer thread). Awaiting
// coroutines must not hold references to temporaries across the co_await boundary: every request is
// passed by value.
// GCC 12 (Debian 12's compiler) destroys a braced temporary passed by value inside a co_await expression
// twice: write `GetRequest request{...}; co_await table.get(std::move(request));`, never
// `co_await table.get({...})`.

#include "core/task.hpp"
#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "store/item.hpp"

namespace cruddur::store {

using cruddur::Task;

// ---------------------------------------------------------------- schema

struct KeySchema {
  std::string hash_key;                 // attribute name; values are strings
  std::optional<std::string> range_key; // attribute name; values are strings
  friend bool operator==(const KeySchema&, const KeySchema&) = default;
};

struct IndexSchema {
  std::string name;
  KeySchema key;
  friend bool operator==(const IndexSchema&, const IndexSchema&) = default;
};

struct TableSchema {
  std::string name;
  KeySchema key;
  std::vector<IndexSchema> indexes;  // global secondary indexes, projection ALL
  friend bool operator==(const TableSchema&, const TableSchema&) = default;
};

// How a table is provisioned where the engine cares (DynamoDB); ignored by SQLite.
struct Provisioning {
  bool on_demand = true;
  long long read_capacity_units = 5;
  long long write_capacity_units = 5;
};

// ---------------------------------------------------------------- conditions

// One comparison on one attribute. Comparisons on a missing attribute are false; comparisons between
// different kinds (string vs number) are false; numbers compare numerically, strings by byte order.
struct Comparison {
  enum class Op { attribute_exists, attribute_not_exists, eq, ne, lt, le, gt, ge, begins_with };
  std::string attribute;
  Op op = Op::attribute_exists;
  std::optional<AttributeValue> operand;  // absent for attribute_exists / attribute_not_exists

  static Comparison exists(std::string a) { return {std::move(a), Op::attribute_exists, std::nullopt}; }
  static Comparison not_exists(std::string a) { return {std::move(a), Op::attribute_not_exists, std::nullopt}; }
  static Comparison compare(std::string a, Op op, AttributeValue v) { return {std::move(a), op, std::move(v)}; }
};

// A condition in conjunctive normal form: it holds when every clause holds, and a clause holds when any of
// its comparisons holds. An empty condition always holds.
//   {{not_exists("pk")}}                                    attribute_not_exists(pk)
//   {{not_exists("activity"), compare("activity", lt, v)}}  attribute_not_exists(activity) OR activity < v
struct Condition {
  std::vector<std::vector<Comparison>> all_of;

  Condition() = default;
  Condition(std::initializer_list<std::vector<Comparison>> clauses) : all_of(clauses) {}
  bool empty() const { return all_of.empty(); }
};

// ---------------------------------------------------------------- requests

struct GetRequest {
  std::string table;
  Item key;  // exactly the table's key attributes
};

struct PutRequest {
  std::string table;
  Item item;  // must hold the key attributes
  Condition condition;  // evaluated against the existing item (or none)
};

struct UpdateRequest {
  std::string table;
  Item key;
  Item set;                        // SET name = value, for each entry (key attributes may not be set)
  std::vector<std::string> remove; // REMOVE name
  Condition condition;
  // An update of a missing item creates it (DynamoDB semantics) unless the condition forbids it.
};

struct DeleteRequest {
  std::string table;
  Item key;
  Condition condition;
};

struct KeyRange {
  enum class Op { eq, lt, le, gt, ge, between, begins_with };
  Op op = Op::eq;
  std::string value;
  std::string upper;  // only for between (inclusive bounds value..upper)
};

struct QueryRequest {
  std::string table;
  std::optional<std::string> index;  // a global secondary index name, or the table itself
  std::string hash_value;            // equality on the (index's) hash key
  std::optional<KeyRange> range;     // condition on the (index's) range key
  bool forward = true;               // ascending range key order when true
  std::optional<int> limit;          // at most this many items (>= 1)
  std::optional<Item> exclusive_start_key;  // a previous result's last_evaluated_key
  // When not empty: each item returned holds only these of its attributes (DynamoDB's ProjectionExpression),
  // so that an engine decodes or transfers no more than the caller reads. last_evaluated_key is unaffected.
  std::vector<std::string> projection;
};

struct ScanRequest {
  std::string table;
  std::optional<int> limit;
  std::optional<Item> exclusive_start_key;
};

struct Page {
  std::vector<Item> items;
  // For a table: the key attributes of the last item returned. For an index: the index keys and the table's
  // keys of the last item returned. See the contract above for when it is set.
  std::optional<Item> last_evaluated_key;
};

struct BatchWriteRequest {
  std::string table;
  std::vector<Item> puts;     // unconditional puts
  std::vector<Item> deletes;  // keys
  // Any size: engines split into their own batch sizes and retry unprocessed items.
};

enum class WriteStatus { ok, condition_failed };

struct UpdateResult {
  WriteStatus status = WriteStatus::ok;
  std::optional<Item> item;  // the item after the update (ALL_NEW) when status == ok
};

// A write that follows another in Table::put_then.
using FollowUpWrite = std::variant<PutRequest, UpdateRequest>;

struct PutThenResult {
  WriteStatus first = WriteStatus::ok;
  std::vector<WriteStatus> then;  // one per follow-up, in order; empty when `first` failed its condition
};

// ---------------------------------------------------------------- the interface

class Table {
 public:
  virtual ~Table() = default;

  virtual Task<std::optional<Item>> get(GetRequest request) = 0;
  virtual Task<WriteStatus> put(PutRequest request) = 0;
  virtual Task<UpdateResult> update(UpdateRequest request) = 0;
  virtual Task<WriteStatus> remove(DeleteRequest request) = 0;
  // Puts `first`; only when it succeeded, also writes every follow-up, each under its own condition (a
  // follow-up whose condition fails undoes nothing). Follow-ups see `first`'s write.
  // An engine with local transactions (SQLite) runs all of it in one transaction: when anything throws,
  // nothing of the call was written. The default (DynamoDB) puts `first`, then writes the follow-ups
  // concurrently: two round trips, and an error may leave part of it written, so callers must be able
  // to redo the whole call (every write idempotent).
  virtual Task<PutThenResult> put_then(PutRequest first, std::vector<FollowUpWrite> then);
  virtual Task<Page> query(QueryRequest request) = 0;
  virtual Task<Page> scan(ScanRequest request) = 0;
  virtual Task<void> batch_write(BatchWriteRequest request) = 0;

  // Administration. create_table on an existing table throws StoreError{resource_in_use};
  // delete_table / describe_table of a missing table: delete throws resource_not_found, describe returns
  // nullopt.
  virtual Task<void> create_table(TableSchema schema, Provisioning provisioning) = 0;
  virtual Task<void> delete_table(std::string name) = 0;
  virtual Task<std::vector<std::string>> list_tables() = 0;
  virtual Task<std::optional<TableSchema>> describe_table(std::string name) = 0;
};

}  // namespace cruddur::store
