// What an outside probe of the running service found (issue 11), each spoken to the real binary as raw
// bytes: framing that could smuggle a request, limits that chunked bodies escaped, hosts the server should
// not answer, and headers every reply should carry.
#include "api_fixture.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <future>
#include <sstream>
#include <thread>

namespace cruddur::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

// One raw HTTP reply (the first in `raw`), split into status, lower-cased header lines and body.
struct RawReply {
  int status = 0;
  std::string head;  // lower-cased status line and header lines
  std::string body;
  int replies = 0;   // how many status lines `raw` holds
  bool has(const std::string& header_line) const { return head.find("\r\n" + header_line + "\r\n") != std::string::npos; }
};

RawReply parse_raw(const std::string& raw) {
  RawReply reply;
  for (size_t at = raw.find("HTTP/1."); at != std::string::npos; at = raw.find("HTTP/1.", at + 1)) ++reply.replies;
  if (raw.rfind("HTTP/1.", 0) != 0 || raw.size() < 12) return reply;
  reply.status = std::stoi(raw.substr(9, 3));
  auto end = raw.find("\r\n\r\n");
  reply.head = raw.substr(0, end == std::string::npos ? raw.size() : end + 2);
  for (auto& c : reply.head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (end != std::string::npos) reply.body = raw.substr(end + 4);
  return reply;
}

// Sends `bytes` on a fresh connection and parses what comes back until the server closes it.
RawReply send_raw(uint16_t port, const std::string& bytes) {
  HttpClient client(port);
  return parse_raw(client.raw(bytes));
}

std::string host_of(uint16_t port) { return "127.0.0.1:" + std::to_string(port); }

std::string chunked_post(uint16_t port, const std::string& target, const std::string& extra_headers = "") {
  return "POST " + target + " HTTP/1.1\r\nHost: " + host_of(port) + "\r\nContent-Type: application/json\r\n" +
         extra_headers + "Transfer-Encoding: chunked\r\n\r\n";
}

// VmRSS of a process, in kB.
long resident_kb(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  throw std::runtime_error("no VmRSS for pid " + std::to_string(pid));
}

// Sends `prefix` and then `filler` repeatedly, up to `total` bytes, on one connection from a thread of its
// own, while this thread reads the reply; stops sending once the server has answered and closed.
RawReply flood(uint16_t port, const std::string& prefix, const std::string& filler, size_t total) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
    throw std::runtime_error("cannot connect to the server");
  timeval timeout{20, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  std::thread sender([&] {
    std::string piece = prefix;
    for (size_t sent = 0; sent < total; piece = filler) {
      ssize_t n = ::send(fd, piece.data(), piece.size(), MSG_NOSIGNAL);
      if (n <= 0) return;  // the server closed (or reset) the connection
      sent += static_cast<size_t>(n);
    }
  });
  std::string received;
  char buffer[4096];
  for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) received.append(buffer, static_cast<size_t>(n));
  ::shutdown(fd, SHUT_RDWR);  // unblocks the sender if the server never closed
  sender.join();
  ::close(fd);
  return parse_raw(received);
}

// A server of its own: the web app's files (a tiny one), allowed hosts from flags, and a log and a process
// that only these tests look at (resident memory, error lines).
class ProbeServer {
 public:
  ProbeServer() : server_(make_args()) {}
  TestServer& server() { return server_; }

 private:
  std::vector<std::string> make_args() {
    std::filesystem::create_directories(web_.path() / "assets");
    std::ofstream(web_.path() / "index.html") << "<!doctype html><title>Cruddur</title>";
    return {"--web-root", web_.path().string(), "--allowed-host", "chat.example.com", "--allowed-host",
            "other.example:8443"};
  }
  TempDir web_;
  TestServer server_;
};

class HttpProbe : public ApiTest {
 protected:
  static ProbeServer& probe() {
    static ProbeServer server;
    return server;
  }
  uint16_t port = shared_server().port();
};

// --- headers every reply carries ---

TEST_F(HttpProbe, StaticFile404And405CarryNosniffAndReferrerPolicy) {
  uint16_t static_port = probe().server().port();
  RawReply missing = send_raw(static_port, "GET /assets/missing-1234.js HTTP/1.1\r\nHost: " + host_of(static_port) +
                                               "\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(missing.status, 404);
  EXPECT_TRUE(missing.has("x-content-type-options: nosniff")) << missing.head;
  EXPECT_TRUE(missing.has("referrer-policy: no-referrer")) << missing.head;
  RawReply wrong = send_raw(static_port, "DELETE /index.html HTTP/1.1\r\nHost: " + host_of(static_port) +
                                             "\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(wrong.status, 405);
  EXPECT_TRUE(wrong.has("allow: get, head")) << wrong.head;
  EXPECT_TRUE(wrong.has("x-content-type-options: nosniff")) << wrong.head;
  EXPECT_TRUE(wrong.has("referrer-policy: no-referrer")) << wrong.head;
  RawReply page = send_raw(static_port, "GET / HTTP/1.1\r\nHost: " + host_of(static_port) + "\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(page.status, 200);
  EXPECT_TRUE(page.has("x-content-type-options: nosniff")) << page.head;
  EXPECT_TRUE(page.has("referrer-policy: no-referrer")) << page.head;
}

TEST_F(HttpProbe, ApiRepliesAndTheServersOwnErrorsCarryNosniffAndReferrerPolicy) {
  for (std::string request : {"GET /api/health HTTP/1.1\r\nHost: " + host_of(port) + "\r\nConnection: close\r\n\r\n",
                              "GET /api/nothing HTTP/1.1\r\nHost: " + host_of(port) + "\r\nConnection: close\r\n\r\n",
                              "GET /api/me HTTP/1.1\r\nHost: " + host_of(port) + "\r\nConnection: close\r\n\r\n",
                              std::string("BLAH\r\n\r\n")}) {
    RawReply reply = send_raw(port, request);
    EXPECT_NE(reply.status, 0) << request;
    EXPECT_TRUE(reply.has("x-content-type-options: nosniff")) << request << reply.head;
    EXPECT_TRUE(reply.has("referrer-policy: no-referrer")) << request << reply.head;
  }
}

// --- chunked bodies stay within the limits ---

TEST_F(HttpProbe, ChunkExtensionsCountAgainstTheBodyLimit) {
  // 20 one-byte chunks with 4 KiB of extension each: 80 KiB, over the 64 KiB body limit.
  std::string body;
  for (int i = 0; i < 20; ++i) body += "1;e=" + std::string(4096, 'v') + "\r\nx\r\n";
  RawReply many = send_raw(port, chunked_post(port, "/api/auth/signin") + body + "0\r\n\r\n");
  EXPECT_EQ(many.status, 413);
  EXPECT_EQ(many.body, R"({"errors":["payload_too_large"]})");
  // One chunk-size line with 100 KiB of extension.
  RawReply one = send_raw(port, chunked_post(port, "/api/auth/signin") + "1;e=" + std::string(100 * 1024, 'v') +
                                    "\r\nx\r\n0\r\n\r\n");
  EXPECT_EQ(one.status, 413);
  EXPECT_EQ(one.replies, 1);
}

TEST_F(HttpProbe, TrailersCountAgainstTheHeaderLimit) {
  std::string trailers;
  for (int i = 0; i < 200; ++i) trailers += "X-Trailer-" + std::to_string(i) + ": " + std::string(50, 't') + "\r\n";
  RawReply many = send_raw(port, chunked_post(port, "/api/auth/signin") + "2\r\n{}\r\n0\r\n" + trailers + "\r\n");
  EXPECT_EQ(many.status, 431);
  EXPECT_EQ(many.body, R"({"errors":["headers_too_large"]})");

  // 7 KiB of trailers fit the read buffer, but not with 2 KiB of header fields: together over 8 KiB.
  std::string some;
  for (int i = 0; i < 100; ++i) some += "X-T-" + std::to_string(i) + ": " + std::string(60, 't') + "\r\n";
  std::string padded = chunked_post(port, "/api/auth/signin", "X-Pad: " + std::string(2048, 'p') + "\r\n");
  RawReply together = send_raw(port, padded + "2\r\n{}\r\n0\r\n" + some + "\r\n");
  EXPECT_EQ(together.status, 431);
}

TEST_F(HttpProbe, TrailerFieldsNeverReachTheHandler) {
  Person person = sign_up(client, "trailer");
  std::string in_trailer = "GET /api/me HTTP/1.1\r\nHost: " + host_of(port) +
                           "\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nAuthorization: Bearer " +
                           person.token + "\r\n\r\n";
  EXPECT_EQ(send_raw(port, in_trailer).status, 401);
  std::string in_header = "GET /api/me HTTP/1.1\r\nHost: " + host_of(port) + "\r\nAuthorization: Bearer " +
                          person.token + "\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX-T: 1\r\n\r\n";
  EXPECT_EQ(send_raw(port, in_header).status, 200);
}

TEST_F(HttpProbe, ATrailerFieldOver64KiBIs431AndTheServerCarriesOn) {
  uint16_t own_port = probe().server().port();
  RawReply reply = send_raw(own_port, chunked_post(own_port, "/api/auth/signin") + "2\r\n{}\r\n0\r\nX-Big: " +
                                          std::string(70 * 1024, 'b') + "\r\n\r\n");
  EXPECT_EQ(reply.status, 431);
  EXPECT_TRUE(reply.has("connection: close")) << reply.head;
  HttpClient after(own_port);
  EXPECT_EQ(after.get("/api/health").status, 200);
  EXPECT_THAT(probe().server().process().log_tail(1 << 20), Not(HasSubstr("exception")));
}

TEST_F(HttpProbe, ATrailerFloodIsRefusedAndTheServerStaysSmall) {
  TestServer& server = probe().server();
  HttpClient warm(server.port());
  ASSERT_EQ(warm.get("/api/health").status, 200);
  long before = resident_kb(server.process().pid());

  // Three unauthenticated connections at once, each offering 40 MB of trailer lines.
  std::string prefix = chunked_post(server.port(), "/api/messages") + "2\r\n{}\r\n0\r\n";
  std::string filler;
  for (int i = 0; i < 64; ++i) filler += "X-Flood: " + std::string(1000, 'f') + "\r\n";
  std::vector<std::future<RawReply>> floods;
  for (int i = 0; i < 3; ++i)
    floods.push_back(std::async(std::launch::async, flood, server.port(), prefix, filler, size_t{40} << 20));
  for (auto& result : floods) {
    RawReply reply = result.get();
    EXPECT_THAT(reply.status, ::testing::AnyOf(413, 431)) << reply.head;
  }

  long after = resident_kb(server.process().pid());
  EXPECT_LT(after - before, 8 * 1024) << "VmRSS grew from " << before << " kB to " << after << " kB";
  EXPECT_EQ(warm.get("/api/health").status, 200);
}

// --- framing that could smuggle a second request ---

TEST_F(HttpProbe, TransferEncodingNotEndingInChunkedIs400AndNothingElseRuns) {
  std::string smuggled = "GET /api/health HTTP/1.1\r\nHost: " + host_of(port) + "\r\n\r\n";
  for (std::string coding : {"chunked, identity", "identity", "gzip"}) {
    std::string request = "POST /api/auth/signin HTTP/1.1\r\nHost: " + host_of(port) + "\r\nTransfer-Encoding: " +
                          coding + "\r\nContent-Length: " + std::to_string(smuggled.size()) + "\r\n\r\n" + smuggled;
    RawReply reply = send_raw(port, request);
    EXPECT_EQ(reply.status, 400) << coding;
    EXPECT_EQ(reply.replies, 1) << coding << ": the body ran as a request";
    EXPECT_TRUE(reply.has("connection: close")) << reply.head;
  }
  // A coding this server does not implement before chunked.
  RawReply gzip = send_raw(port, "POST /api/auth/signin HTTP/1.1\r\nHost: " + host_of(port) +
                                     "\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n");
  EXPECT_EQ(gzip.status, 501);
  EXPECT_EQ(gzip.body, R"({"errors":["not_implemented"]})");
  // Transfer-Encoding in HTTP/1.0, and twice.
  EXPECT_EQ(send_raw(port, "POST /api/auth/signin HTTP/1.0\r\nHost: " + host_of(port) +
                               "\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n").status, 400);
  EXPECT_EQ(send_raw(port, "POST /api/auth/signin HTTP/1.1\r\nHost: " + host_of(port) +
                               "\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n").status, 400);
}

TEST_F(HttpProbe, ObsFoldedHeaderLinesAre400) {
  for (std::string fold : {"\r\n folded", "\r\n\tfolded"}) {
    RawReply reply = send_raw(port, "GET /api/health HTTP/1.1\r\nHost: " + host_of(port) + "\r\nX-Note: first" + fold +
                                        "\r\n\r\n");
    EXPECT_EQ(reply.status, 400);
    EXPECT_EQ(reply.body, R"({"errors":["bad_request"]})");
  }
}

TEST_F(HttpProbe, DuplicateContentLengthIs400) {
  std::string start = "POST /api/auth/signin HTTP/1.1\r\nHost: " + host_of(port) + "\r\n";
  EXPECT_EQ(send_raw(port, start + "Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}").status, 400);
  EXPECT_EQ(send_raw(port, start + "Content-Length: 2, 2\r\n\r\n{}").status, 400);
  EXPECT_EQ(send_raw(port, start + "Content-Length: 2\r\nContent-Length: 30\r\n\r\n{}").status, 400);
}

// --- HEAD ---

TEST_F(HttpProbe, HeadOnApiRoutesIsAnsweredLikeGetWithoutABody) {
  std::string raw = HttpClient(port).raw("HEAD /api/health HTTP/1.1\r\nHost: " + host_of(port) +
                                         "\r\nConnection: close\r\n\r\n");
  RawReply head = parse_raw(raw);
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.has("content-length: " + std::to_string(client.get("/api/health").body.size()))) << head.head;
  EXPECT_EQ(head.body, "");

  Person person = sign_up(client, "head");
  RawReply groups = send_raw(port, "HEAD /api/message_groups HTTP/1.1\r\nHost: " + host_of(port) +
                                       "\r\nAuthorization: Bearer " + person.token + "\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(groups.status, 200);
  EXPECT_EQ(groups.body, "");

  Reply wrong = client.request("DELETE", "/api/health");
  EXPECT_EQ(wrong.status, 405);
  EXPECT_EQ(wrong.header("allow"), "GET, HEAD");
}

// --- Host ---

TEST_F(HttpProbe, AHostNamingAnotherSiteIs421) {
  std::string signin = R"({"login":"nobody","password":"wrong password"})";
  for (std::string host : {std::string("attacker.example"), "attacker.example:" + std::to_string(port),
                           std::string("127.0.0.1:1"), "[::1]:" + std::to_string(port), std::string("localhost"),
                           std::string("chat.example.com")}) {
    RawReply reply = send_raw(port, "POST /api/auth/signin HTTP/1.1\r\nHost: " + host + "\r\nContent-Length: " +
                                        std::to_string(signin.size()) + "\r\n\r\n" + signin);
    EXPECT_EQ(reply.status, 421) << host;
    EXPECT_EQ(reply.body, R"({"errors":["misdirected_request"]})") << host;
    EXPECT_TRUE(reply.has("connection: close")) << host;
  }
  for (std::string host : {host_of(port), "localhost:" + std::to_string(port), "LOCALHOST:" + std::to_string(port)}) {
    RawReply reply = send_raw(port, "GET /api/health HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(reply.status, 200) << host;
  }
}

TEST_F(HttpProbe, AMissingDuplicateOrMalformedHostIs400) {
  EXPECT_EQ(send_raw(port, "GET /api/health HTTP/1.1\r\nConnection: close\r\n\r\n").status, 400);
  EXPECT_EQ(send_raw(port, "GET /api/health HTTP/1.1\r\nHost: " + host_of(port) + "\r\nHost: " + host_of(port) +
                               "\r\n\r\n").status, 400);
  EXPECT_EQ(send_raw(port, "GET /api/health HTTP/1.1\r\nHost: a/b\r\n\r\n").status, 400);
  EXPECT_EQ(send_raw(port, "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1:99999\r\n\r\n").status, 400);
  // HTTP/1.0 has no Host requirement (and no browser sends it without one).
  EXPECT_EQ(send_raw(port, "GET /api/health HTTP/1.0\r\n\r\n").status, 200);
}

TEST_F(HttpProbe, AllowedHostsFromFlagsAreServedOnTheirPorts) {
  uint16_t flag_port = probe().server().port();
  auto status_for = [&](const std::string& host) {
    return send_raw(flag_port, "GET /api/health HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").status;
  };
  EXPECT_EQ(status_for("chat.example.com"), 200);
  EXPECT_EQ(status_for("Chat.Example.Com:443"), 200) << "a name without a port is allowed on any port";
  EXPECT_EQ(status_for("other.example:8443"), 200);
  EXPECT_EQ(status_for("other.example"), 421) << "a name with a port only with that port";
  EXPECT_EQ(status_for("other.example:443"), 421);
  EXPECT_EQ(status_for("evil.chat.example.com"), 421);
}

TEST_F(HttpProbe, AllowedHostsFromTheEnvironment) {
  TempDir data;
  ServerProcess server(data.path(), engine_under_test_args(), {{"CRUDDUR_ALLOWED_HOSTS", "a.example,b.example:81"}});
  auto status_for = [&](const std::string& host) {
    return send_raw(server.port(), "GET /api/health HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
        .status;
  };
  EXPECT_EQ(status_for("a.example"), 200);
  EXPECT_EQ(status_for("b.example:81"), 200);
  EXPECT_EQ(status_for("c.example"), 421);
}

TEST(HttpProbeStartup, AMalformedAllowedHostStopsTheStart) {
  TempDir data;
  auto args = engine_under_test_args();
  std::vector<std::string> command{"serve", "--listen", "127.0.0.1:0", "--data", data.path().string(),
                                   "--allowed-host", "bad host"};
  command.insert(command.end(), args.begin(), args.end());
  CommandResult result = run_cruddur(command);
  EXPECT_NE(result.exit_code, 0);
  EXPECT_THAT(result.output, HasSubstr("--allowed-host"));
}

}  // namespace
}  // namespace cruddur::testing
