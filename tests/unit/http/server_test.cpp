// The HTTP server as a client sees it: routing, parameters, error replies, limits, keep-alive, shutdown.

#include "running_server.hpp"

#include "core/error.hpp"
#include "store/store_error.hpp"
#include "support/http_client.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <atomic>

namespace cruddur::http::test {
namespace {

using testing::HttpClient;
namespace json = boost::json;

api::Response json_reply(int status, const json::value& body) {
  api::Response response;
  response.status = status;
  response.body = json::serialize(body);
  return response;
}

// Echoes what the handler received, so tests can see the conversion from the wire.
api::Response echo(const api::Request& request) {
  json::object params, query;
  for (const auto& [k, v] : request.params) params[k] = v;
  for (const auto& [k, v] : request.query) query[k] = v;
  return json_reply(200, json::object{{"method", request.method},
                                      {"path", request.path},
                                      {"params", params},
                                      {"query", query},
                                      {"authorization", request.authorization},
                                      {"body", request.body}});
}

boost::asio::awaitable<api::Response> wait_then_answer(api::Request) {
  boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor, std::chrono::milliseconds(5));
  co_await timer.async_wait(boost::asio::use_awaitable);
  co_return json_reply(200, json::object{{"waited", true}});
}

class ServerTest : public ::testing::Test {
 protected:
  std::vector<api::Route> routes() {
    return {
        route("GET", "/api/hello",
              [](const api::Request&) {
                auto response = json_reply(200, json::object{{"hello", "world"}});
                response.headers.emplace_back("X-Next-Cursor", "abc");
                return response;
              }),
        route("POST", "/api/hello", echo),
        route("GET", "/api/echo", echo),
        route("POST", "/api/echo", [this](const api::Request& r) { ++handled; return echo(r); }),
        route("GET", "/api/profile/@{handle}/messages/{uuid}", echo),
        route("GET", "/api/messages/{uuid}", echo),
        route("GET", "/api/messages/latest", [](const api::Request&) { return json_reply(200, "latest"); }),
        route("GET", "/api/invalid", [](const api::Request&) -> api::Response { throw Error::validation({"a", "b"}); }),
        route("GET", "/api/store-down",
              [](const api::Request&) -> api::Response { throw store::StoreError::unavailable("connection refused"); }),
        route("GET", "/api/store-throttled",
              [](const api::Request&) -> api::Response { throw store::StoreError::throttled("slow down"); }),
        route("GET", "/api/store-broken",
              [](const api::Request&) -> api::Response { throw store::StoreError::internal("corrupt"); }),
        route("GET", "/api/bug", [](const api::Request&) -> api::Response { throw std::runtime_error("bug"); }),
        {"GET", "/api/slow", wait_then_answer},
    };
  }
  ServerOptions options() {
    auto o = test_options();
    o.body_limit = 1024;
    o.header_limit = 1024;
    return o;
  }
  std::atomic<int> handled{0};
};

json::value errors(std::initializer_list<const char*> codes) {
  json::array list;
  for (auto code : codes) list.emplace_back(code);
  return json::object{{"errors", list}};
}

TEST_F(ServerTest, JsonRouteAnswersWithItsStatusHeadersAndNoStoreCache) {
  RunningServer server(options(), routes());
  HttpClient client(server.port());
  auto reply = client.get("/api/hello");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.json(), (json::object{{"hello", "world"}}));
  EXPECT_EQ(reply.header("content-type"), "application/json");
  EXPECT_EQ(reply.header("x-next-cursor"), "abc");
  EXPECT_EQ(reply.header("cache-control"), "no-store");
  EXPECT_EQ(reply.header("content-length"), std::to_string(reply.body.size()));
}

TEST_F(ServerTest, HandlerReceivesMethodPathAuthorizationAndBody) {
  RunningServer server(options(), routes());
  HttpClient client(server.port());
  auto reply = client.post("/api/echo", R"({"x":1})", {{"Authorization", "Bearer t0ken"}});
  ASSERT_EQ(reply.status, 200);
  auto body = reply.json().as_object();
  EXPECT_EQ(body["method"], "POST");
  EXPECT_EQ(body["path"], "/api/echo");
  EXPECT_EQ(body["authorization"], "Bearer t0ken");
  EXPECT_EQ(body["body"], R"({"x":1})");
}

TEST_F(ServerTest, PathParametersArePercentDecodedAndAtSegmentsDropTheAt) {
  RunningServer server(options(), routes());
  HttpClient client(server.port());
  auto reply = client.get("/api/profile/@ali%20ce/messages/abc%2Fdef");
  ASSERT_EQ(reply.status, 200) << reply.body;
  auto body = reply.json().as_object();
  EXPECT_EQ(body["params"], (json::object{{"handle", "ali ce"}, {"uuid", "abc/def"}}));
  EXPECT_EQ(body["path"], "/api/profile/@ali ce/messages/abc/def");

  EXPECT_EQ(client.get("/api/profile/alice/messages/abc").status, 404);  // no '@'
  EXPECT_EQ(client.get("/api/profile/@/messages/abc").status, 404);      // '@' alone captures nothing
}

TEST_F(ServerTest, LiteralSegmentsWinOverParametersWhateverTheOrder) {
  RunningServer server(options(), routes());
  HttpClient client(server.port());
  EXPECT_EQ(client.get("/api/messages/latest").json(), "latest");
  EXPECT_EQ(client.get("/api/messages/other").json().as_object()["params"], (json::object{{"uuid", "other"}}));
}

TEST_F(ServerTest, QueryParametersAreDecodedAndTheLastRepeatWins) {
  RunningServer server(options(), routes());
  HttpClient client(server.port());
  auto reply = client.get("/api/echo?q=a%20b&plus=1+2&x=1&x=2&flag");
  ASSERT_EQ(reply.status, 200);
  auto body = reply.json().as_object();
  EXPECT_EQ(body["query"], (json::object{{"q", "a b"}, {"plus", "1 2"}, {"x", "2"}, {"flag", ""}}));
  EXPECT_EQ(body["path"], "/api/echo");
}

TEST_F(ServerTest, UnknownPathsAre404Json) {
  RunningServer server(options(), routes());
  HttpClient client(server.port());
  for (const char* target : {"/api/nope", "/api", "/api/hello/extra", "/", "/index.html", "/messages/abc"}) {
    auto reply = client.get(target);
    EXPECT_EQ(reply.status, 404) << target;
    EXPECT_EQ(reply.json(), errors({"not_found"})) << target;
  }
}

TEST_F(ServerTest, KnownPathWithAnotherMethodIs405WithAllow) {
  RunningServer server(options(), routes());
  HttpClient client(server.port());
  auto reply = client.request("DELETE", "/api/hello");
  EXPECT_EQ(reply.status, 405);
  EXPECT_EQ(reply.json(), errors({"method_not_allowed"}));
  EXPECT_EQ(reply.header("allow"), "GET, HEAD, POST");
}

TEST_F(ServerTest, HeadIsAnsweredLikeGetWithoutTheBody) {
  RunningServer server(options(), routes());
  HttpClient client(server.port());
  auto get = client.get("/api/hello");
  auto head = client.request("HEAD", "/api/hello");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.body, "");
  EXPECT_EQ(head.header("content-length"), std::to_string(get.body.size()));
  EXPECT_EQ(head.header("x-next-cursor"), "abc");
}

TEST_F(ServerTest, HandlerValidationErrorIs422WithEveryCode) {
  RunningServer server(options(), routes());
  HttpClient client(server.port());
  auto reply = client.get("/api/invalid");
  EXPECT_EQ(reply.status, 422);
  EXPECT_EQ(reply.json(), errors({"a", "b"}));
  EXPECT_EQ(reply.header("cache-control"), "no-store");
}

TEST_F(ServerTest, UnavailableOrThrottledStorageIs503) {
  RunningServer server(options(), routes());
  HttpClient client(server.port());
  for (const char* target : {"/api/store-down", "/api/store-throttled"}) {
    auto reply = client.get(target);
    EXPECT_EQ(reply.status, 503) << target;
    EXPECT_EQ(reply.json(), errors({"service_unavailable"})) << target;
  }
  auto broken = client.get("/api/store-broken");
  EXPECT_EQ(broken.status, 500);
  EXPECT_EQ(broken.json(), errors({"internal_error"}));
}

TEST_F(ServerTest, UnexpectedExceptionIs500AndTheServerKeepsServing) {
  RunningServer server(options(), routes());
  HttpClient client(server.port());
  auto reply = client.get("/api/bug");
  EXPECT_EQ(reply.status, 500);
  EXPECT_EQ(reply.json(), errors({"internal_error"}));
  EXPECT_EQ(reply.body.find("bug"), std::string::npos);  // no internals leak to the client
  EXPECT_EQ(client.get("/api/hello").status, 200);
  EXPECT_EQ(client.connections_opened(), 1);  // the 500 did not cost the connection
}

TEST_F(ServerTest, HandlersMayAwait) {
  RunningServer server(options(), routes());
  HttpClient client(server.port());
  auto reply = client.get("/api/slow");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.json(), (json::object{{"waited", true}}));
}

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  RunningServer server(options(), routes());
  HttpClient client(server.port());
  for (int i = 0; i < 5; ++i) ASSERT_EQ(client.get("/api/hello").status, 200);
  EXPECT_EQ(client.connections_opened(), 1);
}

TEST_F(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
  RunningServer server(options(), routes());
  HttpClient client(server.port());
  std::string replies = client.raw(
      "GET /api/slow HTTP/1.1\r\nHost: t\r\n\r\n"
      "GET /api/hello HTTP/1.1\r\nHost: t\r\n\r\n"
      "GET /api/nope HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
  auto slow = replies.find("{\"waited\":true}");
  auto hello = replies.find("{\"hello\":\"world\"}");
  auto nope = replies.find("HTTP/1.1 404");
  ASSERT_NE(slow, std::string::npos) << replies;
  ASSERT_NE(hello, std::string::npos) << replies;
  ASSERT_NE(nope, std::string::npos) << replies;
  EXPECT_LT(slow, hello);
  EXPECT_LT(hello, nope);
}

TEST_F(ServerTest, HttpOneZeroClosesUnlessKeepAliveAsked) {
  RunningServer server(options(), routes());
  HttpClient client(server.port());
  std::string reply = client.raw("GET /api/hello HTTP/1.0\r\n\r\n");  // returns because the server closes
  EXPECT_EQ(reply.rfind("HTTP/1.0 200 OK\r\n", 0), 0u) << reply;
  EXPECT_NE(reply.find("{\"hello\":\"world\"}"), std::string::npos);
}

TEST_F(ServerTest, BodyOverTheLimitIs413AndTheHandlerNeverRuns) {
  RunningServer server(options(), routes());
  HttpClient client(server.port());
  auto reply = client.post("/api/echo", std::string(2000, 'x'));
  EXPECT_EQ(reply.status, 413);
  EXPECT_EQ(reply.json(), errors({"payload_too_large"}));
  EXPECT_EQ(reply.header("connection"), "close");
  EXPECT_EQ(handled.load(), 0);

  auto fits = client.post("/api/echo", std::string(1000, 'x'));
  EXPECT_EQ(fits.status, 200);
  EXPECT_EQ(handled.load(), 1);
}

TEST_F(ServerTest, AnnouncedHugeBodyIsRefusedWithoutWaitingForIt) {
  RunningServer server(options(), routes());
  HttpClient client(server.port());
  // 10 GB announced, 100 bytes sent: a server that wanted the body would never answer.
  std::string reply = client.raw("POST /api/echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10000000000\r\n\r\n" +
                                 std::string(100, 'x'));
  EXPECT_EQ(reply.rfind("HTTP/1.1 413", 0), 0u) << reply;
  EXPECT_NE(reply.find(R"({"errors":["payload_too_large"]})"), std::string::npos);
  EXPECT_EQ(handled.load(), 0);
}

TEST_F(ServerTest, ChunkedBodyOverTheLimitIs413) {
  RunningServer server(options(), routes());
  HttpClient client(server.port());
  std::string chunk(800, 'x');
  std::string reply = client.raw("POST /api/echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                                 "320\r\n" + chunk + "\r\n320\r\n" + chunk + "\r\n0\r\n\r\n");
  EXPECT_EQ(reply.rfind("HTTP/1.1 413", 0), 0u) << reply;
  EXPECT_EQ(handled.load(), 0);
}

TEST_F(ServerTest, HeadersOverTheLimitAre431AndClose) {
  RunningServer server(options(), routes());
  HttpClient client(server.port());
  auto reply = client.get("/api/hello", {{"X-Filler", std::string(2000, 'y')}});
  EXPECT_EQ(reply.status, 431);
  EXPECT_EQ(reply.json(), errors({"headers_too_large"}));
  EXPECT_EQ(reply.header("connection"), "close");
  EXPECT_EQ(client.get("/api/hello").status, 200);  // a new connection is served as usual
}

TEST_F(ServerTest, MalformedRequestsAre400AndClose) {
  RunningServer server(options(), routes());
  HttpClient client(server.port());
  for (std::string bad : {std::string("GARBAGE\r\n\r\n"), std::string("GET /api/hello HTTP/9.9\r\nHost: t\r\n\r\n"),
                          std::string("GET /api/hello HTTP/1.1\r\nBad Header\r\n\r\n"),
                          std::string("POST /api/echo HTTP/1.1\r\nHost: t\r\nContent-Length: nope\r\n\r\n")}) {
    // raw() returns only once the server closes the connection.
    std::string reply = client.raw(bad);
    EXPECT_EQ(reply.rfind("HTTP/1.1 400", 0), 0u) << bad << " -> " << reply;
    EXPECT_NE(reply.find(R"({"errors":["bad_request"]})"), std::string::npos) << reply;
  }
  EXPECT_EQ(handled.load(), 0);
}

TEST_F(ServerTest, TargetThatIsNotOriginFormIs400) {
  RunningServer server(options(), routes());
  HttpClient client(server.port());
  auto reply = client.get("http://example.com/api/hello");
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.json(), errors({"bad_request"}));
}

TEST_F(ServerTest, ExpectContinueGetsAnInterimReply) {
  RunningServer server(options(), routes());
  HttpClient client(server.port());
  std::string reply = client.raw(
      "POST /api/echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
  EXPECT_EQ(reply.rfind("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n", 0), 0u) << reply;
}

TEST_F(ServerTest, ConnectionsOverTheMaximumAreRefusedAndServingContinues) {
  auto o = options();
  o.max_connections = 1;
  RunningServer server(o, routes());
  HttpClient first(server.port());
  ASSERT_EQ(first.get("/api/hello").status, 200);  // holds the only slot (keep-alive)

  HttpClient second(server.port());
  std::string refused = second.raw("GET /api/hello HTTP/1.1\r\nHost: t\r\n\r\n");
  EXPECT_EQ(refused.find("HTTP/1.1 200"), std::string::npos) << refused;
  if (!refused.empty()) {
    EXPECT_EQ(refused.rfind("HTTP/1.1 503", 0), 0u) << refused;
  }

  EXPECT_EQ(first.get("/api/hello").status, 200);
  first.disconnect();
  // The slot frees once the server sees the close.
  bool served = false;
  for (int attempt = 0; attempt < 200 && !served; ++attempt) {
    served = second.raw("GET /api/hello HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n").rfind("HTTP/1.1 200", 0) == 0;
    if (!served) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(served);
}

TEST_F(ServerTest, StopEndsRunAlsoWithIdleConnectionsOpen) {
  RunningServer server(options(), routes());
  HttpClient client(server.port());
  ASSERT_EQ(client.get("/api/hello").status, 200);  // an idle keep-alive connection stays open
  server.server().stop();
  EXPECT_TRUE(server.finished_within(std::chrono::seconds(5)));
  server.server().stop();  // idempotent
}

boost::asio::awaitable<api::Response> announce_then_wait(std::shared_ptr<std::promise<void>> entered, api::Request) {
  entered->set_value();
  boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor, std::chrono::milliseconds(200));
  co_await timer.async_wait(boost::asio::use_awaitable);
  co_return json_reply(200, json::object{{"finished", true}});
}

TEST_F(ServerTest, StopLetsTheRequestInFlightFinishThenCloses) {
  auto entered = std::make_shared<std::promise<void>>();
  auto in_flight = entered->get_future();
  auto all_routes = routes();
  all_routes.push_back({"GET", "/api/long", [entered](api::Request r) { return announce_then_wait(entered, std::move(r)); }});
  RunningServer server(options(), std::move(all_routes));

  auto reply = std::async(std::launch::async, [port = server.port()] { return HttpClient(port).get("/api/long"); });
  in_flight.wait();
  server.server().stop();
  auto finished = reply.get();
  EXPECT_EQ(finished.status, 200);
  EXPECT_EQ(finished.json(), (json::object{{"finished", true}}));
  EXPECT_EQ(finished.header("connection"), "close");
  EXPECT_TRUE(server.finished_within(std::chrono::seconds(5)));
  EXPECT_THROW(HttpClient(server.port()).get("/api/hello"), std::runtime_error);  // no longer accepting
}

TEST_F(ServerTest, ClientThatNeverFinishesItsHeadersIsDisconnected) {
  auto o = options();
  o.header_timeout = std::chrono::seconds(1);
  RunningServer server(o, routes());
  HttpClient client(server.port());
  client.set_timeout(std::chrono::seconds(10));
  // raw() returns only when the server closes (and throws after 10 s otherwise).
  std::string reply = client.raw("GET /api/hello HTTP/1.1\r\nHost: t\r\n");
  EXPECT_EQ(reply, "");
}

TEST_F(ServerTest, StopBeforeRunMakesRunReturn) {
  Server server(options(), routes());
  server.stop();
  auto finished = std::async(std::launch::async, [&] { server.run(); });
  EXPECT_EQ(finished.wait_for(std::chrono::seconds(5)), std::future_status::ready);
}

TEST_F(ServerTest, PortZeroBindsAnEphemeralPortAndABusyPortThrows) {
  Server first(options(), routes());
  EXPECT_NE(first.port(), 0);
  auto o = options();
  o.port = first.port();
  EXPECT_THROW(Server(o, routes()), std::system_error);
}

TEST_F(ServerTest, MalformedRoutePatternsAreRejectedAtConstruction) {
  EXPECT_THROW(Server(options(), {route("GET", "api/x", echo)}), std::invalid_argument);
  EXPECT_THROW(Server(options(), {route("GET", "/api/{", echo)}), std::invalid_argument);
  EXPECT_THROW(Server(options(), {route("GET", "/api/{a}/{a}", echo)}), std::invalid_argument);
  EXPECT_THROW(Server(options(), {route("GET", "/api/{a}", echo), route("GET", "/api/{b}", echo)}),
               std::invalid_argument);
}

}  // namespace
}  // namespace cruddur::http::test
