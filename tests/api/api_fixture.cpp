#include "api_fixture.hpp"

#include <sodium.h>
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace cruddur::testing {

namespace {

std::string env_or(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value && *value ? value : fallback;
}

std::string random_digits(int count) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  std::string digits;
  for (int i = 0; i < count; ++i) digits += char('0' + randombytes_uniform(10));
  return digits;
}

}  // namespace

std::vector<std::string> engine_under_test_args() {
  if (env_or("CRUDDUR_TEST_ENGINE", "sqlite") == "dynamodb")
    return {"--store", "dynamodb", "--table", "cruddur-test-" + random_digits(12)};
  return {"--store", "sqlite"};
}

TestServer::TestServer(std::vector<std::string> extra_args) : engine_args_(engine_under_test_args()) {
  std::vector<std::string> args = engine_args_;
  // Tests sign many people up from one address: the sign-in throttle is off unless a test sets it.
  for (const char* flag : {"--signin-rate", "--signin-failures"}) {
    if (std::find(extra_args.begin(), extra_args.end(), flag) == extra_args.end()) args.insert(args.end(), {flag, "0"});
  }
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  process_ = std::make_unique<ServerProcess>(data_.path(), args);
}

TestServer& shared_server() {
  // The shared server allows a generous send rate: tests send hundreds of messages quickly.
  static TestServer server({"--send-rate", "0"});
  return server;
}

std::string unique_handle(const std::string& prefix) { return prefix.substr(0, 17) + "_" + random_digits(12); }

Person sign_up(HttpClient& client, const std::string& prefix) {
  Person person;
  person.handle = unique_handle(prefix);
  person.display_name = "Person " + prefix;
  boost::json::value body{{"display_name", person.display_name},
                          {"handle", person.handle},
                          {"email", person.handle + "@example.com"},
                          {"password", "correct horse battery"}};
  Reply reply = client.post_json("/api/auth/signup", body);
  if (reply.status != 201) throw std::runtime_error("sign-up failed: " + std::to_string(reply.status) + " " + reply.body);
  auto json = reply.json();
  person.token = std::string(json.at("access_token").as_string());
  person.uuid = std::string(json.at("user").at("uuid").as_string());
  return person;
}

namespace {
Reply send(HttpClient& client, const Person& from, boost::json::object body, const std::string& text,
           const std::string& client_message_id) {
  body["message"] = text;
  if (!client_message_id.empty()) body["client_message_id"] = client_message_id;
  return client.post_json("/api/messages", body, from.auth());
}
}  // namespace

Reply send_to_handle(HttpClient& client, const Person& from, const std::string& handle, const std::string& text,
                     const std::string& client_message_id) {
  return send(client, from, {{"handle", handle}}, text, client_message_id);
}

Reply reply_to(HttpClient& client, const Person& from, const std::string& group, const std::string& text,
               const std::string& client_message_id) {
  return send(client, from, {{"message_group_uuid", group}}, text, client_message_id);
}

std::vector<std::string> error_codes(const Reply& reply) {
  std::vector<std::string> codes;
  auto json = reply.json();
  if (!json.is_object() || !json.as_object().contains("errors")) return codes;
  for (const auto& code : json.at("errors").as_array()) codes.emplace_back(code.as_string());
  return codes;
}

CommandResult run_cruddur(const std::vector<std::string>& args) {
  std::string command = env_or("CRUDDUR_BINARY", "cruddur");
  for (const auto& arg : args) {
    command += " '";
    for (char c : arg) command += c == '\'' ? std::string("'\\''") : std::string(1, c);
    command += "'";
  }
  command += " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) throw std::runtime_error("popen failed");
  std::string output;
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) output.append(buffer.data(), n);
  int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

}  // namespace cruddur::testing
