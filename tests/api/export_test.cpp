// `cruddur export | import | verify` (doc/export.md) against the engine under test: a round trip through an
// export directory keeps every item and every account (people still sign in with their passwords and see the
// same lists and pages), importing twice changes nothing, a damaged export is refused before anything is
// written, and an import killed part-way is finished by running it again.
#include <signal.h>
#include <unistd.h>

#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <thread>

#include "api_fixture.hpp"
#include "support/child_process.hpp"

namespace cruddur::testing {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

boost::json::object read_manifest(const fs::path& directory) {
  std::ifstream in(directory / "manifest.json");
  std::stringstream text;
  text << in.rdbuf();
  return boost::json::parse(text.str()).as_object();
}

// content ("items", "users") -> {lines, lines_sha256, sha256}
std::map<std::string, std::vector<std::string>> manifest_files(const fs::path& directory) {
  std::map<std::string, std::vector<std::string>> files;
  const boost::json::object manifest = read_manifest(directory);
  for (const auto& f : manifest.at("files").as_array()) {
    const auto& o = f.as_object();
    files[std::string(o.at("content").as_string())] = {std::to_string(o.at("lines").to_number<std::uint64_t>()),
                                                       std::string(o.at("lines_sha256").as_string()),
                                                       std::string(o.at("sha256").as_string())};
  }
  return files;
}

std::string sign_in(HttpClient& client, const std::string& handle) {
  Reply reply = client.post_json("/api/auth/signin", {{"login", handle}, {"password", "correct horse battery"}});
  if (reply.status != 200) throw std::runtime_error("sign-in of @" + handle + ": " + reply.body);
  return std::string(reply.json().at("access_token").as_string());
}

// Everything a person sees through the API: every page of their conversation list and of each conversation,
// fetched in small pages so that paging is compared too.
std::string what_they_see(HttpClient& client, const std::string& token) {
  HttpClient::Headers auth{{"Authorization", "Bearer " + token}};
  std::string seen;
  std::vector<std::string> groups;
  std::string cursor;
  do {
    Reply page = client.get("/api/message_groups?limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor), auth);
    if (page.status != 200) throw std::runtime_error("list: " + page.body);
    seen += page.body + "\n";
    auto rows = page.json();
    for (const auto& row : rows.as_array()) groups.emplace_back(row.at("uuid").as_string());
    cursor = page.header("x-next-cursor");
  } while (!cursor.empty());
  for (const auto& group : groups) {
    cursor.clear();
    do {
      Reply page =
          client.get("/api/messages/" + group + "?limit=7" + (cursor.empty() ? "" : "&cursor=" + cursor), auth);
      if (page.status != 200) throw std::runtime_error("messages: " + page.body);
      seen += page.body + "\n";
      cursor = page.header("x-next-cursor");
    } while (!cursor.empty());
  }
  return seen;
}

// A small world on a server of its own: three people, conversations between each pair, some read.
struct World {
  TempDir data;
  std::vector<std::string> engine;  // the flags selecting its engines, for commands on its data
  std::unique_ptr<ServerProcess> server;
  std::vector<Person> people;

  explicit World(int messages_per_pair, std::vector<std::string> engine_args = engine_under_test_args())
      : engine(std::move(engine_args)) {
    server = std::make_unique<ServerProcess>(
        data.path(), with(engine, {"--send-rate", "0", "--signin-rate", "0", "--signin-failures", "0"}));
    HttpClient client(server->port());
    for (const char* prefix : {"exp_a", "exp_b", "exp_c"}) people.push_back(sign_up(client, prefix));
    for (size_t i = 0; i < people.size(); ++i) {
      for (size_t j = i + 1; j < people.size(); ++j) {
        for (int n = 0; n < messages_per_pair; ++n) {
          const Person& from = n % 3 == 0 ? people[j] : people[i];
          const Person& to = n % 3 == 0 ? people[i] : people[j];
          Reply sent = send_to_handle(client, from, to.handle, "message " + std::to_string(n) + " \"quoted\" é ✓");
          if (sent.status != 201 && sent.status != 200) throw std::runtime_error("send: " + sent.body);
        }
      }
    }
    // One read, so read markers travel too.
    auto groups = client.get("/api/message_groups", people[1].auth()).json().as_array();
    std::string group(groups.at(0).at("uuid").as_string());
    client.post_json("/api/message_groups/" + group + "/read", boost::json::object{}, people[1].auth());
  }

  // `cruddur export --to dir` of this world's data (its server stopped first, for a point in time).
  CommandResult export_to(const fs::path& dir) const {
    return run_cruddur(with({"export", "--to", dir.string(), "--data", data.str()}, engine));
  }

  std::map<std::string, std::string> seen_by_everyone(uint16_t port) {
    HttpClient client(port);
    std::map<std::string, std::string> seen;
    for (const auto& person : people) seen[person.handle] = what_they_see(client, sign_in(client, person.handle));
    return seen;
  }
};

// Flags for a fresh target: a new data dir and, on DynamoDB engines, a new table.
struct Target {
  TempDir data;
  std::vector<std::string> engine = engine_under_test_args();
  std::vector<std::string> args(std::vector<std::string> command) const {
    return with(with(std::move(command), {"--data", data.str()}), engine);
  }
};

TEST(Export, RoundTripKeepsEveryItemAndAccountAndVerifies) {
  World world(12);
  auto before = world.seen_by_everyone(world.server->port());
  world.server->stop();

  TempDir exports;
  const fs::path first = exports.path() / "first";
  auto exported = world.export_to(first);
  ASSERT_EQ(exported.exit_code, 0) << exported.output;
  EXPECT_THAT(exported.output, HasSubstr("exported "));
  EXPECT_TRUE(fs::exists(first / "items.json.gz"));
  EXPECT_TRUE(fs::exists(first / "users.json.gz"));
  auto files = manifest_files(first);
  EXPECT_EQ(files["users"][0], "3");
  EXPECT_GT(std::stoi(files["items"][0]), 36 * 3);

  // A second export into the same (now non-empty) directory is refused.
  auto again = world.export_to(first);
  EXPECT_NE(again.exit_code, 0);
  EXPECT_THAT(again.output, HasSubstr("not empty"));

  Target target;
  auto imported = run_cruddur(target.args({"import", "--from", first.string()}));
  ASSERT_EQ(imported.exit_code, 0) << imported.output;
  EXPECT_THAT(imported.output, HasSubstr("users: 3 created, 0 already present"));
  auto verified = run_cruddur(target.args({"verify", "--from", first.string()}));
  EXPECT_EQ(verified.exit_code, 0) << verified.output;

  // Exported again from the target: identical data files (the same lines in the same engine's scan order,
  // gzip'd without names or times: the same bytes), hence the same counts and digests.
  const fs::path second = exports.path() / "second";
  auto exported_again = run_cruddur(target.args({"export", "--to", second.string()}));
  ASSERT_EQ(exported_again.exit_code, 0) << exported_again.output;
  auto files_again = manifest_files(second);
  for (const char* content : {"items", "users"}) {
    EXPECT_EQ(files_again[content][0], files[content][0]) << content;
    EXPECT_EQ(files_again[content][1], files[content][1]) << content;
    EXPECT_EQ(files_again[content][2], files[content][2]) << content << ": the data files' bytes differ";
  }
  for (const char* name : {"items.json.gz", "users.json.gz"})
    EXPECT_EQ(fs::file_size(second / name), fs::file_size(first / name)) << name;

  // Importing the same export again changes nothing.
  auto twice = run_cruddur(target.args({"import", "--from", first.string()}));
  ASSERT_EQ(twice.exit_code, 0) << twice.output;
  EXPECT_THAT(twice.output, HasSubstr("users: 0 created, 3 already present"));
  const fs::path third = exports.path() / "third";
  ASSERT_EQ(run_cruddur(target.args({"export", "--to", third.string()})).exit_code, 0);
  auto files_third = manifest_files(third);
  for (const char* content : {"items", "users"}) EXPECT_EQ(files_third[content], files_again[content]) << content;

  // People sign in on the target with their old passwords and see exactly what they saw.
  {
    ServerProcess moved(target.data.path(), with(target.engine, {"--signin-rate", "0", "--signin-failures", "0"}));
    EXPECT_EQ(world.seen_by_everyone(moved.port()), before);
    // Something new on the target: verify now names the difference.
    HttpClient client(moved.port());
    Person a = world.people[0];
    a.token = sign_in(client, a.handle);
    EXPECT_LT(send_to_handle(client, a, world.people[1].handle, "after the move").status, 300);
  }
  auto differs = run_cruddur(target.args({"verify", "--from", first.string()}));
  EXPECT_NE(differs.exit_code, 0);
  EXPECT_THAT(differs.output, HasSubstr("items: "));
}

// From the embedded engine to a DynamoDB-protocol one (run by the dynalite and DynamoDB Local wrappers).
TEST(Export, FromSqliteToDynamoDbEveryoneSeesTheSame) {
  if (engine_under_test_args().front() != "--store" || engine_under_test_args()[1] != "dynamodb")
    GTEST_SKIP() << "needs a DynamoDB-protocol engine (tests/engines/run-with-dynamodb-engine.sh)";
  World world(15, {"--store", "sqlite"});
  auto before = world.seen_by_everyone(world.server->port());
  world.server->stop();
  TempDir exports;
  const fs::path dir = exports.path() / "export";
  auto exported = world.export_to(dir);
  ASSERT_EQ(exported.exit_code, 0) << exported.output;

  Target target;  // --store dynamodb --table <fresh>
  auto imported = run_cruddur(target.args({"import", "--from", dir.string()}));
  ASSERT_EQ(imported.exit_code, 0) << imported.output;
  auto verified = run_cruddur(target.args({"verify", "--from", dir.string()}));
  EXPECT_EQ(verified.exit_code, 0) << verified.output;
  // The digest does not depend on the engine's scan order: exported back from DynamoDB, the same.
  const fs::path back = exports.path() / "back";
  ASSERT_EQ(run_cruddur(target.args({"export", "--to", back.string()})).exit_code, 0);
  EXPECT_EQ(manifest_files(back)["items"][1], manifest_files(dir)["items"][1]);

  ServerProcess moved(target.data.path(), with(target.engine, {"--signin-rate", "0", "--signin-failures", "0"}));
  EXPECT_EQ(world.seen_by_everyone(moved.port()), before);
}

// `cruddur migrate`: the same in one command.
TEST(Export, MigrateMovesSqliteToDynamoDbInOneGo) {
  if (engine_under_test_args().front() != "--store" || engine_under_test_args()[1] != "dynamodb")
    GTEST_SKIP() << "needs a DynamoDB-protocol engine (tests/engines/run-with-dynamodb-engine.sh)";
  World world(5, {"--store", "sqlite"});
  auto before = world.seen_by_everyone(world.server->port());
  world.server->stop();
  TempDir exports;
  const std::string table = "cruddur-migrated-" + std::to_string(::getpid());
  auto migrated = run_cruddur({"migrate", "--store", "sqlite", "--data", world.data.str(), "--to-dynamodb", table,
                               "--via", (exports.path() / "via").string()});
  ASSERT_EQ(migrated.exit_code, 0) << migrated.output;
  EXPECT_THAT(migrated.output, HasSubstr("verified: "));
  // Users stay in the data dir's SQLite file; the messages now come from DynamoDB.
  ServerProcess moved(world.data.path(),
                      {"--store", "dynamodb", "--table", table, "--signin-rate", "0", "--signin-failures", "0"});
  EXPECT_EQ(world.seen_by_everyone(moved.port()), before);

  auto nowhere = run_cruddur({"migrate", "--store", "sqlite", "--data", world.data.str(), "--via",
                              (exports.path() / "other").string()});
  EXPECT_NE(nowhere.exit_code, 0);
  EXPECT_THAT(nowhere.output, HasSubstr("--to-dynamodb"));
}

TEST(Export, DamagedExportIsRefusedBeforeAnythingIsWritten) {
  World world(2);
  world.server->stop();
  TempDir exports;
  const fs::path dir = exports.path() / "export";
  ASSERT_EQ(world.export_to(dir).exit_code, 0);
  // One byte changed in the middle of the items file.
  {
    std::fstream file(dir / "items.json.gz", std::ios::in | std::ios::out | std::ios::binary);
    file.seekg(0, std::ios::end);
    auto size = static_cast<std::streamoff>(file.tellg());
    file.seekg(size / 2);
    char byte = 0;
    file.read(&byte, 1);
    file.seekp(size / 2);
    byte = static_cast<char>(byte ^ 0x01);
    file.write(&byte, 1);
  }
  TempDir parent;
  const fs::path data = parent.path() / "never-created";
  auto refused = run_cruddur(with({"import", "--from", dir.string(), "--data", data.string()}, engine_under_test_args()));
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_THAT(refused.output, HasSubstr("items.json.gz: SHA-256 does not match the manifest"));
  EXPECT_EQ(std::count(refused.output.begin(), refused.output.end(), '\n'), 1) << refused.output;
  EXPECT_FALSE(fs::exists(data)) << "the target was touched";

  auto missing = run_cruddur({"import", "--from", (parent.path() / "nothing").string(), "--data", data.string()});
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_THAT(missing.output, HasSubstr("no manifest.json"));
}

TEST(Export, ImportKilledPartWayIsFinishedByRunningItAgain) {
  // ~1,100 items (360 sends): the import is usually still putting items when it is killed.
  World world(120);
  world.server->stop();
  TempDir exports;
  const fs::path dir = exports.path() / "export";
  ASSERT_EQ(world.export_to(dir).exit_code, 0);

  Target target;
  TempDir logs;
  const char* binary = std::getenv("CRUDDUR_BINARY");
  ASSERT_NE(binary, nullptr);
  {
    ChildProcess import(binary, target.args({"import", "--from", dir.string()}), logs.path() / "import.log");
    // Killed as soon as the accounts are in, while the items are being put (it may, rarely, have finished).
    wait_until([&] { return !import.running() || file_tail(import.log_file()).find("import: users") != std::string::npos; },
               std::chrono::seconds(20), std::chrono::milliseconds(5));
    import.kill_hard();
  }
  // Usually the kill lands part-way (the target then differs); either way the second run must finish it.
  auto after_kill = run_cruddur(target.args({"verify", "--from", dir.string()}));
  RecordProperty("target_after_kill", after_kill.exit_code == 0 ? "complete" : "incomplete");
  std::printf("after the kill: %s", after_kill.exit_code == 0 ? "complete\n" : after_kill.output.c_str());
  auto resumed = run_cruddur(target.args({"import", "--from", dir.string()}));
  ASSERT_EQ(resumed.exit_code, 0) << resumed.output;
  auto verified = run_cruddur(target.args({"verify", "--from", dir.string()}));
  EXPECT_EQ(verified.exit_code, 0) << verified.output;
}

// The resume rule under fire: an import SIGKILLed at three random moments (each kill interrupting the run
// that resumed the previous one), then run once more, holds exactly the export: verify agrees, the last run
// counts every item and account, and an export of the target has the same line count and digest (nothing
// missing, nothing twice). The moments are drawn from how long a whole import of the same directory takes
// here, and printed, so a failure can be replayed.
TEST(Export, ImportKilledAtThreeRandomPointsIsResumedAndVerifies) {
  // The source is SQLite (seeding through the domain is quickest there); the target is the engine under test.
  TempDir source;
  auto seeded = run_cruddur({"ddb", "seed-load", "--users", "20", "--messages", "3000", "--data", source.str(),
                             "--store", "sqlite"});
  ASSERT_EQ(seeded.exit_code, 0) << seeded.output;
  TempDir exports;
  const fs::path dir = exports.path() / "export";
  auto exported = run_cruddur({"export", "--to", dir.string(), "--data", source.str(), "--store", "sqlite"});
  ASSERT_EQ(exported.exit_code, 0) << exported.output;
  auto files = manifest_files(dir);

  // How long a whole import takes here.
  Target scratch;
  auto t0 = std::chrono::steady_clock::now();
  ASSERT_EQ(run_cruddur(scratch.args({"import", "--from", dir.string()})).exit_code, 0);
  auto whole = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0);

  Target target;
  TempDir logs;
  const char* binary = std::getenv("CRUDDUR_BINARY");
  ASSERT_NE(binary, nullptr);
  std::random_device seed;
  std::mt19937 random(seed());
  std::uniform_int_distribution<long> moment(0, std::max<long>(whole.count() - 1, 1));
  for (int kill = 0; kill < 3; ++kill) {
    auto at = std::chrono::milliseconds(moment(random));
    std::printf("kill %d at %lld ms of a %lld ms import\n", kill + 1, static_cast<long long>(at.count()),
                static_cast<long long>(whole.count()));
    ChildProcess import(binary, target.args({"import", "--from", dir.string()}),
                        logs.path() / ("import-" + std::to_string(kill) + ".log"));
    std::this_thread::sleep_for(at);
    import.kill_hard();
  }
  auto resumed = run_cruddur(target.args({"import", "--from", dir.string()}));
  ASSERT_EQ(resumed.exit_code, 0) << resumed.output;
  EXPECT_THAT(resumed.output, HasSubstr("imported " + files["items"][0] + " items; users: "));
  auto verified = run_cruddur(target.args({"verify", "--from", dir.string()}));
  EXPECT_EQ(verified.exit_code, 0) << verified.output;
  const fs::path back = exports.path() / "back";
  ASSERT_EQ(run_cruddur(target.args({"export", "--to", back.string()})).exit_code, 0);
  auto files_back = manifest_files(back);
  for (const char* content : {"items", "users"}) {
    EXPECT_EQ(files_back[content][0], files[content][0]) << content;
    EXPECT_EQ(files_back[content][1], files[content][1]) << content;
  }
  EXPECT_EQ(files["users"][0], "20");
}

TEST(Cli, VersionNamesTheVersionAndCommit) {
  auto version = run_cruddur({"--version"});
  EXPECT_EQ(version.exit_code, 0) << version.output;
  EXPECT_THAT(version.output, ::testing::MatchesRegex("cruddur [0-9]+\\.[0-9]+\\.[0-9]+ \\(commit [0-9a-f]+\\)\n"));
}

}  // namespace
}  // namespace cruddur::testing
