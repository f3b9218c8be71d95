// Google Benchmark of the SQLite engine on its own (no HTTP): the single-item operations a send and a page are
// made of, on the messages table's real schema (messaging::keys::table_schema), and (BM_Concurrent*) many
// coroutines on two io threads writing at once through SqliteTable, as the server does. Run:
//   cmake --build build --target store_bench -j2 && build/bench/store_bench
// Each benchmark opens a file in a fresh temp dir (TMPDIR or /tmp): the page queries on a conversation of
// 50 and of 50,000 messages, the writes on their own file that grows while they run. Writes report wall time
// (UseRealTime): they are committed by the engine's writer thread (group commit), so their CPU column shows
// only the calling thread's share, and the single-caller benchmarks (BM_ConditionalPut ...) include the hop
// to the writer thread and back; the BM_Concurrent* ones show what batching the writes of many callers into
// one transaction buys.
#include <benchmark/benchmark.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "messaging/keys.hpp"
#include "store/sqlite/engine.hpp"
#include "store/sqlite/item_codec.hpp"
#include "store/sqlite/sqlite_table.hpp"

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

// Runs a coroutine to completion on the calling thread, on an io_context reused across calls (Engine's
// writes are coroutines that suspend until the writer thread committed them).
template <typename T>
T run(cruddur::store::Task<T> task) {
  static boost::asio::io_context io;
  io.restart();
  auto future = boost::asio::co_spawn(io, std::move(task), boost::asio::use_future);
  io.run();
  return future.get();
}

// A fresh temp dir, removed (with what is in it) at the end.
class BenchDir {
 public:
  BenchDir() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/cruddur-store-bench.XXXXXX";
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~BenchDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  BenchDir(const BenchDir&) = delete;
  BenchDir& operator=(const BenchDir&) = delete;
  std::string database() const { return path_ + "/messages.sqlite3"; }

 private:
  std::string path_;
};

// An Engine on one database file in a BenchDir, with the messages table created.
class TempDatabase {
 public:
  explicit TempDatabase(SqliteOptions options = {})
      : engine(std::make_unique<Engine>(dir_.database(), options)) {
    run(engine->create_table(keys::table_schema(kTable)));
  }

 private:
  BenchDir dir_;  // declared first: removed after the engine has closed the file

 public:
  std::unique_ptr<Engine> engine;
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

cruddur::store::UpdateRequest raise_activity(const std::string& owner, const std::string& group,
                                             const std::string& created_at, const std::string& uuid) {
  std::string activity = keys::activity(created_at, uuid);
  cruddur::store::UpdateRequest update{kTable, keys::conversation_row_key(owner, group)};
  update.set = {{"activity", AttributeValue::S(activity)},
                {"last_message", AttributeValue::S("Benchmark reply")},
                {"last_message_at", AttributeValue::S(created_at)},
                {"last_message_uuid", AttributeValue::S(uuid)}};
  update.condition = {{Comparison::exists("pk")},
                      {Comparison::not_exists("activity"),
                       Comparison::compare("activity", Comparison::Op::lt, AttributeValue::S(activity))}};
  return update;
}

// The send intent of `message` as MessagingService writes it (doc/keys.md): its group under "conversation",
// which keeps intents out of message-group-sk-index.
Item intent_for(const Item& message, const std::string& group, long long n) {
  Item intent = keys::send_intent_key(kSender, "bench-" + std::to_string(n));
  intent["message_uuid"] = message.at("message_uuid");
  intent["created_at"] = message.at("created_at");
  intent["conversation"] = AttributeValue::S(group);
  intent["message"] = message.at("message");
  return intent;
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
        run(d->engine->batch_write(batch));
        batch.puts.clear();
      }
    }
    for (long long i = 0; i < 50; ++i) batch.puts.push_back(message_item(kSmall, i));
    batch.puts.push_back(conversation_row(kSender, kOther, kBig));
    run(d->engine->batch_write(batch));
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
    if (run(db.engine->put(std::move(put))) != WriteStatus::ok) state.SkipWithError("condition failed");
  }
  state.SetLabel(durability_label(state.range(0)));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ConditionalPut)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond)->UseRealTime();

// A retried put whose condition fails: read, check, roll back; nothing written.
void BM_ConditionalPutFails(benchmark::State& state) {
  TempDatabase db;
  cruddur::store::PutRequest put{kTable, message_item(kBig, 1), if_absent()};
  run(db.engine->put(put));
  for (auto _ : state) {
    if (run(db.engine->put(put)) != WriteStatus::condition_failed) state.SkipWithError("condition held");
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ConditionalPutFails)->Unit(benchmark::kMicrosecond);

// Raising a conversation row's activity, as every send does for both members: update with
// attribute_exists(pk) AND (attribute_not_exists(activity) OR activity < :new), moving its index entry.
void BM_UpdateActivityConditional(benchmark::State& state) {
  TempDatabase db(durability(state.range(0)));
  cruddur::store::PutRequest row{kTable, conversation_row(kSender, kOther, kBig), if_absent()};
  run(db.engine->put(row));
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
    if (run(db.engine->update(std::move(update))).status != WriteStatus::ok) state.SkipWithError("condition failed");
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
    run(db.engine->put(row));
  }
  long long n = 0;
  for (auto _ : state) {
    ++n;
    Item message = message_item(kBig, n);
    const std::string created_at = message["created_at"].text;
    const std::string uuid = message["message_uuid"].text;
    Item intent = intent_for(message, kBig, n);
    cruddur::store::PutRequest put_intent{kTable, std::move(intent), if_absent()};
    run(db.engine->put(std::move(put_intent)));
    cruddur::store::PutRequest put_message{kTable, std::move(message), if_absent()};
    run(db.engine->put(std::move(put_message)));
    for (const std::string& owner : {kSender, kOther}) {
      cruddur::store::UpdateRequest update = raise_activity(owner, kBig, created_at, uuid);
      run(db.engine->update(std::move(update)));
    }
  }
  state.SetLabel(durability_label(state.range(0)));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SendWrites)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond)->UseRealTime();

// ---------------------------------------------------------------- concurrent writers (SqliteTable)

using cruddur::store::SqliteTable;
using cruddur::store::Task;
using namespace boost::asio::experimental::awaitable_operators;

// A SqliteTable on one database file in a BenchDir, with the messages table created.
class TempTable {
 public:
  explicit TempTable(SqliteOptions options = {})
      : table(std::make_unique<SqliteTable>(dir_.database(), options)) {
    run(table->create_table(keys::table_schema(kTable), {}));
  }

 private:
  BenchDir dir_;  // declared first: removed after the table has closed the file

 public:
  std::unique_ptr<SqliteTable> table;
};

// Runs `coroutines` copies of work(c) on an io_context served by `threads` threads, until all are done.
// Counts the coroutines that threw.
template <typename Work>
int run_concurrently(int coroutines, int threads, Work work) {
  boost::asio::io_context io;
  std::atomic<int> failed{0};
  for (int c = 0; c < coroutines; ++c) {
    boost::asio::co_spawn(io, work(c), [&failed](std::exception_ptr error) {
      if (error) failed.fetch_add(1);
    });
  }
  std::vector<std::thread> helpers;
  for (int t = 1; t < threads; ++t) helpers.emplace_back([&io] { io.run(); });
  io.run();
  for (auto& helper : helpers) helper.join();
  return failed.load();
}

constexpr int kIoThreads = 2;      // the server's default --threads
constexpr int kWritesPerRound = 512;  // per benchmark iteration, split among the coroutines

Task<void> conditional_puts(SqliteTable& table, std::atomic<long long>& next, int count) {
  for (int i = 0; i < count; ++i) {
    cruddur::store::PutRequest put{kTable, message_item(kBig, next.fetch_add(1)), if_absent()};
    if (co_await table.put(std::move(put)) != WriteStatus::ok) throw std::runtime_error("condition failed");
  }
}

// N coroutines (the argument) each putting new messages with attribute_not_exists(pk), one after another.
void BM_ConcurrentConditionalPuts(benchmark::State& state) {
  TempTable db(durability(state.range(1)));
  const int coroutines = static_cast<int>(state.range(0));
  const int per_coroutine = std::max(1, kWritesPerRound / coroutines);
  std::atomic<long long> next{0};
  for (auto _ : state) {
    int failed = run_concurrently(coroutines, kIoThreads,
                                  [&](int) { return conditional_puts(*db.table, next, per_coroutine); });
    if (failed) state.SkipWithError("a put failed");
  }
  state.SetLabel(std::to_string(coroutines) + " coroutines, " + durability_label(state.range(1)));
  state.SetItemsProcessed(state.iterations() * coroutines * per_coroutine);
}
BENCHMARK(BM_ConcurrentConditionalPuts)
    ->Args({1, 0})->Args({8, 0})->Args({64, 0})->Args({64, 1})
    ->Unit(benchmark::kMicrosecond)->UseRealTime();

// One coroutine's sends, as MessagingService::send writes them: the intent, then the message and both
// members' rows concurrently. Each coroutine has its own conversation.
Task<void> sends(SqliteTable& table, std::string group, std::atomic<long long>& next, int count) {
  for (int i = 0; i < count; ++i) {
    long long n = next.fetch_add(1);
    Item message = message_item(group, n);
    const std::string created_at = message["created_at"].text;
    const std::string uuid = message["message_uuid"].text;
    Item intent = intent_for(message, group, n);
    cruddur::store::PutRequest put_intent{kTable, std::move(intent), if_absent()};
    if (co_await table.put(std::move(put_intent)) != WriteStatus::ok) throw std::runtime_error("intent exists");
    cruddur::store::PutRequest put_message{kTable, std::move(message), if_absent()};
    auto mine = raise_activity(kSender, group, created_at, uuid);
    auto theirs = raise_activity(kOther, group, created_at, uuid);
    co_await (table.put(std::move(put_message)) && table.update(std::move(mine)) &&
              table.update(std::move(theirs)));
  }
}

// N coroutines (the argument) each sending in its own conversation: 4 writes per send, 3 of them concurrent.
void BM_ConcurrentSends(benchmark::State& state) {
  TempTable db(durability(state.range(1)));
  const int coroutines = static_cast<int>(state.range(0));
  const int per_coroutine = std::max(1, kWritesPerRound / 4 / coroutines);
  std::vector<std::string> groups;
  for (int c = 0; c < coroutines; ++c) {
    groups.push_back(fake_uuid(1'000'000'000LL + c));
    for (const auto& [owner, other] : {std::pair{kSender, kOther}, std::pair{kOther, kSender}}) {
      cruddur::store::PutRequest row{kTable, conversation_row(owner, other, groups.back()), if_absent()};
      run(db.table->put(std::move(row)));
    }
  }
  std::atomic<long long> next{0};
  for (auto _ : state) {
    int failed = run_concurrently(coroutines, kIoThreads,
                                  [&](int c) { return sends(*db.table, groups[c], next, per_coroutine); });
    if (failed) state.SkipWithError("a send failed");
  }
  state.SetLabel(std::to_string(coroutines) + " coroutines, " + durability_label(state.range(1)));
  state.SetItemsProcessed(state.iterations() * coroutines * per_coroutine);  // sends
}
BENCHMARK(BM_ConcurrentSends)
    ->Args({1, 0})->Args({8, 0})->Args({64, 0})->Args({64, 1})
    ->Unit(benchmark::kMicrosecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
