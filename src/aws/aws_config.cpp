#include "aws/aws_config.hpp"

#include <cstdlib>
#include <fstream>
#include <map>

#include "net/url.hpp"

namespace cruddur::aws {
namespace {

using Section = std::map<std::string, std::string>;
using IniFile = std::map<std::string, Section>;

std::string trim(const std::string& s) {
  auto begin = s.find_first_not_of(" \t\r");
  if (begin == std::string::npos) return "";
  auto end = s.find_last_not_of(" \t\r");
  return s.substr(begin, end - begin + 1);
}

// The INI dialect of the AWS shared files: [section], key = value, '#' or ';' comments on their own line.
// Indented lines continue a nested block (e.g. "s3 =\n  max_concurrent_requests = 10") and are skipped.
// A missing file is an empty one.
IniFile read_ini(const std::string& path) {
  IniFile ini;
  std::ifstream in(path);
  std::string line;
  Section* current = nullptr;
  while (std::getline(in, line)) {
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) continue;
    std::string t = trim(line);
    if (t.empty() || t[0] == '#' || t[0] == ';') continue;
    if (t.front() == '[' && t.back() == ']') {
      current = &ini[trim(t.substr(1, t.size() - 2))];
      continue;
    }
    auto eq = t.find('=');
    if (eq == std::string::npos || !current) continue;
    (*current)[trim(t.substr(0, eq))] = trim(t.substr(eq + 1));
  }
  return ini;
}

std::optional<std::string> non_empty(const Environment& env, const std::string& name) {
  auto v = env(name);
  if (v && !v->empty()) return v;
  return std::nullopt;
}

std::optional<std::string> lookup(const Section* section, const std::string& key) {
  if (!section) return std::nullopt;
  auto it = section->find(key);
  if (it == section->end() || it->second.empty()) return std::nullopt;
  return it->second;
}

struct Files {
  IniFile credentials;
  IniFile config;
  std::string credentials_path;
  std::string config_path;
};

Files read_files(const Environment& env) {
  Files f;
  std::string home = non_empty(env, "HOME").value_or("");
  f.credentials_path = non_empty(env, "AWS_SHARED_CREDENTIALS_FILE").value_or(home + "/.aws/credentials");
  f.config_path = non_empty(env, "AWS_CONFIG_FILE").value_or(home + "/.aws/config");
  f.credentials = read_ini(f.credentials_path);
  f.config = read_ini(f.config_path);
  return f;
}

const Section* find_section(const IniFile& ini, const std::string& name) {
  auto it = ini.find(name);
  return it == ini.end() ? nullptr : &it->second;
}

std::optional<sigv4::Credentials> credentials_in(const Section* section) {
  auto id = lookup(section, "aws_access_key_id");
  auto secret = lookup(section, "aws_secret_access_key");
  if (!id || !secret) return std::nullopt;
  return sigv4::Credentials{*id, *secret, lookup(section, "aws_session_token")};
}

}  // namespace

Environment process_environment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (!value) return std::nullopt;
    return std::string(value);
  };
}

bool is_local_endpoint(const std::string& endpoint) {
  try {
    auto url = net::parse_url(endpoint);
    return url.host == "localhost" || url.host == "::1" || url.host.rfind("127.", 0) == 0;
  } catch (const std::invalid_argument&) {
    return false;
  }
}

AwsConfig resolve_aws_config(const Environment& env) {
  AwsConfig config;
  const std::string profile = non_empty(env, "AWS_PROFILE").value_or("default");
  const Files files = read_files(env);
  const Section* credentials_section = find_section(files.credentials, profile);
  const Section* config_section =
      find_section(files.config, profile == "default" ? std::string("default") : "profile " + profile);

  std::optional<std::string> endpoint = non_empty(env, "AWS_ENDPOINT_URL_DYNAMODB");
  if (!endpoint) endpoint = non_empty(env, "AWS_ENDPOINT_URL");
  if (!endpoint) endpoint = lookup(config_section, "endpoint_url");

  std::optional<std::string> region = non_empty(env, "AWS_REGION");
  if (!region) region = non_empty(env, "AWS_DEFAULT_REGION");
  if (!region) region = lookup(config_section, "region");
  if (!region && !endpoint) {
    throw AwsConfigError("DynamoDB: no AWS region: set AWS_REGION (or AWS_DEFAULT_REGION, or region in " +
                         files.config_path + "), or AWS_ENDPOINT_URL for a local engine");
  }
  config.region = region.value_or("us-east-1");
  config.endpoint = endpoint.value_or("https://dynamodb." + config.region + ".amazonaws.com");
  try {
    net::parse_url(config.endpoint);
  } catch (const std::invalid_argument& e) {
    throw AwsConfigError(std::string("DynamoDB endpoint: ") + e.what());
  }

  auto id = non_empty(env, "AWS_ACCESS_KEY_ID");
  auto secret = non_empty(env, "AWS_SECRET_ACCESS_KEY");
  if (id && secret) {
    config.credentials = {*id, *secret, non_empty(env, "AWS_SESSION_TOKEN")};
    config.credentials_source = "environment";
  } else if (auto c = credentials_in(credentials_section)) {
    config.credentials = *c;
    config.credentials_source = "shared credentials file " + files.credentials_path + " (profile " + profile + ")";
  } else if (auto c = credentials_in(config_section)) {
    config.credentials = *c;
    config.credentials_source = "config file " + files.config_path + " (profile " + profile + ")";
  } else if (is_local_endpoint(config.endpoint)) {
    config.credentials = {"local", "local", std::nullopt};
    config.credentials_source = "dummy credentials for the local endpoint " + config.endpoint;
  } else {
    throw AwsConfigError("DynamoDB at " + config.endpoint +
                         ": no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or profile '" +
                         profile + "' in " + files.credentials_path);
  }
  return config;
}

}  // namespace cruddur::aws
