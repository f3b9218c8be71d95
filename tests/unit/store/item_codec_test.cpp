#include "store/sqlite/item_codec.hpp"

#include <gtest/gtest.h>

#include "store/store_error.hpp"

namespace cruddur::store::sqlite {
namespace {

TEST(ItemCodec, RoundTripsKindsTextAndEmptyValues) {
  Item item{{"pk", AttributeValue::S("user#1")},       {"n", AttributeValue::N("-12.5e3")},
            {"empty", AttributeValue::S("")},          {"utf8", AttributeValue::S("é ✓ \xF0\x9F\x98\x80")},
            {"long", AttributeValue::S(std::string(300, 'x'))}, {"zero", AttributeValue::S(std::string(1, '\0'))}};
  EXPECT_EQ(decode_item(encode_item(item)), item);
  EXPECT_EQ(decode_item(encode_item(Item{})), Item{});
}

TEST(ItemCodec, IsCompact) {
  Item item{{"pk", AttributeValue::S("a")}, {"n", AttributeValue::N("1")}};
  // count + (len "pk" + header + "a") + (len "n" + header + "1")
  EXPECT_EQ(encode_item(item).size(), 1u + (1 + 2 + 1 + 1) + (1 + 1 + 1 + 1));
}

TEST(ItemCodec, RejectsTruncatedInput) {
  std::string encoded = encode_item(Item{{"name", AttributeValue::S("value")}});
  for (std::size_t size = 0; size < encoded.size(); ++size) {
    EXPECT_THROW(decode_item(std::string_view(encoded).substr(0, size)), StoreError) << size;
  }
  EXPECT_THROW(decode_item(encoded + "x"), StoreError);
}

}  // namespace
}  // namespace cruddur::store::sqlite
