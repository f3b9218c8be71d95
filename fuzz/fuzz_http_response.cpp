// Raw HTTP responses as net::HttpClient (src/net) reads them: Beast's response parser with the client's
// limits, status, headers, Content-Length / chunked / close-delimited bodies, keep-alive decisions.
// Property: send() returns a response or throws net::HttpError; anything else is a bug.
//
// Input: the bytes the server writes back (then it closes the connection).
#include "core/run_sync.hpp"
#include "net/http_client.hpp"
#include "support/fake_http_server.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <typeinfo>

using namespace cruddur;

namespace {
std::string g_answer;
const testing::FakeHttpServer::Options kForFuzzing{.fuzz_target = true};  // one connection at a time, no history
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static testing::FakeHttpServer* server = new testing::FakeHttpServer([](const testing::FakeRequest&) { return testing::FakeReply::answer(g_answer); }, kForFuzzing);
  static net::HttpClient* client = [] {
    net::HttpClientOptions options;
    options.connect_timeout = std::chrono::milliseconds(2000);
    options.request_timeout = std::chrono::milliseconds(2000);
    options.max_response_body = 64 * 1024;
    return new net::HttpClient(options);
  }();
  g_answer.assign(reinterpret_cast<const char*>(data), size);
  net::HttpRequest request;
  request.method = data && size % 2 ? "HEAD" : "POST";
  request.url = "http://127.0.0.1:" + std::to_string(server->port()) + "/";
  request.body = "{}";
  try {
    run_sync(client->send(std::move(request)));
  } catch (const net::HttpError&) {
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fuzz: send threw %s: %s\n", typeid(e).name(), e.what());
    std::abort();
  }
  return 0;
}
