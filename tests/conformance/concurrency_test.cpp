// Conditional writes on one key from several threads at once: they are atomic.

#include <atomic>
#include <latch>
#include <thread>

#include "conformance/table_fixture.hpp"

namespace cruddur::conformance {
namespace {

class Concurrency : public TableTest {
 protected:
  void SetUp() override {
    TableTest::SetUp();
    table = create_pk_sk_table();
  }
  std::string table;
};

TEST_F(Concurrency, OfEightConcurrentPutIfNotExistsExactlyOneWins) {
  constexpr int threads = 8;
  constexpr int rounds = 10;
  for (int round = 0; round < rounds; ++round) {
    std::string sk = "round-" + std::to_string(round);
    std::latch start(threads);
    std::vector<WriteStatus> outcomes(threads);
    std::vector<std::thread> writers;
    for (int t = 0; t < threads; ++t) {
      writers.emplace_back([&, t] {
        start.arrive_and_wait();
        outcomes[t] = put(table, {{"pk", S("race")}, {"sk", S(sk)}, {"writer", N(t)}}, {{Comparison::not_exists("pk")}});
      });
    }
    for (auto& writer : writers) writer.join();
    int winners = 0, winner = -1;
    for (int t = 0; t < threads; ++t) {
      if (outcomes[t] == WriteStatus::ok) ++winners, winner = t;
    }
    ASSERT_EQ(winners, 1) << "round " << round;
    EXPECT_EQ(get(table, {{"pk", S("race")}, {"sk", S(sk)}})->at("writer"), N(winner)) << "the winner's item stays";
  }
}

TEST_F(Concurrency, ConditionalUpdatesNeverMoveAValueBackwards) {
  // Each thread offers its own interleaved values (t, t + threads, ...), in increasing order; the update
  // "activity < v" only ever raises the value. A reader watches it never decrease.
  constexpr int threads = 4;
  constexpr int values_per_thread = 50;
  const Item key{{"pk", S("group")}, {"sk", S("activity")}};
  std::atomic<bool> writing{true};
  std::atomic<int> reader_regressions{0};
  std::thread reader([&] {
    long long last = -1;
    while (writing.load()) {
      auto item = get(table, key);
      if (!item) continue;
      long long now = std::stoll(item->at("activity").text);
      if (now < last) ++reader_regressions;
      last = now;
    }
  });
  std::latch start(threads);
  std::vector<std::thread> writers;
  for (int t = 0; t < threads; ++t) {
    writers.emplace_back([&, t] {
      start.arrive_and_wait();
      for (int i = 0; i < values_per_thread; ++i) {
        long long v = static_cast<long long>(i) * threads + t;
        Condition older{{Comparison::not_exists("activity"), Comparison::compare("activity", Op::lt, N(v))}};
        update(table, key, {{"activity", N(v)}}, {}, older);
      }
    });
  }
  for (auto& writer : writers) writer.join();
  writing = false;
  reader.join();
  EXPECT_EQ(reader_regressions.load(), 0);
  EXPECT_EQ(get(table, key)->at("activity"), N(values_per_thread * threads - 1));
}

}  // namespace
}  // namespace cruddur::conformance
