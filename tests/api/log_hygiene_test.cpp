// Log hygiene over the whole API test run (issue 11): no server log of this run contains an access token,
// a stream ticket or a password that went through the tests' HTTP clients (support/secret_watch.hpp).
// Checked once, after every test of the binary has run, by a global test environment; a test below shows
// the check can fail.
#include <gmock/gmock.h>
#include <cstdio>
#include <gtest/gtest.h>

#include "support/secret_watch.hpp"

namespace cruddur::testing {
namespace {

class LogHygiene : public ::testing::Environment {
 public:
  void TearDown() override {
    LogScan scan = secrets_in_logs();
    // A run that watched nothing proves nothing (a filtered run of a few tests may see no secret).
    if (scan.logs == 0 || scan.secrets == 0) return;
    EXPECT_THAT(scan.found, ::testing::IsEmpty()) << "server logs of this run hold secrets (" << scan.logs
                                                   << " logs, " << scan.secrets << " secrets watched)";
    std::printf("log hygiene: %zu server logs checked for %zu secrets\n", scan.logs, scan.secrets);
  }
};

[[maybe_unused]] ::testing::Environment* const kLogHygiene = ::testing::AddGlobalTestEnvironment(new LogHygiene);

TEST(LogHygieneCheck, FindsASecretAsAWholeWordAndAPasswordAnywhere) {
  remember_secret("v2.c2VjcmV0LXRva2VuLWZvci10ZXN0.bWFj-_");
  remember_password("a password with spaces");
  EXPECT_THAT(secrets_in("auth: Bearer v2.c2VjcmV0LXRva2VuLWZvci10ZXN0.bWFj-_ ok"),
              ::testing::ElementsAre("v2.c2VjcmV0LXRva2VuLWZvci10ZXN0.bWFj-_"));
  EXPECT_THAT(secrets_in(R"({"target":"/api/stream?ticket=v2.c2VjcmV0LXRva2VuLWZvci10ZXN0.bWFj-_&since=1"})"),
              ::testing::SizeIs(1));
  EXPECT_THAT(secrets_in("body={\"password\":\"a password with spaces\"}"), ::testing::SizeIs(1));
  // Part of a longer word is not the secret.
  EXPECT_THAT(secrets_in("xv2.c2VjcmV0LXRva2VuLWZvci10ZXN0.bWFj-_x"), ::testing::IsEmpty());
}

}  // namespace
}  // namespace cruddur::testing
