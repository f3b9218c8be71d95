// GET /metrics on --metrics-listen: never on the public port, Prometheus text format, requests counted by
// route pattern and status, storage and directory operations, group-commit batches, connections.
#include "api_fixture.hpp"

#include <regex>
#include <sstream>

#include "stream_fixture.hpp"
#include "support/free_port.hpp"

namespace cruddur::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

bool on_sqlite() {
  const char* engine = std::getenv("CRUDDUR_TEST_ENGINE");
  return !engine || std::string(engine) != "dynamodb";
}

// A server of its own with a metrics listener, and a client for each port.
struct MetricsServer {
  uint16_t metrics_port = free_port();
  TestServer server{{"--send-rate", "0", "--metrics-listen", "127.0.0.1:" + std::to_string(metrics_port)}};
  HttpClient api{server.port()};
  HttpClient scraper{metrics_port};

  // The metrics listener is not the API: its exchanges stay out of doc/openapi.yaml's check.
  MetricsServer() { scraper.set_recorded(false); }

  std::string scrape() {
    Reply reply = scraper.get("/metrics");
    EXPECT_EQ(reply.status, 200);
    return reply.body;
  }
};

// The value of the sample line `name{labels}` (exactly as rendered), or -1 when absent.
double sample(const std::string& exposition, const std::string& series) {
  std::istringstream lines(exposition);
  for (std::string line; std::getline(lines, line);) {
    if (line.size() > series.size() && line.compare(0, series.size(), series) == 0 && line[series.size()] == ' ')
      return std::stod(line.substr(series.size() + 1));
  }
  return -1;
}

TEST(Metrics, AreNotOnThePublicPort) {
  HttpClient shared(shared_server().port());
  EXPECT_EQ(shared.get("/metrics").status, 404) << "off unless --metrics-listen is given";
  MetricsServer m;
  EXPECT_EQ(m.api.get("/metrics").status, 404);
  EXPECT_EQ(m.api.get("/api/metrics").status, 404);
  EXPECT_EQ(m.scraper.get("/metrics").status, 200);
  EXPECT_EQ(m.scraper.get("/api/health").status, 404) << "the metrics listener serves nothing else";
}

TEST(Metrics, UseTheTextExpositionFormat) {
  MetricsServer m;
  ASSERT_EQ(m.api.get("/api/health").status, 200);
  Reply reply = m.scraper.get("/metrics");
  ASSERT_EQ(reply.status, 200);
  EXPECT_EQ(reply.header("content-type"), "text/plain; version=0.0.4; charset=utf-8");
  // Every line is a HELP, a TYPE, or a sample of the family whose TYPE came last.
  std::regex help(R"(# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) .*)");
  std::regex type(R"(# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram))");
  std::regex sample_line(R"(([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\.)*",?)*\})? )"
                         R"((-?[0-9.e+-]+|\+Inf|-Inf|NaN))");
  std::istringstream lines(reply.body);
  std::string family;
  std::string family_type;
  int samples = 0;
  for (std::string line; std::getline(lines, line);) {
    std::smatch match;
    if (std::regex_match(line, match, help)) continue;
    if (std::regex_match(line, match, type)) {
      family = match[1];
      family_type = match[2];
      continue;
    }
    ASSERT_TRUE(std::regex_match(line, match, sample_line)) << line;
    std::string name = match[1];
    bool belongs = name == family || (family_type == "histogram" && (name == family + "_bucket" ||
                                                                     name == family + "_sum" ||
                                                                     name == family + "_count"));
    EXPECT_TRUE(belongs) << line << " after # TYPE " << family;
    ++samples;
  }
  EXPECT_GT(samples, 0);
  EXPECT_EQ(reply.body.back(), '\n');
}

TEST(Metrics, CountRequestsByRoutePatternAndStatus) {
  MetricsServer m;
  Person a = sign_up(m.api, "metric_a");
  const std::string health = R"(cruddur_http_requests_total{method="GET",route="/api/health",status="200"})";
  const std::string health_count = R"(cruddur_http_request_duration_seconds_count{method="GET",route="/api/health"})";
  const std::string health_inf = R"(cruddur_http_request_duration_seconds_bucket{method="GET",route="/api/health",le="+Inf"})";
  std::string before = m.scrape();  // the start-up readiness probes asked for health too
  for (int i = 0; i < 3; ++i) ASSERT_EQ(m.api.get("/api/health").status, 200);
  std::string stranger_group = "0b8e9c8e-6a49-4f5e-9a8e-5f0c1c1d2e3f";
  ASSERT_EQ(m.api.get("/api/messages/" + stranger_group, a.auth()).status, 404);
  ASSERT_EQ(m.api.get("/api/no/such/route").status, 404);
  ASSERT_EQ(m.api.get("/api/me").status, 401);

  // An exchange is counted once its reply has been written, so the last reply can reach us a moment before
  // its count does: scrape until the last request shows (bounded), then check everything.
  const std::string me_401 = R"(cruddur_http_requests_total{method="GET",route="/api/me",status="401"})";
  std::string text;
  wait_until([&] { return sample(text = m.scrape(), me_401) == 1; }, std::chrono::seconds(3));
  EXPECT_EQ(sample(text, health) - sample(before, health), 3);
  EXPECT_EQ(sample(text, R"(cruddur_http_requests_total{method="GET",route="/api/messages/{message_group_uuid}",status="404"})"), 1);
  EXPECT_EQ(sample(text, R"(cruddur_http_requests_total{method="GET",route="other",status="404"})"), 1);
  EXPECT_EQ(sample(text, me_401), 1);
  EXPECT_EQ(sample(text, R"(cruddur_http_requests_total{method="POST",route="/api/auth/signup",status="201"})"), 1);
  EXPECT_EQ(sample(text, health_count) - sample(before, health_count), 3);
  EXPECT_EQ(sample(text, health_inf), sample(text, health_count));
  EXPECT_THAT(text, Not(HasSubstr(stranger_group))) << "routes are patterns, never raw paths";
  EXPECT_THAT(text, Not(HasSubstr("/api/no/such/route")));
  EXPECT_GE(sample(text, "cruddur_http_connections"), 1) << "this test's API client's keep-alive connection";
  EXPECT_GT(sample(text, "process_resident_memory_bytes"), 0);
  EXPECT_GT(sample(text, "process_open_fds"), 0);
}

TEST(Metrics, ShowStorageAndDirectoryOperations) {
  MetricsServer m;
  Person a = sign_up(m.api, "metric_s");
  Person b = sign_up(m.api, "metric_r");
  ASSERT_EQ(send_to_handle(m.api, a, b.handle, "counted").status, 200);
  ASSERT_EQ(m.api.get("/api/message_groups", a.auth()).status, 200);

  std::string text = m.scrape();
  EXPECT_GE(sample(text, R"(cruddur_directory_operations_total{op="create",outcome="ok"})"), 2);
  EXPECT_GE(sample(text, R"(cruddur_directory_operation_duration_seconds_count{op="create"})"), 2);
  EXPECT_GE(sample(text, R"(cruddur_store_operations_total{op="query",outcome="ok"})"), 1);
  EXPECT_GE(sample(text, R"(cruddur_store_operation_duration_seconds_count{op="query"})"), 1);
  double writes = sample(text, R"(cruddur_store_operations_total{op="put_then",outcome="ok"})") +
                  sample(text, R"(cruddur_store_operations_total{op="put",outcome="ok"})");
  EXPECT_GE(writes, 1) << text;
  EXPECT_EQ(sample(text, R"(cruddur_store_operations_total{op="scan",outcome="ok"})"), 0)
      << "every op's series exists from the start";
  if (on_sqlite()) {
    EXPECT_GE(sample(text, "cruddur_store_group_commit_batch_size_count"), 1);
    EXPECT_GE(sample(text, "cruddur_store_group_commit_queued"), 0);
  }
}

// Keep-alive towards DynamoDB: calls one after another reuse the connection the first one opened.
TEST(Metrics, DynamoDbCallsOneAfterAnotherOpenNoNewConnection) {
  if (on_sqlite()) GTEST_SKIP() << "the DynamoDB engine's counter";
  MetricsServer m;
  Person a = sign_up(m.api, "metric_k");
  Person b = sign_up(m.api, "metric_l");
  ASSERT_EQ(send_to_handle(m.api, a, b.handle, "kept alive").status, 200);
  const std::string opened = "cruddur_dynamodb_connections_opened_total";
  const double before = sample(m.scrape(), opened);
  EXPECT_GE(before, 1);
  for (int i = 0; i < 20; ++i) ASSERT_EQ(m.api.get("/api/message_groups", a.auth()).status, 200);
  EXPECT_EQ(sample(m.scrape(), opened), before);
}

TEST(Metrics, ShowTheLiveStream) {
  MetricsServer m;
  Person a = sign_up(m.api, "metric_wa");
  Person b = sign_up(m.api, "metric_wb");
  std::string group = open_conversation(m.api, a, b, "first");
  auto ws = open_stream(m.api, m.server.port(), b);
  ASSERT_EQ(reply_to(m.api, a, group, "pushed").status, 200);
  EXPECT_EQ(next_message_text(*ws), "pushed");
  // A used ticket is refused before the upgrade.
  std::string ticket = stream_ticket(m.api, b);
  auto first = connect_stream(m.server.port(), ticket);
  auto again = connect_stream(m.server.port(), ticket);
  EXPECT_EQ(again->status(), 401);

  std::string text;
  wait_until([&] { return sample(text = m.scrape(), "cruddur_stream_sockets") == 2; }, std::chrono::seconds(3));
  EXPECT_EQ(sample(text, "cruddur_stream_sockets"), 2) << text;
  EXPECT_EQ(sample(text, "cruddur_stream_sockets_opened_total"), 2);
  EXPECT_EQ(sample(text, "cruddur_stream_tickets_issued_total"), 2);
  EXPECT_EQ(sample(text, R"(cruddur_stream_upgrades_refused_total{reason="ticket_invalid"})"), 1);
  EXPECT_GE(sample(text, "cruddur_stream_events_logged_total"), 2);  // message.created + group.updated for b
  EXPECT_GE(sample(text, "cruddur_stream_deliveries_total"), 2);
  EXPECT_EQ(sample(text, R"(cruddur_stream_drops_total{reason="slow_consumer"})"), 0);
  EXPECT_EQ(sample(text, R"(cruddur_stream_resumes_total{outcome="resync"})"), 0);
  EXPECT_EQ(sample(text, "cruddur_redis_connected"), 0) << "no --redis-url";
}

}  // namespace
}  // namespace cruddur::testing
