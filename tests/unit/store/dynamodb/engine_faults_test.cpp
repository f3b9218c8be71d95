// The DynamoDB engine against a real dynalite and against servers that misbehave on purpose: a dead engine,
// a restarted one, a silent one, and a proxy that throttles or fails. Also the request count per operation.

#include <gtest/gtest.h>

#include <thread>

#include "engine_servers.hpp"
#include "store/dynamodb/dynamo_table.hpp"
#include "store/store_error.hpp"
#include "support/run_task.hpp"

namespace cruddur::store::dynamodb {
namespace {

using cruddur::testing::run_task;
using testing::Dynalite;
using testing::FaultProxy;
using testing::RefusingPort;
using testing::SilentServer;
using Answer = FaultProxy::Answer;

auto S = AttributeValue::S;

// Short timeouts and backoff so that failures surface quickly; attempts stay bounded as in production.
aws::AwsConfig config_for(const std::string& endpoint) {
  aws::AwsConfig c;
  c.endpoint = endpoint;
  c.credentials = {"test", "test", std::nullopt};
  c.connect_timeout = std::chrono::milliseconds(1000);
  c.request_timeout = std::chrono::milliseconds(2000);
  c.retry.max_attempts = 5;
  c.retry.max_transport_attempts = 3;
  c.retry.base_delay = std::chrono::milliseconds(5);
  c.retry.max_delay = std::chrono::milliseconds(50);
  c.table_wait_timeout = std::chrono::seconds(10);
  return c;
}

Item message(int i) { return {{"pk", S("MSG#g")}, {"sk", S("m" + std::to_string(1000 + i))}, {"body", S("hi")}}; }
Item key_of(const Item& item) { return {{"pk", item.at("pk")}, {"sk", item.at("sk")}}; }

StoreError::Kind error_kind(const std::function<void()>& operation) {
  try {
    operation();
  } catch (const StoreError& e) {
    return e.kind();
  }
  ADD_FAILURE() << "expected a StoreError";
  return StoreError::Kind::internal;
}

class EngineFaults : public ::testing::Test {
 protected:
  void create_messages_table(DynamoTable& table) {
    run_task(table.create_table(TableSchema{"messages", KeySchema{"pk", "sk"},
                                            {IndexSchema{"by_user", KeySchema{"user", "sk"}}}},
                                Provisioning{}));
  }
  Dynalite dynalite;
};

TEST_F(EngineFaults, KilledEngineIsUnavailableAndARestartLosesNothingAcknowledged) {
  DynamoTable table(config_for(dynalite.endpoint()));
  create_messages_table(table);
  for (int i = 0; i < 20; ++i) ASSERT_EQ(run_task(table.put(PutRequest{"messages", message(i), {}})), WriteStatus::ok);

  dynalite.kill_hard();
  EXPECT_EQ(error_kind([&] { run_task(table.get(GetRequest{"messages", key_of(message(1))})); }),
            StoreError::Kind::unavailable);
  EXPECT_EQ(error_kind([&] { run_task(table.put(PutRequest{"messages", message(99), {}})); }),
            StoreError::Kind::unavailable);

  dynalite.start();  // same port, same data directory
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(run_task(table.get(GetRequest{"messages", key_of(message(i))})), message(i)) << i;
  }
  EXPECT_EQ(run_task(table.put(PutRequest{"messages", message(20), {}})), WriteStatus::ok);
  EXPECT_EQ(run_task(table.get(GetRequest{"messages", key_of(message(20))})), message(20));
}

TEST_F(EngineFaults, NothingListeningIsUnavailable) {
  RefusingPort refusing;
  DynamoTable table(config_for(refusing.endpoint()));
  EXPECT_EQ(error_kind([&] { run_task(table.list_tables()); }), StoreError::Kind::unavailable);
  EXPECT_EQ(table.request_count(), 3u) << "max_transport_attempts requests, then it gives up";
}

TEST_F(EngineFaults, ASilentServerTimesOutAsUnavailable) {
  SilentServer silent;
  aws::AwsConfig config = config_for(silent.endpoint());
  config.request_timeout = std::chrono::milliseconds(200);
  DynamoTable table(config);
  EXPECT_EQ(error_kind([&] { run_task(table.get(GetRequest{"messages", key_of(message(1))})); }),
            StoreError::Kind::unavailable);
}

TEST_F(EngineFaults, ThrottlingIsRetriedUntilItPasses) {
  DynamoTable direct(config_for(dynalite.endpoint()));
  create_messages_table(direct);
  FaultProxy proxy(dynalite.port(), [](int n) { return n < 3 ? Answer::throttle : Answer::forward; });
  DynamoTable table(config_for(proxy.endpoint()));

  EXPECT_EQ(run_task(table.put(PutRequest{"messages", message(1), {}})), WriteStatus::ok);
  EXPECT_EQ(run_task(direct.get(GetRequest{"messages", key_of(message(1))})), message(1));
  // DescribeTable (to learn the key schema) throttled three times, then DescribeTable and PutItem pass.
  EXPECT_EQ(proxy.requests_seen(), 5);
  EXPECT_EQ(table.request_count(), 5u);
  EXPECT_EQ(table.request_counts().at("DescribeTable"), 4u);
}

TEST_F(EngineFaults, ThrottlingThatNeverEndsIsThrottledAfterBoundedRetries) {
  FaultProxy proxy(dynalite.port(), [](int) { return Answer::throttle; });
  DynamoTable table(config_for(proxy.endpoint()));
  EXPECT_EQ(error_kind([&] { run_task(table.list_tables()); }), StoreError::Kind::throttled);
  EXPECT_EQ(proxy.requests_seen(), 5) << "max_attempts";
}

TEST_F(EngineFaults, ServerErrorsAreRetriedThenUnavailable) {
  DynamoTable direct(config_for(dynalite.endpoint()));
  create_messages_table(direct);
  {
    FaultProxy flaky(dynalite.port(), [](int n) { return n % 2 == 0 ? Answer::server_error : Answer::forward; });
    DynamoTable table(config_for(flaky.endpoint()));
    EXPECT_EQ(run_task(table.put(PutRequest{"messages", message(2), {}})), WriteStatus::ok);
    EXPECT_EQ(run_task(table.get(GetRequest{"messages", key_of(message(2))})), message(2));
  }
  FaultProxy broken(dynalite.port(), [](int) { return Answer::server_error; });
  DynamoTable table(config_for(broken.endpoint()));
  EXPECT_EQ(error_kind([&] { run_task(table.list_tables()); }), StoreError::Kind::unavailable);
}

TEST_F(EngineFaults, PooledConnectionsClosedByAnIdleEngineAreReplaced) {
  DynamoTable table(config_for(dynalite.endpoint()));
  create_messages_table(table);
  ASSERT_EQ(run_task(table.put(PutRequest{"messages", message(1), {}})), WriteStatus::ok);
  std::this_thread::sleep_for(std::chrono::milliseconds(5500));  // dynalite closes idle connections after 5 s
  EXPECT_EQ(run_task(table.get(GetRequest{"messages", key_of(message(1))})), message(1));
}

TEST_F(EngineFaults, EachItemOperationIsOneRequestOnceTheSchemaIsKnown) {
  DynamoTable table(config_for(dynalite.endpoint()));
  create_messages_table(table);
  const auto before = table.request_count();
  Item item = message(1);
  item["user"] = S("ann");
  ASSERT_EQ(run_task(table.put(PutRequest{"messages", item, {{Comparison::not_exists("pk")}}})), WriteStatus::ok);
  ASSERT_EQ(run_task(table.update(UpdateRequest{"messages", key_of(item), {{"status", S("read")}}, {}, {}})).status,
            WriteStatus::ok);
  ASSERT_TRUE(run_task(table.get(GetRequest{"messages", key_of(item)})));
  QueryRequest on_index;
  on_index.table = "messages";
  on_index.index = "by_user";
  on_index.hash_value = "ann";
  on_index.limit = 10;
  ASSERT_EQ(run_task(table.query(on_index)).items.size(), 1u);
  EXPECT_EQ(table.request_count() - before, 4u);
}

TEST_F(EngineFaults, BatchWritesGoInChunksOfTwentyFive) {
  DynamoTable table(config_for(dynalite.endpoint()));
  create_messages_table(table);
  std::vector<Item> puts;
  for (int i = 0; i < 60; ++i) puts.push_back(message(i));
  run_task(table.batch_write(BatchWriteRequest{"messages", puts, {}}));
  EXPECT_EQ(table.request_counts().at("BatchWriteItem"), 3u);
  EXPECT_EQ(run_task(table.get(GetRequest{"messages", key_of(message(59))})), message(59));
}

TEST_F(EngineFaults, ListTablesFollowsEveryPage) {
  DynamoTable table(config_for(dynalite.endpoint()));
  for (int i = 0; i < 105; ++i) {  // ListTables answers at most 100 names a page
    run_task(table.create_table(TableSchema{"t" + std::to_string(1000 + i), KeySchema{"id", std::nullopt}, {}}, {}));
  }
  std::vector<std::string> names = run_task(table.list_tables());
  ASSERT_EQ(names.size(), 105u);
  EXPECT_EQ(names.front(), "t1000");
  EXPECT_EQ(names.back(), "t1104");
  EXPECT_EQ(table.request_counts().at("ListTables"), 2u);
}

TEST_F(EngineFaults, MissingCredentialsForARemoteEndpointFailAtConstruction) {
  aws::AwsConfig config = config_for("https://dynamodb.us-east-1.amazonaws.com");
  config.credentials = {};
  EXPECT_THROW(DynamoTable{config}, aws::AwsConfigError);
  config.endpoint = dynalite.endpoint();  // a local endpoint: dummy credentials are fine
  DynamoTable local(config);
  EXPECT_TRUE(run_task(local.list_tables()).empty());
}

}  // namespace
}  // namespace cruddur::store::dynamodb
