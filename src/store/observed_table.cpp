#include "store/observed_table.hpp"

#include "store/store_error.hpp"

namespace cruddur::store {

namespace {

enum Op : std::size_t {
  get_op, put_op, update_op, delete_op, put_then_op, query_op, scan_op, batch_write_op,
  create_table_op, delete_table_op, list_tables_op, describe_table_op,
};

std::vector<std::string> op_names() {
  return {"get", "put", "update", "delete", "put_then", "query", "scan", "batch_write",
          "create_table", "delete_table", "list_tables", "describe_table"};
}

std::string_view outcome_of(WriteStatus status) { return status == WriteStatus::ok ? "ok" : "condition_failed"; }
std::string_view outcome_of(const UpdateResult& result) { return outcome_of(result.status); }
std::string_view outcome_of(const PutThenResult& result) { return outcome_of(result.first); }
template <typename T>
std::string_view outcome_of(const T&) {
  return "ok";
}

std::string_view error_outcome(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const StoreError& e) {
    switch (e.kind()) {
      case StoreError::Kind::resource_not_found: return "resource_not_found";
      case StoreError::Kind::resource_in_use: return "resource_in_use";
      case StoreError::Kind::validation: return "validation";
      case StoreError::Kind::throttled: return "throttled";
      case StoreError::Kind::unavailable: return "unavailable";
      case StoreError::Kind::internal: return "internal";
    }
  } catch (...) {
  }
  return "error";
}

}  // namespace

ObservedTable::ObservedTable(std::unique_ptr<Table> table, metrics::Registry& registry)
    : table_(std::move(table)), metrics_(registry, "cruddur_store", "Message table", op_names()) {}

template <typename T>
Task<T> ObservedTable::observe(std::size_t op, Task<T> call) {
  return metrics::timed(metrics_, op, std::move(call), [](const auto& result) { return outcome_of(result); },
                        error_outcome);
}

Task<std::optional<Item>> ObservedTable::get(GetRequest request) {
  return observe(get_op, table_->get(std::move(request)));
}
Task<WriteStatus> ObservedTable::put(PutRequest request) { return observe(put_op, table_->put(std::move(request))); }
Task<UpdateResult> ObservedTable::update(UpdateRequest request) {
  return observe(update_op, table_->update(std::move(request)));
}
Task<WriteStatus> ObservedTable::remove(DeleteRequest request) {
  return observe(delete_op, table_->remove(std::move(request)));
}
Task<PutThenResult> ObservedTable::put_then(PutRequest first, std::vector<FollowUpWrite> then) {
  return observe(put_then_op, table_->put_then(std::move(first), std::move(then)));
}
Task<Page> ObservedTable::query(QueryRequest request) { return observe(query_op, table_->query(std::move(request))); }
Task<Page> ObservedTable::scan(ScanRequest request) { return observe(scan_op, table_->scan(std::move(request))); }
Task<void> ObservedTable::batch_write(BatchWriteRequest request) {
  return observe(batch_write_op, table_->batch_write(std::move(request)));
}
Task<void> ObservedTable::create_table(TableSchema schema, Provisioning provisioning) {
  return observe(create_table_op, table_->create_table(std::move(schema), provisioning));
}
Task<void> ObservedTable::delete_table(std::string name) {
  return observe(delete_table_op, table_->delete_table(std::move(name)));
}
Task<std::vector<std::string>> ObservedTable::list_tables() { return observe(list_tables_op, table_->list_tables()); }
Task<std::optional<TableSchema>> ObservedTable::describe_table(std::string name) {
  return observe(describe_table_op, table_->describe_table(std::move(name)));
}

}  // namespace cruddur::store
