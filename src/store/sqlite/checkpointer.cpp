#include "store/sqlite/checkpointer.hpp"

#include <chrono>

namespace cruddur::store::sqlite {

namespace {
// How long writes may accumulate in the WAL before a checkpoint copies them into the database file.
constexpr std::chrono::milliseconds kCheckpointDelay{50};
}  // namespace

Checkpointer::Checkpointer(const std::string& path, const SqliteOptions& options)
    : connection_(std::make_unique<Connection>(path, options)), thread_([this] { run(); }) {}

Checkpointer::~Checkpointer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void Checkpointer::note_write() {
  std::lock_guard lock(mutex_);
  if (writes_++ == 0) wake_.notify_one();
}

void Checkpointer::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return stopping_ || writes_ > 0; });
    bool last = stopping_;
    if (!last) wake_.wait_for(lock, kCheckpointDelay, [&] { return stopping_; });
    writes_ = 0;
    lock.unlock();
    try {
      connection_->execute("PRAGMA wal_checkpoint(PASSIVE)");
    } catch (const std::exception&) {
      // A busy or failed passive checkpoint is retried after the next write; nothing is lost meanwhile.
    }
    lock.lock();
    if (last || stopping_) return;
  }
}

}  // namespace cruddur::store::sqlite
