// The test-support process helpers the black-box tests rely on (tests/support/child_process,
// server_process, free_port), with /bin/sh standing in for a server.

#include "support/child_process.hpp"
#include "support/free_port.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <optional>

namespace cruddur::testing {
namespace {

using namespace std::chrono_literals;

TEST(ChildProcess, WritesOutputToTheLogAndSeesExtraEnvironment) {
  TempDir dir;
  ChildProcess child("sh", {"-c", "echo out $GREETING; echo err >&2"}, dir.path() / "log", {{"GREETING", "hello"}});
  EXPECT_EQ(child.wait_for(10s), 0);
  EXPECT_FALSE(child.running());
  std::string log = file_tail(dir.path() / "log");
  EXPECT_NE(log.find("out hello"), std::string::npos) << log;
  EXPECT_NE(log.find("err"), std::string::npos) << log;
}

TEST(ChildProcess, TerminateSendsSigtermAndKillHardSigkill) {
  TempDir dir;
  // Each shell reports once its trap is set, so the signal cannot arrive before it.
  auto ready = [](const std::filesystem::path& log, const std::string& word) {
    return wait_until([&] { return file_tail(log).find(word) != std::string::npos; }, 10s);
  };
  ChildProcess polite("sh", {"-c", "trap 'exit 7' TERM; echo polite-ready; while :; do sleep 0.01; done"},
                      dir.path() / "polite.log");
  ASSERT_TRUE(ready(dir.path() / "polite.log", "polite-ready"));
  EXPECT_TRUE(polite.running());
  EXPECT_EQ(polite.terminate(10s), 7);
  EXPECT_EQ(polite.terminate(), 7);  // idempotent

  ChildProcess stubborn("sh", {"-c", "trap '' TERM; echo stubborn-ready; while :; do sleep 0.01; done"},
                        dir.path() / "stubborn.log");
  ASSERT_TRUE(ready(dir.path() / "stubborn.log", "stubborn-ready"));
  EXPECT_EQ(stubborn.terminate(200ms), 128 + 9);  // SIGKILL after the grace

  ChildProcess victim("sleep", {"30"}, dir.path() / "victim.log");
  EXPECT_EQ(victim.kill_hard(), 128 + 9);
  EXPECT_FALSE(victim.running());
}

TEST(ChildProcess, AProgramThatCannotStartThrows) {
  TempDir dir;
  EXPECT_THROW(ChildProcess("/nonexistent/program", {}, dir.path() / "log"), std::system_error);
}

TEST(WaitUntil, ReturnsWhetherThePredicateBecameTrue) {
  int calls = 0;
  EXPECT_TRUE(wait_until([&] { return ++calls == 3; }, 10s, 1ms));
  EXPECT_FALSE(wait_until([] { return false; }, 30ms, 5ms));
}

TEST(FreePort, IsBindable) {
  uint16_t port = free_port();
  EXPECT_GT(port, 1023);
}

// A stand-in for `cruddur serve`: answers GET /api/health and records each start in the data dir.
constexpr const char* fake_server = R"(#!/usr/bin/python3
import http.server, os, sys
args = sys.argv[1:]
host, port = args[args.index("--listen") + 1].split(":")
data = args[args.index("--data") + 1]
with open(os.path.join(data, "starts"), "a") as f:
    f.write(port + "\n")
class Health(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200 if self.path == "/api/health" else 404)
        self.send_header("Content-Length", "0")
        self.end_headers()
http.server.HTTPServer((host, int(port)), Health).serve_forever()
)";

class ScopedBinary {
 public:
  explicit ScopedBinary(const std::filesystem::path& binary) {
    if (const char* previous = std::getenv("CRUDDUR_BINARY")) saved_ = previous;
    ::setenv("CRUDDUR_BINARY", binary.c_str(), 1);
  }
  ~ScopedBinary() {
    if (saved_) ::setenv("CRUDDUR_BINARY", saved_->c_str(), 1); else ::unsetenv("CRUDDUR_BINARY");
  }

 private:
  std::optional<std::string> saved_;
};

std::filesystem::path write_script(const TempDir& dir, const std::string& text) {
  auto path = dir.path() / "cruddur";
  std::ofstream(path) << text;
  std::filesystem::permissions(path, std::filesystem::perms::owner_all);
  return path;
}

TEST(ServerProcess, StartsWaitsForHealthAndRestartsOnTheSamePortAndData) {
  if (!std::filesystem::exists("/usr/bin/python3")) GTEST_SKIP() << "needs /usr/bin/python3 for the stand-in";
  TempDir data, bin;
  ScopedBinary binary(write_script(bin, fake_server));

  ServerProcess server(data.path());
  EXPECT_TRUE(server.running());
  EXPECT_EQ(server.base_url(), "http://127.0.0.1:" + std::to_string(server.port()));
  EXPECT_EQ(HttpClient(server.port()).get("/api/health").status, 200);

  server.kill_hard();
  EXPECT_FALSE(server.running());
  server.restart();
  EXPECT_EQ(HttpClient(server.port()).get("/api/health").status, 200);
  std::string port = std::to_string(server.port());
  EXPECT_EQ(file_tail(data.path() / "starts"), port + "\n" + port + "\n");

  EXPECT_NE(server.stop(), 137);  // SIGTERM was enough
  EXPECT_FALSE(server.running());
}

TEST(ServerProcess, AServerThatExitsAtStartupFailsWithItsLog) {
  TempDir data, bin;
  ScopedBinary binary(write_script(bin, "#!/bin/sh\necho \"fake server got: $*\"\nexit 3\n"));
  try {
    ServerProcess server(data.path());
    ADD_FAILURE() << "a server that exits cannot be ready";
  } catch (const std::runtime_error& e) {
    std::string message = e.what();
    EXPECT_NE(message.find("exited during startup"), std::string::npos) << message;
    EXPECT_NE(message.find("fake server got: serve --listen 127.0.0.1:"), std::string::npos) << message;
    EXPECT_NE(message.find("--data " + data.str()), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace cruddur::testing
