// Conversations: opening one by handle, replying, the lists both people see, validation, membership.
#include "api_fixture.hpp"

namespace cruddur::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

boost::json::array list(HttpClient& client, const Person& who, const std::string& target) {
  Reply reply = client.get(target, who.auth());
  EXPECT_EQ(reply.status, 200) << target << " " << reply.body;
  return reply.json().as_array();
}

std::vector<std::string> texts(const boost::json::array& messages) {
  std::vector<std::string> out;
  for (const auto& m : messages) out.emplace_back(m.at("message").as_string());
  return out;
}

TEST_F(ApiTest, MessageToAHandleOpensAConversationBothPeopleSee) {
  Person sheridan = sign_up(client, "sheridan");
  Person delenn = sign_up(client, "delenn");
  Reply sent = send_to_handle(client, sheridan, delenn.handle, "  Faith manages.  ");
  ASSERT_EQ(sent.status, 200) << sent.body;
  auto message = sent.json();
  std::string group(message.at("message_group_uuid").as_string());
  EXPECT_EQ(message.at("message"), "Faith manages.");  // trimmed
  EXPECT_EQ(message.at("handle"), boost::json::value(sheridan.handle));
  EXPECT_EQ(message.at("display_name"), boost::json::value(sheridan.display_name));
  EXPECT_EQ(message.at("created_at").as_string().size(), 32u);

  auto mine = list(client, sheridan, "/api/message_groups");
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0], (boost::json::value{{"uuid", group}, {"display_name", delenn.display_name}, {"handle", delenn.handle},
                                         {"message", "Faith manages."}, {"created_at", message.at("created_at")},
                                         {"unread", 0}, {"other_read_at", nullptr}}));
  auto theirs = list(client, delenn, "/api/message_groups");
  ASSERT_EQ(theirs.size(), 1u);
  EXPECT_EQ(theirs[0].at("uuid"), boost::json::value(group));
  EXPECT_EQ(theirs[0].at("handle"), boost::json::value(sheridan.handle));

  auto messages = list(client, delenn, "/api/messages/" + group);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].at("uuid"), message.at("uuid"));
  EXPECT_EQ(messages[0].at("handle"), boost::json::value(sheridan.handle));
}

TEST_F(ApiTest, RepliesAndNewMessagesToTheSamePersonShareOneConversationInOrder) {
  Person londo = sign_up(client, "londo");
  Person gkar = sign_up(client, "gkar");
  std::string group(send_to_handle(client, londo, gkar.handle, "one").json().at("message_group_uuid").as_string());
  ASSERT_EQ(reply_to(client, gkar, group, "two").status, 200);
  // Starting "a new conversation" with the same person reuses it, from either side.
  Reply again = send_to_handle(client, gkar, londo.handle, "three");
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(again.json().at("message_group_uuid"), boost::json::value(group));
  std::string upper = gkar.handle;
  for (auto& c : upper) c = char(std::toupper(static_cast<unsigned char>(c)));
  Reply by_upper = send_to_handle(client, londo, upper, "four");
  ASSERT_EQ(by_upper.status, 200) << by_upper.body;
  EXPECT_EQ(by_upper.json().at("message_group_uuid"), boost::json::value(group));

  EXPECT_THAT(texts(list(client, londo, "/api/messages/" + group)), ElementsAre("one", "two", "three", "four"));
  EXPECT_EQ(list(client, gkar, "/api/message_groups").at(0).at("message"), "four");
}

TEST_F(ApiTest, ASendMovesTheConversationToTheTopOfBothLists) {
  Person hub = sign_up(client, "hub");
  Person a = sign_up(client, "alpha");
  Person b = sign_up(client, "beta");
  std::string with_a(send_to_handle(client, hub, a.handle, "to a").json().at("message_group_uuid").as_string());
  std::string with_b(send_to_handle(client, hub, b.handle, "to b").json().at("message_group_uuid").as_string());
  auto before = list(client, hub, "/api/message_groups");
  ASSERT_EQ(before.size(), 2u);
  EXPECT_EQ(before[0].at("uuid"), boost::json::value(with_b));
  EXPECT_EQ(before[1].at("uuid"), boost::json::value(with_a));

  ASSERT_EQ(reply_to(client, a, with_a, "a answers").status, 200);
  auto after = list(client, hub, "/api/message_groups");
  ASSERT_EQ(after.size(), 2u);
  EXPECT_EQ(after[0].at("uuid"), boost::json::value(with_a));
  EXPECT_EQ(after[0].at("message"), "a answers");
  EXPECT_EQ(after[0].at("handle"), boost::json::value(a.handle));
  EXPECT_EQ(after[1].at("uuid"), boost::json::value(with_b));
}

TEST_F(ApiTest, InvalidSendsListEveryRuleAndWriteNothing) {
  Person zack = sign_up(client, "zack");
  Person talia = sign_up(client, "talia");

  auto expect_codes = [&](const boost::json::object& body, std::vector<std::string> codes) {
    Reply reply = client.post_json("/api/messages", body, zack.auth());
    EXPECT_EQ(reply.status, 422) << boost::json::serialize(body) << " -> " << reply.body;
    auto got = error_codes(reply);
    std::sort(got.begin(), got.end());
    std::sort(codes.begin(), codes.end());
    EXPECT_EQ(got, codes) << boost::json::serialize(body);
  };
  expect_codes({{"handle", talia.handle}}, {"message_blank"});
  expect_codes({{"handle", talia.handle}, {"message", " \n\t "}}, {"message_blank"});
  expect_codes({{"handle", talia.handle}, {"message", std::string(1025, 'x')}}, {"message_exceed_max_chars_1024"});
  expect_codes({{"message", "hi"}}, {"message_group_uuid_blank"});
  expect_codes({{"message", "hi"}, {"message_group_uuid", ""}}, {"message_group_uuid_blank"});
  expect_codes({{"message", "hi"}, {"handle", ""}}, {"handle_blank"});
  expect_codes({{"message", "hi"}, {"handle", zack.handle}}, {"cannot_message_self"});
  expect_codes({{"message", ""}, {"handle", zack.handle}, {"client_message_id", "has spaces"}},
               {"message_blank", "cannot_message_self", "client_message_id_invalid"});

  // 1024 code points of a 4-byte character is fine; 1025 is not.
  std::string emoji = "\xF0\x9F\x9A\x80";
  std::string max, over;
  for (int i = 0; i < 1024; ++i) max += emoji;
  over = max + emoji;
  expect_codes({{"handle", talia.handle}, {"message", over}}, {"message_exceed_max_chars_1024"});
  EXPECT_TRUE(list(client, zack, "/api/message_groups").empty()) << "nothing was written";
  EXPECT_EQ(send_to_handle(client, zack, talia.handle, max).status, 200);

  Reply unknown = send_to_handle(client, zack, unique_handle("nobody"), "hello?");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_THAT(error_codes(unknown), ElementsAre("user_not_found"));
}

TEST_F(ApiTest, MalformedBodiesAreClear400s) {
  Person bester = sign_up(client, "bester");
  auto post = [&](const std::string& body) { return client.post("/api/messages", body, bester.auth()); };
  EXPECT_THAT(error_codes(post("{not json")), ElementsAre("malformed_json"));
  EXPECT_THAT(error_codes(post("[1,2]")), ElementsAre("body_must_be_object"));
  EXPECT_THAT(error_codes(post(R"({"message": 5, "handle": "x"})")), ElementsAre("message_must_be_string"));
  EXPECT_THAT(error_codes(post(R"({"message": "hi", "handle": ["x"]})")), ElementsAre("handle_must_be_string"));
  Reply bad_utf8 = post("{\"message\": \"\xC3\x28\", \"handle\": \"x\"}");
  EXPECT_EQ(bad_utf8.status, 400);
  EXPECT_THAT(error_codes(bad_utf8), ElementsAre("malformed_json"));
  EXPECT_EQ(post("{not json").status, 400);
  EXPECT_TRUE(list(client, bester, "/api/message_groups").empty());
}

TEST_F(ApiTest, AThirdPersonCannotReadOrPostAndLearnsNothing) {
  Person a = sign_up(client, "marcus");
  Person b = sign_up(client, "ivanova");
  Person stranger = sign_up(client, "bester");
  std::string group(send_to_handle(client, a, b.handle, "private").json().at("message_group_uuid").as_string());

  Reply read = client.get("/api/messages/" + group, stranger.auth());
  EXPECT_EQ(read.status, 404);
  EXPECT_THAT(error_codes(read), ElementsAre("message_group_not_found"));
  Reply post = reply_to(client, stranger, group, "let me in");
  EXPECT_EQ(post.status, 404);
  EXPECT_EQ(post.body, read.body);
  // Exactly the same as a conversation that does not exist, or a malformed id.
  EXPECT_EQ(client.get("/api/messages/00000000-0000-4000-8000-000000000000", stranger.auth()).body, read.body);
  EXPECT_EQ(client.get("/api/messages/not-a-uuid", stranger.auth()).body, read.body);
  EXPECT_EQ(reply_to(client, stranger, "not-a-uuid", "x").status, 404);

  EXPECT_THAT(texts(list(client, a, "/api/messages/" + group)), ElementsAre("private"));
  EXPECT_TRUE(list(client, stranger, "/api/message_groups").empty());
}

}  // namespace
}  // namespace cruddur::testing
