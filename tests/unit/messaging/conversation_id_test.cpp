#include "messaging/conversation_id.hpp"

#include <gtest/gtest.h>

#include <set>

#include "core/uuid.hpp"

namespace cruddur::messaging {
namespace {

const std::string kA = "11111111-1111-4111-8111-111111111111";
const std::string kB = "22222222-2222-4222-8222-222222222222";

TEST(DirectConversationId, IsTheSameFromEitherSide) {
  EXPECT_EQ(direct_conversation_id(kA, kB), direct_conversation_id(kB, kA));
  for (int i = 0; i < 50; ++i) {
    auto x = uuid::random_v4(), y = uuid::random_v4();
    EXPECT_EQ(direct_conversation_id(x, y), direct_conversation_id(y, x));
  }
}

TEST(DirectConversationId, NeverChangesForAPair) {
  // uuid v5(6f0f3a64-5a3c-4c2e-9d7e-2f1d6a0c9b11, "<smaller>:<larger>"), computed with Python's uuid.uuid5.
  // A different value would split every existing conversation in two.
  EXPECT_EQ(direct_conversation_id(kB, kA), "2513b6ef-edd2-5323-9c45-1059a591440d");
}

TEST(DirectConversationId, DiffersForEveryPair) {
  std::vector<std::string> people;
  for (int i = 0; i < 20; ++i) people.push_back(uuid::random_v4());
  std::set<std::string> ids;
  for (std::size_t i = 0; i < people.size(); ++i)
    for (std::size_t j = i + 1; j < people.size(); ++j) ids.insert(direct_conversation_id(people[i], people[j]));
  EXPECT_EQ(ids.size(), people.size() * (people.size() - 1) / 2);
}

TEST(DirectConversationId, IsAVersion5Uuid) {
  auto id = direct_conversation_id(kA, kB);
  EXPECT_TRUE(uuid::is_valid(id));
  EXPECT_EQ(id[14], '5');
}

}  // namespace
}  // namespace cruddur::messaging
