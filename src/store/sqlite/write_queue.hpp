#pragma once
// Group commit: the writes of concurrent callers run on one writer thread, many to a transaction.
//
// A caller submits a job (a function of the writer connection) and is suspended. The writer thread takes
// every job queued (at most max_batch), and runs them in order in one BEGIN IMMEDIATE transaction. A job that
// throws fails alone: only its caller gets the exception, and none of its writes are committed, while the
// other jobs of the batch commit. (The batch first runs without savepoints; if a job throws, the writer rolls
// back and runs the batch again with each job inside its own SAVEPOINT, rolling back just the jobs that throw.
// Jobs must therefore be functions of the database state alone, safe to run twice.) A condition that fails
// is a normal result, not an exception. Then the writer COMMITs, runs the after-commit work of the jobs that
// succeeded, and completes every caller. So one commit (one set of WAL frames for pages that many
// writes share, one lock round) serves a whole batch, and none of that runs on an io thread. Checkpoints run
// on a thread of their own (checkpointer.hpp). While the writer works, new jobs queue up for the next batch.
//
// Contract: a caller is completed only after the transaction holding its job committed — an acknowledged
// write is committed, with the durability of SqliteOptions, exactly as when each write committed alone.
// If BEGIN or COMMIT fails (another process holds the lock beyond busy_timeout, an I/O error), or SQLite
// rolls the whole transaction back, every job of the batch fails with that StoreError and none of it is
// committed.
//
// Thread affinity: submit() and async_write() may be called from any thread. Jobs and their after-commit
// work run on the writer thread, which alone uses the writer connection while it holds the pool's writer
// lease (one lease per batch, so ConnectionPool::writer() from another thread waits for the batch).
// Completions never run on the writer thread: each is posted to its handler's associated executor (for a
// coroutine, the executor it runs on), whose outstanding work is held until then.
// Shutdown: stop() (also the destructor) refuses new jobs (StoreError::unavailable), finishes every job
// already queued, syncs the WAL if a periodic sync is due (below), and joins the thread.
//
// Periodic WAL sync (SqliteOptions::wal_sync_interval, for synchronous=NORMAL): with that setting a commit
// is written to the WAL but not fsynced, so a power cut could lose every commit since the last checkpoint,
// however old. With an interval N, the writer thread fsyncs the WAL (the writer connection's own file,
// xSync) at most N after the first commit it has not yet synced: after a batch when that time has come,
// or, idle, when it comes. So an acknowledged write older than about N (plus one batch and the fsync) has
// reached the disk. Nothing is synced while nothing is written. Thread affinity: the sync runs on the writer
// thread only, between batches, holding the writer lease like a batch; a commit never waits for it inside
// its transaction, but the next batch waits for the fsync (once per N at most).

#include <boost/asio/append.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/prefer.hpp>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include "core/mutex.hpp"
#include "store/sqlite/connection.hpp"

namespace cruddur::store::sqlite {

// What a job sees on the writer thread: the writer connection, inside the batch's transaction and the job's
// savepoint, and a slot for work that must wait until the batch has committed (e.g. updating the catalog
// cache); it runs only if the job succeeded and the batch committed, before the caller is completed.
struct WriteScope {
  Connection& writer;
  std::function<void()> after_commit;
};

// One queued write, type-erased: the queue holds jobs of every result and handler type. Implementation:
// TypedWriteJob below.
class WriteJob {
 public:
  virtual ~WriteJob() = default;
  // Runs the job's work; its exceptions are its caller's. May run twice in one batch (the first run rolled
  // back); only the last run's result and after-commit work count.
  virtual void run(WriteScope& scope) = 0;
  // Completes the caller with the job's result, or with `error` when not null. Called once.
  virtual void complete(std::exception_ptr error) = 0;
};

class GroupCommitter {
 public:
  static constexpr std::size_t kDefaultMaxBatch = 256;

  // Observes each batch's size as the writer takes it, on the writer thread (SqliteOptions::on_batch).
  using BatchObserver = std::function<void(std::size_t jobs)>;

  // Starts the writer thread. `pool` must outlive this object. `wal_sync_interval`: the periodic WAL sync
  // above (0: never; the checkpoints' and synchronous=FULL's syncs only).
  explicit GroupCommitter(ConnectionPool& pool, std::size_t max_batch = kDefaultMaxBatch,
                          BatchObserver on_batch = {},
                          std::chrono::milliseconds wal_sync_interval = std::chrono::milliseconds(0));
  ~GroupCommitter();
  GroupCommitter(const GroupCommitter&) = delete;
  GroupCommitter& operator=(const GroupCommitter&) = delete;

  // Refuses further jobs, finishes the queued ones and joins the writer thread. Idempotent.
  void stop();

  // Queues `job`; when stopped, completes it at once with StoreError::unavailable.
  void submit(std::unique_ptr<WriteJob> job);

  // Runs `body(WriteScope&) -> Result` as one job and completes `token` with void(std::exception_ptr,
  // Result) after the batch committed; with boost::asio::use_awaitable, `co_await` yields the Result or
  // rethrows the job's exception.
  template <typename Result, typename Body, typename CompletionToken>
  auto async_write(Body body, CompletionToken&& token);

  // Totals since construction, for tests and diagnostics.
  struct Stats {
    std::uint64_t jobs = 0;          // jobs run (including those that failed)
    std::uint64_t transactions = 0;  // batches (one COMMIT each, two BEGINs when a job threw)
    std::uint64_t queued = 0;        // jobs waiting for the writer right now
    std::uint64_t wal_syncs = 0;     // periodic WAL syncs done (failed ones are retried, not counted)
  };
  Stats stats() const;

 private:
  void run();
  // Waits (holding `lock`) until a job is queued, stop() was called, or the periodic WAL sync is due.
  void wait_for_work(MutexLock& lock) CRUDDUR_REQUIRES(mutex_);
  bool wal_sync_due(std::chrono::steady_clock::time_point now) const;
  void sync_wal();  // the periodic WAL sync; writer thread only
  void run_batch(std::deque<std::unique_ptr<WriteJob>>& batch);
  // Runs the jobs in the open transaction. isolated: each in its own savepoint, a job that throws is rolled
  // back alone (its error in `errors`). Not isolated: stops at the first job that throws and returns false.
  bool run_jobs(Connection& writer, std::deque<std::unique_ptr<WriteJob>>& batch, bool isolated,
                std::vector<std::exception_ptr>& errors, std::vector<std::function<void()>>& after_commit);

  ConnectionPool& pool_;
  const std::size_t max_batch_;
  const BatchObserver on_batch_;
  const std::chrono::milliseconds wal_sync_interval_;
  // Writer thread only: when the oldest commit not yet synced by the periodic WAL sync was made.
  std::optional<std::chrono::steady_clock::time_point> unsynced_since_;

  mutable Mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::unique_ptr<WriteJob>> queue_ CRUDDUR_GUARDED_BY(mutex_);
  bool stopping_ CRUDDUR_GUARDED_BY(mutex_) = false;
  bool idle_ CRUDDUR_GUARDED_BY(mutex_) = false;  // the writer waits on wake_
  Stats stats_ CRUDDUR_GUARDED_BY(mutex_);

  std::thread thread_;  // last: started once everything above exists
};

// ---------------------------------------------------------------- implementation of async_write

// The job of one async_write: its body, its result, and the caller's completion handler. The handler keeps its
// concrete type (WriteJob is the type erasure): boost::asio::any_completion_handler would do, but in Boost 1.81
// its executor (any_completion_executor) cannot be required to be non-blocking, so post() rejects it.
template <typename Result, typename Body, typename Handler>
class TypedWriteJob final : public WriteJob {
 public:
  TypedWriteJob(Body body, Handler handler)
      : body_(std::move(body)),
        handler_(std::move(handler)),
        work_(boost::asio::prefer(boost::asio::get_associated_executor(handler_),
                                  boost::asio::execution::outstanding_work.tracked)) {}

  void run(WriteScope& scope) override { result_.emplace(body_(scope)); }

  void complete(std::exception_ptr error) override {
    if (!error && !result_) error = std::make_exception_ptr(StoreError::internal("write job has no result"));
    Result result = error ? Result{} : std::move(*result_);
    // post(token) queues the handler on its associated executor (blocking.never): it never runs here.
    // `work_` kept that executor's context from running out of work until the handler was queued there.
    boost::asio::post(boost::asio::append(std::move(handler_), error, std::move(result)));
    work_ = {};
  }

 private:
  Body body_;
  Handler handler_;
  std::optional<Result> result_;
  std::decay_t<decltype(boost::asio::prefer(boost::asio::get_associated_executor(std::declval<Handler&>()),
                                            boost::asio::execution::outstanding_work.tracked))>
      work_;
};

template <typename Result, typename Body, typename CompletionToken>
auto GroupCommitter::async_write(Body body, CompletionToken&& token) {
  return boost::asio::async_initiate<CompletionToken, void(std::exception_ptr, Result)>(
      [this](auto handler, Body job_body) {
        using Job = TypedWriteJob<Result, Body, decltype(handler)>;
        submit(std::make_unique<Job>(std::move(job_body), std::move(handler)));
      },
      token, std::move(body));
}

}  // namespace cruddur::store::sqlite
