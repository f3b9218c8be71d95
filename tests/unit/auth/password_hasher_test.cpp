#include "auth/password_hasher.hpp"

#include <gtest/gtest.h>

namespace cruddur::auth {
namespace {

TEST(PasswordHasher, HashVerifiesWithTheRightPasswordOnly) {
  const std::string hash = PasswordHasher::hash("correct horse battery staple");
  EXPECT_TRUE(hash.starts_with("$argon2id$")) << hash;
  EXPECT_TRUE(PasswordHasher::verify(hash, "correct horse battery staple"));
  EXPECT_FALSE(PasswordHasher::verify(hash, "correct horse battery stapl"));
  EXPECT_FALSE(PasswordHasher::verify(hash, "Correct horse battery staple"));
  EXPECT_FALSE(PasswordHasher::verify(hash, ""));
}

TEST(PasswordHasher, SamePasswordHashesDifferentlyEachTime) {
  const std::string first = PasswordHasher::hash("pässwörd-ünïcode");
  const std::string second = PasswordHasher::hash("pässwörd-ünïcode");
  EXPECT_NE(first, second);  // salted
  EXPECT_TRUE(PasswordHasher::verify(first, "pässwörd-ünïcode"));
  EXPECT_TRUE(PasswordHasher::verify(second, "pässwörd-ünïcode"));
}

TEST(PasswordHasher, SomethingThatIsNotAHashNeverVerifies) {
  EXPECT_FALSE(PasswordHasher::verify("", ""));
  EXPECT_FALSE(PasswordHasher::verify("", "password"));
  EXPECT_FALSE(PasswordHasher::verify("password", "password"));
  EXPECT_FALSE(PasswordHasher::verify("$argon2id$v=19$m=65536,t=2,p=1$garbage$garbage", "password"));
}

TEST(PasswordHasher, DummyHashIsARealHashOfNoKnownPassword) {
  const std::string& dummy = PasswordHasher::dummy_hash();
  EXPECT_TRUE(dummy.starts_with("$argon2id$"));
  EXPECT_EQ(&dummy, &PasswordHasher::dummy_hash());  // made once
  EXPECT_FALSE(PasswordHasher::verify(dummy, ""));
  EXPECT_FALSE(PasswordHasher::verify(dummy, "password"));
}

}  // namespace
}  // namespace cruddur::auth
