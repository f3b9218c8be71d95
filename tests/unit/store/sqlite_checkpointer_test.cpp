// The SQLite engine's background checkpoints (checkpointer.hpp): the WAL stays bounded whether the thread
// keeps up or the writer has to checkpoint itself, every committed row stays readable, and the writer
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
  SqliteOptions options;

  std::uintmax_t wal_bytes() const {
    std::error_code error;
    auto size = std::filesystem::file_size(path + "-wal", error);
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

TEST(SqliteCheckpointer, TheThreadKeepsTheWalSmallWhileTheWriterWrites) {
  WalFile file;
  Connection writer(file.path, file.options);
  create_table(writer);
  Checkpointer checkpointer(file.path, file.options, writer, {.wake_pages = 50, .inline_pages = 1'000'000});

  // 3000 pages written; with no checkpoint at all (the hook replaced SQLite's own) the WAL would hold them
  // all. Pauses now and then let the thread catch up, so that the WAL starts over.
  for (int round = 0; round < 30; ++round) {
    insert_rows(writer, round * 100, 100);
    std::this_thread::sleep_for(5ms);
  }
  EXPECT_GT(checkpointer.stats().background, 0u);
  EXPECT_EQ(checkpointer.stats().inline_, 0u);
  EXPECT_LT(file.wal_bytes(), 1000 * kPage) << "the WAL never started over";

  Connection reader(file.path, file.options);
  EXPECT_EQ(row_count(reader), 3000);
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

  Connection reader(file.path, file.options);
  EXPECT_EQ(row_count(reader), 2000);
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
