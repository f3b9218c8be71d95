// The one list of API error codes (core/error_codes.hpp) against the API reference and the web app's texts.

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <regex>
#include <set>
#include <string>

#include "core/error_codes.hpp"

namespace cruddur {
namespace {

std::string read_source(const std::string& relative) {
  std::ifstream in(std::string(CRUDDUR_SOURCE_DIR) + "/" + relative, std::ios::binary);
  EXPECT_TRUE(in) << "cannot read " << relative;
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(ErrorCodes, EveryCodeIsDescribedInTheApiReferenceWithItsStatus) {
  const std::string api = read_source("doc/api.md");
  for (const auto& info : error_codes()) {
    EXPECT_NE(api.find("`" + std::string(info.code) + "`"), std::string::npos)
        << info.code << " (" << info.status << ") is not described in doc/api.md";
    EXPECT_NE(api.find(std::to_string(info.status)), std::string::npos) << info.code;
    EXPECT_EQ(find_error_code(info.code), &info);
  }
  EXPECT_EQ(find_error_code("no_such_code"), nullptr);
}

TEST(ErrorCodes, EveryCodeTheWebAppWordsIsOneTheServerAnswersOrTheWebAppsOwn) {
  // Codes the web app makes up itself: a failed fetch, and Cognito's answers to the browser's InitiateAuth.
  const std::set<std::string> web_only = {"network_error",
                                          "cognito_user_not_confirmed",
                                          "cognito_password_reset_required",
                                          "cognito_challenge_unsupported",
                                          "cognito_sign_in_failed"};
  const std::string errors_js = read_source("web/src/lib/errors.js");
  const auto messages_start = errors_js.find("const MESSAGES = {");
  ASSERT_NE(messages_start, std::string::npos);
  const std::string messages = errors_js.substr(messages_start, errors_js.find("};", messages_start) - messages_start);
  std::regex key(R"(\n\s+([a-z0-9_]+):)");
  int worded = 0;
  for (std::sregex_iterator it(messages.begin(), messages.end(), key), end; it != end; ++it) {
    const std::string code = (*it)[1];
    ++worded;
    EXPECT_TRUE(find_error_code(code) || web_only.count(code))
        << "web/src/lib/errors.js words '" << code << "', which the server never answers";
  }
  EXPECT_GT(worded, 20);
  // What a person can cause from the web app's forms has words of its own, not "Something went wrong (x)".
  for (const auto& info : error_codes()) {
    if (info.status != 409 && info.status != 422) continue;
    if (info.code == "message_group_uuid_and_handle_both_given" || info.code == "cursor_invalid" ||
        info.code == "limit_invalid" || info.code == "up_to_invalid")
      continue;  // the web app never sends these wrong
    EXPECT_NE(messages.find("  " + std::string(info.code) + ":"), std::string::npos)
        << info.code << " has no text in web/src/lib/errors.js";
  }
}

}  // namespace
}  // namespace cruddur
