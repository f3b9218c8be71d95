// `cruddur backup | restore` (doc/export.md "Backup and restore"): a backup taken while sends stream in is a
// sound database holding every send acknowledged before it began; restore fills only an empty data dir.
// SQLite only: the backup copies the embedded engines' files.
#include <atomic>
#include <thread>

#include "api_fixture.hpp"

namespace cruddur::testing {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

// PRAGMA integrity_check by Debian's sqlite3 shell, independently of the binary under test.
std::string integrity_check(const fs::path& database) {
  std::string command = "sqlite3 -readonly '" + database.string() + "' 'PRAGMA integrity_check' 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return "popen failed";
  std::string output;
  char buffer[512];
  while (size_t n = fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
  pclose(pipe);
  return output;
}

TEST(Backup, TakenDuringSteadySendsHoldsEveryEarlierSendAndRestores) {
  if (engine_under_test_args() != std::vector<std::string>{"--store", "sqlite"})
    GTEST_SKIP() << "backup copies the embedded SQLite files";
  TestServer server({"--send-rate", "0"});
  HttpClient client(server.port());
  Person a = sign_up(client, "bk_a");
  Person b = sign_up(client, "bk_b");
  Reply first = send_to_handle(client, a, b.handle, "m0");
  ASSERT_EQ(first.status, 200) << first.body;
  const std::string group(first.json().at("message_group_uuid").as_string());

  // A steady stream of sends on a thread of its own; `acknowledged` counts the answered ones, in order.
  std::atomic<int> acknowledged{1};
  std::atomic<bool> stop{false};
  std::atomic<int> failures{0};
  std::thread sender([&] {
    HttpClient own(server.port());
    for (int i = 1; !stop; ++i) {
      Reply sent = reply_to(own, i % 2 ? b : a, group, "m" + std::to_string(i));
      if (sent.status != 200) {
        ++failures;
        return;
      }
      acknowledged = i + 1;
    }
  });
  ASSERT_TRUE(wait_until([&] { return acknowledged >= 200; }, std::chrono::seconds(30)));

  TempDir backups;
  const fs::path backup = backups.path() / "backup";
  const int before = acknowledged;  // every one of these was answered before the backup began
  auto taken = run_cruddur({"backup", "--to", backup.string(), "--data", server.data().str()});
  // Sends kept flowing while it ran.
  const int at_end = acknowledged;
  ASSERT_TRUE(wait_until([&] { return acknowledged >= at_end + 20; }, std::chrono::seconds(30)));
  stop = true;
  sender.join();
  ASSERT_EQ(taken.exit_code, 0) << taken.output;
  EXPECT_EQ(failures, 0);

  // Restore refuses a data dir that is not empty.
  auto refused = run_cruddur({"restore", "--from", backup.string(), "--data", server.data().str()});
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_THAT(refused.output, HasSubstr("is not empty"));

  TempDir parent;
  const fs::path restored = parent.path() / "restored";
  auto put_back = run_cruddur({"restore", "--from", backup.string(), "--data", restored.string()});
  ASSERT_EQ(put_back.exit_code, 0) << put_back.output;
  EXPECT_THAT(put_back.output, HasSubstr("integrity ok"));
  for (const char* name : {"messages.sqlite3", "users.sqlite3"}) EXPECT_EQ(integrity_check(restored / name), "ok\n");

  // The restored server has every send acknowledged before the backup began, each once, in order.
  ServerProcess again(restored, {"--signin-rate", "0", "--signin-failures", "0"});
  HttpClient restored_client(again.port());
  std::vector<std::string> texts;
  std::string cursor;
  do {
    Reply page = restored_client.get(
        "/api/messages/" + group + "?limit=100" + (cursor.empty() ? "" : "&cursor=" + cursor), a.auth());
    ASSERT_EQ(page.status, 200) << page.body;  // the token key came along: the old token still works
    std::vector<std::string> older;
    auto body = page.json();
    for (const auto& m : body.as_array()) older.emplace_back(m.at("message").as_string());
    texts.insert(texts.begin(), older.begin(), older.end());
    cursor = page.header("x-next-cursor");
  } while (!cursor.empty());
  ASSERT_GE(texts.size(), static_cast<size_t>(before));
  for (int i = 0; i < static_cast<int>(texts.size()); ++i) ASSERT_EQ(texts[i], "m" + std::to_string(i));
}

}  // namespace
}  // namespace cruddur::testing
