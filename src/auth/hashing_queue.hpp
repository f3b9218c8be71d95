#pragma once
// Where the argon2id work of sign-up and sign-in runs: a few threads of its own behind a bounded, fair
// queue, so that a flood of sign-ins can neither exhaust memory nor starve everyone else.
//
//   - At most `threads` hashes run at once (each needs 64 MiB), so hashing memory is bounded by
//     threads x 64 MiB however many requests arrive.
//   - Jobs wait in one FIFO per client (the client address); the threads take from the clients in turn
//     (round robin), so a client that queued many jobs delays another client's job by at most one of its
//     own per thread, not by all of them.
//   - At most `max_waiting` jobs wait in all, and `max_waiting_per_client` per client. A job over the
//     client's share is refused with Error::too_many_requests (429, Retry-After: 1); over the total with
//     Error::busy (503 service_busy, Retry-After: 1). Nothing is queued for a refused job.
//
// Thread-safety: run() may be called from any thread and coroutine; the awaiting coroutine resumes on its
// own executor with the result (or the exception the work threw). Destruction runs the jobs still waiting,
// then joins the threads; destroy it only after the io threads that await it have stopped.

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/mutex.hpp"

namespace cruddur::auth {

class HashingQueue {
 public:
  static constexpr std::size_t kMaxWaiting = 64;
  static constexpr std::size_t kMaxWaitingPerClient = 4;

  explicit HashingQueue(std::size_t threads, std::size_t max_waiting = kMaxWaiting,
                        std::size_t max_waiting_per_client = kMaxWaitingPerClient);
  ~HashingQueue();
  HashingQueue(const HashingQueue&) = delete;
  HashingQueue& operator=(const HashingQueue&) = delete;

  // Runs `work` on a hashing thread, queued under `client`. Throws (in the awaiting coroutine) the
  // refusals described above, or what `work` threw. Result must be default-constructible.
  template <typename Result>
  boost::asio::awaitable<Result> run(std::string client, std::function<Result()> work);

  // Runs `work` on a hashing thread some time soon, outside the limits (start-up warm-ups). Fire and forget.
  void post(std::function<void()> work);

 private:
  // A queued job: called with nullptr to run, or with the refusal to report instead.
  using Job = std::function<void(std::exception_ptr refusal)>;
  void submit(const std::string& client, Job job);  // calls job(refusal) at once when refused
  void work();                                      // a thread's loop

  const std::size_t max_waiting_;
  const std::size_t max_waiting_per_client_;
  Mutex mutex_;
  std::condition_variable ready_;
  std::map<std::string, std::deque<Job>> waiting_ CRUDDUR_GUARDED_BY(mutex_);  // no empty deques
  std::string next_client_ CRUDDUR_GUARDED_BY(mutex_);                         // round robin position
  std::size_t waiting_count_ CRUDDUR_GUARDED_BY(mutex_) = 0;
  bool stopping_ CRUDDUR_GUARDED_BY(mutex_) = false;
  std::vector<std::thread> threads_;
};

template <typename Result>
boost::asio::awaitable<Result> HashingQueue::run(std::string client, std::function<Result()> work) {
  using Signature = void(std::exception_ptr, Result);
  auto initiate = [this, client = std::move(client), work = std::move(work)](auto handler) mutable {
    auto executor = boost::asio::get_associated_executor(handler);
    // Shared so that the Job (a copyable std::function) can hold the move-only handler; the guard keeps the
    // caller's io context alive while the job waits.
    auto shared = std::make_shared<decltype(handler)>(std::move(handler));
    auto guard = boost::asio::make_work_guard(executor);
    submit(client, [shared, guard, executor, work = std::move(work)](std::exception_ptr refusal) mutable {
      Result result{};
      std::exception_ptr error = refusal;
      if (!error) {
        try {
          result = work();
        } catch (...) {
          error = std::current_exception();
        }
      }
      boost::asio::post(executor, [shared, error, result = std::move(result)]() mutable {
        (*shared)(error, std::move(result));
      });
      guard.reset();
    });
  };
  co_return co_await boost::asio::async_initiate<const boost::asio::use_awaitable_t<>&, Signature>(
      std::move(initiate), boost::asio::use_awaitable);
}

}  // namespace cruddur::auth
