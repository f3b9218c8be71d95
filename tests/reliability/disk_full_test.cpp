// A full disk under the embedded store: the data directory is a small tmpfs mounted by the test (root only;
// skipped with a message otherwise). Filled to the last byte while people send: sends answer 503
// {"errors":["service_unavailable"]} (never 500, never a hang) with a log line that says the disk is full,
// reading goes on, nothing is corrupted (integrity_check after a clean stop), and once space is freed the
// same sends, retried by client_message_id, succeed without a restart; nothing is lost or duplicated.

#include <sqlite3.h>
#include <sys/mount.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "reliability/send_ledger.hpp"

namespace cruddur::testing {
namespace {

std::string integrity(const std::string& path) {
  sqlite3* db = nullptr;
  std::string result;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK) {
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &statement, nullptr);
    while (statement && sqlite3_step(statement) == SQLITE_ROW)
      result += reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    sqlite3_finalize(statement);
  }
  if (result.empty()) result = std::string("cannot check: ") + sqlite3_errmsg(db);
  sqlite3_close(db);
  return result;
}

// A tmpfs of `size` on a fresh directory, unmounted when it dies.
class SmallDisk {
 public:
  explicit SmallDisk(const std::string& size) : path_(dir_.path() / "data") {
    std::filesystem::create_directories(path_);
    const std::string options = "size=" + size;
    if (::mount("tmpfs", path_.c_str(), "tmpfs", 0, options.c_str()) == 0) mounted_ = true;
    else error_ = std::strerror(errno);
  }
  ~SmallDisk() {
    if (mounted_) ::umount2(path_.c_str(), MNT_DETACH);
  }
  bool mounted() const { return mounted_; }
  const std::string& error() const { return error_; }
  const std::filesystem::path& path() const { return path_; }

 private:
  TempDir dir_;
  std::filesystem::path path_;
  bool mounted_ = false;
  std::string error_;
};

// Writes a file until the disk says no more; returns the bytes written.
std::size_t fill(const std::filesystem::path& file) {
  std::FILE* out = std::fopen(file.c_str(), "wb");
  if (!out) return 0;
  std::string block(4096, 'x');
  std::size_t written = 0;
  while (std::fwrite(block.data(), 1, block.size(), out) == block.size() && std::fflush(out) == 0) written += block.size();
  // The last partial block: byte by byte.
  while (std::fputc('x', out) != EOF && std::fflush(out) == 0) ++written;
  std::fclose(out);
  return written;
}

TEST(DiskFull, SendsAnswer503AndSucceedAgainOnceSpaceIsFreed) {
  SmallDisk disk("3m");
  if (!disk.mounted()) GTEST_SKIP() << "cannot mount a tmpfs for the data directory (needs root): " << disk.error();

  ServerProcess server(disk.path(), {"--store", "sqlite", "--signin-rate", "0", "--signin-failures", "0",
                                     "--send-rate", "0"});
  HttpClient client(server.port());
  std::vector<Person> people{sign_up(client, "full_a"), sign_up(client, "full_b")};
  SendLedger ledger;
  std::string group;
  int next = 0;
  auto text_for = [](int n) { return "message " + std::to_string(n) + " " + std::string(900, 'a' + n % 26); };
  for (; next < 20; ++next) {
    auto outcome = send_until_acknowledged(client, people, next % 2, 1 - next % 2, group, text_for(next),
                                           "full-" + std::to_string(next));
    group = outcome.sent.group;
    ledger.add(outcome.sent);
  }

  const std::size_t filled = fill(disk.path() / "filler");
  ASSERT_GT(filled, 0u);

  // Send until the disk refuses (SQLite may first reuse free pages of its files).
  Reply refused;
  int refused_at = -1;
  for (int tries = 0; tries < 3000 && refused_at < 0; ++tries, ++next) {
    refused = reply_to(client, people[next % 2], group, text_for(next), "full-" + std::to_string(next));
    if (refused.status == 200) {
      auto json = refused.json();
      ledger.add({static_cast<std::size_t>(next % 2), static_cast<std::size_t>(1 - next % 2), text_for(next),
                  "full-" + std::to_string(next), std::string(json.at("uuid").as_string()),
                  std::string(json.at("created_at").as_string()), group});
    } else {
      refused_at = next;
    }
  }
  ASSERT_GE(refused_at, 0) << "the disk never filled up";
  EXPECT_EQ(refused.status, 503) << refused.body;
  EXPECT_EQ(error_codes(refused), std::vector<std::string>{"service_unavailable"});
  const std::string log = server.log_tail(20000);
  const auto full_at = log.find("full");
  ASSERT_NE(full_at, std::string::npos) << "no log line says the disk is full:\n" << server.log_tail();
  const auto line_start = log.rfind('\n', full_at) + 1;
  std::printf("[ figures ] disk full: the log says: %s\n", log.substr(line_start, log.find('\n', full_at) - line_start).c_str());

  // Reading goes on while the disk is full; a second refused send answers 503 again.
  Reply page = client.get("/api/messages/" + group + "?limit=5", people[0].auth());
  EXPECT_EQ(page.status, 200) << page.body;
  Reply again = reply_to(client, people[0], group, "still full?", "full-still");
  EXPECT_EQ(again.status, 503) << again.body;

  // Space comes back: the refused send, retried by its client_message_id, succeeds, and so do new ones.
  std::filesystem::remove(disk.path() / "filler");
  auto retried = send_until_acknowledged(client, people, refused_at % 2, 1 - refused_at % 2, group,
                                         text_for(refused_at), "full-" + std::to_string(refused_at),
                                         std::chrono::milliseconds(20), std::chrono::seconds(5));
  EXPECT_EQ(retried.attempts, 1) << "the first send after space was freed should succeed";
  ledger.add(retried.sent);
  auto later = send_until_acknowledged(client, people, 0, 1, group, "still full?", "full-still",
                                       std::chrono::milliseconds(20), std::chrono::seconds(5));
  ledger.add(later.sent);
  expect_ledger_stored(server.port(), people, ledger.all(), 50);

  // Nothing corrupted: a clean stop, then SQLite's own check of every file.
  EXPECT_EQ(server.stop(), 0);
  for (const auto& entry : std::filesystem::directory_iterator(disk.path())) {
    if (entry.path().extension() == ".sqlite3") {
      EXPECT_EQ(integrity(entry.path()), "ok") << entry.path();
    }
  }
  std::printf("[ figures ] disk full: %zu sends acknowledged before the disk filled (%zu bytes of filler), "
              "send %d refused with 503, the retry after freeing space succeeded at attempt %d\n",
              ledger.size(), filled, refused_at, retried.attempts);
}

}  // namespace
}  // namespace cruddur::testing
