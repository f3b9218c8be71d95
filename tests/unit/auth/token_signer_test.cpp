#include "auth/token_signer.hpp"

#include <gtest/gtest.h>

#include "core/base64url.hpp"
#include "core/uuid.hpp"

namespace cruddur::auth {
namespace {

constexpr Microseconds kNow = 1'795'000'000LL * kMicrosPerSecond + 123'456;

struct Parts {
  std::string payload_b64, mac_b64;
};

Parts split(const std::string& token) {
  EXPECT_TRUE(token.starts_with("v2."));
  const auto dot = token.find('.', 3);
  return {token.substr(3, dot - 3), token.substr(dot + 1)};
}

TEST(TokenSigner, IssuedTokenVerifiesToItsUser) {
  TokenSigner signer(TokenKey::random());
  const std::string user = uuid::random_v4();
  const IssuedToken issued = signer.issue(user, kNow);
  EXPECT_EQ(issued.expires_in_seconds, 24 * 60 * 60);
  EXPECT_EQ(signer.verify(issued.token, kNow), user);
  EXPECT_EQ(signer.verify(issued.token, kNow + 23 * 3600 * kMicrosPerSecond), user);
}

TEST(TokenSigner, TokenHasTheDocumentedShape) {
  TokenSigner signer(TokenKey::random());
  const std::string user = uuid::random_v4();
  const IssuedToken issued = signer.issue(user, kNow);
  auto parts = split(issued.token);
  const auto payload = *base64url::decode(parts.payload_b64);
  const std::string prefix = user + "|" + std::to_string(1'795'000'000LL + 86'400) + "|";
  EXPECT_TRUE(payload.starts_with(prefix)) << payload;
  EXPECT_EQ(payload.size(), prefix.size() + 22);  // the token id
  EXPECT_EQ(base64url::decode(parts.mac_b64)->size(), 32u);
}

TEST(TokenSigner, TokenExpiresAfterItsLifetime) {
  TokenSigner signer(TokenKey::random(), std::chrono::seconds(60));
  const std::string user = uuid::random_v4();
  const IssuedToken issued = signer.issue(user, kNow);
  EXPECT_EQ(issued.expires_in_seconds, 60);
  const Microseconds issued_second = kNow - 123'456;
  EXPECT_EQ(signer.verify(issued.token, issued_second + 59'999'999), user);
  EXPECT_FALSE(signer.verify(issued.token, issued_second + 60 * kMicrosPerSecond));
  EXPECT_FALSE(signer.verify(issued.token, kNow + 3600 * kMicrosPerSecond));
}

TEST(TokenSigner, TamperedPayloadIsRejected) {
  TokenSigner signer(TokenKey::random());
  const std::string user = uuid::random_v4();
  auto parts = split(signer.issue(user, kNow).token);
  // Someone else's uuid, or a later expiry, under the original MAC.
  const std::string other_user = base64url::encode(uuid::random_v4() + "|" + std::to_string(1'795'086'400LL));
  EXPECT_FALSE(signer.verify("v2." + other_user + "." + parts.mac_b64, kNow));
  const std::string later = base64url::encode(user + "|" + std::to_string(1'999'999'999LL));
  EXPECT_FALSE(signer.verify("v2." + later + "." + parts.mac_b64, kNow));
}

TEST(TokenSigner, TamperedMacIsRejected) {
  TokenSigner signer(TokenKey::random());
  const std::string token = signer.issue(uuid::random_v4(), kNow).token;
  for (size_t i : {token.size() - 1, token.size() - 10, token.rfind('.') + 1}) {
    std::string tampered = token;
    tampered[i] = tampered[i] == 'A' ? 'B' : 'A';
    EXPECT_FALSE(signer.verify(tampered, kNow)) << tampered;
  }
  EXPECT_FALSE(signer.verify(token.substr(0, token.size() - 1), kNow));
  EXPECT_FALSE(signer.verify(token + "A", kNow));
  EXPECT_FALSE(signer.verify(token.substr(0, token.rfind('.') + 1), kNow));
}

TEST(TokenSigner, TokenOfAnotherKeyIsRejected) {
  TokenSigner ours(TokenKey::random());
  TokenSigner theirs(TokenKey::random());
  EXPECT_FALSE(ours.verify(theirs.issue(uuid::random_v4(), kNow).token, kNow));
}

TEST(TokenSigner, OtherVersionsAreRejectedEvenWhenCorrectlySigned) {
  TokenSigner signer(TokenKey::random());
  const std::string token = signer.issue(uuid::random_v4(), kNow).token;
  EXPECT_FALSE(signer.verify("v1." + token.substr(3), kNow));
  EXPECT_FALSE(signer.verify("V2." + token.substr(3), kNow));
}

TEST(TokenSigner, GarbageIsRejected) {
  TokenSigner signer(TokenKey::random());
  for (const std::string& garbage : std::vector<std::string>{"", ".", "..", "v1", "v2.", "v1..", "v1...", "v1.abc", "v1.abc.def", "Bearer x", "null",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig", std::string(10000, 'a'), std::string("v1.\0.\0", 7)}) {
    EXPECT_FALSE(signer.verify(garbage, kNow)) << garbage;
  }
}

TEST(TokenSigner, IssuingForSomethingThatIsNotAUuidIsRefused) {
  TokenSigner signer(TokenKey::random());
  EXPECT_THROW(signer.issue("andrew", kNow), std::invalid_argument);
  EXPECT_THROW(signer.issue("", kNow), std::invalid_argument);
}

TEST(TokenSigner, KeysShorterThan32BytesAreRefused) {
  EXPECT_THROW(TokenKey(std::string(31, 'k')), std::invalid_argument);
  EXPECT_NO_THROW(TokenKey(std::string(32, 'k')));
}

}  // namespace
}  // namespace cruddur::auth

namespace cruddur::auth {
namespace {

TEST(TokenSigner, TwoTokensOfOneUserInOneSecondDifferAndCarryTheirIds) {
  TokenSigner signer(TokenKey::random());
  const std::string user = uuid::random_v4();
  const auto first = signer.issue(user, kNow).token, second = signer.issue(user, kNow).token;
  EXPECT_NE(first, second);
  const auto a = signer.verify_claims(first, kNow), b = signer.verify_claims(second, kNow);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->token_id.size(), 22u);
  EXPECT_NE(a->token_id, b->token_id);
}

}  // namespace
}  // namespace cruddur::auth
