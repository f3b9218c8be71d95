#include "core/uuid.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace cruddur::uuid {
namespace {

TEST(RandomV4, HasCanonicalLowercaseShape) {
  std::string id = random_v4();
  ASSERT_EQ(id.size(), 36u);
  for (std::size_t i = 0; i < id.size(); ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23)
      EXPECT_EQ(id[i], '-') << id;
    else
      EXPECT_TRUE((id[i] >= '0' && id[i] <= '9') || (id[i] >= 'a' && id[i] <= 'f')) << id;
  }
  EXPECT_TRUE(is_valid(id));
}

TEST(RandomV4, CarriesVersion4AndTheRfcVariant) {
  for (int i = 0; i < 200; ++i) {
    std::string id = random_v4();
    EXPECT_EQ(id[14], '4') << id;
    EXPECT_NE(std::string("89ab").find(id[19]), std::string::npos) << id;
  }
}

TEST(RandomV4, IsUniqueAcrossManyCalls) {
  std::set<std::string> seen;
  for (int i = 0; i < 10'000; ++i) seen.insert(random_v4());
  EXPECT_EQ(seen.size(), 10'000u);
}

TEST(NameBasedV5, MatchesThePublishedVector) {
  // Python: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org")
  EXPECT_EQ(name_based_v5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "python.org"),
            "886313e1-3b8a-5372-9b90-0c9aee199e5d");
}

TEST(NameBasedV5, AcceptsAnUppercaseNamespace) {
  EXPECT_EQ(name_based_v5("6BA7B810-9DAD-11D1-80B4-00C04FD430C8", "python.org"),
            "886313e1-3b8a-5372-9b90-0c9aee199e5d");
}

TEST(NameBasedV5, IsDeterministicAndDependsOnNameAndNamespace) {
  const std::string dns = "6ba7b810-9dad-11d1-80b4-00c04fd430c8";
  const std::string url = "6ba7b811-9dad-11d1-80b4-00c04fd430c8";
  EXPECT_EQ(name_based_v5(dns, "a"), name_based_v5(dns, "a"));
  EXPECT_NE(name_based_v5(dns, "a"), name_based_v5(dns, "b"));
  EXPECT_NE(name_based_v5(dns, "a"), name_based_v5(url, "a"));
  std::string id = name_based_v5(dns, "a");
  EXPECT_EQ(id[14], '5');
  EXPECT_NE(std::string("89ab").find(id[19]), std::string::npos) << id;
}

TEST(NameBasedV5, RefusesANamespaceThatIsNotAUuid) {
  EXPECT_THROW(name_based_v5("not-a-uuid", "x"), std::invalid_argument);
}

TEST(IsValid, AcceptsCanonicalTextInEitherCase) {
  EXPECT_TRUE(is_valid("886313e1-3b8a-5372-9b90-0c9aee199e5d"));
  EXPECT_TRUE(is_valid("886313E1-3B8A-5372-9B90-0C9AEE199E5D"));
  EXPECT_TRUE(is_valid("00000000-0000-0000-0000-000000000000"));
}

TEST(IsValid, RejectsOtherShapes) {
  EXPECT_FALSE(is_valid(""));
  EXPECT_FALSE(is_valid("886313e1-3b8a-5372-9b90-0c9aee199e5"));     // short
  EXPECT_FALSE(is_valid("886313e1-3b8a-5372-9b90-0c9aee199e5d0"));   // long
  EXPECT_FALSE(is_valid("886313e13b8a53729b900c9aee199e5d"));        // no dashes
  EXPECT_FALSE(is_valid("886313e1-3b8a-5372-9b90_0c9aee199e5d"));    // wrong separator
  EXPECT_FALSE(is_valid("886313e1-3b8a5-372-9b90-0c9aee199e5d"));    // dash misplaced
  EXPECT_FALSE(is_valid("g86313e1-3b8a-5372-9b90-0c9aee199e5d"));    // not hex
  EXPECT_FALSE(is_valid("{86313e1-3b8a-5372-9b90-0c9aee199e5d}"));
  EXPECT_FALSE(is_valid(" 86313e1-3b8a-5372-9b90-0c9aee199e5d"));
}

}  // namespace
}  // namespace cruddur::uuid
