#include "store/sqlite/write_queue.hpp"

#include <pthread.h>
#include <sqlite3.h>
#include <sched.h>

namespace cruddur::store::sqlite {

GroupCommitter::GroupCommitter(ConnectionPool& pool, std::size_t max_batch, BatchObserver on_batch,
                               std::chrono::milliseconds wal_sync_interval)
    : pool_(pool),
      max_batch_(max_batch == 0 ? 1 : max_batch),
      on_batch_(std::move(on_batch)),
      wal_sync_interval_(wal_sync_interval),
      thread_([this] { run(); }) {}

GroupCommitter::~GroupCommitter() { stop(); }

void GroupCommitter::stop() {
  {
    MutexLock lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

void GroupCommitter::submit(std::unique_ptr<WriteJob> job) {
  bool wake = false;
  {
    MutexLock lock(mutex_);
    if (!stopping_) {
      queue_.push_back(std::move(job));
      wake = idle_;
      idle_ = false;  // one notification per wake-up is enough
    }
  }
  if (job) {  // refused: the engine is shutting down
    job->complete(std::make_exception_ptr(StoreError::unavailable("sqlite: the store is shutting down")));
    return;
  }
  if (wake) wake_.notify_one();
}

GroupCommitter::Stats GroupCommitter::stats() const {
  MutexLock lock(mutex_);
  Stats stats = stats_;
  stats.queued = queue_.size();
  return stats;
}

bool GroupCommitter::wal_sync_due(std::chrono::steady_clock::time_point now) const {
  return unsynced_since_ && now >= *unsynced_since_ + wal_sync_interval_;
}

void GroupCommitter::wait_for_work(MutexLock& lock) {
  while (queue_.empty() && !stopping_) {
    if (wal_sync_due(std::chrono::steady_clock::now())) return;
    idle_ = true;
    if (unsynced_since_) {
      lock.wait_until(wake_, *unsynced_since_ + wal_sync_interval_);
    } else {
      lock.wait(wake_);
    }
  }
}

// The WAL's own file, as the writer connection has it open (through whatever VFS it uses), fsynced. In WAL
// mode SQLITE_FCNTL_JOURNAL_POINTER names the WAL. A failure (an I/O error) leaves the commits unsynced and
// is tried again one interval later; they stay committed either way.
void GroupCommitter::sync_wal() {
  bool synced = false;
  try {
    auto writer = pool_.writer();
    sqlite3_file* wal = nullptr;
    if (sqlite3_file_control(writer->handle(), "main", SQLITE_FCNTL_JOURNAL_POINTER, &wal) == SQLITE_OK && wal &&
        wal->pMethods) {
      synced = wal->pMethods->xSync(wal, SQLITE_SYNC_NORMAL) == SQLITE_OK;
    }
  } catch (...) {  // no writer connection: like a failed sync
  }
  if (synced) {
    unsynced_since_.reset();
    MutexLock lock(mutex_);
    ++stats_.wal_syncs;
  } else {
    unsynced_since_ = std::chrono::steady_clock::now();
  }
}

void GroupCommitter::run() {
  pthread_setname_np(pthread_self(), "sqlite-writer");  // for top, perf and debuggers
  std::deque<std::unique_ptr<WriteJob>> batch;
  for (;;) {
    // Let runnable threads go first before taking the next batch. When the writer shares a busy CPU with the
    // io threads, they then finish handling the requests already read, and their writes join this batch
    // instead of waiting a whole batch for the next: batches grow with the load and latencies even out
    // (bench/README.md: send p99 at 64 connections on one core 9.8-11.2 -> 8.6-9.4 ms). On a CPU of its
    // own the call returns at once.
    sched_yield();
    bool stopping = false;
    {
      MutexLock lock(mutex_);
      wait_for_work(lock);
      idle_ = false;
      stopping = stopping_;
      if (queue_.size() <= max_batch_) {
        batch.swap(queue_);
      } else {
        for (std::size_t i = 0; i < max_batch_; ++i) {
          batch.push_back(std::move(queue_.front()));
          queue_.pop_front();
        }
      }
      if (!batch.empty()) {
        stats_.jobs += batch.size();
        stats_.transactions += 1;
      }
    }
    if (!batch.empty()) {
      if (on_batch_) on_batch_(batch.size());
      run_batch(batch);
      batch.clear();
      if (wal_sync_interval_.count() > 0 && !unsynced_since_) unsynced_since_ = std::chrono::steady_clock::now();
    }
    // Every queued job is done when stopping: what is left unsynced is synced now rather than never.
    bool done = false;
    if (stopping) {
      MutexLock lock(mutex_);
      done = queue_.empty();
    }
    if (unsynced_since_ && (done || wal_sync_due(std::chrono::steady_clock::now()))) sync_wal();
    if (done) return;
  }
}

namespace {

// Undoes the failed job's writes and leaves the savepoint. False when that is impossible because SQLite
// already rolled the whole transaction back (some I/O and disk-full errors do).
bool roll_back_job(Connection& writer) {
  if (sqlite3_get_autocommit(writer.handle())) return false;
  return sqlite3_exec(writer.handle(), "ROLLBACK TO job; RELEASE job", nullptr, nullptr, nullptr) == SQLITE_OK;
}

}  // namespace

bool GroupCommitter::run_jobs(Connection& writer, std::deque<std::unique_ptr<WriteJob>>& batch, bool isolated,
                              std::vector<std::exception_ptr>& errors,
                              std::vector<std::function<void()>>& after_commit) {
  for (std::size_t i = 0; i < batch.size(); ++i) {
    WriteScope scope{writer, {}};
    if (!isolated) {
      try {
        batch[i]->run(scope);
      } catch (...) {
        errors[i] = std::current_exception();
        return false;
      }
      after_commit[i] = std::move(scope.after_commit);
      continue;
    }
    writer.statement("SAVEPOINT job").run();
    try {
      batch[i]->run(scope);
      writer.statement("RELEASE job").run();
      after_commit[i] = std::move(scope.after_commit);
    } catch (...) {
      errors[i] = std::current_exception();
      // The whole transaction is gone: the batch fails with this job's error (rethrown to run_batch).
      if (!roll_back_job(writer)) throw;
    }
  }
  return true;
}

void GroupCommitter::run_batch(std::deque<std::unique_ptr<WriteJob>>& batch) {
  std::vector<std::exception_ptr> errors(batch.size());
  std::vector<std::function<void()>> after_commit(batch.size());
  try {
    auto writer = pool_.writer();
    // First without savepoints: they cost statements and a copy of every page each job touches (the same
    // few pages, job after job), and jobs rarely throw.
    bool done = false;
    {
      WriteTransaction transaction(*writer);
      if (run_jobs(*writer, batch, /*isolated=*/false, errors, after_commit)) {
        transaction.commit();
        done = true;
      } else if (batch.size() == 1) {
        done = true;  // its error is in errors[0]; rolled back by ~WriteTransaction
      }
    }
    if (!done) {
      // A job threw and the transaction was rolled back: run the batch again, each job in its own savepoint,
      // so that only the jobs that throw fail. (A job is a function of the database state it starts from, so
      // the others do exactly what they did before, minus the failed jobs' writes.)
      std::fill(errors.begin(), errors.end(), nullptr);
      std::fill(after_commit.begin(), after_commit.end(), nullptr);
      WriteTransaction transaction(*writer);
      run_jobs(*writer, batch, /*isolated=*/true, errors, after_commit);
      transaction.commit();
    }
  } catch (...) {
    std::exception_ptr error = std::current_exception();
    for (auto& job : batch) job->complete(error);
    return;
  }
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (!errors[i] && after_commit[i]) {
      try {
        after_commit[i]();
      } catch (...) {  // cache maintenance; the write itself is committed
      }
    }
    batch[i]->complete(errors[i]);
  }
}

}  // namespace cruddur::store::sqlite
