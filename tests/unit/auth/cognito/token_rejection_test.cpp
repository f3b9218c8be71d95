// Every way an access token must be refused, with tokens and keys the tests build (issue 5).

#include <boost/json/serialize.hpp>

#include "token_fixture.hpp"

namespace cruddur::testing {
namespace {

using cognito::Rejection;
namespace json = boost::json;

TEST_F(CognitoTokenTest, AValidAccessTokenSignsInTheUserLinkedToItsSub) {
  EXPECT_EQ(rejection_of(valid_token()), std::nullopt);
  ASSERT_EQ(status_of(valid_token()), 200);
  EXPECT_EQ(last_user_, linked_user_);
}

TEST_F(CognitoTokenTest, AlgNoneIsRejected) {
  auto none = header();
  none["alg"] = "none";
  EXPECT_EQ(rejection_of(unsigned_token(none, access_claims())), Rejection::malformed);  // empty signature
  // alg none, even carrying a genuine RS256 signature of the same content.
  const auto genuine = valid_token();
  const auto signature = genuine.substr(genuine.rfind('.') + 1);
  const auto with_none = unsigned_token(none, access_claims()) + signature;
  EXPECT_EQ(rejection_of(with_none), Rejection::algorithm);
  auto none_upper = header();
  none_upper["alg"] = "None";
  EXPECT_EQ(rejection_of(unsigned_token(none_upper, access_claims(), "x")), Rejection::algorithm);
  EXPECT_EQ(status_of(with_none), 401);
}

TEST_F(CognitoTokenTest, Hs256WithThePublicKeyAsSecretIsRejected) {
  auto hs = header();
  hs["alg"] = "HS256";
  const auto jwk = pool_key().jwk("kid-1");
  for (const std::string& secret :
       {pool_key().public_key_pem(), json::serialize(jwk), std::string(jwk.at("n").as_string())}) {
    const auto forged = hs256_token(secret, hs, access_claims());
    EXPECT_EQ(rejection_of(forged), Rejection::algorithm);
    EXPECT_EQ(status_of(forged), 401);
  }
}

TEST_F(CognitoTokenTest, OtherAlgorithmsAreRejectedEvenWithAValidRsaSignature) {
  for (const char* alg : {"RS384", "RS512", "PS256", "ES256", "rs256", ""}) {
    auto h = header();
    h["alg"] = alg;
    EXPECT_EQ(rejection_of(rs256_token(pool_key(), h, access_claims())), Rejection::algorithm) << alg;
  }
  auto no_alg = header();
  no_alg.erase("alg");
  EXPECT_EQ(rejection_of(rs256_token(pool_key(), no_alg, access_claims())), Rejection::algorithm);
}

TEST_F(CognitoTokenTest, UnknownOrMissingKidIsRejected) {
  EXPECT_EQ(rejection_of(rs256_token(pool_key(), header("kid-unknown"), access_claims())), Rejection::unknown_key);
  auto no_kid = header();
  no_kid.erase("kid");
  EXPECT_EQ(rejection_of(rs256_token(pool_key(), no_kid, access_claims())), Rejection::unknown_key);
  EXPECT_EQ(status_of(rs256_token(pool_key(), header("kid-unknown"), access_claims())), 401);
}

TEST_F(CognitoTokenTest, ASignatureByAnotherKeyIsRejected) {
  const auto forged = rs256_token(other_key(), header(), access_claims());
  EXPECT_EQ(rejection_of(forged), Rejection::bad_signature);
  EXPECT_EQ(status_of(forged), 401);
}

TEST_F(CognitoTokenTest, ChangedClaimsBreakTheSignature) {
  const auto genuine = valid_token();
  auto claims = access_claims();
  claims["sub"] = "someone-else";
  const auto tampered_claims = unsigned_token(header(), claims);  // "header.claims."
  const auto tampered = tampered_claims + genuine.substr(genuine.rfind('.') + 1);
  EXPECT_EQ(rejection_of(tampered), Rejection::bad_signature);

  std::string flipped = genuine;
  flipped[flipped.size() - 5] = flipped[flipped.size() - 5] == 'A' ? 'B' : 'A';
  EXPECT_EQ(rejection_of(flipped), Rejection::bad_signature);
}

TEST_F(CognitoTokenTest, KeysCarriedInsideTheTokenAreNeverTrusted) {
  auto h = header("attacker");
  h["jwk"] = other_key().jwk("attacker");
  h["jku"] = "http://127.0.0.1:1/jwks.json";
  EXPECT_EQ(rejection_of(rs256_token(other_key(), h, access_claims())), Rejection::unknown_key);
  auto same_kid = header("kid-1");
  same_kid["jwk"] = other_key().jwk("kid-1");
  EXPECT_EQ(rejection_of(rs256_token(other_key(), same_kid, access_claims())), Rejection::bad_signature);
}

TEST_F(CognitoTokenTest, ACritHeaderIsRejected) {
  auto h = header();
  h["crit"] = json::array{"exp"};
  EXPECT_EQ(rejection_of(rs256_token(pool_key(), h, access_claims())), Rejection::algorithm);
}

TEST_F(CognitoTokenTest, KeysBelow2048BitsInTheJwksAreNotTrusted) {
  EXPECT_EQ(rejection_of(rs256_token(small_key(), header("small"), access_claims())), Rejection::unknown_key);
}

TEST_F(CognitoTokenTest, ExpiredTokensAreRejectedBeyondTheClockSkew) {
  auto claims = access_claims();
  claims["exp"] = kNow - 31;  // skew is 30 s
  EXPECT_EQ(rejection_of(rs256_token(pool_key(), header(), claims)), Rejection::expired);
  EXPECT_EQ(status_of(rs256_token(pool_key(), header(), claims)), 401);
  claims["exp"] = kNow - 10;  // within the skew
  EXPECT_EQ(rejection_of(rs256_token(pool_key(), header(), claims)), std::nullopt);
  claims.erase("exp");
  EXPECT_EQ(rejection_of(rs256_token(pool_key(), header(), claims)), Rejection::expired);
  claims["exp"] = "tomorrow";
  EXPECT_EQ(rejection_of(rs256_token(pool_key(), header(), claims)), Rejection::malformed);
}

TEST_F(CognitoTokenTest, ATokenThatTurnsExpiredWhileInUseIsRejectedFromThen) {
  ASSERT_EQ(status_of(valid_token()), 200);
  clock_.advance((3600 + 31) * kMicrosPerSecond);
  EXPECT_EQ(status_of(valid_token()), 401);
}

TEST_F(CognitoTokenTest, TokensNotYetValidAreRejectedBeyondTheClockSkew) {
  auto claims = access_claims();
  claims["nbf"] = kNow + 120;
  EXPECT_EQ(rejection_of(rs256_token(pool_key(), header(), claims)), Rejection::not_yet_valid);
  claims["nbf"] = kNow + 10;
  EXPECT_EQ(rejection_of(rs256_token(pool_key(), header(), claims)), std::nullopt);
  claims.erase("nbf");
  claims["iat"] = kNow + 600;  // issued in the future
  EXPECT_EQ(rejection_of(rs256_token(pool_key(), header(), claims)), Rejection::not_yet_valid);
}

TEST_F(CognitoTokenTest, AnotherIssuerIsRejected) {
  auto claims = access_claims();
  for (const std::string& issuer : {std::string("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_OtherPool"),
                                    settings_.issuer() + "/", std::string("https://evil.example/us-east-1_TestPool1")}) {
    claims["iss"] = issuer;
    EXPECT_EQ(rejection_of(rs256_token(pool_key(), header(), claims)), Rejection::wrong_issuer) << issuer;
  }
  claims.erase("iss");
  EXPECT_EQ(rejection_of(rs256_token(pool_key(), header(), claims)), Rejection::wrong_issuer);
}

TEST_F(CognitoTokenTest, AnotherAppClientIsRejected) {
  auto claims = access_claims();
  claims["client_id"] = "some-other-client";
  EXPECT_EQ(rejection_of(rs256_token(pool_key(), header(), claims)), Rejection::wrong_client);
  EXPECT_EQ(status_of(rs256_token(pool_key(), header(), claims)), 401);
  claims.erase("client_id");
  EXPECT_EQ(rejection_of(rs256_token(pool_key(), header(), claims)), Rejection::wrong_client);
}

TEST_F(CognitoTokenTest, AnIdTokenIsNotAnAccessToken) {
  // What Cognito puts in an id token: aud instead of client_id, token_use "id".
  auto claims = access_claims();
  claims.erase("client_id");
  claims["aud"] = settings_.client_id;
  claims["token_use"] = "id";
  claims["cognito:username"] = "andrew";
  claims["email"] = "andrew@example.com";
  EXPECT_EQ(rejection_of(rs256_token(pool_key(), header(), claims)), Rejection::not_access_token);
  EXPECT_EQ(status_of(rs256_token(pool_key(), header(), claims)), 401);
  claims["client_id"] = settings_.client_id;  // even with client_id present
  EXPECT_EQ(rejection_of(rs256_token(pool_key(), header(), claims)), Rejection::not_access_token);
  claims.erase("token_use");
  EXPECT_EQ(rejection_of(rs256_token(pool_key(), header(), claims)), Rejection::not_access_token);
}

TEST_F(CognitoTokenTest, ATokenWithoutSubjectIsRejected) {
  auto claims = access_claims();
  claims["sub"] = "";
  EXPECT_EQ(rejection_of(rs256_token(pool_key(), header(), claims)), Rejection::missing_subject);
  claims["sub"] = 42;
  EXPECT_EQ(rejection_of(rs256_token(pool_key(), header(), claims)), Rejection::missing_subject);
}

TEST_F(CognitoTokenTest, GarbageIsRejected) {
  const auto genuine = valid_token();
  const std::vector<std::string> garbage = {
      "", "garbage", "a.b", "a.b.c", "a.b.c.d", "...", genuine + ".", genuine + "=", "." + genuine,
      genuine.substr(0, genuine.size() / 2), "eyJhbGciOiJSUzI1NiJ9.W10.c2ln" /* claims are [] */,
      "W10.e30.c2ln" /* header is [] */, std::string(20000, 'a') + "." + "e30.c2ln",
      "Bearer " + genuine, genuine + " ", std::string("\0", 1)};
  for (const auto& token : garbage) {
    EXPECT_EQ(rejection_of(token), Rejection::malformed) << token.substr(0, 60);
    EXPECT_EQ(status_of(token), 401) << token.substr(0, 60);
  }
}

TEST_F(CognitoTokenTest, AValidTokenWhoseSubHasNoUserIsForbiddenNotUnauthorized) {
  auto claims = access_claims();
  claims["sub"] = "11111111-2222-4333-8444-555555555555";
  EXPECT_EQ(status_of(rs256_token(pool_key(), header(), claims)), 403);
  EXPECT_EQ(last_codes_, std::vector<std::string>{"user_not_provisioned"});
}

}  // namespace
}  // namespace cruddur::testing
