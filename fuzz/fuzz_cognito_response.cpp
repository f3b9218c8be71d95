// Cognito's answers as the service reads them: the identity-provider client's error and body decoding
// (auth/cognito/cognito_idp_client.hpp), ListUsers pages and GetUser (user_pool_client.hpp), and the pool's
// JWKS document (jwks_source.hpp + jwks.hpp), through net::HttpClient against a server that answers what
// the input says. Property: each call returns or throws one of its documented errors (CognitoApiError,
// net::HttpError, JwksError; the JWKS fetch a plain std::runtime_error); anything else, or a sanitizer
// report, is a bug.
//
// Input: byte 0 picks the call (ListUsers, GetUser, JWKS), byte 1 the HTTP status (200 mostly; 400, 500),
// the rest is the JSON body.
#include "auth/cognito/cognito_idp_client.hpp"
#include "auth/cognito/jwks.hpp"
#include "auth/cognito/jwks_source.hpp"
#include "auth/cognito/user_pool_client.hpp"
#include "core/run_sync.hpp"
#include "net/http_client.hpp"
#include "support/fake_http_server.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <typeinfo>

using namespace cruddur;
using namespace cruddur::auth::cognito;

namespace {

std::string g_answer;  // what the next request gets
const testing::FakeHttpServer::Options kForFuzzing{.fuzz_target = true};  // one connection at a time, no history

struct Clients {
  testing::FakeHttpServer server{[](const testing::FakeRequest&) { return testing::FakeReply::answer(g_answer); }, kForFuzzing};
  std::string base = "http://127.0.0.1:" + std::to_string(server.port());
  std::shared_ptr<net::HttpClient> http = std::make_shared<net::HttpClient>(options());
  CognitoIdpClient api{http, base + "/", "us-east-1"};
  UserPoolClient pool{api, "us-east-1_fuzz"};
  HttpJwksSource jwks{http, base + "/us-east-1_fuzz/.well-known/jwks.json"};

  static net::HttpClientOptions options() {
    net::HttpClientOptions o;
    o.connect_timeout = std::chrono::milliseconds(2000);
    o.request_timeout = std::chrono::milliseconds(2000);
    return o;
  }
};

boost::asio::awaitable<void> call(Clients& c, uint8_t which) {
  switch (which % 3) {
    case 0: {
      auto page = co_await c.pool.list_users_page(std::nullopt);
      break;
    }
    case 1: {
      auto user = co_await get_user(c.api, "token");
      break;
    }
    case 2: {
      std::string document;
      try {
        document = co_await c.jwks.fetch();
      } catch (const std::exception& e) {
        if (typeid(e) != typeid(std::runtime_error)) throw;  // the source's documented failure, exactly
        co_return;
      }
      auto keys = parse_jwks(document);
      break;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Clients* clients = new Clients();
  static const int statuses[] = {200, 200, 200, 200, 200, 400, 500, 503};
  if (size < 2) return 0;
  const char* content_type = data[0] % 3 == 2 ? "application/json" : "application/x-amz-json-1.1";
  g_answer = testing::http_response(statuses[data[1] % 8], content_type,
                                 {reinterpret_cast<const char*>(data) + 2, size - 2});
  try {
    run_sync(call(*clients, data[0]));
  } catch (const CognitoApiError&) {
  } catch (const net::HttpError&) {
  } catch (const JwksError&) {
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fuzz: call %d threw %s: %s\n", data[0] % 3, typeid(e).name(), e.what());
    std::abort();
  }
  return 0;
}
