// SigV4 against AWS's published test suite (aws-sig-v4-test-suite: credentials AKIDEXAMPLE /
// wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY, region us-east-1, service "service", 20150830T123600Z), the worked
// example of the IAM documentation (signing key and ListUsers), and a DynamoDB request.

#include "aws/sigv4.hpp"

#include "aws/hmac_sha256.hpp"

#include <gtest/gtest.h>

namespace cruddur::aws::sigv4 {
namespace {

const Credentials suite_credentials{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", std::nullopt};
constexpr const char* suite_date = "20150830T123600Z";
constexpr const char* empty_sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

struct Vector {
  const char* name;
  Request request;
  std::string body;
  std::string canonical_request;
  std::string string_to_sign;
  std::string authorization;
};

Request make(std::string method, std::string path, std::string query,
             std::vector<std::pair<std::string, std::string>> extra_headers = {}) {
  Request r;
  r.method = std::move(method);
  r.path = std::move(path);
  r.query = std::move(query);
  r.headers = {{"Host", "example.amazonaws.com"}};
  for (auto& h : extra_headers) r.headers.push_back(std::move(h));
  r.headers.emplace_back("X-Amz-Date", suite_date);
  return r;
}

std::string sts(const std::string& hash) {
  return "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n" + hash;
}

std::string authz(const std::string& signed_headers, const std::string& signature) {
  return "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=" +
         signed_headers + ", Signature=" + signature;
}

const std::string vanilla_headers = "host:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n";
const std::string session_token =
    "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YU"
    "uwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8Y"
    "QcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICC"
    "R/oLxBA==";
const std::string unreserved = "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

std::vector<Vector> suite() {
  return {
      {"get-vanilla", make("GET", "/", ""), "", "GET\n/\n\n" + vanilla_headers + empty_sha256,
       sts("bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63"),
       authz("host;x-amz-date", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")},
      {"post-vanilla", make("POST", "/", ""), "", "POST\n/\n\n" + vanilla_headers + empty_sha256,
       sts("553f88c9e4d10fc9e109e2aeb65f030801b70c2f6468faca261d401ae622fc87"),
       authz("host;x-amz-date", "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b")},
      {"get-vanilla-query-order-key-case", make("GET", "/", "Param2=value2&Param1=value1"), "",
       "GET\n/\nParam1=value1&Param2=value2\n" + vanilla_headers + empty_sha256,
       sts("816cd5b414d056048ba4f7c5386d6e0533120fb1fcfa93762cf0fc39e2cf19e0"),
       authz("host;x-amz-date", "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500")},
      {"get-vanilla-query-order-value", make("GET", "/", "Param1=value2&Param1=value1"), "",
       "GET\n/\nParam1=value1&Param1=value2\n" + vanilla_headers + empty_sha256,
       sts("c968629d70850097a2d8781c9bf7edcb988b04cac14cca9be4acc3595f884606"),
       authz("host;x-amz-date", "5772eed61e12b33fae39ee5e7012498b51d56abc0abb7c60486157bd471c4694")},
      {"get-vanilla-query-unreserved", make("GET", "/", unreserved + "=" + unreserved), "",
       "GET\n/\n" + unreserved + "=" + unreserved + "\n" + vanilla_headers + empty_sha256,
       sts("c30d4703d9f799439be92736156d47ccfb2d879ddf56f5befa6d1d6aab979177"),
       authz("host;x-amz-date", "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197")},
      {"get-unreserved", make("GET", "/" + unreserved, ""), "",
       "GET\n/" + unreserved + "\n\n" + vanilla_headers + empty_sha256,
       sts("6a968768eefaa713e2a6b16b589a8ea192661f098f37349f4e2c0082757446f9"),
       authz("host;x-amz-date", "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f")},
      {"post-x-www-form-urlencoded",
       make("POST", "/", "", {{"Content-Type", "application/x-www-form-urlencoded"}}), "Param1=value1",
       "POST\n/\n\ncontent-type:application/x-www-form-urlencoded\nhost:example.amazonaws.com\n"
       "x-amz-date:20150830T123600Z\n\ncontent-type;host;x-amz-date\n"
       "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e",
       sts("42a5e5bb34198acb3e84da4f085bb7927f2bc277ca766e6d19c73c2154021281"),
       authz("content-type;host;x-amz-date", "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a")},
      {"get-header-value-trim",
       make("GET", "/", "", {{"My-Header1", " value1"}, {"My-Header2", " \"a   b   c\""}}), "",
       "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value1\nmy-header2:\"a b c\"\n"
       "x-amz-date:20150830T123600Z\n\nhost;my-header1;my-header2;x-amz-date\n" + std::string(empty_sha256),
       sts("a726db9b0df21c14f559d0a978e563112acb1b9e05476f0a6a1c7d68f28605c7"),
       authz("host;my-header1;my-header2;x-amz-date", "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736")},
      {"get-header-key-duplicate",
       make("GET", "/", "", {{"My-Header1", "value2"}, {"My-Header1", "value2"}, {"My-Header1", "value1"}}), "",
       "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value2,value2,value1\nx-amz-date:20150830T123600Z\n\n"
       "host;my-header1;x-amz-date\n" + std::string(empty_sha256),
       sts("dc7f04a3abfde8d472b0ab1a418b741b7c67174dad1551b4117b15527fbe966c"),
       authz("host;my-header1;x-amz-date", "c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea")},
      {"get-header-value-order",
       make("GET", "/", "",
            {{"My-Header1", "value4"}, {"My-Header1", "value1"}, {"My-Header1", "value3"}, {"My-Header1", "value2"}}),
       "",
       "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value4,value1,value3,value2\nx-amz-date:20150830T123600Z\n\n"
       "host;my-header1;x-amz-date\n" + std::string(empty_sha256),
       sts("31ce73cd3f3d9f66977ad3dd957dc47af14df92fcd8509f59b349e9137c58b86"),
       authz("host;my-header1;x-amz-date", "08c7e5a9acfcfeb3ab6b2185e75ce8b1deb5e634ec47601a50643f830c755c01")},
      {"post-sts-header-before", make("POST", "/", "", {{"X-Amz-Security-Token", session_token}}), "",
       "POST\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\nx-amz-security-token:" + session_token +
           "\n\nhost;x-amz-date;x-amz-security-token\n" + empty_sha256,
       sts("c237e1b440d4c63c32ca95b5b99481081cb7b13c7e40434868e71567c1a882f6"),
       authz("host;x-amz-date;x-amz-security-token", "85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead")},
      {"normalize-path-relative-relative", make("GET", "/example1/example2/../..", ""), "",
       "GET\n/\n\n" + vanilla_headers + empty_sha256,
       sts("bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63"),
       authz("host;x-amz-date", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")},
      {"normalize-path-slash-pointless-dot", make("GET", "/./example", ""), "",
       "GET\n/example\n\n" + vanilla_headers + empty_sha256,
       sts("214d50c111a8edc4819da6a636336472c916b5240f51e9a51b5c3305180cf702"),
       authz("host;x-amz-date", "ef75d96142cf21edca26f06005da7988e4f8dc83a165a80865db7089db637ec5")},
  };
}

TEST(SigV4, PublishedTestSuiteVectors) {
  for (auto v : suite()) {
    SCOPED_TRACE(v.name);
    v.request.payload_sha256 = sha256_hex(v.body);
    const std::string creq = canonical_request(v.request);
    EXPECT_EQ(creq, v.canonical_request);
    const Scope scope{"20150830", "us-east-1", "service"};
    EXPECT_EQ(string_to_sign(suite_date, scope, creq), v.string_to_sign);
    EXPECT_EQ(authorization(v.request, suite_credentials, suite_date, "us-east-1", "service"), v.authorization);
  }
}

TEST(SigV4, DocumentedSigningKeyAndIamListUsersExample) {
  // The IAM user guide's worked example ("Create a signed AWS API request").
  const Scope scope{"20150830", "us-east-1", "iam"};
  auto key = signing_key(suite_credentials.secret_access_key, scope);
  EXPECT_EQ(hex(key.data(), key.size()), "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9");

  Request list_users;
  list_users.method = "GET";
  list_users.path = "/";
  list_users.query = "Action=ListUsers&Version=2010-05-08";
  list_users.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"},
                        {"Host", "iam.amazonaws.com"},
                        {"X-Amz-Date", suite_date}};
  list_users.payload_sha256 = sha256_hex("");
  const std::string to_sign = string_to_sign(suite_date, scope, canonical_request(list_users));
  EXPECT_EQ(to_sign,
            "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/iam/aws4_request\n"
            "f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59");
  EXPECT_EQ(signature(key, to_sign), "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
}

TEST(SigV4, DynamoDbGetItemRequest) {
  // Expected values computed independently with botocore's SigV4Auth (botocore 1.43.11) for this request:
  // POST https://dynamodb.us-east-1.amazonaws.com/ at 2015-08-30T12:36:00Z, service dynamodb.
  const std::string body =
      R"({"TableName":"cruddur-messages","Key":{"pk":{"S":"GRP#1"},"sk":{"S":"MSG#2"}},"ConsistentRead":true})";
  Request r;
  r.method = "POST";
  r.path = "/";
  r.headers = {{"Content-Type", "application/x-amz-json-1.0"},
               {"Host", "dynamodb.us-east-1.amazonaws.com"},
               {"X-Amz-Date", suite_date},
               {"X-Amz-Target", "DynamoDB_20120810.GetItem"}};
  r.payload_sha256 = sha256_hex(body);
  EXPECT_EQ(authorization(r, suite_credentials, suite_date, "us-east-1", "dynamodb"),
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/dynamodb/aws4_request, "
            "SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
            "Signature=5475158021e20b8112bdd7f7e8f2fb90dff2216885f63eee37283d6c34a729a8");

  // With temporary credentials the token header is signed too.
  r.headers.emplace_back("X-Amz-Security-Token", "FQoGZXIvYXdzEXAMPLETOKEN");
  EXPECT_EQ(authorization(r, suite_credentials, suite_date, "us-east-1", "dynamodb"),
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/dynamodb/aws4_request, "
            "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, "
            "Signature=91a10f8539fa97d9950419202f32441b0d94c2e0645fa98821ef38f7456a8cfb");
}

TEST(SigV4, TheSignerWithItsCachedKeyAgreesWithTheWholeChain) {
  // Every published vector, twice each (the second time from the cached signing key), then another date.
  const Signer signer(suite_credentials, "us-east-1", "service");
  for (int round = 0; round < 2; ++round) {
    for (auto v : suite()) {
      SCOPED_TRACE(v.name);
      v.request.payload_sha256 = sha256_hex(v.body);
      EXPECT_EQ(signer.authorization(v.request, suite_date), v.authorization);
    }
  }
  Request r = make("GET", "/", "");
  r.headers[1].second = "20150831T000001Z";
  r.payload_sha256 = sha256_hex("");
  EXPECT_EQ(signer.authorization(r, "20150831T000001Z"),
            authorization(r, suite_credentials, "20150831T000001Z", "us-east-1", "service"));
  r.headers[1].second = suite_date;
  EXPECT_EQ(signer.authorization(r, suite_date), suite()[0].authorization) << "back to the first date";
}

TEST(SigV4, SignAddsTheDateTheTokenAndTheAuthorization) {
  const Credentials with_token{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "TOKEN"};
  const Signer signer(with_token, "us-east-1", "dynamodb");
  std::vector<std::pair<std::string, std::string>> headers{{"Content-Type", "application/x-amz-json-1.0"},
                                                           {"Host", "dynamodb.us-east-1.amazonaws.com"},
                                                           {"X-Amz-Target", "DynamoDB_20120810.GetItem"}};
  const std::string body = R"({"TableName":"t"})";
  signer.sign("POST", "/", "", headers, body, std::chrono::system_clock::time_point(std::chrono::seconds(1440938160)));
  ASSERT_EQ(headers.size(), 6u);
  EXPECT_EQ(headers[3], (std::pair<std::string, std::string>{"X-Amz-Date", suite_date}));
  EXPECT_EQ(headers[4], (std::pair<std::string, std::string>{"X-Amz-Security-Token", "TOKEN"}));
  Request expected;
  expected.method = "POST";
  expected.headers.assign(headers.begin(), headers.begin() + 5);
  expected.payload_sha256 = sha256_hex(body);
  EXPECT_EQ(headers[5].first, "Authorization");
  EXPECT_EQ(headers[5].second, authorization(expected, with_token, suite_date, "us-east-1", "dynamodb"));
}

TEST(SigV4, HmacOfLongKeysAndTheRfc4231Vectors) {
  // RFC 4231 test cases 2 and 6 (a key longer than the block is hashed first).
  auto mac = aws::hmac_sha256("Jefe", "what do ya want for nothing?");
  EXPECT_EQ(hex(mac.data(), mac.size()), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  mac = aws::hmac_sha256(std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First");
  EXPECT_EQ(hex(mac.data(), mac.size()), "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(SigV4, AmzDateIsUtcBasicFormat) {
  using namespace std::chrono;
  EXPECT_EQ(amz_date(system_clock::time_point(seconds(1440938160))), "20150830T123600Z");
}

TEST(SigV4, UriEncodingKeepsOnlyUnreservedCharacters) {
  EXPECT_EQ(uri_encode("a b/c~d*é", false), "a%20b%2Fc~d%2A%C3%A9");
  EXPECT_EQ(uri_encode("/a b/", true), "/a%20b/");
  EXPECT_EQ(canonical_query("b=2&a=1&a=0&flag"), "a=0&a=1&b=2&flag=");
  EXPECT_EQ(canonical_query("k=a%20b"), canonical_query("k=a b"));
}

}  // namespace
}  // namespace cruddur::aws::sigv4
