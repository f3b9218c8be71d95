// The pool's keys over HTTP: fetched at start, cached, refetched for an unknown kid at most once per
// interval, one fetch shared by concurrent callers, failures handled.

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include <mutex>

#include "auth/cognito/jwks_source.hpp"
#include "net/http_client.hpp"
#include "support/fake_http_server.hpp"
#include "token_fixture.hpp"

namespace cruddur::testing {
namespace {

constexpr const char* kJwksPath = "/us-east-1_TestPool1/.well-known/jwks.json";

class JwksOverHttpTest : public CognitoTokenTest {
 protected:
  void publish(std::string document, int status = 200) {
    std::lock_guard lock(mutex_);
    document_ = std::move(document);
    status_ = status;
  }

  std::shared_ptr<cognito::JwksSource> http_source() {
    return std::make_shared<cognito::HttpJwksSource>(http_, server_.url(kJwksPath));
  }

  cognito::CognitoAuthenticator& http_authenticator() {
    if (!authenticator_)
      authenticator_ = std::make_unique<cognito::CognitoAuthenticator>(settings_, http_source(), nullptr,
                                                                       directory_, clock_);
    return *authenticator_;
  }

  int http_status_of(const std::string& token) {
    try {
      run_task(http_authenticator().authenticate(token));
      return 200;
    } catch (const Error& error) {
      last_codes_ = error.codes();
      return error.status();
    }
  }

  void advance_past_refresh_interval() {
    clock_.advance((settings_.jwks_min_refresh_interval.count() + 1) * kMicrosPerSecond);
  }

  std::mutex mutex_;
  std::string document_ = jwks_document({pool_key().jwk("kid-1")});
  int status_ = 200;
  FakeHttpServer server_{[this](const FakeRequest& request) {
    std::lock_guard lock(mutex_);
    const bool jwks = request.method == "GET" && request.target == kJwksPath;
    return FakeReply::answer(
        http_response(jwks ? status_ : 404, "application/json", jwks ? document_ : "{}", "Connection: close\r\n"));
  }};
  std::shared_ptr<net::HttpClient> http_ = std::make_shared<net::HttpClient>();
};

TEST_F(JwksOverHttpTest, KeysAreFetchedAtStartAndThenServedFromTheCache) {
  run_task(http_authenticator().load_keys());
  EXPECT_EQ(server_.request_count(), 1);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(http_status_of(valid_token()), 200);
  EXPECT_EQ(server_.request_count(), 1);
}

TEST_F(JwksOverHttpTest, ARotatedKeyIsPickedUpByOneRefetch) {
  run_task(http_authenticator().load_keys());
  publish(jwks_document({pool_key().jwk("kid-1"), other_key().jwk("kid-2")}));  // Cognito adds a key

  EXPECT_EQ(http_status_of(rs256_token(other_key(), header("kid-2"), access_claims())), 200);
  EXPECT_EQ(server_.request_count(), 2);
  EXPECT_EQ(http_status_of(rs256_token(other_key(), header("kid-2"), access_claims())), 200);
  EXPECT_EQ(server_.request_count(), 2);
}

TEST_F(JwksOverHttpTest, UnknownKidsRefetchAtMostOncePerInterval) {
  run_task(http_authenticator().load_keys());
  const auto forged = rs256_token(other_key(), header("made-up"), access_claims());

  EXPECT_EQ(http_status_of(forged), 401);
  EXPECT_EQ(server_.request_count(), 2);  // one refetch for the unknown kid
  for (int i = 0; i < 10; ++i) EXPECT_EQ(http_status_of(forged), 401);
  EXPECT_EQ(server_.request_count(), 2);  // rate-limited: no more

  advance_past_refresh_interval();
  EXPECT_EQ(http_status_of(forged), 401);
  EXPECT_EQ(server_.request_count(), 3);
  // Known kids are unaffected throughout.
  EXPECT_EQ(http_status_of(valid_token()), 200);
  EXPECT_EQ(server_.request_count(), 3);
}

TEST_F(JwksOverHttpTest, ConcurrentLookupsOfANewKidShareOneFetch) {
  run_task(http_authenticator().load_keys());
  publish(jwks_document({pool_key().jwk("kid-1"), other_key().jwk("kid-2")}));
  const auto token = rs256_token(other_key(), header("kid-2"), access_claims());

  constexpr int kCallers = 20;
  int signed_in = 0;
  boost::asio::io_context io;
  for (int i = 0; i < kCallers; ++i) {
    boost::asio::co_spawn(
        io,
        [&]() -> boost::asio::awaitable<void> {
          std::string copy = token;
          auto user = co_await http_authenticator().authenticate(std::move(copy));
          if (user == linked_user_) ++signed_in;
        },
        boost::asio::detached);
  }
  io.run();
  EXPECT_EQ(signed_in, kCallers);
  EXPECT_EQ(server_.request_count(), 2);  // the start fetch and exactly one refetch
}

TEST_F(JwksOverHttpTest, UnreachableKeysAtStartFailTheStartAndAnswer503UntilTheyCome) {
  publish("{}", 500);
  EXPECT_THROW(run_task(http_authenticator().load_keys()), std::runtime_error);
  EXPECT_EQ(http_status_of(valid_token()), 503);
  EXPECT_EQ(last_codes_, std::vector<std::string>{"auth_keys_unavailable"});

  publish(jwks_document({pool_key().jwk("kid-1")}));
  // With no keys at all the rate limit does not apply: the next request fetches.
  EXPECT_EQ(http_status_of(valid_token()), 200);
}

TEST_F(JwksOverHttpTest, ABrokenRefetchKeepsTheKeysWeHave) {
  run_task(http_authenticator().load_keys());
  publish("this is not JSON");
  EXPECT_EQ(http_status_of(rs256_token(other_key(), header("kid-2"), access_claims())), 401);
  EXPECT_EQ(server_.request_count(), 2);
  EXPECT_EQ(http_status_of(valid_token()), 200);
}

TEST(JwksDocument, OnlyUsableRs256SigningKeysAreKept) {
  auto encryption = pool_key().jwk("enc");
  encryption["use"] = "enc";
  auto other_alg = pool_key().jwk("rs512");
  other_alg["alg"] = "RS512";
  auto no_kid = pool_key().jwk("");
  auto ec_key = boost::json::object{{"kty", "EC"}, {"kid", "ec"}, {"crv", "P-256"}, {"x", "AA"}, {"y", "AA"}};
  auto broken = pool_key().jwk("broken");
  broken["n"] = "!!not base64url!!";
  auto without_alg = pool_key().jwk("no-alg");
  without_alg.erase("alg");
  without_alg.erase("use");

  auto keys = cognito::parse_jwks(jwks_document(
      {pool_key().jwk("kid-1"), encryption, other_alg, no_kid, ec_key, broken, small_key().jwk("small"), without_alg}));
  std::vector<std::string> kids;
  for (const auto& [kid, key] : keys) kids.push_back(kid);
  EXPECT_EQ(kids, (std::vector<std::string>{"kid-1", "no-alg"}));
  EXPECT_EQ(keys.at("kid-1").bits(), 2048);

  EXPECT_THROW(cognito::parse_jwks("[]"), cognito::JwksError);
  EXPECT_THROW(cognito::parse_jwks("{\"keys\": {}}"), cognito::JwksError);
  EXPECT_THROW(cognito::parse_jwks("nope"), cognito::JwksError);
}

}  // namespace
}  // namespace cruddur::testing
