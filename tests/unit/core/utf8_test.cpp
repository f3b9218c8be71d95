#include "core/utf8.hpp"

#include <gtest/gtest.h>

#include <string>

namespace cruddur::utf8 {
namespace {

TEST(CountCodePoints, CountsAsciiAndMultiByteCharacters) {
  EXPECT_EQ(count_code_points(""), 0u);
  EXPECT_EQ(count_code_points("hello"), 5u);
  EXPECT_EQ(count_code_points("caf\xC3\xA9"), 4u);            // é (2 bytes)
  EXPECT_EQ(count_code_points("\xE2\x82\xAC"), 1u);           // € (3 bytes)
  EXPECT_EQ(count_code_points("\xF0\x9F\x98\x80"), 1u);       // 😀 (4 bytes)
  EXPECT_EQ(count_code_points("a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80z"), 5u);
}

TEST(CountCodePoints, AcceptsTheBoundariesOfEachLength) {
  EXPECT_EQ(count_code_points(std::string("\0", 1)), 1u);    // U+0000
  EXPECT_EQ(count_code_points("\x7F"), 1u);                  // U+007F
  EXPECT_EQ(count_code_points("\xC2\x80"), 1u);              // U+0080
  EXPECT_EQ(count_code_points("\xDF\xBF"), 1u);              // U+07FF
  EXPECT_EQ(count_code_points("\xE0\xA0\x80"), 1u);          // U+0800
  EXPECT_EQ(count_code_points("\xED\x9F\xBF"), 1u);          // U+D7FF, just below the surrogates
  EXPECT_EQ(count_code_points("\xEE\x80\x80"), 1u);          // U+E000, just above them
  EXPECT_EQ(count_code_points("\xEF\xBF\xBF"), 1u);          // U+FFFF
  EXPECT_EQ(count_code_points("\xF0\x90\x80\x80"), 1u);      // U+10000
  EXPECT_EQ(count_code_points("\xF4\x8F\xBF\xBF"), 1u);      // U+10FFFF
}

TEST(CountCodePoints, RejectsOverlongEncodings) {
  EXPECT_FALSE(count_code_points("\xC0\xAF"));               // '/' in 2 bytes
  EXPECT_FALSE(count_code_points("\xC1\xBF"));
  EXPECT_FALSE(count_code_points("\xE0\x80\xAF"));           // '/' in 3 bytes
  EXPECT_FALSE(count_code_points("\xE0\x9F\xBF"));           // U+07FF in 3 bytes
  EXPECT_FALSE(count_code_points("\xF0\x80\x80\xAF"));       // '/' in 4 bytes
  EXPECT_FALSE(count_code_points("\xF0\x8F\xBF\xBF"));       // U+FFFF in 4 bytes
}

TEST(CountCodePoints, RejectsSurrogates) {
  EXPECT_FALSE(count_code_points("\xED\xA0\x80"));           // U+D800
  EXPECT_FALSE(count_code_points("\xED\xBF\xBF"));           // U+DFFF
  EXPECT_FALSE(count_code_points("\xED\xA0\xBD\xED\xB8\x80"));  // CESU-8 pair
}

TEST(CountCodePoints, RejectsCodePointsAboveU10FFFF) {
  EXPECT_FALSE(count_code_points("\xF4\x90\x80\x80"));       // U+110000
  EXPECT_FALSE(count_code_points("\xF7\xBF\xBF\xBF"));
  EXPECT_FALSE(count_code_points("\xF8\x88\x80\x80\x80"));   // old 5-byte form
  EXPECT_FALSE(count_code_points("\xFE"));
  EXPECT_FALSE(count_code_points("\xFF"));
}

TEST(CountCodePoints, RejectsTruncatedSequences) {
  EXPECT_FALSE(count_code_points("\xC3"));
  EXPECT_FALSE(count_code_points("\xE2\x82"));
  EXPECT_FALSE(count_code_points("\xF0\x9F\x98"));
  EXPECT_FALSE(count_code_points("ab\xF0\x9F\x98"));
  EXPECT_FALSE(count_code_points("\xE2\x82z"));               // cut short by an ASCII byte
}

TEST(CountCodePoints, RejectsStrayContinuationBytes) {
  EXPECT_FALSE(count_code_points("\x80"));
  EXPECT_FALSE(count_code_points("a\xBF"));
  EXPECT_FALSE(count_code_points("\xC3\xA9\xA9"));            // é plus one extra continuation byte
}

TEST(Trim, RemovesAsciiWhiteSpaceAtBothEnds) {
  EXPECT_EQ(trim("  hello  "), "hello");
  EXPECT_EQ(trim("\t\n\r\v\fhello\t\n\r\v\f"), "hello");
  EXPECT_EQ(trim("hello"), "hello");
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(trim(" \t\n "), "");
}

TEST(Trim, KeepsWhiteSpaceInside) { EXPECT_EQ(trim("  a b\xE3\x80\x80" "c  "), "a b\xE3\x80\x80" "c"); }

TEST(Trim, RemovesUnicodeWhiteSpace) {
  EXPECT_EQ(trim("\xC2\xA0hi\xC2\xA0"), "hi");                 // U+00A0 no-break space
  EXPECT_EQ(trim("\xE3\x80\x80hi\xE3\x80\x80"), "hi");         // U+3000 ideographic space
  EXPECT_EQ(trim("\xC2\x85\xE1\x9A\x80\xE2\x80\x80\xE2\x80\x8A\xE2\x80\xA8\xE2\x80\xA9\xE2\x80\xAF"
                 "hi\xE2\x81\x9F"),
            "hi");                                             // U+0085 U+1680 U+2000 U+200A U+2028 U+2029 U+202F U+205F
  EXPECT_EQ(trim("\xE3\x80\x80 \xC2\xA0"), "");
}

TEST(Trim, KeepsCharactersThatAreNotWhiteSpace) {
  EXPECT_EQ(trim("\xE2\x80\x8B" "hi\xE2\x80\x8B"), "\xE2\x80\x8B" "hi\xE2\x80\x8B");  // U+200B zero width space
  EXPECT_EQ(trim("\xEF\xBB\xBF" "hi"), "\xEF\xBB\xBF" "hi");                          // U+FEFF BOM
  EXPECT_EQ(trim("\xE3\x80\x81"), "\xE3\x80\x81");                                    // U+3001, next to U+3000
  EXPECT_EQ(trim("\xC2\xA1x\xC2\xA1"), "\xC2\xA1x\xC2\xA1");                          // U+00A1, next to U+00A0
  EXPECT_EQ(trim("\xF0\x9F\x98\x80"), "\xF0\x9F\x98\x80");
  EXPECT_EQ(trim("_x_"), "_x_");
}

TEST(Prefix, CutsAtCodePointsNeverInsideOne) {
  const std::string text = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80z";
  EXPECT_EQ(prefix(text, 0), "");
  EXPECT_EQ(prefix(text, 1), "a");
  EXPECT_EQ(prefix(text, 2), "a\xC3\xA9");
  EXPECT_EQ(prefix(text, 3), "a\xC3\xA9\xE2\x82\xAC");
  EXPECT_EQ(prefix(text, 4), "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
  EXPECT_EQ(prefix(text, 5), text);
  EXPECT_EQ(prefix(text, 100), text);
  EXPECT_EQ(prefix("", 3), "");
}

}  // namespace
}  // namespace cruddur::utf8

namespace cruddur::utf8 {
namespace {

TEST(IsBlank, WhiteSpaceAndInvisibleCharactersShowNothing) {
  EXPECT_TRUE(is_blank(""));
  EXPECT_TRUE(is_blank(" \t\n"));
  EXPECT_TRUE(is_blank("\xE2\x80\x8B\xE2\x80\x8C\xE2\x80\x8D"));  // U+200B..U+200D
  EXPECT_TRUE(is_blank("\xE2\x81\xA0\xEF\xBB\xBF \xC2\xAD"));      // U+2060, U+FEFF, soft hyphen
  EXPECT_FALSE(is_blank("a"));
  EXPECT_FALSE(is_blank("\xE2\x80\x8B" "a"));
  EXPECT_FALSE(is_blank("\xF0\x9F\x98\x80"));
}

TEST(HasControl, FindsControlCharactersExceptTheAllowedOnes) {
  EXPECT_TRUE(has_control(std::string("a\0b", 3)));
  EXPECT_TRUE(has_control("a\x1b[31m"));
  EXPECT_TRUE(has_control("a\x7f"));
  EXPECT_TRUE(has_control("a\xC2\x85"));  // U+0085, a C1 control
  EXPECT_TRUE(has_control("a\nb"));
  EXPECT_FALSE(has_control("a\nb\tc", "\n\t"));
  EXPECT_TRUE(has_control("a\rb", "\n\t"));
  EXPECT_FALSE(has_control("caf\xC3\xA9"));
}

}  // namespace
}  // namespace cruddur::utf8
