// Dependencies failing under load: while senders (with retries by client_message_id) and readers keep going,
// what the server depends on is slowed (a delaying TCP proxy of ours in between, support/tcp_proxy.hpp), hung
// (the proxy forwards nothing: an engine that stopped answering), stopped (the engine process killed) and
// started again. A user must see: every answer while the dependency is away is a 503 within 1 s (never a
// hang, never a 500); the service recovers by itself within 2 s of the dependency's return; and nothing is
// lost or duplicated (send_ledger.hpp's brute-force check at the end). Figures are printed per phase and
// copied into doc/reliability.md.

#include <cstdio>
#include <functional>
#include <thread>

#include "reliability/fault_load.hpp"
#include "support/free_port.hpp"
#include "unit/users/postgres_server.hpp"
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

// The phases every dependency goes through, under the same load: normal, slowed (30 ms added to every chunk
// through the proxy), hung (the proxy forwards nothing), resumed, stopped (`outage.stop` on the real engine),
// restarted (`outage.start`), after. Prints the figures per phase and checks them; `sends_need_it`: the
// outage must show as 503s (false for Redis, which no request needs).
struct Outage {
  std::function<void()> stop, start;
};

void run_phases(const std::string& engine, TcpProxy& proxy, FaultLoad& load, const Outage& outage,
                bool sends_need_it) {
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
  auto after_hang = load.all_recovered_after(clock_type::now(), 10s);
  std::this_thread::sleep_for(500ms);
  load.set_phase("stopped");
  outage.stop();
  std::this_thread::sleep_for(3000ms);
  load.set_phase("restart");
  outage.start();
  auto after_restart = load.all_recovered_after(clock_type::now(), 10s);
  load.set_phase("after");
  std::this_thread::sleep_for(1000ms);
  load.stop();

  auto figures = load.figures();
  for (const char* phase : {"normal", "slow", "hung", "resumed", "stopped", "restart", "after"})
    if (figures.count(phase)) print_phase(engine, phase, figures[phase]);
  std::printf("[ figures ] %s: every client answered 200 again %lld ms after the hung engine resumed, "
              "%lld ms after the stopped one was back\n",
              engine.c_str(), after_hang ? static_cast<long long>(after_hang->count()) : -1LL,
              after_restart ? static_cast<long long>(after_restart->count()) : -1LL);
  expect_phase(figures, "normal", false);
  expect_phase(figures, "slow", false);
  expect_phase(figures, "hung", sends_need_it);
  expect_phase(figures, "stopped", sends_need_it);
  expect_phase(figures, "after", false);
  for (const char* phase : {"hung", "stopped"})
    if (figures.count(phase)) EXPECT_LT(figures[phase].slowest.count(), 1000) << phase << ": an answer took too long";
  ASSERT_TRUE(after_hang) << "not every client recovered after the engine resumed";
  ASSERT_TRUE(after_restart) << "not every client recovered after the engine restarted";
  EXPECT_LE(after_hang->count(), 2000);
  EXPECT_LE(after_restart->count(), 2000);
}

TEST(DependencyFaults, PostgresSlowedHungStoppedAndRestarted) {
  PostgresServer postgres;
  TcpProxy proxy(static_cast<uint16_t>(postgres.port()));
  const std::string url = "postgresql://postgres@127.0.0.1:" + std::to_string(proxy.port()) + "/postgres";
  TempDir data;
  ServerProcess server(data.path(), {"--store", "sqlite", "--connection-url", url, "--signin-rate", "0",
                                     "--signin-failures", "0", "--send-rate", "0"});
  std::vector<Person> people;
  {
    HttpClient setup(server.port());
    for (int i = 0; i < 4; ++i) people.push_back(sign_up(setup, "pg" + std::to_string(i)));
  }
  FaultLoad load(server.port(), people, 3, /*signins=*/true);
  run_phases("postgres", proxy, load, {[&] { postgres.stop(); }, [&] { postgres.start(); }}, true);
  expect_ledger_stored(server.port(), people, load.ledger().all(), 100);
}

TEST(DependencyFaults, RedisSlowedHungStoppedAndRestartedNeverFailsASend) {
  RedisServer redis;
  TcpProxy proxy(redis.port());
  TempDir data;
  ServerProcess server(data.path(), {"--store", "sqlite", "--redis-url",
                                     "redis://127.0.0.1:" + std::to_string(proxy.port()), "--signin-rate", "0",
                                     "--signin-failures", "0", "--send-rate", "0"});
  std::vector<Person> people;
  {
    HttpClient setup(server.port());
    for (int i = 0; i < 4; ++i) people.push_back(sign_up(setup, "redis" + std::to_string(i)));
  }
  FaultLoad load(server.port(), people, 3);
  // Redis only carries live events: sends and reads go on (200) while it is away.
  run_phases("redis", proxy, load, {[&] { redis.kill_hard(); }, [&] { redis.start(); }}, false);
  auto figures = load.figures();
  for (const auto& [phase, f] : figures) EXPECT_EQ(f.unavailable, 0) << phase << ": a 503 because of Redis";
  expect_ledger_stored(server.port(), people, load.ledger().all(), 100);
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
  run_phases("dynalite", proxy, load, {[&] { dynalite.kill(); }, [&] { dynalite.start(); }}, true);
  expect_ledger_stored(server.port(), people, load.ledger().all(), 100);
}


}  // namespace
}  // namespace cruddur::testing
