#include "messaging/message_rules.hpp"

#include <gtest/gtest.h>

namespace cruddur::messaging {
namespace {

using Codes = std::vector<std::string>;

std::string repeat(const std::string& piece, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += piece;
  return out;
}

const std::string kEmoji = "\xF0\x9F\x98\x80";  // U+1F600, 4 bytes

TEST(MessageText, AcceptsOrdinaryText) {
  EXPECT_EQ(check_message_text("hello"), Codes{});
  EXPECT_EQ(check_message_text("h"), Codes{});
  EXPECT_EQ(check_message_text("caf\xC3\xA9 " + kEmoji), Codes{});
}

TEST(MessageText, RejectsBlankText) {
  EXPECT_EQ(check_message_text(""), Codes{"message_blank"});
  EXPECT_EQ(check_message_text("   "), Codes{"message_blank"});
  EXPECT_EQ(check_message_text("\t\r\n"), Codes{"message_blank"});
  EXPECT_EQ(check_message_text("\xE3\x80\x80"), Codes{"message_blank"});          // U+3000
  EXPECT_EQ(check_message_text(" \xC2\xA0\xE3\x80\x80 "), Codes{"message_blank"});  // mixed
}

TEST(MessageText, AllowsExactly1024CodePoints) {
  EXPECT_EQ(check_message_text(repeat(kEmoji, 1024)), Codes{});
  EXPECT_EQ(check_message_text(repeat(kEmoji, 1025)), Codes{"message_exceed_max_chars_1024"});
  EXPECT_EQ(check_message_text(repeat("a", 1024)), Codes{});
  EXPECT_EQ(check_message_text(repeat("a", 1025)), Codes{"message_exceed_max_chars_1024"});
}

TEST(MessageText, CountsLengthAfterTrimming) {
  EXPECT_EQ(check_message_text("  " + repeat(kEmoji, 1024) + "\xE3\x80\x80\n"), Codes{});
}

TEST(MessageText, RejectsInvalidUtf8) {
  EXPECT_EQ(check_message_text("abc\xFF"), Codes{"message_invalid_utf8"});
  EXPECT_EQ(check_message_text("\xED\xA0\x80"), Codes{"message_invalid_utf8"});   // a surrogate
  EXPECT_EQ(check_message_text("\xC0\xA0"), Codes{"message_invalid_utf8"});       // overlong space
  EXPECT_EQ(check_message_text(kEmoji.substr(0, 3)), Codes{"message_invalid_utf8"});
}

TEST(MessageText, IsStoredWithoutSurroundingWhiteSpace) {
  EXPECT_EQ(normalize_message_text("\xE3\x80\x80 hi there \n"), "hi there");
  EXPECT_EQ(normalize_message_text("hi"), "hi");
}

TEST(ClientMessageId, AcceptsTheDocumentedCharacters) {
  EXPECT_TRUE(is_valid_client_message_id("a"));
  EXPECT_TRUE(is_valid_client_message_id("886313e1-3b8a-5372-9b90-0c9aee199e5d"));
  EXPECT_TRUE(is_valid_client_message_id("AZaz09._:-"));
}

TEST(ClientMessageId, RejectsOtherCharacters) {
  for (std::string id : {"a b", "a/b", "a+b", "a#b", "a|b", "caf\xC3\xA9", "a\nb", "%41"})
    EXPECT_FALSE(is_valid_client_message_id(id)) << id;
}

TEST(ClientMessageId, Takes1To100Characters) {
  EXPECT_FALSE(is_valid_client_message_id(""));
  EXPECT_TRUE(is_valid_client_message_id(std::string(100, 'x')));
  EXPECT_FALSE(is_valid_client_message_id(std::string(101, 'x')));
}

}  // namespace
}  // namespace cruddur::messaging

namespace cruddur::messaging {
namespace {

TEST(MessageText, ZeroWidthOnlyTextIsBlank) {
  EXPECT_EQ(check_message_text("\xE2\x80\x8B\xE2\x80\x8B"), Codes{"message_blank"});
  EXPECT_EQ(check_message_text(" \xEF\xBB\xBF\xE2\x81\xA0 "), Codes{"message_blank"});
}

TEST(MessageText, ControlCharactersOtherThanNewlineAndTabAreRefused) {
  EXPECT_EQ(check_message_text(std::string("hi\0there", 8)), Codes{"message_invalid_characters"});
  EXPECT_EQ(check_message_text("hi\x1b[2J"), Codes{"message_invalid_characters"});
  EXPECT_EQ(check_message_text("hi\rthere"), Codes{"message_invalid_characters"});
  EXPECT_EQ(check_message_text("line one\n\tline two"), Codes{});
  EXPECT_EQ(check_message_text("line one\r\nline two"), Codes{});
  EXPECT_EQ(normalize_message_text(" line one\r\nline two "), "line one\nline two");
}

}  // namespace
}  // namespace cruddur::messaging
