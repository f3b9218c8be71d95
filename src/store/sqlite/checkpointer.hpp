#pragma once
// Moves WAL checkpoints off the write path. SQLite's automatic checkpoint runs inside the commit that crosses
// the threshold, on the io thread that made it and while holding this process's only writer lock, so every
// ~1000 pages one send waited for an fsync of the database file. The writer connection turns automatic
// checkpoints off; this object's thread runs a PASSIVE checkpoint (which never blocks writers or readers) on
// its own connection shortly after writes happened, keeping the WAL small.
//
// Thread-safety: note_write() may be called from any thread; the constructor and destructor from the owner.
// The destructor stops the thread and runs a last checkpoint.

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "store/sqlite/connection.hpp"

namespace cruddur::store::sqlite {

class Checkpointer {
 public:
  Checkpointer(const std::string& path, const SqliteOptions& options);
  ~Checkpointer();
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // A write transaction is about to run: a checkpoint is due soon.
  void note_write();

 private:
  void run();

  std::unique_ptr<Connection> connection_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::uint64_t writes_ = 0;  // guarded by mutex_
  bool stopping_ = false;     // guarded by mutex_
  std::thread thread_;
};

}  // namespace cruddur::store::sqlite
