// `cruddur ddb get-conversation` finds a conversation's members through message-group-sk-index: only the two
// conversation rows may be there, whatever else the conversation's sends wrote.
#include "messaging_fixture.hpp"

namespace cruddur::messaging::testing {
namespace {

TEST_F(MessagingTest, AConversationHasExactlyItsTwoMembersWhateverTheClientMessageIds) {
  auto sinclair = add_user("sinclair");
  auto catherine = add_user("catherine");
  // Ids that sort before and after any uuid: send intents must never show up as members.
  auto first = send_to_handle(sinclair, "catherine", "hello", std::string("0000"));
  reply(catherine, first.message_group_uuid, "hi", std::string("zzzz"));
  reply(sinclair, first.message_group_uuid, "again", std::string("----"));

  auto members = run_task(service_.conversation_members(first.message_group_uuid));
  std::sort(members.begin(), members.end());
  std::vector<std::string> expected{sinclair.uuid, catherine.uuid};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(members, expected);
  EXPECT_TRUE(run_task(service_.conversation_members("00000000-0000-4000-8000-000000000000")).empty());
}

}  // namespace
}  // namespace cruddur::messaging::testing
