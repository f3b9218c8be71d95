#include "reliability/fault_engines.hpp"

#include <cstdio>
#include <stdexcept>

#include "support/engines_dir.hpp"
#include "support/free_port.hpp"
#include "support/run_command.hpp"
#include "support/http_client.hpp"

namespace cruddur::testing {

using namespace std::chrono_literals;

namespace {

// Waits until GET / on the port gets any HTTP answer (dynalite: 200; DynamoDB Local: 400).
void wait_for_http(uint16_t port, std::chrono::seconds timeout, const std::string& name,
                   const std::filesystem::path& log) {
  bool ready = wait_until(
      [&] {
        try {
          HttpClient probe(port);
          probe.set_timeout(500ms);
          return probe.get("/").status > 0;
        } catch (const std::exception&) {
          return false;
        }
      },
      timeout, 50ms);
  if (!ready) throw std::runtime_error(name + " did not start: " + file_tail(log));
}

// DynamoDB Local "is back" once it answers a real request promptly, not merely HTTP: its JVM, restarted on a
// loaded machine, first answers in 0.5-1.5 s for a while (the service's 500 ms budget then answers 503, which is
// right, but the engine has not returned yet). Waits until three ListTables in a row each answer 200 within
// 250 ms (DynamoDB Local checks the Authorization header's form, not its signature).
void wait_until_prompt(uint16_t port, std::chrono::seconds timeout, const std::filesystem::path& log) {
  const HttpClient::Headers headers{
      {"X-Amz-Target", "DynamoDB_20120810.ListTables"},
      {"Content-Type", "application/x-amz-json-1.0"},
      {"X-Amz-Date", "20260101T000000Z"},
      {"Authorization",
       "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, "
       "Signature=0000000000000000000000000000000000000000000000000000000000000000"}};
  int prompt_in_a_row = 0;
  bool ready = wait_until(
      [&] {
        try {
          HttpClient probe(port);
          probe.set_timeout(2s);
          auto started = std::chrono::steady_clock::now();
          bool prompt = probe.post("/", "{}", headers).status == 200 &&
                        std::chrono::steady_clock::now() - started < 250ms;
          prompt_in_a_row = prompt ? prompt_in_a_row + 1 : 0;
        } catch (const std::exception&) {
          prompt_in_a_row = 0;
        }
        return prompt_in_a_row >= 3;
      },
      timeout, 20ms);
  if (!ready) throw std::runtime_error("DynamoDB Local never answered promptly: " + file_tail(log));
}

// The jar's directory: start-dynamodb-local.sh --fetch-only fetches it once and prints it.
std::string dynamodb_local_home() {
  std::string out = run_command(engines_dir() + "/start-dynamodb-local.sh --fetch-only");
  if (out.empty()) throw std::runtime_error("start-dynamodb-local.sh --fetch-only printed nothing");
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

}  // namespace

Dynalite::Dynalite() : port_(free_port()) { start(); }

void Dynalite::start() {
  process_ = std::make_unique<ChildProcess>(
      "node",
      std::vector<std::string>{engines_dir() + "/node_modules/dynalite/cli.js", "--host", "127.0.0.1", "--port",
                               std::to_string(port_), "--path", (dir_.path() / "data").string(), "--createTableMs", "0",
                               "--deleteTableMs", "0", "--updateTableMs", "0"},
      dir_.path() / "dynalite.log");
  wait_for_http(port_, 15s, "dynalite", dir_.path() / "dynalite.log");
}

// DynamoDB Local's SQLite file syncs every write: on this machine's disk that made it ten times slower than
// dynalite (1-second sends, 503s with nothing wrong). On tmpfs the syncs cost nothing and the file still
// outlives the process, which is all a kill and restart need.
namespace {
std::filesystem::path memory_dir() {
  return std::filesystem::is_directory("/dev/shm") ? std::filesystem::path("/dev/shm")
                                                   : std::filesystem::temp_directory_path();
}
}  // namespace

DynamoDbLocal::DynamoDbLocal() : data_(memory_dir()), home_(dynamodb_local_home()), port_(free_port()) { start(); }

// -sharedDb -dbPath: one SQLite file in our dir whatever the credentials, kept across kills.
void DynamoDbLocal::start() {
  process_ = std::make_unique<ChildProcess>(
      "java",
      std::vector<std::string>{"-Xmx256m", "-Djava.library.path=" + home_ + "/DynamoDBLocal_lib", "-jar",
                               home_ + "/DynamoDBLocal.jar", "-sharedDb", "-dbPath", data_.str(), "-port",
                               std::to_string(port_)},
      dir_.path() / "dynamodb-local.log");
  wait_for_http(port_, 60s, "DynamoDB Local", dir_.path() / "dynamodb-local.log");
  wait_until_prompt(port_, 30s, dir_.path() / "dynamodb-local.log");
}

}  // namespace cruddur::testing
