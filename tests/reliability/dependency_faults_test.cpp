// Dependencies failing under load: while senders (with retries by client_message_id) and readers keep going,
// what the server depends on is slowed (a delaying TCP proxy of ours in between, support/tcp_proxy.hpp), hung
// (the proxy forwards nothing: an engine that stopped answering), stopped (the engine process killed) and
// started again. A user must see: every answer while the dependency is away is a 503 within 1 s (never a
// hang, never a 500); the service recovers by itself within 2 s of the dependency's return; and nothing is
// lost or duplicated (send_ledger.hpp's brute-force check at the end). Figures are printed per phase and
// copied into doc/reliability.md.

#include <cstdio>
#include <thread>

#include "reliability/fault_load.hpp"
#include "support/free_port.hpp"
#include "support/redis_server.hpp"
#include "support/tcp_proxy.hpp"

#ifndef CRUDDUR_SOURCE_DIR
#error "CRUDDUR_SOURCE_DIR must be defined (tests/CMakeLists.txt)"
#endif

namespace cruddur::testing {
namespace {

using namespace std::chrono_literals;
using clock_type = std::chrono::steady_clock;

// dynalite (tests/engines/node_modules) on a fixed port, its data on disk so that a restart keeps it.
class Dynalite {
 public:
  Dynalite() : port_(free_port()) { start(); }
  uint16_t port() const { return port_; }
  void start() {
    const std::string cli = std::string(CRUDDUR_SOURCE_DIR) + "/tests/engines/node_modules/dynalite/cli.js";
    process_ = std::make_unique<ChildProcess>(
        "node",
        std::vector<std::string>{cli, "--host", "127.0.0.1", "--port", std::to_string(port_), "--path",
                                 (dir_.path() / "data").string(), "--createTableMs", "0", "--deleteTableMs", "0",
                                 "--updateTableMs", "0"},
        dir_.path() / "dynalite.log");
    bool ready = wait_until(
        [&] {
          try {
            HttpClient probe(port_);
            probe.set_timeout(500ms);
            return probe.get("/").status == 200;
          } catch (const std::exception&) {
            return false;
          }
        },
        15s, 50ms);
    if (!ready) throw std::runtime_error("dynalite did not start: " + file_tail(dir_.path() / "dynalite.log"));
  }
  void kill() { process_->kill_hard(); }

 private:
  TempDir dir_;
  uint16_t port_;
  std::unique_ptr<ChildProcess> process_;
};

void print_phase(const std::string& engine, const std::string& name, const PhaseFigures& f) {
  std::printf("[ figures ] %s %-8s: %5ld ok, %5ld 503, %4ld no answer, %ld other; slowest answer %lld ms, "
              "slowest 503 %lld ms\n",
              engine.c_str(), name.c_str(), f.ok, f.unavailable, f.failed, f.other,
              static_cast<long long>(f.slowest.count()), static_cast<long long>(f.slowest_unavailable.count()));
}

// What every phase must show, whatever the dependency.
void expect_phase(const std::map<std::string, PhaseFigures>& figures, const std::string& name, bool away) {
  auto it = figures.find(name);
  ASSERT_NE(it, figures.end()) << "no request in phase " << name;
  const PhaseFigures& f = it->second;
  EXPECT_EQ(f.other, 0) << name << ": answers other than 200/503, first: " << f.first_other;
  EXPECT_EQ(f.failed, 0) << name << ": requests the server did not answer";
  if (away) {
    EXPECT_GT(f.unavailable, 0) << name << ": the outage was not noticed";
    EXPECT_LT(f.slowest.count(), 1000) << name << ": an answer took " << f.slowest.count() << " ms";
  }
}

TEST(DependencyFaults, DynaliteSlowedHungStoppedAndRestarted) {
  Dynalite dynalite;
  TcpProxy proxy(dynalite.port());
  TempDir data;
  ServerProcess server(data.path(),
                       {"--store", "dynamodb", "--table", "faults", "--signin-rate", "0", "--signin-failures", "0",
                        "--send-rate", "0"},
                       {{"AWS_ENDPOINT_URL", "http://127.0.0.1:" + std::to_string(proxy.port())},
                        {"AWS_REGION", "us-east-1"}});
  std::vector<Person> people;
  {
    HttpClient setup(server.port());
    for (int i = 0; i < 6; ++i) people.push_back(sign_up(setup, "dyn" + std::to_string(i)));
  }
  FaultLoad load(server.port(), people, 3);
  load.set_phase("normal");
  std::this_thread::sleep_for(1500ms);

  load.set_phase("slow");
  proxy.set_delay(30ms);
  std::this_thread::sleep_for(2000ms);
  proxy.set_delay(0ms);

  load.set_phase("hung");
  proxy.set_mode(TcpProxy::Mode::hang);
  std::this_thread::sleep_for(3000ms);
  load.set_phase("resumed");
  proxy.set_mode(TcpProxy::Mode::pass);
  const auto resumed = clock_type::now();
  auto after_hang = load.all_recovered_after(resumed, 10s);
  std::this_thread::sleep_for(500ms);

  load.set_phase("stopped");
  dynalite.kill();
  std::this_thread::sleep_for(3000ms);
  load.set_phase("restart");
  dynalite.start();
  const auto restarted = clock_type::now();
  auto after_restart = load.all_recovered_after(restarted, 10s);
  load.set_phase("after");
  std::this_thread::sleep_for(1000ms);
  load.stop();

  auto figures = load.figures();
  for (const char* phase : {"normal", "slow", "hung", "resumed", "stopped", "restart", "after"})
    if (figures.count(phase)) print_phase("dynalite", phase, figures[phase]);
  std::printf("[ figures ] dynalite: every client answered 200 again %lld ms after the hung engine resumed, "
              "%lld ms after the stopped one was back\n",
              after_hang ? static_cast<long long>(after_hang->count()) : -1LL,
              after_restart ? static_cast<long long>(after_restart->count()) : -1LL);
  expect_phase(figures, "normal", false);
  expect_phase(figures, "slow", false);
  expect_phase(figures, "hung", true);
  expect_phase(figures, "stopped", true);
  expect_phase(figures, "after", false);
  ASSERT_TRUE(after_hang) << "not every client recovered after the engine resumed";
  ASSERT_TRUE(after_restart) << "not every client recovered after the engine restarted";
  EXPECT_LE(after_hang->count(), 2000);
  EXPECT_LE(after_restart->count(), 2000);
  expect_ledger_stored(server.port(), people, load.ledger().all(), 100);
}

}  // namespace
}  // namespace cruddur::testing
