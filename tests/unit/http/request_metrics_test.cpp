// Request ids (adopt a sane X-Request-Id, make one otherwise) and the request metrics' bounded labels.
#include "http/request_id.hpp"
#include "http/request_metrics.hpp"
#include "http/router.hpp"

#include <gtest/gtest.h>

#include <set>

namespace cruddur::http {
namespace {

TEST(RequestId, ASaneOfferedIdIsAdopted) {
  EXPECT_EQ(request_id_for("lb-01.Trace_9"), "lb-01.Trace_9");
  EXPECT_EQ(request_id_for(std::string(64, 'x')), std::string(64, 'x'));
}

TEST(RequestId, AnythingElseGetsAFreshUniqueId) {
  std::set<std::string> ids;
  for (std::string_view offered : {"", "has space", "new\nline", "quote\"", "semi;colon"}) {
    std::string id = request_id_for(offered);
    EXPECT_NE(id, offered);
    EXPECT_TRUE(acceptable_request_id(id)) << id;
    ids.insert(id);
  }
  ids.insert(request_id_for(std::string(65, 'x')));
  EXPECT_EQ(ids.size(), 6u);
}

api::Handler no_handler() {
  return [](api::Request) -> boost::asio::awaitable<api::Response> { co_return api::Response{}; };
}

TEST(Router, ReportsTheMatchedPatternAndItsPositionForMetrics) {
  Router router({{"GET", "/api/health", no_handler()}, {"GET", "/api/messages/{uuid}", no_handler()}});
  auto match = router.match("GET", {"api", "messages", "abc"});
  ASSERT_EQ(match.outcome, RouteMatch::Outcome::found);
  EXPECT_EQ(match.pattern, "/api/messages/{uuid}");
  EXPECT_EQ(match.index, 1);
  EXPECT_EQ(router.match("GET", {"api", "nothing"}).index, -1);
}

TEST(RequestMetrics, LabelRoutesByPatternAndBoundEverythingElse) {
  metrics::Registry registry;
  std::vector<api::Route> routes;
  routes.push_back({"GET", "/api/messages/{uuid}", no_handler()});
  RequestMetrics request_metrics(registry, routes);

  api::RequestInfo matched;
  matched.route = "/api/messages/{uuid}";
  matched.route_index = 0;
  api::RequestInfo unmatched;  // route "other"
  auto record = [&](std::string_view method, const api::RequestInfo& info, int status) {
    request_metrics.record(CompletedRequest{"id", method, info, status, std::chrono::milliseconds(3)});
  };
  record("GET", matched, 200);
  record("GET", matched, 200);
  record("GET", matched, 404);
  record("BREW", unmatched, 404);  // a made-up method is "other"
  record("DELETE", unmatched, 999);  // an impossible status counts as 500

  std::string text = registry.render();
  EXPECT_NE(text.find("cruddur_http_requests_total{method=\"GET\",route=\"/api/messages/{uuid}\",status=\"200\"} 2\n"),
            std::string::npos) << text;
  EXPECT_NE(text.find("cruddur_http_requests_total{method=\"GET\",route=\"/api/messages/{uuid}\",status=\"404\"} 1\n"),
            std::string::npos);
  EXPECT_NE(text.find("cruddur_http_requests_total{method=\"other\",route=\"other\",status=\"404\"} 1\n"),
            std::string::npos);
  EXPECT_NE(text.find("cruddur_http_requests_total{method=\"DELETE\",route=\"other\",status=\"500\"} 1\n"),
            std::string::npos);
  EXPECT_NE(text.find("cruddur_http_request_duration_seconds_count{method=\"GET\",route=\"/api/messages/{uuid}\"} 3\n"),
            std::string::npos);
  EXPECT_NE(text.find("cruddur_http_request_duration_seconds_sum{method=\"GET\",route=\"/api/messages/{uuid}\"} 0.009"),
            std::string::npos);
  EXPECT_EQ(text.find("BREW"), std::string::npos);
}

}  // namespace
}  // namespace cruddur::http
