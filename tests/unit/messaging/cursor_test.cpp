#include "messaging/cursor.hpp"

#include <gtest/gtest.h>

#include "core/base64url.hpp"

namespace cruddur::messaging::cursor {
namespace {

const std::string kTime = "2026-11-26T12:00:00.123456+00:00";
const std::string kUuid = "886313e1-3b8a-5372-9b90-0c9aee199e5d";
const std::string kGroup = "2513b6ef-edd2-5323-9c45-1059a591440d";
const std::string kSk = kTime + "#" + kUuid;

TEST(MessageCursor, RoundTripsAMessageKey) {
  auto decoded = decode_message(encode_message(kSk));
  ASSERT_TRUE(decoded);
  EXPECT_EQ(*decoded, kSk);
}

TEST(MessageCursor, IsUnpaddedBase64UrlOfTheDocumentedShape) {
  std::string cursor = encode_message(kSk);
  EXPECT_EQ(base64url::decode(cursor), "m1|" + kSk);
  EXPECT_EQ(cursor.find_first_of("+/="), std::string::npos);
}

TEST(ConversationCursor, RoundTripsAPosition) {
  auto decoded = decode_conversation(encode_conversation({kSk, kGroup}));
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->activity, kSk);
  EXPECT_EQ(decoded->message_group_uuid, kGroup);
  EXPECT_EQ(base64url::decode(encode_conversation({kSk, kGroup})), "c1|" + kSk + "|" + kGroup);
}

TEST(Cursors, RejectGarbage) {
  for (const std::string& garbage : std::vector<std::string>{"", "!!!!", "not a cursor", "bTF8", "Zm9vYmFy", "m1|" + kSk}) {
    EXPECT_FALSE(decode_message(garbage)) << garbage;
    EXPECT_FALSE(decode_conversation(garbage)) << garbage;
  }
}

TEST(Cursors, RejectTheOtherKind) {
  EXPECT_FALSE(decode_message(encode_conversation({kSk, kGroup})));
  EXPECT_FALSE(decode_conversation(encode_message(kSk)));
  EXPECT_FALSE(decode_message(base64url::encode("m2|" + kSk)));
  EXPECT_FALSE(decode_conversation(base64url::encode("c2|" + kSk + "|" + kGroup)));
}

TEST(MessageCursor, RejectsMalformedKeys) {
  auto message = [](const std::string& payload) { return decode_message(base64url::encode("m1|" + payload)); };
  EXPECT_FALSE(message(""));
  EXPECT_FALSE(message(kTime));                                          // no uuid
  EXPECT_FALSE(message(kTime + kUuid));                                  // no '#'
  EXPECT_FALSE(message(kTime + "#"));
  EXPECT_FALSE(message(kTime + "#not-a-uuid"));
  EXPECT_FALSE(message("2026-11-26T12:00:00Z#" + kUuid));                // other time format
  EXPECT_FALSE(message("2026-13-26T12:00:00.123456+00:00#" + kUuid));    // month 13
  EXPECT_FALSE(message("2026-02-30T12:00:00.123456+00:00#" + kUuid));    // no such day
  EXPECT_FALSE(message("2026-11-26T12:00:00.12345x+00:00#" + kUuid));
  EXPECT_FALSE(message("2026-11-26T12:00:00.123456+01:00#" + kUuid));
  EXPECT_FALSE(message(kSk + "|extra"));
}

TEST(ConversationCursor, RejectsMalformedPositions) {
  auto conversation = [](const std::string& payload) {
    return decode_conversation(base64url::encode("c1|" + payload));
  };
  EXPECT_FALSE(conversation(kSk));                                        // no group
  EXPECT_FALSE(conversation(kSk + "|"));
  EXPECT_FALSE(conversation(kSk + "|not-a-uuid"));
  EXPECT_FALSE(conversation(kSk + "|" + kGroup + "|" + kGroup));
  EXPECT_FALSE(conversation("|" + kGroup));
  EXPECT_FALSE(conversation("2026-11-26T25:00:00.123456+00:00#" + kUuid + "|" + kGroup));  // hour 25
  EXPECT_FALSE(conversation(kTime + "|" + kGroup));                       // activity without uuid
}

}  // namespace
}  // namespace cruddur::messaging::cursor
