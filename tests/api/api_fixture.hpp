#pragma once
// Black-box API tests: the real `cruddur` binary (CRUDDUR_BINARY) on a free port with a temp data dir,
// spoken to over HTTP. The engine under test comes from the environment: CRUDDUR_TEST_ENGINE=sqlite
// (default), or dynamodb with AWS_ENDPOINT_URL set by the wrapper script that started dynalite / DynamoDB
// Local; each server then gets its own table.
//
// Most tests share one server (started on first use) and make their own people with unique handles, so they
// do not see each other's data.

#include <boost/json.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

namespace cruddur::testing {

struct Person {
  std::string uuid;
  std::string handle;
  std::string display_name;
  std::string token;
  HttpClient::Headers auth() const { return {{"Authorization", "Bearer " + token}}; }
};

// Flags selecting the engine under test: `--store sqlite`, or `--store dynamodb --table <fresh name>`.
std::vector<std::string> engine_under_test_args();

// A server plus its data dir; extra flags for tests that need them (rate limits, demo data). The sign-in
// throttle is off (--signin-rate 0 --signin-failures 0) unless `extra_args` sets those flags.
class TestServer {
 public:
  explicit TestServer(std::vector<std::string> extra_args = {});
  ServerProcess& process() { return *process_; }
  uint16_t port() const { return process_->port(); }
  const TempDir& data() const { return data_; }
  // The flags that select the engine under test (also for CLI commands run against the same data).
  const std::vector<std::string>& engine_args() const { return engine_args_; }

 private:
  TempDir data_;
  std::vector<std::string> engine_args_;
  std::unique_ptr<ServerProcess> process_;
};

// The shared server.
TestServer& shared_server();

// A handle nobody has used yet in this run: prefix + random digits, at most 30 characters.
std::string unique_handle(const std::string& prefix);

// Signs up a new person through the API (asserting 201).
Person sign_up(HttpClient& client, const std::string& prefix);

// POST /api/messages as `from`.
Reply send_to_handle(HttpClient& client, const Person& from, const std::string& handle, const std::string& text,
                     const std::string& client_message_id = "");
Reply reply_to(HttpClient& client, const Person& from, const std::string& group, const std::string& text,
               const std::string& client_message_id = "");

// The "errors" array of an error reply, as strings.
std::vector<std::string> error_codes(const Reply& reply);

// Runs `cruddur <args...>` to completion; returns exit code and combined output.
struct CommandResult {
  int exit_code;
  std::string output;
};
CommandResult run_cruddur(const std::vector<std::string>& args);

class ApiTest : public ::testing::Test {
 protected:
  ApiTest() : client(shared_server().port()) {}
  HttpClient client;
};

}  // namespace cruddur::testing
