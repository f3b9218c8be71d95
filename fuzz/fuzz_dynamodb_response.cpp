// DynamoDB JSON answers as the engine reads them (store/dynamodb: the client's error classification, item
// decoding, pages, UpdateItem's ALL_NEW, BatchWriteItem's UnprocessedItems, DescribeTable, ListTables),
// through the real DynamoTable and net::HttpClient against a server that answers what the input says.
// Property (the engine's contract, dynamo_client.hpp): whatever the answer, an operation returns or throws
// store::StoreError; any other exception or a sanitizer report is a bug.
//
// Input: byte 0 picks the operation (get, put, update, remove, query, index query, scan, batch write, list
// tables, describe table), byte 1 the HTTP status (200 mostly; 400, 404, 500, 503), the rest is the JSON
// body. DescribeTable of the table itself is answered with the messages table's real schema, so every
// operation gets past the engine's schema lookup. No retries (RetryPolicy of one attempt).
#include "messaging/keys.hpp"
#include "core/run_sync.hpp"
#include "store/dynamodb/dynamo_table.hpp"
#include "store/dynamodb/table_schema.hpp"
#include "store/store_error.hpp"
#include "support/fake_http_server.hpp"

#include <boost/json/serialize.hpp>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <typeinfo>

using namespace cruddur;
using namespace cruddur::store;
using cruddur::store::dynamodb::DynamoTable;

namespace {

constexpr const char* kTable = "t";
constexpr const char* kContentType = "application/x-amz-json-1.0";

// The DescribeTable answer for the messages table: its CreateTable request, every part ACTIVE.
std::string describe_answer() {
  auto table = dynamodb::create_table_request(messaging::keys::table_schema(kTable), Provisioning{});
  table["TableStatus"] = "ACTIVE";
  if (auto* indexes = table.if_contains("GlobalSecondaryIndexes"))
    for (auto& index : indexes->as_array()) index.as_object()["IndexStatus"] = "ACTIVE";
  return boost::json::serialize(boost::json::object{{"Table", std::move(table)}});
}

std::string g_answer;             // what the next request (not a DescribeTable of kTable) gets
const testing::FakeHttpServer::Options kForFuzzing{.fuzz_target = true};  // one connection at a time, no history
std::atomic<bool> g_describe_is_fuzzed{false};

testing::FakeHttpServer& server() {
  static testing::FakeHttpServer* s = new testing::FakeHttpServer([](const testing::FakeRequest& request) {
    static const std::string describe = testing::http_response(200, kContentType, describe_answer());
    bool describe_call = request.header("X-Amz-Target").ends_with(".DescribeTable");
    if (describe_call && !g_describe_is_fuzzed) return testing::FakeReply::answer(describe);
    return testing::FakeReply::answer(g_answer);
  }, kForFuzzing);
  return *s;
}

DynamoTable& table() {
  static DynamoTable* t = [] {
    aws::AwsConfig config;
    config.endpoint = "http://127.0.0.1:" + std::to_string(server().port());
    config.credentials = {"fuzz", "fuzz", std::nullopt};
    config.connect_timeout = std::chrono::milliseconds(2000);
    config.request_timeout = std::chrono::milliseconds(2000);
    config.retry.max_attempts = 1;
    config.retry.max_transport_attempts = 1;
    config.retry.base_delay = std::chrono::milliseconds(0);
    config.table_wait_timeout = std::chrono::milliseconds(0);
    return new DynamoTable(config);
  }();
  return *t;
}

Item key() { return {{"pk", AttributeValue::S("GRP#a")}, {"sk", AttributeValue::S("MSG#b")}}; }

Task<void> run_operation(uint8_t op) {
  DynamoTable& t = table();
  switch (op % 10) {
    case 0: {
      auto item = co_await t.get({kTable, key()});
      break;
    }
    case 1: {
      PutRequest put{kTable, key(), {}};
      put.item["text"] = AttributeValue::S("hi");
      put.condition = Condition{{Comparison::not_exists("pk")}};
      co_await t.put(std::move(put));
      break;
    }
    case 2: {
      UpdateRequest update;
      update.table = kTable;
      update.key = key();
      update.set["n"] = AttributeValue::N(1);
      co_await t.update(std::move(update));
      break;
    }
    case 3: {
      DeleteRequest remove{kTable, key(), {}};
      co_await t.remove(std::move(remove));
      break;
    }
    case 4: {
      QueryRequest query;
      query.table = kTable;
      query.hash_value = "GRP#a";
      query.range = KeyRange{KeyRange::Op::begins_with, "MSG#", ""};
      query.limit = 20;
      co_await t.query(std::move(query));
      break;
    }
    case 5: {
      auto schema = messaging::keys::table_schema(kTable);
      QueryRequest query;
      query.table = kTable;
      if (!schema.indexes.empty()) query.index = schema.indexes.front().name;
      query.hash_value = "USER#a";
      query.forward = false;
      query.limit = 5;
      co_await t.query(std::move(query));
      break;
    }
    case 6: {
      ScanRequest scan{kTable, 10, std::nullopt};
      co_await t.scan(std::move(scan));
      break;
    }
    case 7: {
      BatchWriteRequest batch{kTable, {key()}, {}};
      batch.puts.front()["text"] = AttributeValue::S("x");
      co_await t.batch_write(std::move(batch));
      break;
    }
    case 8:
      co_await t.list_tables();
      break;
    case 9:
      co_await t.describe_table(kTable);
      break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const int statuses[] = {200, 200, 200, 200, 400, 404, 500, 503};
  if (size < 2) return 0;
  uint8_t op = data[0];
  int status = statuses[data[1] % 8];
  g_answer = testing::http_response(status, kContentType, {reinterpret_cast<const char*>(data) + 2, size - 2});
  g_describe_is_fuzzed = op % 10 == 9;
  try {
    run_sync(run_operation(op));
  } catch (const StoreError&) {
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fuzz: operation %d threw %s: %s\n", op % 10, typeid(e).name(), e.what());
    std::abort();
  }
  g_describe_is_fuzzed = false;
  return 0;
}
