#include "net/http_client.hpp"

#include "support/fake_http_server.hpp"
#include "support/run_task.hpp"
#include "support/test_certificate.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <gtest/gtest.h>

#include <functional>
#include <future>
#include <thread>

namespace cruddur::net {
namespace {

using cruddur::testing::run_task;
using testing::FakeHttpServer;
using testing::FakeReply;
using testing::FakeRequest;

std::string url(const FakeHttpServer& server, const std::string& target) { return server.url(target); }

// 200 with the request's target as its body (and an X-Test header); the connection kept alive.
FakeReply echo(const FakeRequest& request) {
  return FakeReply::answer_keep_alive(testing::http_response(200, "text/plain", request.target, "X-Test: yes\r\n"));
}

// The same 200, then the connection closed without announcing it (no Connection: close).
FakeReply echo_then_close(const FakeRequest& request) { return FakeReply::answer(echo(request).bytes); }

HttpResponse get(HttpClient& client, std::string u) {
  HttpRequest request;
  request.url = std::move(u);
  return run_task(client.send(std::move(request)));
}

bool wait_for(const std::function<bool()>& condition) {
  for (int i = 0; i < 500 && !condition(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  return condition();
}

HttpError::Kind error_kind(HttpClient& client, std::string u) {
  try {
    get(client, std::move(u));
  } catch (const HttpError& e) {
    return e.kind();
  }
  ADD_FAILURE() << "expected an HttpError";
  return HttpError::Kind::invalid_request;
}

TEST(HttpClient, SendsHeadersAndBodyAndReturnsTheResponse) {
  FakeHttpServer server(echo);
  HttpClient client;
  HttpRequest request;
  request.method = "POST";
  request.url = url(server, "/echo?x=1");
  request.headers = {{"X-Amz-Target", "DynamoDB_20120810.GetItem"}, {"Content-Type", "application/x-amz-json-1.0"}};
  request.body = R"({"TableName":"t"})";
  HttpResponse response = run_task(client.send(request));

  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "/echo?x=1");
  EXPECT_EQ(response.header("x-test"), "yes");
  EXPECT_EQ(response.header("X-Missing"), std::nullopt);
  auto received = server.requests();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_NE(received[0].head.find("POST /echo?x=1 HTTP/1.1"), std::string::npos);
  EXPECT_NE(received[0].head.find("X-Amz-Target: DynamoDB_20120810.GetItem"), std::string::npos);
  EXPECT_NE(received[0].head.find("Host: 127.0.0.1:" + std::to_string(server.port())), std::string::npos);
  EXPECT_EQ(received[0].body, request.body);
}

TEST(HttpClient, ReusesOneKeptAliveConnectionForSequentialRequests) {
  FakeHttpServer server(echo);
  HttpClient client;
  for (int i = 0; i < 5; ++i) EXPECT_EQ(get(client, url(server, "/" + std::to_string(i))).body, "/" + std::to_string(i));
  EXPECT_EQ(server.connections_accepted(), 1);
  EXPECT_EQ(client.connections_opened(), 1u);
}

TEST(HttpClient, RunsInPlaceOnAnIoContextThatOptedInAndKeepsItsConnectionsAliveThere) {
  FakeHttpServer server(echo);
  HttpClient client;
  std::vector<std::thread::id> resumed_on;
  {
    boost::asio::io_context io;
    run_requests_in_place(io);
    auto three_gets = [&]() -> boost::asio::awaitable<void> {
      for (int i = 0; i < 3; ++i) {
        HttpRequest request;
        request.url = url(server, "/" + std::to_string(i));
        auto response = co_await client.send(std::move(request));
        EXPECT_EQ(response.body, "/" + std::to_string(i));
        resumed_on.push_back(std::this_thread::get_id());
      }
    };
    auto done = boost::asio::co_spawn(io, three_gets(), boost::asio::use_future);
    io.run();  // this thread only: the requests ran here
    done.get();
    EXPECT_EQ(client.connections_opened(), 1u);
  }  // the io_context goes, and with it the connection pooled there
  for (auto id : resumed_on) EXPECT_EQ(id, std::this_thread::get_id());
  EXPECT_EQ(server.connections_accepted(), 1);
  // Other callers (no opt-in) still get their own pooled connection on the client's thread.
  EXPECT_EQ(get(client, url(server, "/x")).body, "/x");
  EXPECT_EQ(get(client, url(server, "/y")).body, "/y");
  EXPECT_EQ(server.connections_accepted(), 2);
}

TEST(HttpClient, RetriesOnceOnAFreshConnectionWhenThePooledOneWasClosedByThePeer) {
  // Every connection answers its first request and drops the second, as a server closing an idle
  // keep-alive connection at the moment the client reuses it.
  FakeHttpServer server([](const FakeRequest& request) {
    return request.on_connection == 0 ? echo(request) : FakeReply::close_silently();
  });
  HttpClient client;
  EXPECT_EQ(get(client, url(server, "/a")).body, "/a");
  EXPECT_EQ(get(client, url(server, "/b")).body, "/b");
  EXPECT_EQ(get(client, url(server, "/c")).body, "/c");
  EXPECT_EQ(server.connections_accepted(), 3);
}

TEST(HttpClient, AnIdleConnectionThePeerClosedIsReplacedTransparently) {
  FakeHttpServer server(echo_then_close);
  HttpClient client;
  EXPECT_EQ(get(client, url(server, "/a")).body, "/a");
  ASSERT_TRUE(wait_for([&] { return server.connections_closed() == 1; }));
  EXPECT_EQ(get(client, url(server, "/b")).body, "/b");
  EXPECT_EQ(server.connections_accepted(), 2);
  EXPECT_EQ(server.requests().size(), 2u);
}

TEST(HttpClient, DoesNotRetryAFreshConnectionThatFails) {
  FakeHttpServer server([](const FakeRequest&) { return FakeReply::close_silently(); });
  HttpClient client;
  EXPECT_EQ(error_kind(client, url(server, "/")), HttpError::Kind::connection);
  EXPECT_EQ(server.requests().size(), 1u);
}

TEST(HttpClient, ARequestTimeoutFiresWhenTheServerNeverAnswers) {
  FakeHttpServer server([](const FakeRequest&) { return FakeReply::never_answer(); });
  HttpClientOptions options;
  options.request_timeout = std::chrono::milliseconds(200);
  HttpClient client(options);
  EXPECT_EQ(error_kind(client, url(server, "/slow")), HttpError::Kind::timeout);
}

TEST(HttpClient, ARefusedConnectionIsAConnectError) {
  int port;
  {
    FakeHttpServer gone(echo);
    port = gone.port();
  }
  HttpClient client;
  EXPECT_EQ(error_kind(client, "http://127.0.0.1:" + std::to_string(port) + "/"), HttpError::Kind::connect);
}

TEST(HttpClient, RejectsBadUrlsAndMethods) {
  HttpClient client;
  EXPECT_EQ(error_kind(client, "gopher://x/"), HttpError::Kind::invalid_request);
  HttpRequest request;
  request.method = "FETCH!";
  request.url = "http://127.0.0.1:1/";
  EXPECT_THROW(run_task(client.send(request)), HttpError);
}

TEST(HttpClient, RefusesAHeaderThatWouldSplitTheRequestAndSendsNothing) {
  FakeHttpServer server(echo);
  HttpClient client;
  HttpRequest request;
  request.url = url(server, "/");
  request.headers = {{"X-Note", "a\r\nX-Injected: yes"}};
  try {
    run_task(client.send(request));
    ADD_FAILURE() << "expected an HttpError";
  } catch (const HttpError& e) {
    EXPECT_EQ(e.kind(), HttpError::Kind::invalid_request);
  }
  EXPECT_TRUE(server.requests().empty());
}

// Bodies framed each way HTTP/1.1 allows arrive whole: a length larger than one read, chunks, and the end of
// the connection.
TEST(HttpClient, ReadsLongChunkedAndCloseDelimitedBodies) {
  const std::string big(200 * 1024, 'x');
  FakeHttpServer server([&big](const FakeRequest& request) {
    if (request.target == "/big") return FakeReply::answer_keep_alive(testing::http_response(200, "text/plain", big));
    if (request.target == "/chunked") {
      return FakeReply::answer_keep_alive(
          "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
    }
    return FakeReply::answer("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end");
  });
  HttpClient client;
  HttpResponse long_one = get(client, url(server, "/big"));
  EXPECT_EQ(long_one.status, 200);
  EXPECT_EQ(long_one.body.size(), big.size());
  EXPECT_EQ(long_one.body, big);
  EXPECT_EQ(get(client, url(server, "/chunked")).body, "hello world");
  EXPECT_EQ(get(client, url(server, "/until-close")).body, "until the end");
  EXPECT_EQ(client.connections_opened(), 1u);  // kept alive until the answer that ended with the connection
  EXPECT_EQ(get(client, url(server, "/chunked")).body, "hello world");
  EXPECT_EQ(client.connections_opened(), 2u);
}

TEST(HttpClient, TheAnswerToHeadHasNoBodyWhateverItsLength) {
  FakeHttpServer server([](const FakeRequest&) {
    return FakeReply::answer_keep_alive("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n");
  });
  HttpClient client(HttpClientOptions{.request_timeout = std::chrono::milliseconds(2000)});
  HttpRequest request;
  request.method = "HEAD";
  request.url = url(server, "/");
  HttpResponse first = run_task(client.send(request));
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(first.body, "");
  EXPECT_EQ(run_task(client.send(request)).status, 200);
  EXPECT_EQ(client.connections_opened(), 1u);
}

TEST(HttpClient, ServesConcurrentRequestsFromSeveralCallerThreads) {
  FakeHttpServer server(echo);
  HttpClient client;
  std::vector<std::future<std::string>> results;
  for (int i = 0; i < 8; ++i) {
    results.push_back(std::async(std::launch::async, [&, i] {
      std::string out;
      for (int j = 0; j < 10; ++j) out = get(client, url(server, "/" + std::to_string(i))).body;
      return out;
    }));
  }
  for (int i = 0; i < 8; ++i) EXPECT_EQ(results[i].get(), "/" + std::to_string(i));
  EXPECT_EQ(server.requests().size(), 80u);
  EXPECT_LE(server.connections_accepted(), 8);
}

TEST(HttpClient, ManyConcurrentSendsOnOneCallerExecutor) {
  FakeHttpServer server(echo);
  HttpClient client;
  boost::asio::io_context io;
  std::vector<std::future<HttpResponse>> futures;
  for (int i = 0; i < 20; ++i) {
    HttpRequest request;
    request.url = url(server, "/" + std::to_string(i));
    futures.push_back(boost::asio::co_spawn(io, client.send(request), boost::asio::use_future));
  }
  io.run();
  for (int i = 0; i < 20; ++i) EXPECT_EQ(futures[i].get().body, "/" + std::to_string(i));
}

class HttpsClient : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { certificate_ = new testing::TestCertificate(testing::make_localhost_certificate()); }
  static void TearDownTestSuite() { delete certificate_; }
  static testing::TestCertificate* certificate_;
};
testing::TestCertificate* HttpsClient::certificate_ = nullptr;

TEST_F(HttpsClient, VerifiesTheCertificateAndSendsTheServerName) {
  FakeHttpServer server(echo, {certificate_->cert_pem, certificate_->key_pem});
  HttpClientOptions options;
  options.extra_ca_pem = certificate_->cert_pem;
  HttpClient client(options);
  const std::string base = "https://localhost:" + std::to_string(server.port());
  EXPECT_EQ(get(client, base + "/secure").body, "/secure");
  EXPECT_EQ(get(client, base + "/again").body, "/again");
  EXPECT_EQ(server.last_sni(), "localhost");
  EXPECT_EQ(server.connections_accepted(), 1);
}

TEST_F(HttpsClient, RejectsACertificateNotSignedByATrustedAuthority) {
  FakeHttpServer server(echo, {certificate_->cert_pem, certificate_->key_pem});
  HttpClient client;  // system CA store only
  EXPECT_EQ(error_kind(client, "https://localhost:" + std::to_string(server.port()) + "/"), HttpError::Kind::tls);
  EXPECT_TRUE(server.requests().empty());
}

TEST_F(HttpsClient, RejectsACertificateForAnotherName) {
  FakeHttpServer server(echo, {certificate_->cert_pem, certificate_->key_pem});
  HttpClientOptions options;
  options.extra_ca_pem = certificate_->cert_pem;
  HttpClient client(options);
  // The certificate names localhost only; 127.0.0.1 is the same server but not the name it proves.
  EXPECT_EQ(error_kind(client, "https://127.0.0.1:" + std::to_string(server.port()) + "/"), HttpError::Kind::tls);
  EXPECT_TRUE(server.requests().empty());
}

}  // namespace
}  // namespace cruddur::net
