// The SQLite engine's background checkpoints (checkpointer.hpp): the thread moves committed pages into the
// database file without the writer, the writer checkpoints itself when the WAL reaches its bound, every
// committed row stays readable, and the writer
// connection works on (without the hook) once the checkpointer is gone.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "store/sqlite/checkpointer.hpp"
#include "support/temp_dir.hpp"

namespace cruddur::store::sqlite {
namespace {

using namespace std::chrono_literals;

constexpr std::uintmax_t kPage = 4096;

struct WalFile {
  testing::TempDir dir;
  std::string path = dir.str() + "/wal.db";
  ConnectionOptions options = connection_options(SqliteOptions{});

  std::uintmax_t wal_bytes() const { return bytes_of(path + "-wal"); }
  std::uintmax_t database_bytes() const { return bytes_of(path); }

  static std::uintmax_t bytes_of(const std::string& path) {
    std::error_code error;
    auto size = std::filesystem::file_size(path, error);
    return error ? 0 : size;
  }
};

void create_table(Connection& writer) {
  writer.execute("PRAGMA journal_mode=WAL");
  writer.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, body BLOB)");
}

// One commit per row, each row a page of its own: every commit adds at least one page to the WAL.
void insert_rows(Connection& writer, int first, int count) {
  const std::string filler(kPage, 'x');
  for (int i = first; i < first + count; ++i) {
    writer.statement("INSERT INTO t(id, body) VALUES(?1, ?2)").bind(1, i).bind(2, filler).run();
  }
}

long long row_count(Connection& connection) {
  auto count = connection.statement("SELECT count(*) FROM t");
  count.step();
  return count.column_int(0);
}

// What a connection opened now reads: every committed row, wherever checkpoints left it.
long long rows_seen_by_a_new_reader(const WalFile& file) {
  Connection reader(file.path, file.options);
  return row_count(reader);
}

TEST(SqliteCheckpointer, TheThreadCopiesTheWalIntoTheDatabaseFile) {
  WalFile file;
  Connection writer(file.path, file.options);
  create_table(writer);
  Checkpointer checkpointer(file.path, file.options, writer, {.wake_pages = 50, .inline_pages = 1'000'000});

  // 300 pages committed. With no checkpoint at all (the hook replaced SQLite's own) they would stay in the
  // WAL and the database file would keep only its first pages.
  insert_rows(writer, 0, 300);
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (file.database_bytes() < 250 * kPage && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(10ms);
  }
  EXPECT_GE(file.database_bytes(), 250 * kPage) << "no checkpoint copied the WAL";
  EXPECT_GT(checkpointer.stats().background, 0u);
  EXPECT_EQ(checkpointer.stats().inline_, 0u) << "the writer never had to";

  EXPECT_EQ(rows_seen_by_a_new_reader(file), 300);
}

TEST(SqliteCheckpointer, TheWriterCheckpointsItselfWhenTheWalReachesTheBound) {
  WalFile file;
  Connection writer(file.path, file.options);
  create_table(writer);
  // The thread is never woken: only the bound checkpoints.
  Checkpointer checkpointer(file.path, file.options, writer, {.wake_pages = 1'000'000, .inline_pages = 200});

  insert_rows(writer, 0, 2000);
  EXPECT_EQ(checkpointer.stats().background, 0u);
  EXPECT_GT(checkpointer.stats().inline_, 0u);
  EXPECT_LT(file.wal_bytes(), 400 * kPage);

  EXPECT_EQ(rows_seen_by_a_new_reader(file), 2000);
}

TEST(SqliteCheckpointer, TheWriterWorksOnAfterTheCheckpointerIsGone) {
  WalFile file;
  Connection writer(file.path, file.options);
  create_table(writer);
  {
    Checkpointer checkpointer(file.path, file.options, writer, {.wake_pages = 10, .inline_pages = 100});
    insert_rows(writer, 0, 300);
  }
  insert_rows(writer, 300, 300);  // the hook is gone: a call into the destroyed object would crash here
  EXPECT_EQ(row_count(writer), 600);
}

}  // namespace
}  // namespace cruddur::store::sqlite
