#pragma once
// A store::Table decorator for crash tests: forwards everything to a real engine, counts writes (put,
// update, remove, batch_write), and makes the Nth write fail with StoreError::unavailable, either before it
// reaches the engine (the write is lost) or after (the write lands, its reply is lost). Single-threaded use.

#include "store/store_error.hpp"
#include "store/table.hpp"

namespace cruddur::messaging::testing {

class FaultyTable final : public store::Table {
 public:
  enum class Fault { lost_write, lost_reply };

  explicit FaultyTable(store::Table& engine) : engine_(engine) {}

  // Write number `n` (1-based, counted from construction) fails; 0 means none does.
  void fail_write(int n, Fault fault) { fail_at_ = n, fault_ = fault; }
  int writes() const { return writes_; }

  store::Task<std::optional<store::Item>> get(store::GetRequest request) override;
  store::Task<store::WriteStatus> put(store::PutRequest request) override;
  store::Task<store::UpdateResult> update(store::UpdateRequest request) override;
  store::Task<store::WriteStatus> remove(store::DeleteRequest request) override;
  store::Task<store::Page> query(store::QueryRequest request) override;
  store::Task<store::Page> scan(store::ScanRequest request) override;
  store::Task<void> batch_write(store::BatchWriteRequest request) override;
  store::Task<void> create_table(store::TableSchema schema, store::Provisioning provisioning) override;
  store::Task<void> delete_table(std::string name) override;
  store::Task<std::vector<std::string>> list_tables() override;
  store::Task<std::optional<store::TableSchema>> describe_table(std::string name) override;

 private:
  // Counts a write; true when this one is to fail.
  bool next_write_fails() { return ++writes_ == fail_at_; }
  static store::StoreError injected() { return store::StoreError::unavailable("injected fault"); }

  store::Table& engine_;
  int writes_ = 0;
  int fail_at_ = 0;
  Fault fault_ = Fault::lost_write;
};

}  // namespace cruddur::messaging::testing
