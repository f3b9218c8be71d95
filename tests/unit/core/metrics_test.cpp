// The registry renders the Prometheus text exposition format 0.0.4: HELP/TYPE lines, escaping, cumulative
// buckets with le labels, _sum and _count, and collectors' families after the registered ones.
#include "core/metrics.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <thread>
#include <vector>

namespace cruddur::metrics {
namespace {

TEST(Metrics, CountersAndGaugesRenderWithHelpTypeAndLabelsOrderedByValue) {
  Registry registry;
  auto& requests = registry.counter("app_requests_total", "Requests served.", {"route", "status"});
  requests.with({"/b", "200"}).inc(2);
  requests.with({"/a", "404"}).inc();
  registry.gauge("app_connections", "Open connections.").with({}).set(-3);
  EXPECT_EQ(registry.render(),
            "# HELP app_requests_total Requests served.\n"
            "# TYPE app_requests_total counter\n"
            "app_requests_total{route=\"/a\",status=\"404\"} 1\n"
            "app_requests_total{route=\"/b\",status=\"200\"} 2\n"
            "# HELP app_connections Open connections.\n"
            "# TYPE app_connections gauge\n"
            "app_connections -3\n");
}

TEST(Metrics, TheSameLabelValuesAreTheSameChild) {
  Registry registry;
  auto& family = registry.counter("x_total", "x", {"op"});
  EXPECT_EQ(&family.with({"get"}), &family.with({"get"}));
  EXPECT_NE(&family.with({"get"}), &family.with({"put"}));
  EXPECT_THROW(family.with({"get", "extra"}), std::invalid_argument);
}

TEST(Metrics, HistogramsRenderCumulativeBucketsSumAndCount) {
  Registry registry;
  auto& latency = registry.histogram("op_seconds", "Latency.", {"op"}, {0.005, 0.5, 1});
  auto& get = latency.with({"get"});
  get.observe(0.005);  // inclusive upper bound: in le="0.005"
  get.observe(0.25);
  get.observe(7);
  get.observe(std::nan(""));  // ignored
  EXPECT_EQ(registry.render(),
            "# HELP op_seconds Latency.\n"
            "# TYPE op_seconds histogram\n"
            "op_seconds_bucket{op=\"get\",le=\"0.005\"} 1\n"
            "op_seconds_bucket{op=\"get\",le=\"0.5\"} 2\n"
            "op_seconds_bucket{op=\"get\",le=\"1\"} 2\n"
            "op_seconds_bucket{op=\"get\",le=\"+Inf\"} 3\n"
            "op_seconds_sum{op=\"get\"} 7.255\n"
            "op_seconds_count{op=\"get\"} 3\n");
}

TEST(Metrics, AnUnlabelledHistogramHasOnlyTheLeLabel) {
  Registry registry;
  registry.histogram("batch", "Batch sizes.", {}, exponential_buckets(1, 2, 3)).with({}).observe(3);
  EXPECT_EQ(registry.render(),
            "# HELP batch Batch sizes.\n"
            "# TYPE batch histogram\n"
            "batch_bucket{le=\"1\"} 0\n"
            "batch_bucket{le=\"2\"} 0\n"
            "batch_bucket{le=\"4\"} 1\n"
            "batch_bucket{le=\"+Inf\"} 1\n"
            "batch_sum 3\n"
            "batch_count 1\n");
}

TEST(Metrics, HelpAndLabelValuesAreEscaped) {
  Registry registry;
  registry.counter("esc_total", "a \\ back\nslash \"quoted\"", {"v"}).with({"q\"b\\n\nl"}).inc();
  EXPECT_EQ(registry.render(),
            "# HELP esc_total a \\\\ back\\nslash \"quoted\"\n"
            "# TYPE esc_total counter\n"
            "esc_total{v=\"q\\\"b\\\\n\\nl\"} 1\n");
}

TEST(Metrics, NumbersUseTheFormatsSpellings) {
  EXPECT_EQ(TextWriter::number_text(std::numeric_limits<double>::infinity()), "+Inf");
  EXPECT_EQ(TextWriter::number_text(-std::numeric_limits<double>::infinity()), "-Inf");
  EXPECT_EQ(TextWriter::number_text(std::nan("")), "NaN");
  EXPECT_EQ(TextWriter::number_text(0.00025), "0.00025");
  EXPECT_EQ(TextWriter::number_text(2.5), "2.5");
  EXPECT_EQ(TextWriter::number_text(10), "10");
}

TEST(Metrics, InvalidNamesAndDuplicatesAreRefused) {
  Registry registry;
  EXPECT_THROW(registry.counter("1bad", "x"), std::invalid_argument);
  EXPECT_THROW(registry.counter("bad-name", "x"), std::invalid_argument);
  EXPECT_THROW(registry.counter("ok_total", "x", {"bad-label"}), std::invalid_argument);
  EXPECT_THROW(registry.counter("ok_total", "x", {"__reserved"}), std::invalid_argument);
  EXPECT_THROW(registry.histogram("h", "x", {"le"}, {1}), std::invalid_argument);
  EXPECT_THROW(registry.histogram("h", "x", {}, {2, 1}), std::invalid_argument);
  registry.counter("ns:ok_total", "colons are allowed in metric names");
  EXPECT_THROW(registry.gauge("ns:ok_total", "twice"), std::invalid_argument);
}

TEST(Metrics, CollectorsAppendTheirFamiliesAtScrapeTime) {
  Registry registry;
  registry.counter("first_total", "registered").with({}).inc();
  std::uint64_t deliveries = 0;
  registry.add_collector([&deliveries](TextWriter& out) {
    out.family("stream_deliveries_total", Type::counter, "Events delivered.");
    out.sample(deliveries);
    out.family("stream_drops_total", Type::counter, "Events dropped.");
    out.sample(2, {{"reason", "slow_socket"}});
    out.sample(0.5, {{"reason", "queue_full"}});
  });
  deliveries = 41;
  EXPECT_EQ(registry.render(),
            "# HELP first_total registered\n"
            "# TYPE first_total counter\n"
            "first_total 1\n"
            "# HELP stream_deliveries_total Events delivered.\n"
            "# TYPE stream_deliveries_total counter\n"
            "stream_deliveries_total 41\n"
            "# HELP stream_drops_total Events dropped.\n"
            "# TYPE stream_drops_total counter\n"
            "stream_drops_total{reason=\"slow_socket\"} 2\n"
            "stream_drops_total{reason=\"queue_full\"} 0.5\n");
}

TEST(Metrics, ConcurrentRecordingLosesNothing) {
  Registry registry;
  auto& counter = registry.counter("c_total", "c").with({});
  auto& histogram = registry.histogram("h", "h", {}, {1}).with({});
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 10000; ++i) {
        counter.inc();
        histogram.observe(1);
      }
    });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(counter.value(), 40000u);
  auto snapshot = histogram.snapshot();
  EXPECT_EQ(snapshot.count(), 40000u);
  EXPECT_EQ(snapshot.sum, 40000.0);
}

}  // namespace
}  // namespace cruddur::metrics
