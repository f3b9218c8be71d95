// Every reply carries X-Request-Id; --log-format json writes one JSON line per request with its id, method,
// route pattern, status, duration and caller, and never a token or password.
#include "api_fixture.hpp"

#include <fstream>
#include <optional>
#include <sstream>
#include <thread>

namespace cruddur::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::Not;

TEST_F(ApiTest, EveryReplyCarriesARequestId) {
  Reply first = client.get("/api/health");
  Reply second = client.get("/api/health");
  EXPECT_THAT(first.header("x-request-id"), MatchesRegex("[0-9a-f]{8}-[0-9a-f]{8,}"));
  EXPECT_NE(first.header("x-request-id"), second.header("x-request-id"));
  EXPECT_FALSE(client.get("/api/nothing").header("x-request-id").empty()) << "404";
  EXPECT_FALSE(client.get("/api/me").header("x-request-id").empty()) << "401";
  HttpClient fresh(shared_server().port());
  EXPECT_THAT(fresh.raw("BLAH\r\n\r\n"), HasSubstr("X-Request-Id: ")) << "a 400 for garbage";
}

TEST_F(ApiTest, ASaneClientRequestIdIsAdoptedAndAnyOtherReplaced) {
  EXPECT_EQ(client.get("/api/health", {{"X-Request-Id", "lb-7f.Trace_01"}}).header("x-request-id"), "lb-7f.Trace_01");
  for (std::string bad : {std::string(65, 'a'), std::string("two words"), std::string("q\"uote"), std::string("")}) {
    std::string id = client.get("/api/health", {{"X-Request-Id", bad}}).header("x-request-id");
    EXPECT_NE(id, bad);
    EXPECT_THAT(id, MatchesRegex("[0-9a-f]{8}-[0-9a-f]{8,}"));
  }
}

std::vector<std::string> log_lines(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The JSON log line of request `id`, waiting a little: it is written just after the reply.
std::optional<boost::json::object> request_line(const std::filesystem::path& file, const std::string& id) {
  for (int attempt = 0; attempt < 100; ++attempt) {
    for (const auto& line : log_lines(file)) {
      if (line.find(id) == std::string::npos) continue;
      boost::system::error_code ec;
      boost::json::value parsed = boost::json::parse(line, ec);  // a line being written may be incomplete
      if (!ec && parsed.is_object() && parsed.as_object().contains("request_id") && parsed.at("request_id") == id.c_str())
        return parsed.as_object();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return std::nullopt;
}

TEST(RequestLog, JsonLinesParseAndCarryTheRequestsFields) {
  TestServer server({"--log-format", "json"});
  HttpClient client(server.port());
  Person a = sign_up(client, "logged");
  ASSERT_EQ(client.get("/api/me", {{"Authorization", "Bearer " + a.token}, {"X-Request-Id", "log-test-me"}}).status, 200);
  ASSERT_EQ(client.get("/api/messages/not-a-uuid", {{"X-Request-Id", "log-test-anonymous"}}).status, 401);

  auto me = request_line(server.process().log_file(), "log-test-me");
  ASSERT_TRUE(me) << server.process().log_tail();
  EXPECT_EQ(me->at("msg"), "request");
  EXPECT_EQ(me->at("level"), "info");
  EXPECT_EQ(me->at("method"), "GET");
  EXPECT_EQ(me->at("route"), "/api/me");
  EXPECT_EQ(me->at("status"), 200);
  EXPECT_TRUE(me->at("duration_ms").is_number());
  EXPECT_GE(me->at("duration_ms").to_number<double>(), 0.0);
  EXPECT_EQ(me->at("user_uuid"), a.uuid.c_str());
  EXPECT_TRUE(me->at("time").is_string());

  auto anonymous = request_line(server.process().log_file(), "log-test-anonymous");
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->at("route"), "/api/messages/{message_group_uuid}");
  EXPECT_EQ(anonymous->at("status"), 401);
  EXPECT_FALSE(anonymous->contains("user_uuid"));

  // Every log line is JSON except the start-up banner lines that scripts read.
  std::string all;
  for (const auto& line : log_lines(server.process().log_file())) {
    all += line + "\n";
    if (line.starts_with("Cruddur Messaging listening on") || line.starts_with("Metrics on")) continue;
    EXPECT_NO_THROW(boost::json::parse(line)) << line;
  }
  EXPECT_THAT(all, Not(HasSubstr(a.token)));
  EXPECT_THAT(all, Not(HasSubstr("correct horse battery")));
}

TEST(RequestLog, TextModeKeepsRequestLinesAtDebugLevel) {
  TestServer server({"--log-level", "debug"});
  HttpClient client(server.port());
  ASSERT_EQ(client.get("/api/health", {{"X-Request-Id", "text-line-1"}}).status, 200);
  bool found = wait_until(
      [&] {
        for (const auto& line : log_lines(server.process().log_file()))
          if (line.find("request text-line-1 GET /api/health 200 ") != std::string::npos) return true;
        return false;
      },
      std::chrono::seconds(2));
  EXPECT_TRUE(found) << server.process().log_tail();
}

}  // namespace
}  // namespace cruddur::testing
