#pragma once
// The DynamoDB engine: store::Table spoken over the DynamoDB JSON protocol (AWS DynamoDB, DynamoDB Local,
// ScyllaDB Alternator, dynalite). Each Table operation is one DynamoDB operation, 1:1:
//   get -> GetItem (ConsistentRead)      put -> PutItem          update -> UpdateItem (ALL_NEW)
//   remove -> DeleteItem                 query -> Query          scan -> Scan
//   batch_write -> BatchWriteItem in chunks of 25, UnprocessedItems retried with backoff
//   create/delete/describe/list_tables -> CreateTable (+ wait ACTIVE) / DeleteTable (+ wait gone) /
//                                         DescribeTable / ListTables (all pages)
// Conditions, key ranges and updates become expressions with placeholders for every name and value.
//
// The engine learns each table's key schema once (DescribeTable, cached; forgotten when the table is
// deleted or reported missing), to check keys before sending and to name the key attributes in queries.
//
// Thread-safety: any number of threads and coroutines may use one engine at once (store::Table contract).
// Its network work runs on a private thread (net::HttpClient); callers resume on their own executor.

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "aws/aws_config.hpp"
#include "core/mutex.hpp"
#include "store/table.hpp"

namespace boost::json {
class array;
class object;
}  // namespace boost::json

namespace cruddur::store::dynamodb {

class DynamoClient;
struct Reply;
struct ItemAnswer;

class DynamoTable final : public Table {
 public:
  // Throws aws::AwsConfigError when the configuration cannot work (no credentials for a remote endpoint).
  explicit DynamoTable(aws::AwsConfig config);
  ~DynamoTable() override;

  Task<std::optional<Item>> get(GetRequest request) override;
  Task<WriteStatus> put(PutRequest request) override;
  Task<UpdateResult> update(UpdateRequest request) override;
  Task<WriteStatus> remove(DeleteRequest request) override;
  Task<Page> query(QueryRequest request) override;
  Task<Page> scan(ScanRequest request) override;
  Task<void> batch_write(BatchWriteRequest request) override;

  Task<void> create_table(TableSchema schema, Provisioning provisioning) override;
  Task<void> delete_table(std::string name) override;
  Task<std::vector<std::string>> list_tables() override;
  Task<std::optional<TableSchema>> describe_table(std::string name) override;

  // DynamoDB HTTP requests sent so far (retries included), in total and per operation name ("PutItem"...).
  std::uint64_t request_count() const;
  std::map<std::string, std::uint64_t> request_counts() const;
  std::uint64_t connections_opened() const;  // DynamoClient::connections_opened

  const aws::AwsConfig& config() const;

 private:
  // The key schema of `table` (cached). StoreError::not_found when the table does not exist.
  Task<TableSchema> schema_of(std::string table);
  void remember_schema(const TableSchema& schema);
  void forget_schema(const std::string& table);
  // client_->call, forgetting the cached schema of `table` when DynamoDB says it does not exist.
  Task<Reply> call_on(std::string table, std::string operation, boost::json::object request);
  // The same for an answer that carries items, decoded straight into them (item_answer.hpp). An answer to a
  // failed condition has no items (and `condition_failed` set).
  Task<ItemAnswer> items_on(std::string table, std::string operation, boost::json::object request,
                            bool* condition_failed = nullptr);
  Task<void> write_batch_chunk(std::string table, boost::json::array requests);
  // A query on a global secondary index, in the store's order (index_order.hpp).
  Task<Page> query_index(TableSchema schema, QueryRequest request);
  Task<void> wait_for_table(std::string name, bool until_gone);

  std::unique_ptr<DynamoClient> client_;
  mutable Mutex schemas_mutex_;
  std::map<std::string, TableSchema, std::less<>> schemas_ CRUDDUR_GUARDED_BY(schemas_mutex_);
};

// The engine behind the store::Table interface. Throws aws::AwsConfigError (see DynamoTable).
std::unique_ptr<Table> make_dynamodb_table(const aws::AwsConfig& config);

}  // namespace cruddur::store::dynamodb
