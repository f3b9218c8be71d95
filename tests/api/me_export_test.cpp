// GET /api/me/export: a person's own conversations and every message in them, as a download; nothing of
// anybody else's; rate-limited.
#include "api_fixture.hpp"

namespace cruddur::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(MeExport, HoldsAllOfMyConversationsAndNothingOfAnybodyElses) {
  TestServer server({"--send-rate", "0"});  // default --export-rate: two at once, then a few an hour
  HttpClient client(server.port());
  Person a = sign_up(client, "mx_a");
  Person b = sign_up(client, "mx_b");
  Person c = sign_up(client, "mx_c");
  Person d = sign_up(client, "mx_d");
  // a <-> b: more than one page of messages; b <-> c: a conversation a is not in; a <-> d: a second one.
  for (int i = 0; i < 130; ++i)
    ASSERT_EQ(send_to_handle(client, i % 2 ? a : b, i % 2 ? b.handle : a.handle, "ab " + std::to_string(i)).status, 200);
  ASSERT_EQ(send_to_handle(client, b, c.handle, "secret between b and c").status, 200);
  ASSERT_EQ(send_to_handle(client, d, a.handle, "hello a, from d").status, 200);

  Reply mine = client.get("/api/me/export", a.auth());
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_THAT(mine.header("content-disposition"), HasSubstr("attachment"));
  EXPECT_THAT(mine.header("content-disposition"), HasSubstr(a.handle));
  auto document = mine.json().as_object();
  EXPECT_EQ(document.at("user").at("handle"), boost::json::value(a.handle));
  auto conversations = document.at("conversations").as_array();
  ASSERT_EQ(conversations.size(), 2u);
  std::map<std::string, std::vector<std::string>> texts;  // other handle -> messages, oldest first
  for (const auto& entry : conversations) {
    std::string other(entry.at("conversation").at("handle").as_string());
    for (const auto& m : entry.at("messages").as_array()) texts[other].emplace_back(m.at("message").as_string());
  }
  ASSERT_EQ(texts[b.handle].size(), 130u);
  for (int i = 0; i < 130; ++i) EXPECT_EQ(texts[b.handle][i], "ab " + std::to_string(i));
  EXPECT_EQ(texts[d.handle], std::vector<std::string>{"hello a, from d"});
  EXPECT_THAT(mine.body, Not(HasSubstr("secret between b and c")));
  EXPECT_THAT(mine.body, Not(HasSubstr(c.handle)));

  // c's export has c's conversation only.
  Reply theirs = client.get("/api/me/export", c.auth());
  ASSERT_EQ(theirs.status, 200);
  EXPECT_THAT(theirs.body, HasSubstr("secret between b and c"));
  EXPECT_THAT(theirs.body, Not(HasSubstr("ab 1")));
  EXPECT_THAT(theirs.body, Not(HasSubstr(a.handle)));

  // A stranger without a token, or with a forged one, gets nothing.
  Reply stranger = client.get("/api/me/export");
  EXPECT_EQ(stranger.status, 401);
  EXPECT_THAT(stranger.body, Not(HasSubstr("ab ")));
  Reply forged = client.get("/api/me/export", {{"Authorization", "Bearer not-a-token"}});
  EXPECT_EQ(forged.status, 401);

  // Two at once, then the limit: 429 with Retry-After.
  ASSERT_EQ(client.get("/api/me/export", a.auth()).status, 200);
  Reply limited = client.get("/api/me/export", a.auth());
  EXPECT_EQ(limited.status, 429);
  EXPECT_GE(std::stoi(limited.header("retry-after")), 1);
  // Another person is not limited by a's downloads.
  EXPECT_EQ(client.get("/api/me/export", d.auth()).status, 200);
}

}  // namespace
}  // namespace cruddur::testing
