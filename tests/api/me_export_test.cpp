// GET /api/me/export: a person's own conversations and every message in them, as a download; nothing of
// anybody else's; rate-limited.
#include "api_fixture.hpp"
#include "support/server_process.hpp"

#include <map>

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

// Every message of `group` through the API's pages (newest page first), as uuids oldest first.
std::vector<std::string> conversation_through_pages(HttpClient& client, const HttpClient::Headers& auth,
                                                    const std::string& group) {
  std::vector<std::string> uuids;
  std::string cursor;
  do {
    Reply page = client.get("/api/messages/" + group + "?limit=100" + (cursor.empty() ? "" : "&cursor=" + cursor), auth);
    if (page.status != 200) throw std::runtime_error("messages: " + page.body);
    std::vector<std::string> older;
    const auto rows = page.json();
    for (const auto& m : rows.as_array()) older.emplace_back(m.at("uuid").as_string());
    uuids.insert(uuids.begin(), older.begin(), older.end());
    cursor = page.header("x-next-cursor");
  } while (!cursor.empty());
  return uuids;
}

// A person with thousands of messages (`cruddur ddb seed-load`: load_u0 talks with load_u1 and load_u3, 2,100
// messages; load_u1 <-> load_u2 and load_u2 <-> load_u3 are not theirs) downloads every one of them, in the
// order the pages show, as a streamed (chunked) reply, and nothing of the conversations they are not in.
TEST(MeExport, ThousandsOfMessagesAllArriveStreamedAndNothingOfAnybodyElses) {
  TempDir data;
  std::vector<std::string> engine = engine_under_test_args();  // one fresh table on DynamoDB engines
  if (engine[1] == "sqlite") {
    auto seeded = run_cruddur({"ddb", "seed-load", "--users", "4", "--messages", "3500", "--data", data.str(), "--store", "sqlite"});
    ASSERT_EQ(seeded.exit_code, 0) << seeded.output;
  } else {
    // Sends through the domain are slow on a DynamoDB engine (several requests each): seed SQLite and move
    // the result over with export + import instead.
    TempDir source, exports;
    auto seeded = run_cruddur({"ddb", "seed-load", "--users", "4", "--messages", "3500", "--data", source.str(), "--store", "sqlite"});
    ASSERT_EQ(seeded.exit_code, 0) << seeded.output;
    const std::string dir = (exports.path() / "export").string();
    auto exported = run_cruddur({"export", "--to", dir, "--data", source.str(), "--store", "sqlite"});
    ASSERT_EQ(exported.exit_code, 0) << exported.output;
    std::vector<std::string> import{"import", "--from", dir, "--data", data.str()};
    import.insert(import.end(), engine.begin(), engine.end());
    auto imported = run_cruddur(import);
    ASSERT_EQ(imported.exit_code, 0) << imported.output;
  }
  std::vector<std::string> serve = engine;
  for (const char* flag : {"--signin-rate", "0", "--signin-failures", "0"}) serve.emplace_back(flag);
  ServerProcess server(data.path(), serve);
  HttpClient client(server.port());
  client.set_timeout(std::chrono::seconds(120));
  Reply signed_in = client.post_json("/api/auth/signin", {{"login", "load_u0"}, {"password", "cruddur-load-2026"}});
  ASSERT_EQ(signed_in.status, 200) << signed_in.body;
  HttpClient::Headers auth{{"Authorization", "Bearer " + std::string(signed_in.json().at("access_token").as_string())}};

  // What the pages show load_u0: each conversation's messages, oldest first.
  std::map<std::string, std::vector<std::string>> shown;
  size_t shown_total = 0;
  std::string cursor;
  do {
    Reply page = client.get("/api/message_groups?limit=100" + (cursor.empty() ? "" : "&cursor=" + cursor), auth);
    ASSERT_EQ(page.status, 200) << page.body;
    const auto rows = page.json();
    for (const auto& row : rows.as_array()) {
      std::string group(row.at("uuid").as_string());
      shown[group] = conversation_through_pages(client, auth, group);
      shown_total += shown[group].size();
    }
    cursor = page.header("x-next-cursor");
  } while (!cursor.empty());
  ASSERT_EQ(shown.size(), 2u);
  ASSERT_EQ(shown_total, 2100u);

  Reply mine = client.get("/api/me/export", auth);
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_THAT(mine.header("transfer-encoding"), HasSubstr("chunked"));
  EXPECT_EQ(mine.header("content-length"), "");
  const auto document = mine.json();
  EXPECT_EQ(document.at("user").at("handle"), boost::json::value("load_u0"));
  std::map<std::string, std::vector<std::string>> exported;
  const auto& conversations = document.at("conversations").as_array();
  for (const auto& entry : conversations) {
    std::string group(entry.at("conversation").at("uuid").as_string());
    ASSERT_EQ(exported.count(group), 0u) << "conversation " << group << " twice";
    auto& uuids = exported[group];
    for (const auto& m : entry.at("messages").as_array()) uuids.emplace_back(m.at("uuid").as_string());
  }
  EXPECT_TRUE(exported == shown) << "the download differs from what the pages show";
  EXPECT_THAT(mine.body, Not(HasSubstr("@load_u2")));
  EXPECT_THAT(mine.body, Not(HasSubstr("\"load_u2\"")));
}

}  // namespace
}  // namespace cruddur::testing
