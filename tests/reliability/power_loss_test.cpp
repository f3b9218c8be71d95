// Power loss under the embedded store: a forked child drives the messaging service (sends from three people
// in two conversations, concurrently, through the group-commit writer) on SQLite files behind the power-cut
// VFS (power_cut_vfs.hpp), and the power is cut at a random moment: a random choice of the writes not yet
// synced reaches the files, then the child dies at once. The parent, on the default VFS, then checks the files
// as the next boot would find them:
// - `PRAGMA integrity_check` is ok (messages and users files);
// - with synchronous=FULL (`--sync-full`): every acknowledged send (the call returned) is stored;
// - with the default (synchronous=NORMAL): what is lost is only each sender's last sends before the cut (a
//   lost send is never followed by a kept one of the same sender), and only sends acknowledged within the
//   periodic WAL sync's interval (SqliteOptions::wal_sync_interval) plus a margin before the cut: nothing
//   older; the most lost at one cut and the oldest lost send are reported;
// - nothing acknowledged at an earlier cut is lost, no send is stored twice, every stored send is whole (a
//   repeat of its client_message_id returns the same message and stores nothing), and every conversation row
//   and unread count agrees with the messages.
// CRUDDUR_POWER_CUTS (default 1000) cuts per durability setting; a fresh database every 20 cuts.
// CRUDDUR_POWER_WAL_SYNC_MS (default 100: short, so that the late cuts, within CRUDDUR_POWER_CUT_LATE_MS =
// 600 ms of the start, come after several syncs) sets the interval; the bound asserted is the interval plus
// kSyncMarginMs. 0 turns the sync off (the old behaviour; the bound is then not asserted, and losses grow).
// CRUDDUR_POWER_CHILD_WAL_SYNC_MS, when set, is the interval the children really use while the bound stays
// the one above: =0 shows the check failing (sends older than the bound lost). CRUDDUR_POWER_QUIET_PAUSE_MS
// (20): the pause between sends in the slow half of the runs.
// Figures: doc/reliability.md.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "core/clock.hpp"
#include "core/uuid.hpp"
#include "messaging/keys.hpp"
#include "messaging/messaging_service.hpp"
#include "reliability/power_cut_vfs.hpp"
#include "store/sqlite/sqlite_table.hpp"
#include "support/run_task.hpp"
#include "support/temp_dir.hpp"
#include "users/sqlite/sqlite_directory.hpp"

namespace cruddur::testing {
namespace {

using messaging::Message;
using messaging::MessagingService;
using messaging::SendRequest;

const std::string kTable = "cruddur-messages";

int env_int(const char* name, int fallback) {
  const char* value = std::getenv(name);
  return value && *value ? std::atoi(value) : fallback;
}

// How late after its interval the writer thread may sync the WAL on this shared machine (it may be waiting
// for a CPU, or finishing a batch), and how far a send's acknowledgement may trail its commit.
constexpr long kSyncMarginMs = 250;

// CLOCK_MONOTONIC in microseconds: the same clock in the child and the parent.
long long monotonic_micros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

struct Sender {
  users::User from;
  users::User to;
  std::string group;
};

std::string text_of(std::size_t sender, long seq) {
  return "sender " + std::to_string(sender) + " message " + std::to_string(seq);
}
std::string id_of(std::size_t sender, long seq) { return "p" + std::to_string(sender) + "-" + std::to_string(seq); }

void write_line(int fd, const std::string& line) { (void)!::write(fd, line.data(), line.size()); }

// The child: sends until the power is cut (never returns). Acknowledgements go to `ack_fd`, one line each,
// written after the send returned: "A <sender> <seq> <uuid> <monotonic µs>"; the cut: "C <pending> <kept> <µs>
// <ms after the start> <pause between sends, ms>".
[[noreturn]] void run_child(const std::string& dir, bool full, const std::vector<Sender>& senders, long first_seq,
                            int ack_fd, std::uint64_t seed) {
  power_cut::install();
  std::mt19937_64 rng(seed);
  auto mode = static_cast<power_cut::CutMode>(rng() % 3);
  if (const char* forced = std::getenv("CRUDDUR_POWER_CUT_MODE")) mode = static_cast<power_cut::CutMode>(std::atoi(forced));
  // Three cuts in four within 40 ms of the start, the others within 600 ms: long enough for WAL checkpoints
  // (about 1,000 pages, a few hundred sends) to happen before some cuts.
  const auto late = static_cast<std::uint64_t>(env_int("CRUDDUR_POWER_CUT_LATE_MS", 600)) * 1000;
  const auto after = std::chrono::microseconds(rng() % 4 ? rng() % 40000 : rng() % late);
  // Half the runs send at full speed (checkpoints, every ~1,000 WAL pages, then come every ~0.1 s and sync
  // too); the other half like a quiet server, each sender pausing 20 ms between sends, where nothing but the
  // periodic WAL sync bounds how old a lost send can be.
  const auto pause = rng() % 2 ? std::chrono::milliseconds(env_int("CRUDDUR_POWER_QUIET_PAUSE_MS", 20))
                               : std::chrono::milliseconds(0);
  std::thread cutter([&rng, mode, after, ack_fd, pause] {
    std::this_thread::sleep_for(after);
    power_cut::CutReport report = power_cut::cut(rng, mode);
    write_line(ack_fd, "C " + std::to_string(report.pending) + " " + std::to_string(report.kept) + " " +
                           std::to_string(monotonic_micros()) + " " + std::to_string(after.count() / 1000) + " " +
                           std::to_string(pause.count()) + "\n");
    ::_exit(0);
  });
  try {
    store::SqliteOptions options;
    options.durability = full ? store::SqliteOptions::Durability::full : store::SqliteOptions::Durability::normal;
    options.wal_sync_interval = std::chrono::milliseconds(
        env_int("CRUDDUR_POWER_CHILD_WAL_SYNC_MS", env_int("CRUDDUR_POWER_WAL_SYNC_MS", 100)));
    // Leaked on purpose: nothing is closed or checkpointed after a power cut.
    auto* table = new store::SqliteTable(dir + "/messages.db", options);
    auto* users = new users::sqlite::SqliteDirectory(dir + "/users.db");
    auto* clock = new SystemClock();
    auto* events = new messaging::NoEvents();
    auto* service = new MessagingService(*table, kTable, *users, *clock, *events);
    boost::asio::io_context io;
    for (std::size_t s = 0; s < senders.size(); ++s)
      boost::asio::co_spawn(
          io,
          [service, &senders, s, first_seq, ack_fd, pause]() -> Task<void> {
            boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor);
            for (long seq = first_seq;; ++seq) {
              if (pause.count() > 0) {
                timer.expires_after(pause);
                auto waiting = timer.async_wait(boost::asio::use_awaitable);
                co_await std::move(waiting);
              }
              SendRequest request;
              request.text = text_of(s, seq);
              request.client_message_id = id_of(s, seq);
              request.message_group_uuid = senders[s].group;
              auto sending = service->send(senders[s].from, std::move(request));
              Message sent = co_await std::move(sending);
              write_line(ack_fd, "A " + std::to_string(s) + " " + std::to_string(seq) + " " + sent.uuid + " " +
                                     std::to_string(monotonic_micros()) + "\n");
            }
          },
          boost::asio::detached);
    io.run();
  } catch (const std::exception& e) {
    write_line(ack_fd, std::string("E ") + e.what() + "\n");
  }
  cutter.join();  // the cut ends the process
  ::_exit(3);
}

std::string integrity(const std::string& path) {
  sqlite3* db = nullptr;
  std::string result;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    result = std::string("cannot open: ") + sqlite3_errmsg(db);
  } else {
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &statement, nullptr);
    while (statement && sqlite3_step(statement) == SQLITE_ROW)
      result += reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    if (!statement) result = std::string("cannot check: ") + sqlite3_errmsg(db);
    sqlite3_finalize(statement);
  }
  sqlite3_close(db);
  return result;
}

// Every message of a conversation, oldest first (a member reads it page by page).
std::vector<Message> all_messages(MessagingService& service, const users::User& member, const std::string& group) {
  std::vector<Message> messages;
  std::optional<std::string> cursor;
  do {
    messaging::PageRequest page{messaging::kMaxPageSize, cursor};
    auto got = run_task(service.list_messages(member, group, page));
    messages.insert(messages.begin(), got.items.begin(), got.items.end());
    cursor = got.next_cursor;
  } while (cursor);
  return messages;
}

struct Figures {
  int cuts = 0;
  long acknowledged = 0;
  long lost = 0;
  long most_lost_at_one_cut = 0;
  long pending_writes = 0;
  long kept_writes = 0;
  long long oldest_lost_ms = -1;  // how long before its cut the oldest lost send was acknowledged
  int late_cuts = 0;              // cuts more than 100 ms after the child started
  int quiet_late_cuts = 0;        // of them, in runs whose senders paused between sends
};

class PowerLoss : public ::testing::TestWithParam<bool> {
 protected:
  // One database: its people and conversations are made cleanly (no shim), then `cuts` cycles of child + cut +
  // check. Adds to `figures`.
  void run_database(int cuts, bool full, std::uint64_t seed, Figures& figures) {
    TempDir dir;
    std::vector<Sender> senders;
    {
      store::SqliteTable table(dir.str() + "/messages.db");
      users::sqlite::SqliteDirectory directory(dir.str() + "/users.db");
      SystemClock clock;
      messaging::NoEvents events;
      MessagingService service(table, kTable, directory, clock, events);
      run_task(table.create_table(messaging::keys::table_schema(kTable), {}));
      run_task(directory.schema_load());
      std::vector<users::User> people;
      for (const char* name : {"ada", "bob", "cy"}) {
        users::Account account;
        account.user = users::User{uuid::random_v4(), name, std::string("Person ") + name};
        account.email = std::string(name) + "@example.com";
        account.password_hash = "$argon2id$not-a-real-hash";
        account.created_at = format_timestamp(clock.now());
        ASSERT_EQ(run_task(directory.create(account)), users::CreateStatus::created);
        people.push_back(account.user);
      }
      senders = {{people[0], people[1], ""}, {people[1], people[0], ""}, {people[2], people[0], ""}};
      expected_.clear();
      for (auto& s : senders) {
        SendRequest opening;
        opening.text = "hello from " + s.from.handle;
        opening.handle = s.to.handle;
        s.group = run_task(service.send(s.from, opening)).message_group_uuid;
        expected_[s.group].insert(opening.text);
      }
    }
    std::mt19937_64 rng(seed);
    for (int cut = 0; cut < cuts; ++cut) {
      const long first_seq = static_cast<long>(cut) * 100000;
      const std::string acks = dir.str() + "/acks-" + std::to_string(cut);
      int fd = ::open(acks.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
      ASSERT_GE(fd, 0);
      // Drawn before the fork: drawn in the child, it would leave the parent's generator where it was, and
      // every cut of a database would be the same cut (same moment, kind and pace).
      const std::uint64_t child_seed = rng();
      pid_t pid = ::fork();
      ASSERT_GE(pid, 0);
      if (pid == 0) run_child(dir.str(), full, senders, first_seq, fd, child_seed);
      ::close(fd);
      int status = 0;
      ::waitpid(pid, &status, 0);
      ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "the child ended otherwise than by the cut: " << status;
      check_after_cut(dir.str(), full, senders, acks, figures);
      if (HasFatalFailure()) return;
    }
  }

  void check_after_cut(const std::string& dir, bool full, const std::vector<Sender>& senders,
                       const std::string& acks, Figures& figures) {
    ++figures.cuts;
    // What the child acknowledged, per sender in order, and when (monotonic µs); when the cut happened.
    struct Ack {
      long seq;
      std::string uuid;
      long long at;
    };
    std::map<std::size_t, std::vector<Ack>> acked;
    long long cut_at = 0;
    {
      std::ifstream in(acks);
      std::string line;
      while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::string kind;
        fields >> kind;
        if (kind == "A") {
          std::size_t s;
          long seq;
          std::string uuid;
          long long at = 0;
          if (fields >> s >> seq >> uuid >> at && uuid.size() == 36) acked[s].push_back(Ack{seq, uuid, at});
        } else if (kind == "C") {
          long pending = 0, kept = 0;
          long after_ms = 0, pause_ms = 0;
          fields >> pending >> kept >> cut_at >> after_ms >> pause_ms;
          if (after_ms > 100) {
            ++figures.late_cuts;
            if (pause_ms > 0) ++figures.quiet_late_cuts;
          }
          figures.pending_writes += pending;
          figures.kept_writes += kept;
        } else if (kind == "E") {
          FAIL() << "the child failed before the cut: " << line;
        }
      }
    }
    ASSERT_EQ(integrity(dir + "/messages.db"), "ok") << "messages file after cut " << figures.cuts;
    ASSERT_EQ(integrity(dir + "/users.db"), "ok") << "users file after cut " << figures.cuts;

    store::SqliteTable table(dir + "/messages.db");
    users::sqlite::SqliteDirectory directory(dir + "/users.db");
    SystemClock clock;
    messaging::NoEvents events;
    MessagingService service(table, kTable, directory, clock, events);

    // Every message now stored, per conversation, oldest first; no text twice.
    std::map<std::string, std::vector<Message>> stored;
    for (const auto& s : senders) {
      if (stored.count(s.group)) continue;
      auto& messages = stored[s.group];
      messages = all_messages(service, s.from, s.group);
      std::set<std::string> texts;
      for (const auto& m : messages) ASSERT_TRUE(texts.insert(m.text).second) << "stored twice: " << m.text;
      for (const auto& text : expected_[s.group])
        ASSERT_TRUE(texts.count(text)) << "a message acknowledged before an earlier cut was lost: " << text;
    }

    // Acknowledged at this cut: stored, or (default durability only) lost from the end of its sender's run.
    long lost_now = 0;
    for (auto& [s, list] : acked) {
      std::map<std::string, std::string> uuid_by_text;
      for (const auto& m : stored[senders[s].group]) uuid_by_text[m.text] = m.uuid;
      bool lost_one = false;
      for (const auto& [seq, uuid, at] : list) {
        auto found = uuid_by_text.find(text_of(s, seq));
        ++figures.acknowledged;
        if (found == uuid_by_text.end()) {
          lost_one = true;
          ++lost_now;
          const long long age_ms = (cut_at - at) / 1000;
          figures.oldest_lost_ms = std::max(figures.oldest_lost_ms, age_ms);
          if (sync_interval_ms_ > 0)
            EXPECT_LE(age_ms, sync_interval_ms_ + kSyncMarginMs)
                << "sender " << s << " lost send " << seq << ", acknowledged " << age_ms
                << " ms before the cut: the periodic WAL sync (every " << sync_interval_ms_ << " ms) missed it";
          continue;
        }
        EXPECT_FALSE(lost_one) << "sender " << s << " lost a send but kept a later one (" << seq << ")";
        EXPECT_EQ(found->second, uuid) << "stored under another uuid than acknowledged";
      }
    }
    figures.lost += lost_now;
    figures.most_lost_at_one_cut = std::max(figures.most_lost_at_one_cut, lost_now);
    if (full) ASSERT_EQ(lost_now, 0) << "acknowledged sends lost with synchronous=FULL at cut " << figures.cuts;
    ASSERT_GT(cut_at, 0) << "the child reported no cut";

    // A stored send of this cut is whole: its repeat answers the same message (sampled: up to 10 per sender
    // and cut, always including the newest, the one a cut is likeliest to have torn).
    std::size_t total_before = 0;
    for (const auto& [group, messages] : stored) total_before += messages.size();
    std::mt19937 pick(static_cast<unsigned>(figures.cuts));
    for (std::size_t s = 0; s < senders.size(); ++s) {
      std::vector<const Message*> fresh;
      for (const auto& m : stored[senders[s].group])
        if (m.sender_uuid == senders[s].from.uuid && !expected_[senders[s].group].count(m.text)) fresh.push_back(&m);
      for (std::size_t i = 0; i < fresh.size(); ++i) {
        const Message& m = *fresh[i];
        const bool newest = i + 1 == fresh.size();
        expected_[senders[s].group].insert(m.text);
        if (!newest && pick() % fresh.size() >= 10) continue;
        const long seq = std::atol(m.text.substr(m.text.rfind(' ') + 1).c_str());
        SendRequest again;
        again.text = m.text;
        again.client_message_id = id_of(s, seq);
        again.message_group_uuid = senders[s].group;
        Message repeated = run_task(service.send(senders[s].from, again));
        EXPECT_EQ(repeated.uuid, m.uuid) << "a repeat of " << m.text << " made a new message: the send was not whole";
        EXPECT_EQ(repeated.created_at, m.created_at);
      }
    }

    // Conversation rows agree with the messages (nobody reads: unread = the other's messages after my last).
    for (const auto& s : senders) {
      auto rows = run_task(service.list_conversations(s.from, messaging::PageRequest{messaging::kMaxPageSize, {}}));
      for (const auto& row : rows.items) {
        const auto& messages = stored[row.message_group_uuid];
        ASSERT_FALSE(messages.empty());
        EXPECT_EQ(row.last_message, messages.back().text) << "preview after cut " << figures.cuts;
        int unread = 0;
        for (const auto& m : messages) unread = m.sender_uuid == s.from.uuid ? 0 : unread + 1;
        EXPECT_EQ(row.unread, std::min(unread, 99)) << "unread after cut " << figures.cuts;
      }
    }
    std::size_t total_after = 0;
    for (const auto& [group, messages] : stored) total_after += all_messages(service, senders[0].from, group).size();
    EXPECT_EQ(total_after, total_before) << "repeats stored new messages";
  }

  std::map<std::string, std::set<std::string>> expected_;  // per conversation: texts that must stay
  const long sync_interval_ms_ = env_int("CRUDDUR_POWER_WAL_SYNC_MS", 100);
};

TEST_P(PowerLoss, RandomCuts) {
  const bool full = GetParam();
  const int cuts = env_int("CRUDDUR_POWER_CUTS", 1000);
  const int per_database = 20;
  // The shim is the disk under test; the real one only has to be fast: the files live in memory when it can.
  if (!std::getenv("TMPDIR") && std::filesystem::is_directory("/dev/shm")) ::setenv("TMPDIR", "/dev/shm", 1);
  Figures figures;
  std::mt19937_64 seeds(static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()));
  const auto started = std::chrono::steady_clock::now();
  for (int done = 0; done < cuts && !HasFatalFailure(); done += per_database)
    run_database(std::min(per_database, cuts - done), full, seeds(), figures);
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started);
  std::printf("[ figures ] synchronous=%s: %d power cuts, %ld sends acknowledged, %ld lost (at most %ld at one "
              "cut; the oldest acknowledged %lld ms before its cut; WAL sync every %d ms; %d cuts later than 100 ms, "
              "%d of them while sending slowly), %ld unsynced writes at the cuts of which %ld reached the disk, %lld s\n",
              full ? "FULL" : "NORMAL", figures.cuts, figures.acknowledged, figures.lost, figures.most_lost_at_one_cut,
              figures.oldest_lost_ms, full ? 0 : env_int("CRUDDUR_POWER_WAL_SYNC_MS", 100), figures.late_cuts,
              figures.quiet_late_cuts, figures.pending_writes,
              figures.kept_writes, static_cast<long long>(seconds.count()));
  EXPECT_EQ(figures.cuts, cuts);
  EXPECT_GT(figures.acknowledged, figures.cuts) << "too few sends between cuts to mean anything";
}

INSTANTIATE_TEST_SUITE_P(Durability, PowerLoss, ::testing::Values(true, false),
                         [](const auto& info) { return info.param ? "SyncFull" : "SyncNormal"; });

}  // namespace
}  // namespace cruddur::testing
