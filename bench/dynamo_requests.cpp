// DynamoDB requests per API call (issues 4 and 12): runs messaging::MessagingService on the DynamoDB engine against
// the endpoint in AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL (dynalite or DynamoDB Local on loopback) and
// prints, per kind of call, how many DynamoDB requests it made (DynamoTable::request_counts(), retries
// included), by operation, and how many sequential round trips they took.
//
// Sequential depth is measured two ways, through a store::Table wrapper around the engine:
//  - "waves": every request's start and end are recorded; a request that starts after all earlier requests
//    of the call have ended begins a new wave (requests awaited together with `&&` share one wave);
//  - "+delay": the call is repeated with an artificial delay of kDelay before every request; the extra wall
//    time over the undelayed call, divided by kDelay, is the number of round trips on the critical path.
//
// Exits 0 with a message when no endpoint is set, so it never breaks a build or CI.
// Usage: AWS_ENDPOINT_URL=http://127.0.0.1:PORT dynamo_requests [repetitions]

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/run_sync.hpp"
#include "core/uuid.hpp"
#include "messaging/keys.hpp"
#include "messaging/messaging_service.hpp"
#include "aws/aws_config.hpp"
#include "store/dynamodb/dynamo_table.hpp"
#include "users/sqlite/sqlite_directory.hpp"

namespace {

using namespace cruddur;
using Steady = std::chrono::steady_clock;
constexpr auto kDelay = std::chrono::milliseconds(40);
// Sequential round trips a send may take (doc/keys.md, "A send, step by step"): the check of a reused
// client_message_id, the conversation rows, the intent, the delivery, then the rows and the recipient's count
// for the group.updated events. A reply to a remembered conversation: the intent, the delivery, the events.
constexpr int kFirstMessageWaves = 6;
constexpr int kReplyWaves = 4;

// Forwards to the engine; optionally waits `delay` before each request; records each request's interval.
class TimedTable final : public store::Table {
 public:
  explicit TimedTable(store::Table& inner) : inner_(inner) {}

  std::chrono::milliseconds delay{0};

  void reset() {
    std::lock_guard lock(mutex_);
    intervals_.clear();
  }
  // Number of waves: requests starting after every earlier one has ended begin a new wave.
  int waves() {
    std::lock_guard lock(mutex_);
    auto v = intervals_;
    std::sort(v.begin(), v.end());
    int waves = 0;
    Steady::time_point latest_end{};
    for (auto& [start, end] : v) {
      if (waves == 0 || start >= latest_end) ++waves;
      latest_end = std::max(latest_end, end);
    }
    return waves;
  }

  store::Task<std::optional<store::Item>> get(store::GetRequest r) override {
    auto t0 = co_await before();
    auto result = co_await inner_.get(std::move(r));
    after(t0);
    co_return result;
  }
  store::Task<store::WriteStatus> put(store::PutRequest r) override {
    auto t0 = co_await before();
    auto result = co_await inner_.put(std::move(r));
    after(t0);
    co_return result;
  }
  store::Task<store::UpdateResult> update(store::UpdateRequest r) override {
    auto t0 = co_await before();
    auto result = co_await inner_.update(std::move(r));
    after(t0);
    co_return result;
  }
  store::Task<store::WriteStatus> remove(store::DeleteRequest r) override {
    auto t0 = co_await before();
    auto result = co_await inner_.remove(std::move(r));
    after(t0);
    co_return result;
  }
  store::Task<store::Page> query(store::QueryRequest r) override {
    auto t0 = co_await before();
    auto result = co_await inner_.query(std::move(r));
    after(t0);
    co_return result;
  }
  store::Task<store::Page> scan(store::ScanRequest r) override {
    auto t0 = co_await before();
    auto result = co_await inner_.scan(std::move(r));
    after(t0);
    co_return result;
  }
  store::Task<void> batch_write(store::BatchWriteRequest r) override {
    auto t0 = co_await before();
    co_await inner_.batch_write(std::move(r));
    after(t0);
  }
  store::Task<void> create_table(store::TableSchema s, store::Provisioning p) override {
    co_await inner_.create_table(std::move(s), std::move(p));
  }
  store::Task<void> delete_table(std::string name) override { co_await inner_.delete_table(std::move(name)); }
  store::Task<std::vector<std::string>> list_tables() override { co_return co_await inner_.list_tables(); }
  store::Task<std::optional<store::TableSchema>> describe_table(std::string name) override {
    co_return co_await inner_.describe_table(std::move(name));
  }

 private:
  store::Task<Steady::time_point> before() {
    auto t0 = Steady::now();
    if (delay.count() > 0) {
      boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor, delay);
      co_await timer.async_wait(boost::asio::use_awaitable);
    }
    co_return t0;
  }
  void after(Steady::time_point t0) {
    std::lock_guard lock(mutex_);
    intervals_.emplace_back(t0, Steady::now());
  }

  store::Table& inner_;
  std::mutex mutex_;
  std::vector<std::pair<Steady::time_point, Steady::time_point>> intervals_;
};

struct Row {
  std::string name;
  int runs = 0;
  std::uint64_t min_requests = ~0ull, max_requests = 0, total_requests = 0;
  std::map<std::string, std::uint64_t> by_operation;  // summed over runs
  int min_waves = 1 << 30, max_waves = 0;
  double ms_plain = 0, ms_delayed = 0;                 // summed over runs
};

std::string by_operation(const Row& row) {
  std::string out;
  for (auto& [op, n] : row.by_operation) {
    if (n == 0) continue;
    char buf[64];
    double per = static_cast<double>(n) / row.runs;
    if (per == static_cast<double>(static_cast<long long>(per)))
      std::snprintf(buf, sizeof buf, "%s%s %lld", out.empty() ? "" : ", ", op.c_str(), static_cast<long long>(per));
    else
      std::snprintf(buf, sizeof buf, "%s%s %.2f", out.empty() ? "" : ", ", op.c_str(), per);
    out += buf;
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  const char* endpoint = std::getenv("AWS_ENDPOINT_URL_DYNAMODB");
  if (!endpoint || !*endpoint) endpoint = std::getenv("AWS_ENDPOINT_URL");
  if (!endpoint || !*endpoint) {
    std::printf("dynamo_requests: skipped (set AWS_ENDPOINT_URL to a DynamoDB-API endpoint, e.g. dynalite)\n");
    return 0;
  }
  const int reps = argc > 1 ? std::max(1, std::atoi(argv[1])) : 10;

  try {
    store::dynamodb::DynamoTable engine(aws::resolve_aws_config());
    TimedTable table(engine);
    const std::string table_name = "bench-req-" + uuid::random_v4().substr(0, 8);
    run_sync(table.create_table(messaging::keys::table_schema(table_name), store::Provisioning{}));

    auto dir = std::filesystem::temp_directory_path() / ("cruddur-dynamo-requests-" + uuid::random_v4());
    std::filesystem::create_directories(dir);
    int exit_code = 0;
    {
      users::sqlite::SqliteDirectory directory((dir / "users.sqlite3").string());
      run_sync(directory.schema_load());
      SystemClock clock;
      messaging::NoEvents events;
      messaging::MessagingService service(table, table_name, directory, clock, events);

      int next_user = 0;
      auto add_user = [&]() {
        std::string handle = "req_u" + std::to_string(next_user++);
        users::Account account{users::User{uuid::random_v4(), handle, "Bench " + handle},
                               handle + "@bench.example", "not-a-hash", std::nullopt,
                               format_timestamp(clock.now())};
        users::User user = account.user;
        if (run_sync(directory.create(std::move(account))) != users::CreateStatus::created)
          throw std::runtime_error("could not create user " + handle);
        return user;
      };

      std::vector<Row> rows;
      // measure(name, setup, call): setup runs uncounted before each call, for each of the two passes.
      auto measure = [&](const std::string& name, const std::function<void(bool delayed)>& setup,
                         const std::function<void()>& call) {
        Row row;
        row.name = name;
        for (int i = 0; i < reps; ++i) {
          for (bool delayed : {false, true}) {
            setup(delayed);
            table.delay = delayed ? kDelay : std::chrono::milliseconds(0);
            table.reset();
            auto before = engine.request_counts();
            auto total_before = engine.request_count();
            auto t0 = Steady::now();
            call();
            double ms = std::chrono::duration<double, std::milli>(Steady::now() - t0).count();
            table.delay = std::chrono::milliseconds(0);
            if (delayed) {
              row.ms_delayed += ms;
              continue;
            }
            row.ms_plain += ms;
            auto n = engine.request_count() - total_before;
            row.runs++;
            row.total_requests += n;
            row.min_requests = std::min(row.min_requests, n);
            row.max_requests = std::max(row.max_requests, n);
            for (auto& [op, count] : engine.request_counts()) row.by_operation[op] += count - before[op];
            int w = table.waves();
            row.min_waves = std::min(row.min_waves, w);
            row.max_waves = std::max(row.max_waves, w);
          }
        }
        rows.push_back(std::move(row));
      };

      users::User a = add_user(), b = add_user();
      int seq = 0;
      auto text = [&] { return "dynamo requests bench message " + std::to_string(seq++); };

      // A first message to a handle: a fresh pair of users each time (the conversation does not exist yet).
      users::User from, to;
      measure("first message to a handle", [&](bool) { from = add_user(); to = add_user(); }, [&] {
        messaging::SendRequest send{text(), std::nullopt, to.handle, "first-" + std::to_string(seq)};
        run_sync(service.send(from, std::move(send)));
      });

      messaging::SendRequest opening{text(), std::nullopt, b.handle, "open"};
      std::string group = run_sync(service.send(a, std::move(opening))).message_group_uuid;

      measure("reply (message_group_uuid)", [](bool) {}, [&] {
        messaging::SendRequest send{text(), group, std::nullopt, "reply-" + std::to_string(seq)};
        run_sync(service.send(a, std::move(send)));
      });

      // A retried reply: same client_message_id and text as a reply that completed.
      messaging::SendRequest retried;
      measure("retried reply (same client_message_id)", [&](bool) {
        std::string id = "retry-" + std::to_string(seq);
        retried = messaging::SendRequest{text(), group, std::nullopt, id};
        messaging::SendRequest first = retried;
        run_sync(service.send(a, std::move(first)));
      }, [&] {
        messaging::SendRequest again = retried;
        run_sync(service.send(a, std::move(again)));
      });

      // A few more messages so that the pages below are full (20 items and a cursor).
      for (int i = 0; i < 25; ++i) {
        messaging::SendRequest send{text(), group, std::nullopt, "fill-" + std::to_string(i)};
        run_sync(service.send(i % 2 ? a : b, std::move(send)));
      }
      for (int i = 0; i < 3; ++i) {  // a has four conversations with messages besides "group"
        users::User other = add_user();
        messaging::SendRequest send{text(), std::nullopt, other.handle, "conv-" + std::to_string(i)};
        run_sync(service.send(a, std::move(send)));
      }

      // a has read everything: the page needs no count at all.
      run_sync(service.mark_read(a, group, std::nullopt));
      measure("conversation list page, nothing new (limit 20)", [](bool) {}, [&] {
        run_sync(service.list_conversations(a, messaging::PageRequest{20, std::nullopt}));
      });
      // Four conversations with something new for a: one count Query each, concurrently.
      std::vector<users::User> writers;
      for (int i = 0; i < 4; ++i) writers.push_back(add_user());
      for (auto& writer : writers) {
        messaging::SendRequest send{text(), std::nullopt, a.handle, "news-" + writer.handle};
        run_sync(service.send(writer, std::move(send)));
      }
      measure("conversation list page, 4 rows with unread (limit 20)", [](bool) {}, [&] {
        run_sync(service.list_conversations(a, messaging::PageRequest{20, std::nullopt}));
      });
      measure("unread counter (8 conversations, 4 with unread)", [](bool) {}, [&] {
        run_sync(service.unread_total(a));
      });
      // A read that moves the marker: b has sent a something new before each call.
      measure("read (everything; marker moves)", [&](bool) {
        messaging::SendRequest send{text(), group, std::nullopt, "to-read-" + std::to_string(seq)};
        run_sync(service.send(b, std::move(send)));
      }, [&] { run_sync(service.mark_read(a, group, std::nullopt)); });
      std::string up_to;
      measure("read (up_to a message; marker moves)", [&](bool) {
        messaging::SendRequest send{text(), group, std::nullopt, "to-read-" + std::to_string(seq)};
        up_to = run_sync(service.send(b, std::move(send))).uuid;
      }, [&] { run_sync(service.mark_read(a, group, up_to)); });
      measure("read again (nothing moves)", [](bool) {}, [&] { run_sync(service.mark_read(a, group, up_to)); });
      measure("messages page (limit 20, newest)", [](bool) {}, [&] {
        run_sync(service.list_messages(a, group, messaging::PageRequest{20, std::nullopt}));
      });
      auto first_page = run_sync(service.list_messages(a, group, messaging::PageRequest{20, std::nullopt}));
      measure("messages page (limit 20, with cursor)", [](bool) {}, [&] {
        run_sync(service.list_messages(a, group, messaging::PageRequest{20, first_page.next_cursor}));
      });

      std::printf("DynamoDB requests per API call: %s, table %s, %d runs each (+%d with %lld ms added before"
                  " every request)\n\n",
                  endpoint, table_name.c_str(), reps, reps, static_cast<long long>(kDelay.count()));
      std::printf("| call | requests | by operation (per call) | sequential round trips (waves) |"
                  " ms per call | ms with +%lld ms/request | round trips from the delay |\n",
                  static_cast<long long>(kDelay.count()));
      std::printf("| --- | ---: | --- | ---: | ---: | ---: | ---: |\n");
      for (auto& row : rows) {
        double plain = row.ms_plain / row.runs, delayed = row.ms_delayed / row.runs;
        char requests[32], waves[32];
        if (row.min_requests == row.max_requests)
          std::snprintf(requests, sizeof requests, "%llu", static_cast<unsigned long long>(row.min_requests));
        else
          std::snprintf(requests, sizeof requests, "%llu-%llu", static_cast<unsigned long long>(row.min_requests),
                        static_cast<unsigned long long>(row.max_requests));
        if (row.min_waves == row.max_waves) std::snprintf(waves, sizeof waves, "%d", row.min_waves);
        else std::snprintf(waves, sizeof waves, "%d-%d", row.min_waves, row.max_waves);
        std::printf("| %s | %s | %s | %s | %.1f | %.1f | %.1f |\n", row.name.c_str(), requests,
                    by_operation(row).c_str(), waves, plain, delayed,
                    (delayed - plain) / static_cast<double>(kDelay.count()));
        // Writes: at most 3 waves (doc/keys.md); then the events' reads: both rows, the recipient's count.
        if (row.name.rfind("first", 0) == 0 && row.max_waves > kFirstMessageWaves) exit_code = 1;
        if (row.name.rfind("reply", 0) == 0 && row.max_waves > kReplyWaves) exit_code = 1;
      }
      std::printf("\nA send must stay within %d (first message) / %d (reply) sequential round trips, the"
                  " last two of them the reads for its group.updated events: %s\n",
                  kFirstMessageWaves, kReplyWaves, exit_code == 0 ? "met" : "MISSED");
    }
    run_sync(table.delete_table(table_name));
    std::filesystem::remove_all(dir);
    return exit_code;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "dynamo_requests: %s\n", e.what());
    return 1;
  }
}
