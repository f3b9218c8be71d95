#include "faulty_table.hpp"

namespace cruddur::messaging::testing {

using namespace store;

Task<std::optional<Item>> FaultyTable::get(GetRequest request) { co_return co_await engine_.get(std::move(request)); }

Task<WriteStatus> FaultyTable::put(PutRequest request) {
  bool fail = next_write_fails();
  if (fail && fault_ == Fault::lost_write) throw injected();
  WriteStatus status = co_await engine_.put(std::move(request));
  if (fail) throw injected();
  co_return status;
}

Task<UpdateResult> FaultyTable::update(UpdateRequest request) {
  bool fail = next_write_fails();
  if (fail && fault_ == Fault::lost_write) throw injected();
  UpdateResult result = co_await engine_.update(std::move(request));
  if (fail) throw injected();
  co_return result;
}

Task<WriteStatus> FaultyTable::remove(DeleteRequest request) {
  bool fail = next_write_fails();
  if (fail && fault_ == Fault::lost_write) throw injected();
  WriteStatus status = co_await engine_.remove(std::move(request));
  if (fail) throw injected();
  co_return status;
}

Task<Page> FaultyTable::query(QueryRequest request) { co_return co_await engine_.query(std::move(request)); }
Task<Page> FaultyTable::scan(ScanRequest request) { co_return co_await engine_.scan(std::move(request)); }

Task<void> FaultyTable::batch_write(BatchWriteRequest request) {
  bool fail = next_write_fails();
  if (fail && fault_ == Fault::lost_write) throw injected();
  co_await engine_.batch_write(std::move(request));
  if (fail) throw injected();
}

Task<void> FaultyTable::create_table(TableSchema schema, Provisioning provisioning) {
  co_await engine_.create_table(std::move(schema), provisioning);
}
Task<void> FaultyTable::delete_table(std::string name) { co_await engine_.delete_table(std::move(name)); }
Task<std::vector<std::string>> FaultyTable::list_tables() { co_return co_await engine_.list_tables(); }
Task<std::optional<TableSchema>> FaultyTable::describe_table(std::string name) {
  co_return co_await engine_.describe_table(std::move(name));
}

}  // namespace cruddur::messaging::testing
