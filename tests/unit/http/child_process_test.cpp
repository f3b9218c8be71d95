// The test-support process helpers the black-box tests rely on (tests/support/child_process,
// server_process, free_port), with /bin/sh standing in for a server.

#include "support/child_process.hpp"
#include "support/free_port.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

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

TEST(ServerProcess, AServerThatExitsAtStartupFailsWithItsLog) {
  TempDir data;
  TempDir bin;
  auto fake = bin.path() / "cruddur";
  {
    std::ofstream script(fake);
    script << "#!/bin/sh\necho \"fake server got: $*\"\nexit 3\n";
  }
  std::filesystem::permissions(fake, std::filesystem::perms::owner_all);
  const char* previous = std::getenv("CRUDDUR_BINARY");
  std::string saved = previous ? previous : "";
  ::setenv("CRUDDUR_BINARY", fake.c_str(), 1);
  try {
    ServerProcess server(data.path());
    ADD_FAILURE() << "a server that exits cannot be ready";
  } catch (const std::runtime_error& e) {
    std::string message = e.what();
    EXPECT_NE(message.find("exited during startup"), std::string::npos) << message;
    EXPECT_NE(message.find("fake server got: serve --listen 127.0.0.1:"), std::string::npos) << message;
    EXPECT_NE(message.find("--data " + data.str()), std::string::npos) << message;
  }
  if (previous) ::setenv("CRUDDUR_BINARY", saved.c_str(), 1); else ::unsetenv("CRUDDUR_BINARY");
}

}  // namespace
}  // namespace cruddur::testing
