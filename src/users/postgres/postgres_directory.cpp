#include "users/postgres/postgres_directory.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/experimental/concurrent_channel.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <spdlog/spdlog.h>

#include <memory>
#include <stdexcept>
#include <tuple>
#include <type_traits>
#include <variant>

#include "core/error.hpp"
#include "core/uuid.hpp"
#include "users/postgres/pg_connection_pool.hpp"
#include "users/postgres/pg_migrations.hpp"

namespace cruddur::users::postgres {

namespace {

// Handles and emails are compared case-insensitively by storing and looking them up ASCII-lowercased
// (the same folding as the SQLite directory).
std::string case_fold(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

Param null_if_empty(const std::string& text) { return text.empty() ? Param{} : Param{text}; }

constexpr const char* kUniqueViolation = "23505";

const std::string kUserColumns = "uuid::text, handle, display_name";
// created_at goes out in the project's fixed-width UTC format.
const std::string kAccountColumns =
    "uuid::text, handle, display_name, coalesce(email, ''), coalesce(password_hash, ''), cognito_user_id, "
    "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"+00:00\"')";

User read_user(const PgResult& result, int row) {
  return User{result.text(row, 0), result.text(row, 1), result.text(row, 2)};
}

Account read_account(const PgResult& result, int row) {
  return Account{read_user(result, row), result.text(row, 3), result.text(row, 4),
                 result.optional_text(row, 5), result.text(row, 6)};
}

std::optional<User> find_user_where(PgConnection& connection, const std::string& condition, Param value) {
  auto result = connection.exec_params("SELECT " + kUserColumns + " FROM users WHERE " + condition,
                                       {std::move(value)});
  if (result.rows() == 0) return std::nullopt;
  return read_user(result, 0);
}

// Runs `work` with a pooled connection on the calling (query) thread. A connection that turns out broken is
// discarded and the work retried once on a fresh one; a server that cannot be reached becomes 503.
template <typename Work>
auto with_connection(PgConnectionPool& pool, Work& work) {
  for (int attempt = 1;; ++attempt) {
    try {
      auto connection = pool.acquire();
      try {
        return work(*connection);
      } catch (const PgError& error) {
        if (error.connection_lost()) connection.discard();
        throw;
      }
    } catch (const PgError& error) {
      if (!error.connection_lost()) throw;
      if (attempt == 2) throw Error::unavailable();
    }
  }
}

// create(), decided on one connection. Idempotent: a retry after a lost connection finds its own row.
CreateStatus create_on(PgConnection& connection, const Account& account) {
  const std::string handle = case_fold(account.user.handle);
  const std::string email = case_fold(account.email);
  const Param created_at = null_if_empty(account.created_at);
  for (int attempt = 0; attempt < 3; ++attempt) {
    // ON CONFLICT DO NOTHING: the unique indexes decide races atomically without aborting anything.
    auto inserted = connection.exec_params(
        "INSERT INTO users (uuid, handle, display_name, email, password_hash, cognito_user_id, created_at) "
        "VALUES ($1::uuid, $2, $3, $4, $5, $6, coalesce($7::timestamptz, now())) "
        "ON CONFLICT DO NOTHING RETURNING uuid",
        {account.user.uuid, handle, account.user.display_name, null_if_empty(email),
         null_if_empty(account.password_hash), account.cognito_user_id, created_at});
    if (inserted.rows() == 1) return CreateStatus::created;

    // Which unique value is taken? Handle first, as the SQLite directory reports it.
    auto clash = connection.exec_params(
        "SELECT uuid::text, handle, email, cognito_user_id FROM users "
        "WHERE uuid = $1::uuid OR handle = $2 OR email = $3 OR cognito_user_id = $4",
        {account.user.uuid, handle, null_if_empty(email), account.cognito_user_id});
    bool handle_taken = false, email_taken = false, sub_taken = false;
    for (int row = 0; row < clash.rows(); ++row) {
      if (clash.text(row, 0) == case_fold(account.user.uuid) && clash.text(row, 1) == handle)
        return CreateStatus::created;  // our own insert, committed before a lost connection made us retry
      handle_taken |= clash.text(row, 1) == handle;
      email_taken |= !email.empty() && clash.text(row, 2) == email;
      sub_taken |= account.cognito_user_id && clash.optional_text(row, 3) == account.cognito_user_id;
    }
    if (handle_taken) return CreateStatus::handle_taken;
    if (email_taken) return CreateStatus::email_taken;
    if (sub_taken) return CreateStatus::cognito_user_id_taken;
    // The clashing row went away between the two statements (cannot happen today: users are never
    // deleted); try the insert again.
  }
  throw std::runtime_error("users postgres: create did not settle after 3 attempts");
}

}  // namespace

PostgresDirectory::PostgresDirectory(std::string connection_url, int pool_size, std::chrono::milliseconds call_timeout)
    : call_timeout_(call_timeout) {
  if (pool_size < 1) throw std::invalid_argument("PostgreSQL pool size must be at least 1");
  check_connection_url(connection_url);
  connections_ = std::make_unique<PgConnectionPool>(std::move(connection_url), pool_size);
  threads_ = std::make_unique<boost::asio::thread_pool>(pool_size);
}

PostgresDirectory::~PostgresDirectory() {
  threads_->join();
}

namespace {

// A query's result as it travels back from its thread: void travels as std::monostate.
template <typename T>
struct Carried {
  using type = T;
};
template <>
struct Carried<void> {
  using type = std::monostate;
};

// The body of run(): a coroutine taking everything by value (a coroutine lambda with captures trips GCC 12).
template <typename Work, typename T = std::invoke_result_t<Work&, PgConnection&>>
Task<typename Carried<T>::type> run_with_connection(PgConnectionPool& pool, Work work) {
  if constexpr (std::is_void_v<T>) {
    with_connection(pool, work);
    co_return std::monostate{};
  } else {
    co_return with_connection(pool, work);
  }
}

// Runs `work` on `threads` and resumes the caller on its own executor with the result (or the exception);
// with a `limit`, throws Error::unavailable() once that has passed without an answer (the work goes on).
template <typename T, typename C = typename Carried<T>::type>
Task<T> on_query_thread(boost::asio::thread_pool& threads, Task<C> work, std::chrono::milliseconds limit) {
  namespace asio = boost::asio;
  using namespace boost::asio::experimental::awaitable_operators;
  C value{};
  if (limit.count() <= 0) {
    auto direct = asio::co_spawn(threads.get_executor(), std::move(work), asio::use_awaitable);
    value = co_await std::move(direct);
  } else {
    // The query's thread hands the outcome over through a thread-safe channel; the caller waits for it or for
    // its timer, whichever comes first (both waits are cancellable, so the loser ends at once; the caller
    // resumes on its own executor either way).
    // The channel belongs to the query threads' pool, not to the caller's executor: whichever side lets go of it
    // last destroys it, and that may be the query thread after the caller's io_context is gone (a CLI command's
    // run_sync returns as soon as it has the answer; a timed-out caller leaves the work behind). Destroying a
    // channel locks its service's mutex; made on the caller's io_context, that service died with it, and a query
    // thread hung for ever on the freed mutex at the end of a CLI command (migrate test, CI). The pool outlives
    // every query thread (~PostgresDirectory joins them first).
    using Channel = asio::experimental::concurrent_channel<void(boost::system::error_code, std::exception_ptr, C)>;
    auto executor = co_await asio::this_coro::executor;
    auto channel = std::make_shared<Channel>(threads.get_executor(), 1);
    asio::co_spawn(threads.get_executor(), std::move(work), [channel](std::exception_ptr error, C result) {
      channel->try_send(boost::system::error_code{}, error, std::move(result));
    });
    asio::steady_timer timer(executor, limit);
    auto racing = channel->async_receive(asio::use_awaitable) || timer.async_wait(asio::use_awaitable);
    auto outcome = co_await std::move(racing);
    if (outcome.index() == 1) {
      spdlog::warn("users postgres: no answer within {} ms: unavailable", limit.count());
      throw Error::unavailable();
    }
    auto [error, result] = std::get<0>(std::move(outcome));
    if (error) std::rethrow_exception(error);
    value = std::move(result);
  }
  if constexpr (!std::is_void_v<T>) co_return std::move(value);
}

}  // namespace

// Runs `work(PgConnection&)` on a query thread (see on_query_thread); `bounded`: with the call timeout.
template <typename Work>
auto PostgresDirectory::run(Work work, bool bounded) {
  using T = std::invoke_result_t<Work&, PgConnection&>;
  return on_query_thread<T>(*threads_, run_with_connection(*connections_, std::move(work)),
                            bounded ? call_timeout_ : std::chrono::milliseconds(0));
}

// Each operation builds its query task in one statement and awaits it in the next: GCC 12 destroys a
// lambda temporary twice when it sits in the same full-expression as a co_await.

Task<void> PostgresDirectory::schema_load() {
  auto query = run([](PgConnection& connection) { apply_migrations(connection, user_migrations()); }, false);
  co_await std::move(query);
}

Task<CreateStatus> PostgresDirectory::create(Account account) {
  auto query = run([account = std::move(account)](PgConnection& connection) {
    return create_on(connection, account);
  });
  co_return co_await std::move(query);
}

Task<std::optional<User>> PostgresDirectory::find_by_uuid(std::string uuid) {
  if (!uuid::is_valid(uuid)) co_return std::nullopt;  // not a uuid: no such user (and no cast error)
  auto query = run([uuid = std::move(uuid)](PgConnection& connection) {
    return find_user_where(connection, "uuid = $1::uuid", uuid);
  });
  co_return co_await std::move(query);
}

Task<std::optional<User>> PostgresDirectory::find_by_handle(std::string handle) {
  auto query = run([handle = case_fold(std::move(handle))](PgConnection& connection) {
    return find_user_where(connection, "handle = $1", handle);
  });
  co_return co_await std::move(query);
}

Task<std::optional<Account>> PostgresDirectory::find_account_by_login(std::string login) {
  const char* column = login.find('@') != std::string::npos ? "email" : "handle";
  auto query = run([column, login = case_fold(std::move(login))](PgConnection& connection) {
    auto result = connection.exec_params(
        "SELECT " + kAccountColumns + " FROM users WHERE " + column + " = $1", {login});
    return result.rows() == 0 ? std::nullopt : std::optional<Account>(read_account(result, 0));
  });
  co_return co_await std::move(query);
}

Task<std::optional<User>> PostgresDirectory::find_by_cognito_user_id(std::string sub) {
  auto query = run([sub = std::move(sub)](PgConnection& connection) {
    return find_user_where(connection, "cognito_user_id = $1", sub);
  });
  co_return co_await std::move(query);
}

Task<LinkStatus> PostgresDirectory::set_cognito_user_id(std::string handle, std::string sub) {
  auto query = run([handle = case_fold(std::move(handle)), sub = std::move(sub)](PgConnection& connection) {
    try {
      // Idempotent: setting the same value again matches the row and succeeds.
      auto updated =
          connection.exec_params("UPDATE users SET cognito_user_id = $2 WHERE handle = $1", {handle, sub});
      return updated.affected_rows() > 0 ? LinkStatus::linked : LinkStatus::no_such_user;
    } catch (const PgError& error) {
      if (error.sqlstate() == kUniqueViolation) return LinkStatus::cognito_user_id_taken;
      throw;
    }
  });
  co_return co_await std::move(query);
}

Task<std::vector<User>> PostgresDirectory::list_users() {
  auto query = run([](PgConnection& connection) {
    auto result = connection.exec("SELECT " + kUserColumns + " FROM users ORDER BY handle COLLATE \"C\"");
    std::vector<User> users;
    users.reserve(static_cast<std::size_t>(result.rows()));
    for (int row = 0; row < result.rows(); ++row) users.push_back(read_user(result, row));
    return users;
  });
  co_return co_await std::move(query);
}

Task<std::vector<Account>> PostgresDirectory::list_accounts(std::string after_handle, int limit) {
  auto query = run([after_handle = std::move(after_handle), limit](PgConnection& connection) {
    auto result = connection.exec_params("SELECT " + kAccountColumns + " FROM users WHERE handle > $1 COLLATE \"C\" "
                                         "ORDER BY handle COLLATE \"C\" LIMIT $2::int",
                                         {after_handle, std::to_string(limit)});
    std::vector<Account> accounts;
    accounts.reserve(static_cast<std::size_t>(result.rows()));
    for (int row = 0; row < result.rows(); ++row) accounts.push_back(read_account(result, row));
    return accounts;
  });
  co_return co_await std::move(query);
}

Task<void> PostgresDirectory::revoke_token(std::string token_id, std::int64_t expires_at) {
  auto query = run([token_id = std::move(token_id), expires_at](PgConnection& connection) {
    // Idempotent, so safe to retry on a fresh connection.
    connection.exec_params(
        "INSERT INTO revoked_tokens (token_id, expires_at) VALUES ($1, $2::bigint) ON CONFLICT DO NOTHING",
        {token_id, std::to_string(expires_at)});
    connection.exec("DELETE FROM revoked_tokens WHERE expires_at <= extract(epoch FROM now())::bigint");
  });
  co_await std::move(query);
}

Task<std::vector<RevokedToken>> PostgresDirectory::revoked_tokens_since(std::int64_t since) {
  auto query = run([since](PgConnection& connection) {
    auto result = connection.exec_params(
        "SELECT token_id, expires_at::text, revoked_at::text FROM revoked_tokens "
        "WHERE revoked_at >= $1::bigint AND expires_at > extract(epoch FROM now())::bigint ORDER BY revoked_at",
        {std::to_string(since)});
    std::vector<RevokedToken> revoked;
    revoked.reserve(static_cast<std::size_t>(result.rows()));
    for (int row = 0; row < result.rows(); ++row)
      revoked.push_back(RevokedToken{result.text(row, 0), std::stoll(result.text(row, 1)), std::stoll(result.text(row, 2))});
    return revoked;
  });
  co_return co_await std::move(query);
}

std::unique_ptr<Directory> make_postgres_directory(std::string connection_url, int pool_size,
                                                  std::chrono::milliseconds call_timeout) {
  return std::make_unique<PostgresDirectory>(std::move(connection_url), pool_size, call_timeout);
}

}  // namespace cruddur::users::postgres
