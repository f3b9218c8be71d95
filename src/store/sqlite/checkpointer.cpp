#include "store/sqlite/checkpointer.hpp"

#include <pthread.h>
#include <sqlite3.h>

namespace cruddur::store::sqlite {

Checkpointer::Checkpointer(const std::string& path, const ConnectionOptions& options, Connection& writer,
                           Limits limits)
    : writer_(writer), limits_(limits), own_(path, options), thread_([this] { run(); }) {
  // Replaces the automatic checkpoint (sqlite3_wal_autocheckpoint is itself a WAL hook).
  sqlite3_wal_hook(writer_.handle(), &Checkpointer::after_commit, this);
}

Checkpointer::~Checkpointer() {
  sqlite3_wal_hook(writer_.handle(), nullptr, nullptr);
  {
    MutexLock lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

Checkpointer::Stats Checkpointer::stats() const {
  MutexLock lock(mutex_);
  return stats_;
}

int Checkpointer::after_commit(void* self, sqlite3* db, const char* database, int wal_pages) {
  auto& checkpointer = *static_cast<Checkpointer*>(self);
  if (wal_pages >= checkpointer.limits_.inline_pages) {
    // The commit is complete and its locks released; a failure here (SQLITE_BUSY: the thread is mid-way
    // through a checkpoint) leaves the WAL as it is, and the next commit tries again.
    if (sqlite3_wal_checkpoint_v2(db, database, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr) == SQLITE_OK) {
      checkpointer.copied_pages_.store(0, std::memory_order_relaxed);  // the next write starts the WAL over
    }
    MutexLock lock(checkpointer.mutex_);
    ++checkpointer.stats_.inline_;
    return SQLITE_OK;
  }
  // A WAL smaller than at the last checkpoint has started over: all of it is new.
  int copied = checkpointer.copied_pages_.load(std::memory_order_relaxed);
  int uncopied = wal_pages >= copied ? wal_pages - copied : wal_pages;
  if (uncopied >= checkpointer.limits_.wake_pages) {
    bool wake = false;
    {
      MutexLock lock(checkpointer.mutex_);
      wake = !checkpointer.wanted_;
      checkpointer.wanted_ = true;
    }
    if (wake) checkpointer.wake_.notify_one();
  }
  return SQLITE_OK;  // a checkpoint's trouble is not the commit's: the commit has happened
}

void Checkpointer::run() {
  pthread_setname_np(pthread_self(), "sqlite-ckpt");  // for top, perf and debuggers
  for (;;) {
    {
      MutexLock lock(mutex_);
      while (!wanted_ && !stopping_) lock.wait(wake_);
      if (stopping_) return;
      wanted_ = false;
    }
    // PASSIVE: copies what it can without waiting for any lock. Errors (an I/O error, SQLITE_BUSY while the
    // writer runs an inline checkpoint) leave the pages in the WAL for the next attempt.
    int wal_pages = 0;
    int copied = 0;
    if (sqlite3_wal_checkpoint_v2(own_.handle(), "main", SQLITE_CHECKPOINT_PASSIVE, &wal_pages, &copied) ==
        SQLITE_OK) {
      copied_pages_.store(copied, std::memory_order_relaxed);
    }
    MutexLock lock(mutex_);
    ++stats_.background;
  }
}

}  // namespace cruddur::store::sqlite
