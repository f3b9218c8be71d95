#include "auth/account_rules.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "error_matchers.hpp"

namespace cruddur::auth {
namespace {

using ::testing::ElementsAre;

SignupRequest valid_request() { return {"Andrew Brown", "andrew", "andrew@example.com", "correct horse"}; }

std::vector<std::string> codes_for(const SignupRequest& request) {
  auto error = thrown_error([&] { normalize_signup(request); });
  if (!error) return {};
  EXPECT_EQ(error->status(), 422);
  return error->codes();
}

template <typename Mutate>
std::vector<std::string> codes_after(Mutate mutate) {
  SignupRequest request = valid_request();
  mutate(request);
  return codes_for(request);
}

TEST(AccountRules, ValidRequestIsNormalized) {
  auto normalized = normalize_signup({"  Andrew Brown\u00a0", " AnDrew_1 ", " Andrew@Example.COM ", " pass word "});
  EXPECT_EQ(normalized.display_name, "Andrew Brown");
  EXPECT_EQ(normalized.handle, "andrew_1");
  EXPECT_EQ(normalized.email, "andrew@example.com");
  EXPECT_EQ(normalized.password, " pass word ");  // passwords are used exactly as typed
}

TEST(AccountRules, DisplayName) {
  EXPECT_THAT(codes_after([](auto& r) { r.display_name = ""; }), ElementsAre("display_name_blank"));
  EXPECT_THAT(codes_after([](auto& r) { r.display_name = " \t\u3000 "; }), ElementsAre("display_name_blank"));
  EXPECT_THAT(codes_after([](auto& r) { r.display_name = std::string(101, 'a'); }),
              ElementsAre("display_name_too_long"));
  EXPECT_THAT(codes_after([](auto& r) { r.display_name = "\xff\xfe"; }), ElementsAre("display_name_invalid"));
  // 100 code points of 2 bytes each is fine: the limit counts code points, not bytes.
  std::string hundred;
  for (int i = 0; i < 100; ++i) hundred += "\u00e9";
  EXPECT_NO_THROW(normalize_signup({hundred, "a", "a@b.co", "12345678"}));
  EXPECT_THAT(codes_after([&](auto& r) { r.display_name = hundred + "\u00e9"; }),
              ElementsAre("display_name_too_long"));
}

TEST(AccountRules, Handle) {
  EXPECT_THAT(codes_after([](auto& r) { r.handle = ""; }), ElementsAre("handle_blank"));
  EXPECT_THAT(codes_after([](auto& r) { r.handle = "   "; }), ElementsAre("handle_blank"));
  for (const std::string& bad : std::vector<std::string>{"and rew", "andrew!", "andrew.b", "andrew-b", "\u00e4ndrew", std::string(31, 'a'),
                                std::string("\xc3\x28")}) {
    EXPECT_THAT(codes_after([&](auto& r) { r.handle = bad; }), ElementsAre("handle_invalid")) << bad;
  }
  for (const std::string& good : std::vector<std::string>{"a", "A_1", "andrew_brown_99", std::string(30, 'Z')})
    EXPECT_NO_THROW(normalize_signup({"x", good, "a@b.co", "12345678"})) << good;
}

TEST(AccountRules, Email) {
  EXPECT_THAT(codes_after([](auto& r) { r.email = ""; }), ElementsAre("email_blank"));
  EXPECT_THAT(codes_after([](auto& r) { r.email = " "; }), ElementsAre("email_blank"));
  for (const std::string& bad : std::vector<std::string>{"andrew", "andrew@", "@example.com", "andrew@example", "a@b@example.com", "an drew@example.com",
        "andrew@.com", "andrew@example.", "andrew@exa\tmple.com", std::string("a\xff@example.com"),
        std::string(250, 'a') + "@b.co"}) {
    EXPECT_THAT(codes_after([&](auto& r) { r.email = bad; }), ElementsAre("email_invalid")) << bad;
  }
  EXPECT_NO_THROW(normalize_signup({"x", "a", std::string(249, 'a') + "@b.co", "12345678"}));  // 254 bytes
  EXPECT_NO_THROW(normalize_signup({"x", "a", "first.last+tag@mail.example.co.uk", "12345678"}));
}

TEST(AccountRules, Password) {
  EXPECT_THAT(codes_after([](auto& r) { r.password = ""; }), ElementsAre("password_too_short"));
  EXPECT_THAT(codes_after([](auto& r) { r.password = "1234567"; }), ElementsAre("password_too_short"));
  // Eight code points, more than eight bytes: long enough.
  EXPECT_NO_THROW(normalize_signup({"x", "a", "a@b.co", "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9"}));
  EXPECT_THAT(codes_after([](auto& r) { r.password = "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9"; }),
              ElementsAre("password_too_short"));
  EXPECT_NO_THROW(normalize_signup({"x", "a", "a@b.co", std::string(1024, 'p')}));
  EXPECT_THAT(codes_after([](auto& r) { r.password = std::string(1025, 'p'); }), ElementsAre("password_too_long"));
  EXPECT_THAT(codes_after([](auto& r) { r.password = "12345678\xed\xa0\x80"; }), ElementsAre("password_invalid"));
}

TEST(AccountRules, EveryFailingRuleIsReportedAtOnce) {
  EXPECT_THAT(codes_for({"", "", "", ""}),
              ElementsAre("display_name_blank", "handle_blank", "email_blank", "password_too_short"));
  EXPECT_THAT(codes_for({std::string(101, 'x'), "bad handle", "bad", std::string(2000, 'p')}),
              ElementsAre("display_name_too_long", "handle_invalid", "email_invalid", "password_too_long"));
  EXPECT_THAT(codes_for({"ok", "ok", "bad", "short"}), ElementsAre("email_invalid", "password_too_short"));
}

TEST(AccountRules, Signin) {
  EXPECT_EQ(normalize_signin({" Andrew ", " pw "}).login, "Andrew");
  EXPECT_EQ(normalize_signin({" Andrew ", " pw "}).password, " pw ");
  auto both = thrown_error([] { normalize_signin({"  ", ""}); });
  ASSERT_TRUE(both);
  EXPECT_EQ(both->status(), 422);
  EXPECT_THAT(both->codes(), ElementsAre("login_blank", "password_blank"));
  EXPECT_THAT(thrown_error([] { normalize_signin({"andrew", ""}); })->codes(), ElementsAre("password_blank"));
  EXPECT_THAT(thrown_error([] { normalize_signin({"", "pw"}); })->codes(), ElementsAre("login_blank"));
}

}  // namespace
}  // namespace cruddur::auth

namespace cruddur::auth {
namespace {

TEST(DisplayNameRules, ControlCharactersAreRefusedAndInvisibleOnlyIsBlank) {
  SignupRequest request{"Susan\nIvanova", "ivanova", "susan@example.com", "correct horse battery", ""};
  try {
    normalize_signup(request);
    FAIL() << "accepted";
  } catch (const Error& error) {
    EXPECT_EQ(error.codes(), std::vector<std::string>{"display_name_invalid_characters"});
  }
  request.display_name = "\xE2\x80\x8B";
  try {
    normalize_signup(request);
    FAIL() << "accepted";
  } catch (const Error& error) {
    EXPECT_EQ(error.codes(), std::vector<std::string>{"display_name_blank"});
  }
}

}  // namespace
}  // namespace cruddur::auth
