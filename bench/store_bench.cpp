// Google Benchmark of the SQLite engine on its own (no HTTP, no coroutines): the single-item operations a send
// and a page are made of, on the messages table's real schema (messaging::keys::table_schema). Run:
//   cmake --build build --target store_bench -j2 && build/bench/store_bench
// Each benchmark opens a file in a fresh temp dir (TMPDIR or /tmp): the page queries on a conversation of
// 50 and of 50,000 messages, the writes on their own file that grows while they run. Writes report wall time
// (UseRealTime): with synchronous=NORMAL the gap between their Time and CPU columns is the time spent
// waiting for the WAL checkpoints' fsyncs, which run inside the committing write.
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "messaging/keys.hpp"
#include "store/sqlite/engine.hpp"
#include "store/sqlite/item_codec.hpp"

namespace {

using cruddur::store::AttributeValue;
using cruddur::store::Comparison;
using cruddur::store::Condition;
using cruddur::store::Item;
using cruddur::store::SqliteOptions;
using cruddur::store::WriteStatus;
using cruddur::store::sqlite::Engine;
namespace keys = cruddur::messaging::keys;
namespace fs = std::filesystem;

const std::string kTable = "cruddur-messages";
const std::string kBig = "7dcc5440-e9e2-5682-92b7-b2d80d3d278d";
const std::string kSmall = "0bba98fe-176b-5f7c-899f-bfe4c020de08";
const std::string kSender = "4d209a0c-e06c-441e-965b-e9a8336ed061";
const std::string kOther = "107f1856-a035-4475-b25c-f034c984a9e6";

// A temp dir holding one database file, removed at the end.
class TempDatabase {
 public:
  TempDatabase(const TempDatabase&) = delete;
  TempDatabase& operator=(const TempDatabase&) = delete;
  explicit TempDatabase(SqliteOptions options = {}) {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/cruddur-store-bench.XXXXXX";
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    dir_ = pattern;
    engine = std::make_unique<Engine>(dir_ + "/messages.sqlite3", options);
    engine->create_table(keys::table_schema(kTable));
  }
  ~TempDatabase() {
    engine.reset();
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  std::unique_ptr<Engine> engine;

 private:
  std::string dir_;
};

// "2026-11-26T12:00:00.000000+00:00" plus n microseconds (n < 10^6 * 60): fixed width, sorts as text.
std::string timestamp(long long n) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "2026-11-26T12:%02lld:%02lld.%06lld+00:00", (n / 1000000 / 60) % 60,
                (n / 1000000) % 60, n % 1000000);
  return buf;
}

std::string fake_uuid(long long n) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%08llx-0000-4000-8000-%012llx", n & 0xffffffffLL, n);
  return buf;
}

Item message_item(const std::string& group, long long n) {
  std::string created_at = timestamp(n);
  std::string uuid = fake_uuid(n);
  Item item = keys::message_key(group, created_at, uuid);
  item["message_uuid"] = AttributeValue::S(uuid);
  item["user_uuid"] = AttributeValue::S(kSender);
  item["user_handle"] = AttributeValue::S("bench_u0");
  item["user_display_name"] = AttributeValue::S("Bench User 0");
  item["message"] = AttributeValue::S("Benchmark reply: lorem ipsum dolor sit amet, consectetur adipiscing elit. " +
                                      std::to_string(n));
  item["created_at"] = AttributeValue::S(created_at);
  return item;
}

Item conversation_row(const std::string& owner, const std::string& other, const std::string& group) {
  Item row = keys::conversation_row_key(owner, group);
  row["message_group_uuid"] = AttributeValue::S(group);
  row["owner_uuid"] = AttributeValue::S(owner);
  row["other_user_uuid"] = AttributeValue::S(other);
  row["other_user_handle"] = AttributeValue::S("bench_u1");
  row["other_user_display_name"] = AttributeValue::S("Bench User 1");
  row["created_at"] = AttributeValue::S(timestamp(0));
  return row;
}

Condition if_absent() { return {{Comparison::not_exists("pk")}}; }

// One database shared by the read benchmarks: "big" with 50,000 messages, "small" with 50, loaded in
// batches (the engine's bulk path).
Engine& read_database() {
  static const std::unique_ptr<TempDatabase> db = [] {
    auto d = std::make_unique<TempDatabase>();
    cruddur::store::BatchWriteRequest batch{kTable, {}, {}};
    for (long long i = 0; i < 50000; ++i) {
      batch.puts.push_back(message_item(kBig, i));
      if (batch.puts.size() == 1000) {
        d->engine->batch_write(batch);
        batch.puts.clear();
      }
    }
    for (long long i = 0; i < 50; ++i) batch.puts.push_back(message_item(kSmall, i));
    batch.puts.push_back(conversation_row(kSender, kOther, kBig));
    d->engine->batch_write(batch);
    return d;
  }();
  return *db->engine;
}

// A conversation page: the newest 20 (+1 to learn whether an older page exists), backwards.
void BM_QueryPageBackward(benchmark::State& state) {
  Engine& engine = read_database();
  const std::string& group = state.range(0) == 0 ? kSmall : kBig;
  cruddur::store::QueryRequest query;
  query.table = kTable;
  query.hash_value = keys::message_partition(group);
  query.forward = false;
  query.limit = 21;
  for (auto _ : state) {
    auto page = engine.query(query);
    benchmark::DoNotOptimize(page);
  }
  state.SetLabel(state.range(0) == 0 ? "50 messages" : "50,000 messages");
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_QueryPageBackward)->Arg(0)->Arg(1);

// The membership check of every page and reply.
void BM_GetConversationRow(benchmark::State& state) {
  Engine& engine = read_database();
  cruddur::store::GetRequest get{kTable, keys::conversation_row_key(kSender, kBig)};
  for (auto _ : state) {
    auto row = engine.get(get);
    benchmark::DoNotOptimize(row);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_GetConversationRow);

// Decoding one stored message into an Item (21 of these per page).
void BM_DecodeMessageItem(benchmark::State& state) {
  std::string encoded = cruddur::store::sqlite::encode_item(message_item(kBig, 1));
  for (auto _ : state) {
    Item item = cruddur::store::sqlite::decode_item(encoded);
    benchmark::DoNotOptimize(item);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DecodeMessageItem);

SqliteOptions durability(int64_t full) {
  SqliteOptions options;
  options.durability = full ? SqliteOptions::Durability::full : SqliteOptions::Durability::normal;
  return options;
}
const char* durability_label(int64_t full) { return full ? "synchronous=FULL" : "synchronous=NORMAL"; }

// A new message: put with attribute_not_exists(pk), one transaction, committed.
void BM_ConditionalPut(benchmark::State& state) {
  TempDatabase db(durability(state.range(0)));
  long long n = 0;
  for (auto _ : state) {
    cruddur::store::PutRequest put{kTable, message_item(kBig, n++), if_absent()};
    if (db.engine->put(put) != WriteStatus::ok) state.SkipWithError("condition failed");
  }
  state.SetLabel(durability_label(state.range(0)));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ConditionalPut)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond)->UseRealTime();

// A retried put whose condition fails: read, check, roll back; nothing written.
void BM_ConditionalPutFails(benchmark::State& state) {
  TempDatabase db;
  cruddur::store::PutRequest put{kTable, message_item(kBig, 1), if_absent()};
  db.engine->put(put);
  for (auto _ : state) {
    if (db.engine->put(put) != WriteStatus::condition_failed) state.SkipWithError("condition held");
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ConditionalPutFails)->Unit(benchmark::kMicrosecond);

// Raising a conversation row's activity, as every send does for both members: update with
// attribute_exists(pk) AND (attribute_not_exists(activity) OR activity < :new), moving its index entry.
void BM_UpdateActivityConditional(benchmark::State& state) {
  TempDatabase db(durability(state.range(0)));
  cruddur::store::PutRequest row{kTable, conversation_row(kSender, kOther, kBig), if_absent()};
  db.engine->put(row);
  long long n = 0;
  for (auto _ : state) {
    std::string created_at = timestamp(++n);
    std::string activity = keys::activity(created_at, fake_uuid(n));
    cruddur::store::UpdateRequest update{kTable, keys::conversation_row_key(kSender, kBig)};
    update.set = {{"activity", AttributeValue::S(activity)},
                  {"last_message", AttributeValue::S("Benchmark reply " + std::to_string(n))},
                  {"last_message_at", AttributeValue::S(created_at)},
                  {"last_message_uuid", AttributeValue::S(fake_uuid(n))}};
    update.condition = {{Comparison::exists("pk")},
                        {Comparison::not_exists("activity"),
                         Comparison::compare("activity", Comparison::Op::lt, AttributeValue::S(activity))}};
    if (db.engine->update(update).status != WriteStatus::ok) state.SkipWithError("condition failed");
  }
  state.SetLabel(durability_label(state.range(0)));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_UpdateActivityConditional)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond)->UseRealTime();

// The store's share of one reply: put the send intent, put the message, raise both members' rows (four
// transactions, as MessagingService::send does them).
void BM_SendWrites(benchmark::State& state) {
  TempDatabase db(durability(state.range(0)));
  for (const auto& [owner, other] : {std::pair{kSender, kOther}, std::pair{kOther, kSender}}) {
    cruddur::store::PutRequest row{kTable, conversation_row(owner, other, kBig), if_absent()};
    db.engine->put(row);
  }
  long long n = 0;
  for (auto _ : state) {
    ++n;
    Item message = message_item(kBig, n);
    const std::string created_at = message["created_at"].text;
    const std::string uuid = message["message_uuid"].text;
    Item intent = keys::send_intent_key(kSender, "bench-" + std::to_string(n));
    intent["message_uuid"] = AttributeValue::S(uuid);
    intent["created_at"] = AttributeValue::S(created_at);
    intent["message_group_uuid"] = AttributeValue::S(kBig);
    intent["message"] = message["message"];
    cruddur::store::PutRequest put_intent{kTable, std::move(intent), if_absent()};
    db.engine->put(put_intent);
    cruddur::store::PutRequest put_message{kTable, std::move(message), if_absent()};
    db.engine->put(put_message);
    std::string activity = keys::activity(created_at, uuid);
    for (const std::string& owner : {kSender, kOther}) {
      cruddur::store::UpdateRequest update{kTable, keys::conversation_row_key(owner, kBig)};
      update.set = {{"activity", AttributeValue::S(activity)},
                    {"last_message", AttributeValue::S("Benchmark reply")},
                    {"last_message_at", AttributeValue::S(created_at)},
                    {"last_message_uuid", AttributeValue::S(uuid)}};
      update.condition = {{Comparison::exists("pk")},
                          {Comparison::not_exists("activity"),
                           Comparison::compare("activity", Comparison::Op::lt, AttributeValue::S(activity))}};
      db.engine->update(update);
    }
  }
  state.SetLabel(durability_label(state.range(0)));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SendWrites)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
