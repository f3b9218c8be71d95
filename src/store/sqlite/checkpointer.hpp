#pragma once
// Checkpointer: runs the WAL checkpoints of one database file on a thread of its own, so that the engine's
// writer thread never waits for them.
//
// Why: a checkpoint copies the WAL's pages back into the database file and fsyncs both, which takes
// milliseconds on a busy file. SQLite's automatic checkpoint runs inside the COMMIT that crossed the
// threshold, on the writer thread, and every write queued behind it waited that long (it was the tail of a
// send's latency). Here the writer connection's automatic checkpoint is replaced by a WAL hook that only
// wakes this thread, which runs PASSIVE checkpoints on its own connection: they never block the writer or the
// readers (they copy only what no reader still needs) and the writer restarts the WAL from its beginning once
// a checkpoint has caught up with it.
//
// Bound: if the writer outpaces the background checkpoints until the WAL holds `inline_pages` pages, the
// writer runs one PASSIVE checkpoint itself right after its commit (SQLite's own behaviour), so the WAL
// cannot grow without limit.
//
// Durability is unchanged: commits are what the synchronous setting makes them; a checkpoint only moves
// committed pages from the WAL into the database file, fsyncing both (synchronous=NORMAL or FULL).
//
// Thread affinity: the hook runs on whichever thread commits on the writer connection (the engine's writer
// thread); the checkpoints run on this object's thread, on its own connection. Construction installs the
// hook and destruction removes it: both need that no commit is running on the writer connection (the engine
// creates this before its writer thread starts and destroys it after that thread was joined).

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <string>
#include <thread>

#include <sqlite3.h>

#include "core/mutex.hpp"
#include "store/sqlite/connection.hpp"

namespace cruddur::store::sqlite {

class Checkpointer {
 public:
  struct Limits {
    // A commit that leaves at least this many pages in the WAL that no checkpoint has copied yet wakes the
    // thread.
    int wake_pages = 1000;
    // A commit that leaves at least this many pages in the WAL in all (64 MiB at 4 KiB pages) checkpoints
    // itself: then the WAL starts over from its beginning (only a checkpoint that caught up with the writer
    // allows that, and under steady writes the thread's never does).
    int inline_pages = 16000;
  };
  struct Stats {
    std::uint64_t background = 0;  // checkpoints run on the thread
    std::uint64_t inline_ = 0;     // checkpoints the writer had to run itself
  };

  // `writer` is the connection all of this process's commits use; it must outlive this object.
  Checkpointer(const std::string& path, const ConnectionOptions& options, Connection& writer, Limits limits);
  Checkpointer(const std::string& path, const ConnectionOptions& options, Connection& writer)
      : Checkpointer(path, options, writer, Limits{}) {}
  ~Checkpointer();
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  Stats stats() const;

 private:
  // sqlite3_wal_hook callback: after each commit on the writer connection, with the WAL's size in pages.
  static int after_commit(void* self, sqlite3* db, const char* database, int wal_pages);
  void run();

  Connection& writer_;
  const Limits limits_;
  Connection own_;  // used only by thread_

  mutable Mutex mutex_;
  std::condition_variable wake_;
  bool wanted_ CRUDDUR_GUARDED_BY(mutex_) = false;
  // The WAL's size in pages when the last checkpoint (on the thread) started: what it copied, at most.
  // Written by the thread, read by the hook.
  std::atomic<int> copied_pages_{0};
  bool stopping_ CRUDDUR_GUARDED_BY(mutex_) = false;
  Stats stats_ CRUDDUR_GUARDED_BY(mutex_);
  std::thread thread_;  // last: started once everything above exists
};

}  // namespace cruddur::store::sqlite
