#pragma once
// A Table that records every operation of the Table it wraps (doc/observability.md "Storage"):
//   cruddur_store_operations_total{op,outcome}, cruddur_store_operation_duration_seconds{op}
// op: get, put, update, delete, put_then, query, scan, batch_write, create_table, delete_table, list_tables,
// describe_table. outcome: ok, condition_failed (a write whose condition failed; put_then: its first put's),
// or the StoreError kind that was thrown (unavailable, throttled, validation, resource_not_found,
// resource_in_use, internal), or `error` for any other exception. Everything else is passed through
// unchanged, put_then included (so an engine's own put_then, one transaction on SQLite, is kept).
//
// Thread-safety: as Table. Owns the table it wraps; `registry` must outlive it.

#include <memory>

#include "core/operation_metrics.hpp"
#include "store/table.hpp"

namespace cruddur::store {

class ObservedTable final : public Table {
 public:
  ObservedTable(std::unique_ptr<Table> table, metrics::Registry& registry);

  Task<std::optional<Item>> get(GetRequest request) override;
  Task<WriteStatus> put(PutRequest request) override;
  Task<UpdateResult> update(UpdateRequest request) override;
  Task<WriteStatus> remove(DeleteRequest request) override;
  Task<PutThenResult> put_then(PutRequest first, std::vector<FollowUpWrite> then) override;
  Task<Page> query(QueryRequest request) override;
  Task<Page> scan(ScanRequest request) override;
  Task<void> batch_write(BatchWriteRequest request) override;
  Task<void> create_table(TableSchema schema, Provisioning provisioning) override;
  Task<void> delete_table(std::string name) override;
  Task<std::vector<std::string>> list_tables() override;
  Task<std::optional<TableSchema>> describe_table(std::string name) override;

  Table& inner() { return *table_; }

 private:
  template <typename T>
  Task<T> observe(std::size_t op, Task<T> call);

  std::unique_ptr<Table> table_;
  metrics::OperationMetrics metrics_;
};

}  // namespace cruddur::store
