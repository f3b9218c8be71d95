#include "users/sqlite/sqlite_directory.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <spdlog/spdlog.h>

#include <type_traits>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "sqlite/connection_pool.hpp"
#include "sqlite/error.hpp"
#include "users/sqlite/user_migrations.hpp"

namespace cruddur::users::sqlite {

using ::cruddur::sqlite::ConnectionPool;
using ::cruddur::sqlite::Statement;
using SqliteError = ::cruddur::sqlite::Error;

namespace {

// Handles and emails are compared case-insensitively by storing and looking them up ASCII-lowercased.
std::string case_fold(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

constexpr const char* kUserColumns = "uuid, handle, display_name";
constexpr const char* kAccountColumns =
    "uuid, handle, display_name, email, password_hash, cognito_user_id, created_at";

User read_user(const Statement& row) { return User{row.column_text(0), row.column_text(1), row.column_text(2)}; }

Account read_account(const Statement& row) {
  return Account{read_user(row), row.column_text(3), row.column_text(4), row.column_optional_text(5), row.column_text(6)};
}

std::optional<User> find_user_where(ConnectionPool& pool, const char* column, const std::string& value) {
  auto connection = pool.reader();
  auto query = connection->statement(std::string("SELECT ") + kUserColumns + " FROM users WHERE " + column + " = ?");
  query.bind_text(1, value);
  if (!query.step()) return std::nullopt;
  return read_user(query);
}

// Runs `work(pool)` on the calling (directory) thread, turning the file's faults into 503.
template <typename Work>
auto with_pool(ConnectionPool& pool, Work& work) {
  try {
    return work(pool);
  } catch (const SqliteError& error) {
    // The file's faults rather than the request's answer 503 service_unavailable, as the messages store's do.
    if (!error.unavailable()) throw;
    spdlog::warn("users sqlite: unavailable: {}", error.what());
    throw Error::unavailable();
  }
}

// The body of run(): a coroutine taking everything by value (a coroutine lambda with captures trips GCC 12).
template <typename Work>
Task<std::invoke_result_t<Work&, ConnectionPool&>> run_with_pool(ConnectionPool& pool, Work work) {
  co_return with_pool(pool, work);
}

}  // namespace

// Runs `work(ConnectionPool&)` on a directory thread and resumes the caller on its own executor with the
// result (or the exception): a busy timeout or a slow disk blocks a directory thread, never an io thread.
template <typename Work>
auto SqliteDirectory::run(Work work) {
  return boost::asio::co_spawn(threads_->get_executor(), run_with_pool(*pool_, std::move(work)),
                               boost::asio::use_awaitable);
}

SqliteDirectory::SqliteDirectory(std::string database_path)
    : pool_(std::make_unique<ConnectionPool>(std::move(database_path), ::cruddur::sqlite::ConnectionOptions{})),
      threads_(std::make_unique<boost::asio::thread_pool>(kThreads)) {}

SqliteDirectory::~SqliteDirectory() { threads_->join(); }

// Each operation builds its task in one statement and awaits it in the next: GCC 12 destroys a lambda
// temporary twice when it sits in the same full-expression as a co_await.

Task<void> SqliteDirectory::schema_load() {
  auto task = run([](ConnectionPool& pool) {
    auto connection = pool.writer();
    ::cruddur::sqlite::apply_migrations(*connection, user_migrations(), format_timestamp(SystemClock{}.now()));
  });
  co_await std::move(task);
}

Task<CreateStatus> SqliteDirectory::create(Account account) {
  auto task = run([account = std::move(account)](ConnectionPool& pool) {
    auto connection = pool.writer();
    auto insert = connection->statement(
        "INSERT INTO users (uuid, handle, display_name, email, password_hash, cognito_user_id, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)");
    insert.bind_text(1, account.user.uuid)
        .bind_text(2, case_fold(account.user.handle))
        .bind_text(3, account.user.display_name)
        .bind_text(4, case_fold(account.email))
        .bind_text(5, account.password_hash)
        .bind_optional_text(6, account.cognito_user_id)
        .bind_text(7, account.created_at);
    // The UNIQUE constraints decide races atomically; which one failed tells the caller what is taken.
    try {
      insert.run();
    } catch (const SqliteError& error) {
      if (error.unique_violation("users.handle")) return CreateStatus::handle_taken;
      if (error.unique_violation("users.email")) return CreateStatus::email_taken;
      if (error.unique_violation("users.cognito_user_id")) return CreateStatus::cognito_user_id_taken;
      throw;
    }
    return CreateStatus::created;
  });
  co_return co_await std::move(task);
}

Task<std::optional<User>> SqliteDirectory::find_by_uuid(std::string uuid) {
  auto task = run([uuid = case_fold(std::move(uuid))](ConnectionPool& pool) {
    return find_user_where(pool, "uuid", uuid);
  });
  co_return co_await std::move(task);
}

Task<std::optional<User>> SqliteDirectory::find_by_handle(std::string handle) {
  auto task = run([handle = case_fold(std::move(handle))](ConnectionPool& pool) {
    return find_user_where(pool, "handle", handle);
  });
  co_return co_await std::move(task);
}

Task<std::optional<Account>> SqliteDirectory::find_account_by_login(std::string login) {
  const char* column = login.find('@') != std::string::npos ? "email" : "handle";
  auto task = run([column, login = case_fold(std::move(login))](ConnectionPool& pool) -> std::optional<Account> {
    auto connection = pool.reader();
    auto query = connection->statement(std::string("SELECT ") + kAccountColumns + " FROM users WHERE " + column +
                                       " = ?");
    query.bind_text(1, login);
    if (!query.step()) return std::nullopt;
    return read_account(query);
  });
  co_return co_await std::move(task);
}

Task<std::optional<User>> SqliteDirectory::find_by_cognito_user_id(std::string sub) {
  auto task = run([sub = std::move(sub)](ConnectionPool& pool) { return find_user_where(pool, "cognito_user_id", sub); });
  co_return co_await std::move(task);
}

Task<LinkStatus> SqliteDirectory::set_cognito_user_id(std::string handle, std::string sub) {
  auto task = run([handle = case_fold(std::move(handle)), sub = std::move(sub)](ConnectionPool& pool) {
    auto connection = pool.writer();
    auto update = connection->statement("UPDATE users SET cognito_user_id = ? WHERE handle = ?");
    update.bind_text(1, sub).bind_text(2, handle);
    try {
      update.run();
    } catch (const SqliteError& error) {
      if (error.unique_violation()) return LinkStatus::cognito_user_id_taken;
      throw;
    }
    return connection->changes() > 0 ? LinkStatus::linked : LinkStatus::no_such_user;
  });
  co_return co_await std::move(task);
}

Task<std::vector<User>> SqliteDirectory::list_users() {
  auto task = run([](ConnectionPool& pool) {
    auto connection = pool.reader();
    auto query = connection->statement(std::string("SELECT ") + kUserColumns + " FROM users ORDER BY handle");
    std::vector<User> users;
    while (query.step()) users.push_back(read_user(query));
    return users;
  });
  co_return co_await std::move(task);
}

Task<std::vector<Account>> SqliteDirectory::list_accounts(std::string after_handle, int limit) {
  auto task = run([after_handle = std::move(after_handle), limit](ConnectionPool& pool) {
    auto connection = pool.reader();
    // Handles are case-folded ASCII, so SQLite's default BINARY collation is byte order.
    auto query = connection->statement(std::string("SELECT ") + kAccountColumns +
                                       " FROM users WHERE handle > ? ORDER BY handle LIMIT ?");
    query.bind_text(1, after_handle).bind(2, limit);
    std::vector<Account> accounts;
    while (query.step()) accounts.push_back(read_account(query));
    return accounts;
  });
  co_return co_await std::move(task);
}

Task<void> SqliteDirectory::revoke_token(std::string token_id, std::int64_t expires_at) {
  auto task = run([token_id = std::move(token_id), expires_at](ConnectionPool& pool) {
    const Microseconds now = SystemClock{}.now();
    auto connection = pool.writer();
    ::cruddur::sqlite::WriteTransaction transaction(*connection);
    auto insert = connection->statement(
        "INSERT INTO revoked_tokens (token_id, expires_at, revoked_at) VALUES (?, ?, ?) "
        "ON CONFLICT (token_id) DO NOTHING");
    insert.bind_text(1, token_id).bind(2, expires_at).bind(3, now);
    insert.run();
    auto forget = connection->statement("DELETE FROM revoked_tokens WHERE expires_at <= ?");
    forget.bind(1, now / kMicrosPerSecond);
    forget.run();
    transaction.commit();
  });
  co_await std::move(task);
}

Task<std::vector<RevokedToken>> SqliteDirectory::revoked_tokens_since(std::int64_t since) {
  auto task = run([since](ConnectionPool& pool) {
    auto connection = pool.reader();
    auto query = connection->statement(
        "SELECT token_id, expires_at, revoked_at FROM revoked_tokens WHERE revoked_at >= ? AND expires_at > ? "
        "ORDER BY revoked_at");
    query.bind(1, since).bind(2, SystemClock{}.now() / kMicrosPerSecond);
    std::vector<RevokedToken> revoked;
    while (query.step()) revoked.push_back(RevokedToken{query.column_text(0), query.column_int(1), query.column_int(2)});
    return revoked;
  });
  co_return co_await std::move(task);
}

}  // namespace cruddur::users::sqlite
