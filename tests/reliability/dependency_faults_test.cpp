// Dependencies failing under load: while senders (with retries by client_message_id) and readers keep going,
// what the server depends on is slowed (a delaying TCP proxy of ours in between, support/tcp_proxy.hpp), hung
// (the proxy forwards nothing: an engine that stopped answering), stopped (the engine process killed) and
// started again. A user must see: every answer while the dependency is away is a 503 within 1 s (never a
// hang, never a 500); the service recovers by itself within 2 s of the dependency's return; and nothing is
// lost or duplicated (send_ledger.hpp's brute-force check at the end). Figures are printed per phase and
// copied into doc/reliability.md.

#include "reliability/fault_engines.hpp"
#include "reliability/fault_load.hpp"
#include "reliability/fault_phases.hpp"
#include "support/redis_server.hpp"
#include "support/tcp_proxy.hpp"
#include "unit/users/postgres_server.hpp"

namespace cruddur::testing {
namespace {

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
  run_phases("postgres", proxy, load, {[&] { postgres.stop(); }, [&] { postgres.start(); }, {}}, true);
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
  run_phases("redis", proxy, load, {[&] { redis.kill_hard(); }, [&] { redis.start(); }, {}}, false);
  auto figures = load.figures();
  for (const auto& [phase, f] : figures) EXPECT_EQ(f.unavailable, 0) << phase << ": a 503 because of Redis";
  expect_ledger_stored(server.port(), people, load.ledger().all(), 100);
}

// The DynamoDB engine's test, on dynalite or DynamoDB Local: `people` senders, `readers` readers.
template <typename Engine>
void dynamodb_engine_faults(const std::string& name, Engine& engine, int people_count, int readers) {
  TcpProxy proxy(engine.port());
  TempDir data;
  ServerProcess server(data.path(),
                       {"--store", "dynamodb", "--table", "faults", "--signin-rate", "0", "--signin-failures", "0",
                        "--send-rate", "0"},
                       {{"AWS_ENDPOINT_URL", "http://127.0.0.1:" + std::to_string(proxy.port())},
                        {"AWS_REGION", "us-east-1"}});
  std::vector<Person> people;
  {
    HttpClient setup(server.port());
    for (int i = 0; i < people_count; ++i) people.push_back(sign_up(setup, "dyn" + std::to_string(i)));
  }
  FaultLoad load(server.port(), people, readers);
  run_phases(name, proxy, load, {[&] { engine.kill(); }, [&] { engine.start(); }, {}}, true);
  expect_ledger_stored(server.port(), people, load.ledger().all(), 100);
}

// A server started while its engine does not answer yet (a container starting beside it, DynamoDB Local's
// JVM warming up) waits for it rather than exiting, says so once, and serves as soon as the engine answers.
TEST(DependencyFaults, AServerStartedBeforeItsDynamoDbEngineAnswersWaitsForIt) {
  Dynalite dynalite;
  TcpProxy proxy(dynalite.port());
  proxy.set_mode(TcpProxy::Mode::refuse);
  std::thread opens_later([&proxy] {
    std::this_thread::sleep_for(std::chrono::seconds(2));
    proxy.set_mode(TcpProxy::Mode::pass);
  });
  TempDir data;
  auto started = std::chrono::steady_clock::now();
  std::optional<ServerProcess> server;
  try {
    server.emplace(data.path(), std::vector<std::string>{"--store", "dynamodb", "--table", "late", "--signin-rate", "0"},
                   std::map<std::string, std::string>{{"AWS_ENDPOINT_URL", "http://127.0.0.1:" + std::to_string(proxy.port())},
                                                      {"AWS_REGION", "us-east-1"}});
  } catch (...) {
    opens_later.join();
    throw;
  }
  opens_later.join();
  EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::seconds(2)) << "it cannot have started before";
  HttpClient client(server->port());
  Person a = sign_up(client, "late_a");
  Person b = sign_up(client, "late_b");
  EXPECT_EQ(send_to_handle(client, a, b.handle, "there you are").status, 200);
  EXPECT_NE(server->log_tail(100000).find("storage does not answer yet"), std::string::npos) << server->log_tail();
}

// serve's --storage-timeout (500 ms) is for a client waiting on an answer; a command working through data (here
// the table's creation; import and migrate alike) waits for a slow engine instead of stopping half-way: a
// migrate into DynamoDB Local on a loaded machine used to stop at a BatchWriteItem that took 500 ms.
TEST(DependencyFaults, CommandsOtherThanServeWaitForASlowEngine) {
  Dynalite dynalite;
  TcpProxy proxy(dynalite.port());
  proxy.set_delay(std::chrono::milliseconds(700));  // each way: every call takes over 1.4 s
  TempDir data;
  const std::string endpoint = "http://127.0.0.1:" + std::to_string(proxy.port());
  ::setenv("AWS_ENDPOINT_URL", endpoint.c_str(), 1);
  ::setenv("AWS_REGION", "us-east-1", 1);
  auto created = run_cruddur({"ddb", "schema-load", "--store", "dynamodb", "--table", "slow", "--data", data.str()});
  auto listed = run_cruddur({"ddb", "list-tables", "--store", "dynamodb", "--data", data.str()});
  ::unsetenv("AWS_ENDPOINT_URL");
  ::unsetenv("AWS_REGION");
  EXPECT_EQ(created.exit_code, 0) << created.output;
  EXPECT_NE(listed.output.find("slow"), std::string::npos) << listed.output;
}

TEST(DependencyFaults, DynaliteSlowedHungStoppedAndRestarted) {
  Dynalite dynalite;
  dynamodb_engine_faults("dynalite", dynalite, 6, 3);
}

// Amazon's DynamoDB Local (java, its SQLite file kept across the kill): slower to start (1.5 s on an idle
// machine, 15 s on a loaded one) and per request (a send takes ~0.1 s of its time where dynalite takes a few
// ms): fewer clients, so that it is not saturated (the service's 500 ms budget is for an engine that stopped
// answering, not for a queue). Recovery is counted from the moment it answers again.
TEST(DynamoDbLocalFaults, SlowedHungStoppedAndRestarted) {
  DynamoDbLocal local;
  dynamodb_engine_faults("dynamodb-local", local, 4, 2);
}

}  // namespace
}  // namespace cruddur::testing
