#include "cognito_local.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <sstream>
#include <stdexcept>

#include "net/http_client.hpp"
#include "support/run_command.hpp"
#include "support/engines_dir.hpp"
#include "support/run_task.hpp"

namespace cruddur::testing {

namespace json = boost::json;

namespace {

json::array attributes(const CognitoLocal::NewUser& user) {
  json::array result;
  auto add = [&](const char* name, const std::optional<std::string>& value) {
    if (value) result.push_back(json::object{{"Name", name}, {"Value", *value}});
  };
  add("preferred_username", user.preferred_username);
  add("email", user.email);
  add("name", user.name);
  return result;
}

}  // namespace

CognitoLocal::CognitoLocal(Options options) : options_(std::move(options)), http_(std::make_shared<net::HttpClient>()) {
  port_ = options_.port;
  start();
}

CognitoLocal::~CognitoLocal() {
  if (pid_ != 0) std::system((engines_dir() + "/stop-engine.sh " + std::to_string(pid_)).c_str());
}

void CognitoLocal::start() {
  if (pid_ != 0) return;
  std::string command = engines_dir() + "/start-cognito-local.sh " + dir_.str();
  if (port_ != 0) command += " --port " + std::to_string(port_);
  if (!options_.issuer_domain.empty()) command += " --issuer-domain " + options_.issuer_domain;
  std::istringstream out(run_command(command));
  out >> port_ >> pid_;
  if (!out || port_ == 0 || pid_ == 0) throw std::runtime_error("start-cognito-local.sh printed no PORT PID");
}

void CognitoLocal::kill_hard() {
  if (pid_ == 0) return;
  ::kill(pid_, SIGKILL);
  // Not our child (the start script's): wait until it is gone rather than reap it.
  for (int i = 0; i < 200 && ::kill(pid_, 0) == 0; ++i) usleep(10'000);
  pid_ = 0;
}

std::string CognitoLocal::endpoint() const { return "http://127.0.0.1:" + std::to_string(port_) + "/"; }

std::string CognitoLocal::issuer(const std::string& pool_id) const {
  return "http://127.0.0.1:" + std::to_string(port_) + "/" + pool_id;
}

json::object CognitoLocal::call(const std::string& operation, json::object request) {
  net::HttpRequest http_request;
  http_request.method = "POST";
  http_request.url = endpoint();
  http_request.headers = {{"Content-Type", "application/x-amz-json-1.1"},
                          {"X-Amz-Target", "AWSCognitoIdentityProviderService." + operation}};
  http_request.body = json::serialize(request);
  auto response = run_task(http_->send(std::move(http_request)));
  if (response.status != 200)
    throw std::runtime_error("cognito-local " + operation + ": HTTP " + std::to_string(response.status) + " " +
                             response.body);
  return json::parse(response.body).as_object();
}

std::string CognitoLocal::create_pool(const std::string& name) {
  auto answer = call("CreateUserPool", {{"PoolName", name}});
  return std::string(answer.at("UserPool").at("Id").as_string());
}

std::string CognitoLocal::create_client(const std::string& pool_id, const std::string& name) {
  auto answer = call("CreateUserPoolClient",
                     {{"UserPoolId", pool_id}, {"ClientName", name}, {"ExplicitAuthFlows", {"USER_PASSWORD_AUTH"}}});
  return std::string(answer.at("UserPoolClient").at("ClientId").as_string());
}

std::string CognitoLocal::create_user(const std::string& pool_id, const NewUser& user) {
  auto created = call("AdminCreateUser", {{"UserPoolId", pool_id},
                                          {"Username", user.username},
                                          {"UserAttributes", attributes(user)},
                                          {"MessageAction", "SUPPRESS"}});
  call("AdminSetUserPassword",
       {{"UserPoolId", pool_id}, {"Username", user.username}, {"Password", user.password}, {"Permanent", true}});
  for (const auto& attribute : created.at("User").at("Attributes").as_array()) {
    if (attribute.at("Name") == "sub") return std::string(attribute.at("Value").as_string());
  }
  throw std::runtime_error("cognito-local AdminCreateUser answered without a sub");
}

CognitoLocal::Tokens CognitoLocal::sign_in(const std::string& client_id, const std::string& username,
                                           const std::string& password) {
  auto answer = call("InitiateAuth", {{"AuthFlow", "USER_PASSWORD_AUTH"},
                                      {"ClientId", client_id},
                                      {"AuthParameters", {{"USERNAME", username}, {"PASSWORD", password}}}});
  const auto& result = answer.at("AuthenticationResult").as_object();
  return Tokens{std::string(result.at("AccessToken").as_string()), std::string(result.at("IdToken").as_string()),
                std::string(result.at("RefreshToken").as_string())};
}

}  // namespace cruddur::testing
