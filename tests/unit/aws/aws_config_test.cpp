// Endpoint, region and credential resolution, with a fake environment and shared files in a temp dir.

#include "aws/aws_config.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "support/temp_dir.hpp"

namespace cruddur::aws {
namespace {

class AwsConfigResolution : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(home.path() / ".aws");
    vars["HOME"] = home.str();
  }

  void write(const std::string& relative, const std::string& text) {
    std::ofstream(home.path() / relative) << text;
  }

  AwsConfig resolve() {
    return resolve_aws_config([this](const std::string& name) -> std::optional<std::string> {
      auto it = vars.find(name);
      if (it == vars.end()) return std::nullopt;
      return it->second;
    });
  }

  cruddur::testing::TempDir home;
  std::map<std::string, std::string> vars;
};

TEST_F(AwsConfigResolution, EnvironmentVariablesWin) {
  write(".aws/credentials", "[default]\naws_access_key_id = FROMFILE\naws_secret_access_key = filesecret\n");
  vars["AWS_ACCESS_KEY_ID"] = "AKIAENV";
  vars["AWS_SECRET_ACCESS_KEY"] = "envsecret";
  vars["AWS_SESSION_TOKEN"] = "token";
  vars["AWS_REGION"] = "eu-west-1";
  vars["AWS_DEFAULT_REGION"] = "us-west-2";
  AwsConfig c = resolve();
  EXPECT_EQ(c.credentials.access_key_id, "AKIAENV");
  EXPECT_EQ(c.credentials.secret_access_key, "envsecret");
  EXPECT_EQ(c.credentials.session_token, "token");
  EXPECT_EQ(c.region, "eu-west-1");
  EXPECT_EQ(c.endpoint, "https://dynamodb.eu-west-1.amazonaws.com");
  EXPECT_EQ(c.credentials_source, "environment");
}

TEST_F(AwsConfigResolution, DefaultRegionVariableAndServiceSpecificEndpoint) {
  vars["AWS_ACCESS_KEY_ID"] = "AKIAENV";
  vars["AWS_SECRET_ACCESS_KEY"] = "envsecret";
  vars["AWS_DEFAULT_REGION"] = "us-west-2";
  EXPECT_EQ(resolve().region, "us-west-2");
  vars["AWS_ENDPOINT_URL"] = "http://general.example:1";
  EXPECT_EQ(resolve().endpoint, "http://general.example:1");
  vars["AWS_ENDPOINT_URL_DYNAMODB"] = "http://dynamo.example:2";
  EXPECT_EQ(resolve().endpoint, "http://dynamo.example:2");
}

TEST_F(AwsConfigResolution, SharedFilesWithTheDefaultProfile) {
  write(".aws/credentials",
        "# comment\n[other]\naws_access_key_id = OTHER\naws_secret_access_key = othersecret\n\n"
        "[default]\naws_access_key_id = AKIAFILE\naws_secret_access_key = filesecret\n");
  write(".aws/config", "[default]\nregion = ap-southeast-2\ns3 =\n  max_concurrent_requests = 10\n");
  AwsConfig c = resolve();
  EXPECT_EQ(c.credentials.access_key_id, "AKIAFILE");
  EXPECT_EQ(c.credentials.secret_access_key, "filesecret");
  EXPECT_FALSE(c.credentials.session_token);
  EXPECT_EQ(c.region, "ap-southeast-2");
  EXPECT_NE(c.credentials_source.find("profile default"), std::string::npos);
}

TEST_F(AwsConfigResolution, NamedProfileUsesProfileSectionsInConfig) {
  write(".aws/credentials", "[default]\naws_access_key_id = D\naws_secret_access_key = d\n"
                            "[work]\naws_access_key_id = W\naws_secret_access_key = w\naws_session_token = wt\n");
  write(".aws/config", "[default]\nregion = us-east-2\n[profile work]\nregion = ca-central-1\n"
                       "endpoint_url = http://127.0.0.1:8000\n");
  vars["AWS_PROFILE"] = "work";
  AwsConfig c = resolve();
  EXPECT_EQ(c.credentials.access_key_id, "W");
  EXPECT_EQ(c.credentials.session_token, "wt");
  EXPECT_EQ(c.region, "ca-central-1");
  EXPECT_EQ(c.endpoint, "http://127.0.0.1:8000");
}

TEST_F(AwsConfigResolution, FileLocationsComeFromTheirVariables) {
  write("creds", "[default]\naws_access_key_id = ELSEWHERE\naws_secret_access_key = s\n");
  write("conf", "[default]\nregion = sa-east-1\n");
  vars["AWS_SHARED_CREDENTIALS_FILE"] = (home.path() / "creds").string();
  vars["AWS_CONFIG_FILE"] = (home.path() / "conf").string();
  AwsConfig c = resolve();
  EXPECT_EQ(c.credentials.access_key_id, "ELSEWHERE");
  EXPECT_EQ(c.region, "sa-east-1");
}

TEST_F(AwsConfigResolution, CredentialsMayLiveInTheConfigFile) {
  write(".aws/config", "[default]\nregion = eu-north-1\naws_access_key_id = INCONFIG\naws_secret_access_key = s\n");
  EXPECT_EQ(resolve().credentials.access_key_id, "INCONFIG");
}

TEST_F(AwsConfigResolution, MissingCredentialsForAwsAreAnErrorAtStart) {
  vars["AWS_REGION"] = "us-east-1";
  try {
    resolve();
    FAIL() << "expected AwsConfigError";
  } catch (const AwsConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("AWS_ACCESS_KEY_ID"), std::string::npos) << e.what();
  }
  vars["AWS_ENDPOINT_URL"] = "https://alternator.example.com:8043";  // remote, not AWS: still needed
  EXPECT_THROW(resolve(), AwsConfigError);
}

TEST_F(AwsConfigResolution, MissingRegionForAwsIsAnError) {
  vars["AWS_ACCESS_KEY_ID"] = "A";
  vars["AWS_SECRET_ACCESS_KEY"] = "s";
  EXPECT_THROW(resolve(), AwsConfigError);
}

TEST_F(AwsConfigResolution, LocalEndpointsGetDummyCredentialsAndADefaultRegion) {
  for (const char* endpoint : {"http://127.0.0.1:8000", "http://localhost:4567", "http://[::1]:9000"}) {
    vars["AWS_ENDPOINT_URL"] = endpoint;
    AwsConfig c = resolve();
    EXPECT_EQ(c.endpoint, endpoint);
    EXPECT_EQ(c.region, "us-east-1");
    EXPECT_FALSE(c.credentials.access_key_id.empty());
    EXPECT_FALSE(c.credentials.secret_access_key.empty());
  }
}

TEST_F(AwsConfigResolution, MalformedEndpointIsAnError) {
  vars["AWS_ENDPOINT_URL"] = "localhost:8000";
  EXPECT_THROW(resolve(), AwsConfigError);
}

TEST(LocalEndpoint, RecognisesThisMachineOnly) {
  EXPECT_TRUE(is_local_endpoint("http://127.0.0.1:8000"));
  EXPECT_TRUE(is_local_endpoint("http://127.1.2.3:8000"));
  EXPECT_TRUE(is_local_endpoint("http://LOCALHOST:8000"));
  EXPECT_FALSE(is_local_endpoint("https://dynamodb.us-east-1.amazonaws.com"));
  EXPECT_FALSE(is_local_endpoint("http://localhost.example.com"));
  EXPECT_FALSE(is_local_endpoint("not a url"));
}

}  // namespace
}  // namespace cruddur::aws
