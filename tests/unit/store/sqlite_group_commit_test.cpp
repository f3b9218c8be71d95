// Group commit in the SQLite engine (write_queue.hpp), as a user of SqliteTable sees it: the writes of many
// concurrent coroutines on several io threads share transactions, yet each lands exactly once, fails alone,
// is visible once acknowledged, and a table destroyed with writes still queued completes or fails them.
//
// Several tests make writes queue up behind a write lock held by a plain SQLite connection (as another
// process would hold it), so that they run as one batch when it is released.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

#include "store/sqlite/sqlite_table.hpp"
#include "store/sqlite/write_queue.hpp"
#include "support/run_task.hpp"
#include "support/temp_dir.hpp"

namespace cruddur::store {
namespace {

using testing::run_task;
using namespace std::chrono_literals;

const std::string kTable = "group-commit";
const TableSchema schema{kTable, KeySchema{"pk", "sk"}, {IndexSchema{"by_owner", KeySchema{"owner", "sk"}}}};

// ---------------------------------------------------------------- helpers

// An io_context served by `n` threads until finish(): every coroutine spawned on it has completed.
class IoThreads {
 public:
  explicit IoThreads(int n) : work_(boost::asio::make_work_guard(io)) {
    for (int i = 0; i < n; ++i) threads_.emplace_back([this] { io.run(); });
  }
  ~IoThreads() { finish(); }
  void finish() {
    work_.reset();
    for (auto& thread : threads_) thread.join();
    threads_.clear();
  }
  boost::asio::io_context io;

 private:
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  std::vector<std::thread> threads_;
};

// What one write's caller saw.
enum class Outcome { pending, ok, condition_failed, not_found, invalid, unavailable, internal, other };

Outcome outcome_of(StoreError::Kind kind) {
  switch (kind) {
    case StoreError::Kind::resource_not_found: return Outcome::not_found;
    case StoreError::Kind::validation: return Outcome::invalid;
    case StoreError::Kind::unavailable: return Outcome::unavailable;
    case StoreError::Kind::internal: return Outcome::internal;
    default: return Outcome::other;
  }
}

// A plain connection to the file, as another process would have.
class OtherConnection {
 public:
  explicit OtherConnection(const std::string& path) {
    if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) throw std::runtime_error("cannot open " + path);
    sqlite3_busy_timeout(db_, 5000);
  }
  ~OtherConnection() { sqlite3_close(db_); }
  void execute(const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      std::string text = message ? message : "?";
      sqlite3_free(message);
      throw std::runtime_error(sql + ": " + text);
    }
  }
  long long integer(const std::string& sql) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) throw std::runtime_error(sql);
    long long value = sqlite3_step(statement) == SQLITE_ROW ? sqlite3_column_int64(statement, 0) : -1;
    sqlite3_finalize(statement);
    return value;
  }

 private:
  sqlite3* db_ = nullptr;
};

template <typename Predicate>
bool wait_until(Predicate predicate, std::chrono::milliseconds timeout = 10s) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!predicate()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(1ms);
  }
  return true;
}

Item item(const std::string& pk, const std::string& owner, int writer) {
  return {{"pk", AttributeValue::S(pk)},
          {"sk", AttributeValue::S("s")},
          {"owner", AttributeValue::S(owner)},
          {"writer", AttributeValue::N(writer)}};
}
Item key(const std::string& pk) { return {{"pk", AttributeValue::S(pk)}, {"sk", AttributeValue::S("s")}}; }
Condition if_absent() { return {{Comparison::not_exists("pk")}}; }
Condition if_present() { return {{Comparison::exists("pk")}}; }

// Requests are built outside coroutines (GCC 12: no braced temporaries or literals inside co_await).
PutRequest put_request(Item value, Condition condition) { return PutRequest{kTable, std::move(value), condition}; }
GetRequest get_request(const std::string& pk) { return GetRequest{kTable, key(pk)}; }
UpdateRequest set_writer(const std::string& pk, int writer) {
  UpdateRequest update{kTable, key(pk)};
  update.set = {{"writer", AttributeValue::N(writer)}};
  update.condition = if_present();
  return update;
}

Task<Outcome> put_outcome(Table& table, PutRequest request) {
  try {
    WriteStatus status = co_await table.put(std::move(request));
    co_return status == WriteStatus::ok ? Outcome::ok : Outcome::condition_failed;
  } catch (const StoreError& error) {
    co_return outcome_of(error.kind());
  }
}

Task<Outcome> update_outcome(Table& table, UpdateRequest request) {
  try {
    UpdateResult result = co_await table.update(std::move(request));
    co_return result.status == WriteStatus::ok ? Outcome::ok : Outcome::condition_failed;
  } catch (const StoreError& error) {
    co_return outcome_of(error.kind());
  }
}

Task<Outcome> delete_table_outcome(Table& table, std::string name) {
  try {
    co_await table.delete_table(std::move(name));
    co_return Outcome::ok;
  } catch (const StoreError& error) {
    co_return outcome_of(error.kind());
  }
}

// Spawns `task` on `io`; its outcome lands in `slot`.
void spawn(boost::asio::io_context& io, Task<Outcome> task, Outcome& slot) {
  boost::asio::co_spawn(io, std::move(task), [&slot](std::exception_ptr error, Outcome outcome) {
    slot = error ? Outcome::other : outcome;
  });
}

// Spawns one "if not exists" put of key <prefix><i> for each outcome slot; the slot receives what its caller saw.
void spawn_puts(boost::asio::io_context& io, Table& table, const std::string& prefix, std::vector<Outcome>& outcomes) {
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    int writer = static_cast<int>(i);
    spawn(io, put_outcome(table, put_request(item(prefix + std::to_string(i), "o", writer), if_absent())),
          outcomes[i]);
  }
}

// True once `writes` writes submitted after `before` are queued or taken by the writer.
bool all_submitted(const SqliteTable& table, const SqliteTable::WriteStats& before, std::size_t writes) {
  return wait_until([&] {
    auto stats = table.write_stats();
    return stats.queued + (stats.writes - before.writes) == writes;
  });
}

int count(const std::vector<Outcome>& outcomes, Outcome wanted) {
  return static_cast<int>(std::count(outcomes.begin(), outcomes.end(), wanted));
}

// ---------------------------------------------------------------- tests

// Writer w puts key k<w % keys> "if not exists", then checks it was resumed on an io thread.
Task<Outcome> racing_put(Table& table, boost::asio::io_context& io, int writer, int keys,
                         std::atomic<int>& resumed_off_io) {
  PutRequest request = put_request(item("k" + std::to_string(writer % keys), "o", writer), if_absent());
  Outcome outcome = co_await put_outcome(table, std::move(request));
  if (!io.get_executor().running_in_this_thread()) resumed_off_io.fetch_add(1);
  co_return outcome;
}

TEST(SqliteGroupCommit, ConcurrentConditionalPutsLandExactlyOnce) {
  testing::TempDir dir;
  SqliteTable table(dir.str() + "/gc.db");
  run_task(table.create_table(schema, {}));
  const auto before = table.write_stats();
  constexpr int writers = 500;
  constexpr int keys = 50;
  std::vector<Outcome> outcomes(writers, Outcome::pending);
  std::atomic<int> resumed_off_io{0};
  {
    IoThreads threads(4);
    for (int w = 0; w < writers; ++w) {
      spawn(threads.io, racing_put(table, threads.io, w, keys, resumed_off_io), outcomes[w]);
    }
    threads.finish();
  }
  EXPECT_EQ(count(outcomes, Outcome::ok), keys);
  EXPECT_EQ(count(outcomes, Outcome::condition_failed), writers - keys);
  EXPECT_EQ(resumed_off_io.load(), 0) << "a caller was resumed outside its io_context (on the writer thread?)";
  for (int k = 0; k < keys; ++k) {
    auto stored = run_task(table.get(get_request("k" + std::to_string(k))));
    ASSERT_TRUE(stored) << "key " << k;
    int writer = std::stoi(stored->at("writer").text);
    EXPECT_EQ(writer % keys, k);
    EXPECT_EQ(outcomes[writer], Outcome::ok) << "the stored item is the one whose put succeeded";
  }
  QueryRequest by_owner;
  by_owner.table = kTable;
  by_owner.index = "by_owner";
  by_owner.hash_value = "o";
  EXPECT_EQ(run_task(table.query(by_owner)).items.size(), static_cast<std::size_t>(keys));
  const auto after = table.write_stats();
  EXPECT_EQ(after.writes - before.writes, static_cast<std::uint64_t>(writers));
  EXPECT_LT(after.transactions - before.transactions, static_cast<std::uint64_t>(writers))
      << "concurrent writes never shared a transaction";
}

TEST(SqliteGroupCommit, AWriteThatFailsFailsAloneWhileTheRestOfItsBatchCommits) {
  testing::TempDir dir;
  const std::string path = dir.str() + "/gc.db";
  SqliteTable table(path);
  run_task(table.create_table(schema, {}));
  run_task(table.create_table(TableSchema{"scratch", KeySchema{"pk", "sk"}, {}}, {}));
  OtherConnection other(path);
  // An index entry with owner "poison" cannot be written: such a put fails after writing its item row, so
  // only rolling back its savepoint keeps that row out of the committed batch.
  long long id = other.integer("SELECT id FROM cruddur_tables WHERE name = CAST('group-commit' AS BLOB)");
  ASSERT_GT(id, 0);
  other.execute("CREATE TRIGGER poison BEFORE INSERT ON cruddur_t" + std::to_string(id) +
                "_i0 WHEN NEW.ih = CAST('poison' AS BLOB) BEGIN SELECT RAISE(ABORT, 'poisoned'); END");
  const auto before = table.write_stats();

  other.execute("BEGIN IMMEDIATE");  // the writer thread will wait for this lock
  std::vector<Outcome> outcomes(17, Outcome::pending);
  IoThreads thread(1);  // one thread: the writes queue in the order they are spawned
  spawn(thread.io, put_outcome(table, put_request(item("first", "o", 0), {})), outcomes[0]);
  ASSERT_TRUE(wait_until([&] { return table.write_stats().transactions == before.transactions + 1; }));
  // The writer took "first" alone and waits in BEGIN; everything below queues up as one batch.
  for (int i = 0; i < 5; ++i) spawn(thread.io, put_outcome(table, put_request(item("g" + std::to_string(i), "o", i), {})), outcomes[1 + i]);
  spawn(thread.io, put_outcome(table, put_request(item("poisoned", "poison", 0), {})), outcomes[6]);
  Item no_range_key = {{"pk", AttributeValue::S("invalid")}};
  spawn(thread.io, put_outcome(table, put_request(no_range_key, {})), outcomes[7]);
  for (int i = 5; i < 10; ++i) spawn(thread.io, put_outcome(table, put_request(item("g" + std::to_string(i), "o", i), {})), outcomes[3 + i]);
  spawn(thread.io, delete_table_outcome(table, "scratch"), outcomes[13]);
  PutRequest into_scratch{"scratch", key("x"), {}};
  spawn(thread.io, put_outcome(table, std::move(into_scratch)), outcomes[14]);
  spawn(thread.io, put_outcome(table, put_request(item("g0", "o", 100), if_absent())), outcomes[15]);
  spawn(thread.io, update_outcome(table, set_writer("g1", 101)), outcomes[16]);
  ASSERT_TRUE(wait_until([&] { return table.write_stats().queued == 16; }));
  other.execute("ROLLBACK");
  thread.finish();

  EXPECT_EQ(outcomes[0], Outcome::ok);
  for (int i = 1; i <= 5; ++i) EXPECT_EQ(outcomes[i], Outcome::ok) << i;
  EXPECT_EQ(outcomes[6], Outcome::internal) << "the poisoned put";
  EXPECT_EQ(outcomes[7], Outcome::invalid) << "the put without a range key";
  for (int i = 8; i <= 12; ++i) EXPECT_EQ(outcomes[i], Outcome::ok) << i;
  EXPECT_EQ(outcomes[13], Outcome::ok) << "delete_table";
  EXPECT_EQ(outcomes[14], Outcome::not_found) << "a put into the table dropped earlier in the batch";
  EXPECT_EQ(outcomes[15], Outcome::condition_failed) << "g0 was put earlier in the same batch";
  EXPECT_EQ(outcomes[16], Outcome::ok) << "update of g1, put earlier in the same batch";

  const auto after = table.write_stats();
  EXPECT_EQ(after.transactions, before.transactions + 2) << "first alone, then the other 16 together";
  EXPECT_EQ(after.writes, before.writes + 17);
  for (int i = 0; i < 10; ++i) {
    EXPECT_TRUE(run_task(table.get(get_request("g" + std::to_string(i))))) << "g" << i;
  }
  EXPECT_EQ(run_task(table.get(get_request("g0")))->at("writer"), AttributeValue::N(0));
  EXPECT_EQ(run_task(table.get(get_request("g1")))->at("writer"), AttributeValue::N(101));
  EXPECT_FALSE(run_task(table.get(get_request("poisoned")))) << "the failed put's item row was rolled back";
  QueryRequest poisoned;
  poisoned.table = kTable;
  poisoned.index = "by_owner";
  poisoned.hash_value = "poison";
  EXPECT_TRUE(run_task(table.query(poisoned)).items.empty());
  EXPECT_EQ(run_task(table.list_tables()), std::vector<std::string>{kTable});
  // The engine still writes after all that.
  EXPECT_EQ(run_task(table.put(put_request(item("later", "o", 1), if_absent()))), WriteStatus::ok);
}

TEST(SqliteGroupCommit, WhenTheTransactionCannotStartEveryWriteOfTheBatchFailsAndNothingIsWritten) {
  testing::TempDir dir;
  const std::string path = dir.str() + "/gc.db";
  SqliteOptions options;
  options.busy_timeout = 200ms;
  SqliteTable table(path, options);
  run_task(table.create_table(schema, {}));
  OtherConnection other(path);
  other.execute("BEGIN IMMEDIATE");  // held beyond the busy timeout
  std::vector<Outcome> outcomes(8, Outcome::pending);
  {
    IoThreads threads(2);
    spawn_puts(threads.io, table, "p", outcomes);
    threads.finish();
  }
  other.execute("ROLLBACK");
  EXPECT_EQ(count(outcomes, Outcome::unavailable), 8);
  for (int i = 0; i < 8; ++i) EXPECT_FALSE(run_task(table.get(get_request("p" + std::to_string(i))))) << i;
  EXPECT_EQ(run_task(table.put(put_request(item("p0", "o", 0), if_absent()))), WriteStatus::ok)
      << "writes work again once the lock is free";
}

// Put, read back, update, read back: every acknowledged write is visible to the next read.
Task<int> write_then_read(Table& table, int writer) {
  int mismatches = 0;
  const std::string pk = "r" + std::to_string(writer);
  PutRequest put = put_request(item(pk, "o", writer), if_absent());
  if (co_await table.put(std::move(put)) != WriteStatus::ok) ++mismatches;
  GetRequest get = get_request(pk);
  auto stored = co_await table.get(std::move(get));
  if (!stored || stored->at("writer") != AttributeValue::N(writer)) ++mismatches;
  UpdateRequest update = set_writer(pk, writer + 1);
  if ((co_await table.update(std::move(update))).status != WriteStatus::ok) ++mismatches;
  GetRequest again = get_request(pk);
  stored = co_await table.get(std::move(again));
  if (!stored || stored->at("writer") != AttributeValue::N(writer + 1)) ++mismatches;
  co_return mismatches;
}

TEST(SqliteGroupCommit, AnAcknowledgedWriteIsVisibleToTheNextRead) {
  testing::TempDir dir;
  SqliteTable table(dir.str() + "/gc.db");
  run_task(table.create_table(schema, {}));
  std::atomic<int> mismatches{0};
  std::atomic<int> failed{0};
  {
    IoThreads threads(4);
    for (int w = 0; w < 300; ++w) {
      boost::asio::co_spawn(threads.io, write_then_read(table, w), [&](std::exception_ptr error, int wrong) {
        if (error) failed.fetch_add(1);
        mismatches.fetch_add(wrong);
      });
    }
    threads.finish();
  }
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(mismatches.load(), 0);
}

// Periodic WAL sync (write_queue.hpp): a write is followed by one fsync of the WAL within the interval, and
// a table nobody writes to syncs nothing; with synchronous=FULL every commit is synced already, so never.
// (That the sync bounds what a power cut loses is reliability_power_loss's to show.)
TEST(SqliteGroupCommit, AWriteIsFollowedByOneWalSyncWithinTheIntervalAndAQuietTableSyncsNothing) {
  testing::TempDir dir;
  SqliteOptions options;
  options.wal_sync_interval = 50ms;
  SqliteTable table(dir.str() + "/gc.db", options);
  run_task(table.create_table(schema, {}));
  ASSERT_TRUE(wait_until([&] { return table.write_stats().wal_syncs == 1; }));
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(table.write_stats().wal_syncs, 1u) << "synced although nothing was written";
  ASSERT_EQ(run_task(put_outcome(table, put_request(item("a", "o", 1), if_absent()))), Outcome::ok);
  ASSERT_EQ(run_task(put_outcome(table, put_request(item("b", "o", 1), if_absent()))), Outcome::ok);
  ASSERT_TRUE(wait_until([&] { return table.write_stats().wal_syncs >= 2; }));
  const auto synced = table.write_stats().wal_syncs;  // 2, or 3 if the machine paused between the puts
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(table.write_stats().wal_syncs, synced);

  testing::TempDir full_dir;
  SqliteOptions full;
  full.durability = SqliteOptions::Durability::full;
  full.wal_sync_interval = 50ms;
  SqliteTable full_table(full_dir.str() + "/gc.db", full);
  run_task(full_table.create_table(schema, {}));
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(full_table.write_stats().wal_syncs, 0u);
}

TEST(SqliteGroupCommit, DestroyingTheTableFinishesTheQueuedWrites) {
  testing::TempDir dir;
  const std::string path = dir.str() + "/gc.db";
  auto table = std::make_unique<SqliteTable>(path);
  run_task(table->create_table(schema, {}));
  const auto before = table->write_stats();
  OtherConnection other(path);
  other.execute("BEGIN IMMEDIATE");
  constexpr int writers = 100;
  std::vector<Outcome> outcomes(writers, Outcome::pending);
  IoThreads threads(2);
  spawn_puts(threads.io, *table, "d", outcomes);
  ASSERT_TRUE(all_submitted(*table, before, writers));
  std::thread releaser([&] {
    std::this_thread::sleep_for(100ms);
    other.execute("ROLLBACK");
  });
  table.reset();  // returns once every queued write has committed
  releaser.join();
  threads.finish();
  EXPECT_EQ(count(outcomes, Outcome::ok), writers);

  SqliteTable reopened(path);
  for (int w = 0; w < writers; ++w) EXPECT_TRUE(run_task(reopened.get(get_request("d" + std::to_string(w))))) << w;
}

TEST(SqliteGroupCommit, DestroyingTheTableFailsTheQueuedWritesItCannotCommit) {
  testing::TempDir dir;
  const std::string path = dir.str() + "/gc.db";
  SqliteOptions options;
  options.busy_timeout = 100ms;
  auto table = std::make_unique<SqliteTable>(path, options);
  run_task(table->create_table(schema, {}));
  const auto before = table->write_stats();
  OtherConnection other(path);
  other.execute("BEGIN IMMEDIATE");  // never released while the table exists
  constexpr int writers = 50;
  std::vector<Outcome> outcomes(writers, Outcome::pending);
  IoThreads threads(2);
  spawn_puts(threads.io, *table, "d", outcomes);
  ASSERT_TRUE(all_submitted(*table, before, writers));
  table.reset();
  threads.finish();
  other.execute("ROLLBACK");
  EXPECT_EQ(count(outcomes, Outcome::unavailable), writers);
}

TEST(SqliteGroupCommit, JobsRunOnTheWriterThreadAndAreRefusedOnceStopped) {
  testing::TempDir dir;
  sqlite::ConnectionPool pool(dir.str() + "/gc.db", sqlite::connection_options(SqliteOptions{}));
  sqlite::GroupCommitter committer(pool);
  const auto caller = std::this_thread::get_id();
  std::thread::id ran_on;
  auto body = [&ran_on](sqlite::WriteScope&) {
    ran_on = std::this_thread::get_id();
    return 42;
  };
  EXPECT_EQ(run_task(committer.async_write<int>(body, boost::asio::use_awaitable)), 42);
  EXPECT_NE(ran_on, caller);

  committer.stop();
  try {
    run_task(committer.async_write<int>(body, boost::asio::use_awaitable));
    ADD_FAILURE() << "a job ran after stop()";
  } catch (const StoreError& error) {
    EXPECT_EQ(error.kind(), StoreError::Kind::unavailable);
  }
}

}  // namespace
}  // namespace cruddur::store
