#include "core/base64url.hpp"

#include <gtest/gtest.h>

#include <string>

namespace cruddur::base64url {
namespace {

std::string all_byte_values() {
  std::string bytes;
  for (int b = 0; b < 256; ++b) bytes.push_back(static_cast<char>(b));
  return bytes;
}

TEST(Base64Url, EncodesTheRfc4648VectorsWithoutPadding) {
  EXPECT_EQ(encode(""), "");
  EXPECT_EQ(encode("f"), "Zg");
  EXPECT_EQ(encode("fo"), "Zm8");
  EXPECT_EQ(encode("foo"), "Zm9v");
  EXPECT_EQ(encode("foob"), "Zm9vYg");
  EXPECT_EQ(encode("fooba"), "Zm9vYmE");
  EXPECT_EQ(encode("foobar"), "Zm9vYmFy");
}

TEST(Base64Url, UsesTheUrlSafeAlphabet) {
  // 0xfb 0xff 0xbf encodes to "+/+/" in standard base64.
  EXPECT_EQ(encode("\xfb\xff\xbf"), "-_-_");
  EXPECT_EQ(decode("-_-_"), std::string("\xfb\xff\xbf"));
}

TEST(Base64Url, RoundTripsEveryByteValueAtEveryLength) {
  const std::string bytes = all_byte_values();
  for (std::size_t length = 0; length <= bytes.size(); ++length) {
    // Rotate so every byte value appears at every position modulo 3.
    for (std::size_t shift = 0; shift < 3; ++shift) {
      std::string input = (bytes.substr(shift) + bytes.substr(0, shift)).substr(0, length);
      std::string text = encode(input);
      EXPECT_EQ(text.find('='), std::string::npos);
      EXPECT_EQ(text.find('+'), std::string::npos);
      EXPECT_EQ(text.find('/'), std::string::npos);
      auto back = decode(text);
      ASSERT_TRUE(back) << "length " << length << " text " << text;
      EXPECT_EQ(*back, input);
    }
  }
}

TEST(Base64Url, RejectsTheStandardAlphabetsExtraCharacters) {
  EXPECT_FALSE(decode("+/+/"));
  EXPECT_FALSE(decode("ab+d"));
  EXPECT_FALSE(decode("ab/d"));
}

TEST(Base64Url, RejectsPadding) {
  EXPECT_FALSE(decode("Zg=="));
  EXPECT_FALSE(decode("Zm8="));
  EXPECT_FALSE(decode("Zm9v===="));
}

TEST(Base64Url, RejectsImpossibleLengths) {
  EXPECT_FALSE(decode("Z"));
  EXPECT_FALSE(decode("Zm9vY"));
}

TEST(Base64Url, RejectsOtherCharacters) {
  EXPECT_FALSE(decode("Zm9v YmFy"));
  EXPECT_FALSE(decode("Zm9v\nYmFy"));
  EXPECT_FALSE(decode("Zm9v.mFy"));
  EXPECT_FALSE(decode(std::string("Zm9v\0mFy", 8)));
}

TEST(Base64Url, DecodesTheEmptyString) { EXPECT_EQ(decode(""), std::string()); }

}  // namespace
}  // namespace cruddur::base64url
