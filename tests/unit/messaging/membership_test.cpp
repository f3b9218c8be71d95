// Only the two members can read or post to a conversation; anyone else gets 404, as if it did not exist.

#include <gtest/gtest.h>

#include "core/uuid.hpp"
#include "messaging/keys.hpp"
#include "messaging_fixture.hpp"

namespace cruddur::messaging::testing {
namespace {

class Membership : public MessagingTest {
 protected:
  void SetUp() override {
    alice = add_user("alice");
    bob = add_user("bob");
    mallory = add_user("mallory");
    group = send_to_handle(alice, "bob", "private").message_group_uuid;
    clock_.advance(1);
  }
  void expect_untouched() {
    EXPECT_EQ(texts(all_messages(alice, group)), std::vector<std::string>{"private"});
    EXPECT_EQ(all_conversations(bob)[0].last_message, "private");
    EXPECT_TRUE(all_conversations(mallory).empty());
  }
  users::User alice, bob, mallory;
  std::string group;
};

TEST_F(Membership, ANonMemberCannotReadAConversation) {
  EXPECT_CRUDDUR_ERROR(messages_page(mallory, group, 20), 404, {"message_group_not_found"});
}

TEST_F(Membership, ANonMemberCannotPostToAConversation) {
  EXPECT_CRUDDUR_ERROR(reply(mallory, group, "let me in"), 404, {"message_group_not_found"});
  expect_untouched();
}

TEST_F(Membership, AnUnknownConversationLooksTheSame) {
  auto unknown = uuid::random_v4();
  EXPECT_CRUDDUR_ERROR(messages_page(alice, unknown, 20), 404, {"message_group_not_found"});
  EXPECT_CRUDDUR_ERROR(reply(alice, unknown, "hello?"), 404, {"message_group_not_found"});
  expect_untouched();
}

TEST_F(Membership, AMalformedConversationIdLooksTheSame) {
  for (const std::string& bad : std::vector<std::string>{"not-a-uuid", "../../etc", group + "x", group.substr(1)}) {
    EXPECT_CRUDDUR_ERROR(messages_page(alice, bad, 20), 404, {"message_group_not_found"});
    EXPECT_CRUDDUR_ERROR(reply(alice, bad, "hello?"), 404, {"message_group_not_found"});
  }
  expect_untouched();
}

TEST_F(Membership, MembersMayWriteTheIdInUppercase) {
  std::string upper = group;
  for (auto& c : upper) c = char(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_EQ(texts(all_messages(bob, upper)), std::vector<std::string>{"private"});
  Message sent = reply(bob, upper, "reply");
  EXPECT_EQ(sent.message_group_uuid, group);
  EXPECT_EQ(texts(all_messages(alice, group)), (std::vector<std::string>{"private", "reply"}));
}

TEST_F(Membership, AMembersRememberedMembershipLetsNoOneElseIn) {
  // Both members have read and replied, so their membership is remembered; the outsider's is not.
  EXPECT_EQ(texts(all_messages(alice, group)), std::vector<std::string>{"private"});
  reply(bob, group, "hi alice");
  clock_.advance(1);
  EXPECT_CRUDDUR_ERROR(messages_page(mallory, group, 20), 404, {"message_group_not_found"});
  EXPECT_CRUDDUR_ERROR(reply(mallory, group, "me too"), 404, {"message_group_not_found"});
  EXPECT_EQ(texts(all_messages(bob, group)), (std::vector<std::string>{"private", "hi alice"}));
}

TEST_F(Membership, RememberedMembershipEndsWithinItsTtlWhenTheRowIsRemovedBehindTheService) {
  EXPECT_EQ(texts(all_messages(alice, group)), std::vector<std::string>{"private"});
  // An administrator removes alice's conversation row directly in the table.
  store::DeleteRequest remove{kTable, keys::conversation_row_key(alice.uuid, group)};
  run_task(table_.remove(std::move(remove)));
  EXPECT_EQ(texts(all_messages(alice, group)), std::vector<std::string>{"private"});  // still remembered
  clock_.advance(MessagingService::kDefaultMembershipTtl);
  EXPECT_CRUDDUR_ERROR(messages_page(alice, group, 20), 404, {"message_group_not_found"});
}

}  // namespace
}  // namespace cruddur::messaging::testing
