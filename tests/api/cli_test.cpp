// The `cruddur` commands and the demo data, against the same engine as the server tests.
#include "api_fixture.hpp"

namespace cruddur::testing {
namespace {

using ::testing::HasSubstr;

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

size_t count_lines(const std::string& text) { return std::count(text.begin(), text.end(), '\n'); }

TEST(Cli, DemoServerHasTheDemoPeopleAndTheirConversation) {
  TestServer server({"--demo"});
  HttpClient client(server.port());
  Reply signin = client.post_json("/api/auth/signin", {{"login", "andrewbrown"}, {"password", "cruddur-demo-2026"}});
  ASSERT_EQ(signin.status, 200) << signin.body;
  std::string token(signin.json().at("access_token").as_string());
  HttpClient::Headers auth{{"Authorization", "Bearer " + token}};
  auto groups = client.get("/api/message_groups", auth).json().as_array();
  ASSERT_GE(groups.size(), 1u);
  EXPECT_EQ(groups[0].at("handle"), "bayko");
  std::string group(groups[0].at("uuid").as_string());

  size_t messages = 0;
  std::string cursor;
  do {
    Reply page = client.get("/api/messages/" + group + "?limit=100" + (cursor.empty() ? "" : "&cursor=" + cursor), auth);
    ASSERT_EQ(page.status, 200);
    messages += page.json().as_array().size();
    cursor = page.header("x-next-cursor");
  } while (!cursor.empty());
  EXPECT_GE(messages, 100u);
  EXPECT_EQ(client.get("/api/users/@londo/short", auth).json().at("display_name"), "Londo Mollari");

  // Seeding again (as `ddb seed` does) writes nothing new.
  server.process().stop();
  auto seed = run_cruddur(with({"ddb", "seed", "--data", server.data().str()}, server.engine_args()));
  ASSERT_EQ(seed.exit_code, 0) << seed.output;
  auto scan = run_cruddur(with({"ddb", "get-conversation", group, "--data", server.data().str()}, server.engine_args()));
  ASSERT_EQ(scan.exit_code, 0) << scan.output;
  EXPECT_EQ(count_lines(scan.output), messages + 2) << "two member lines, then one line per message";
}

TEST(Cli, SchemaLoadTwiceIsHarmlessAndTheTableCommandsWork) {
  TempDir data;
  std::vector<std::string> engine = engine_under_test_args();
  auto args = [&](std::vector<std::string> a) { return with(with(std::move(a), {"--data", data.str()}), engine); };
  for (int i = 0; i < 2; ++i) {
    auto load = run_cruddur(args({"ddb", "schema-load"}));
    EXPECT_EQ(load.exit_code, 0) << load.output;
    auto users = run_cruddur(args({"db", "schema-load"}));
    EXPECT_EQ(users.exit_code, 0) << users.output;
  }
  auto tables = run_cruddur(args({"ddb", "list-tables"}));
  EXPECT_EQ(tables.exit_code, 0);
  EXPECT_THAT(tables.output, HasSubstr(engine.size() > 2 ? engine[3] : "cruddur-messages"));

  auto seed_users = run_cruddur(args({"db", "seed"}));
  EXPECT_EQ(seed_users.exit_code, 0) << seed_users.output;
  auto seed = run_cruddur(args({"ddb", "seed"}));
  EXPECT_EQ(seed.exit_code, 0) << seed.output;
  auto conversations = run_cruddur(args({"ddb", "list-conversations", "bayko"}));
  EXPECT_EQ(conversations.exit_code, 0) << conversations.output;
  EXPECT_THAT(conversations.output, HasSubstr("\"handle\":\"andrewbrown\""));
  auto scan = run_cruddur(args({"ddb", "scan"}));
  EXPECT_EQ(scan.exit_code, 0);
  EXPECT_GT(count_lines(scan.output), 100u);

  auto nobody = run_cruddur(args({"ddb", "list-conversations", "nobody_at_all"}));
  EXPECT_NE(nobody.exit_code, 0);
  EXPECT_THAT(nobody.output, HasSubstr("no user @nobody_at_all"));
  auto bad_flag = run_cruddur(args({"ddb", "scan", "--no-such-flag"}));
  EXPECT_NE(bad_flag.exit_code, 0);

  auto half_provisioned = run_cruddur(args({"ddb", "schema-load", "--read-capacity", "5"}));
  EXPECT_NE(half_provisioned.exit_code, 0);
  EXPECT_THAT(half_provisioned.output, HasSubstr("--read-capacity requires --write-capacity"));
  auto provisioned = run_cruddur(args({"ddb", "schema-load", "--read-capacity", "5", "--write-capacity", "2"}));
  EXPECT_EQ(provisioned.exit_code, 0) << provisioned.output;

  auto drop = run_cruddur(args({"ddb", "drop"}));
  EXPECT_EQ(drop.exit_code, 0) << drop.output;
  auto drop_again = run_cruddur(args({"ddb", "drop"}));
  EXPECT_NE(drop_again.exit_code, 0);
  EXPECT_THAT(drop_again.output, HasSubstr("does not exist"));
}

}  // namespace
}  // namespace cruddur::testing
