#pragma once
// The user directory: embedded SQLite (default, sqlite_directory.hpp) or PostgreSQL.
// Handles and emails are compared case-insensitively: callers pass them as typed; engines case-fold
// (ASCII lowercase) before storing and before looking up.
//
// Thread-safety: a Directory may be used from any number of threads and coroutines at once. Operations are
// coroutines; the SQLite engine completes them inline, a network engine may suspend.

#include "core/task.hpp"
#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string>
#include <vector>

#include "users/user.hpp"

namespace cruddur::users {

using cruddur::Task;

// The expected outcomes of the directory's writes, as values (only faults are exceptions); `api` and `auth`
// decide what each means to a caller.
enum class CreateStatus { created, handle_taken, email_taken, cognito_user_id_taken };
enum class LinkStatus { linked, no_such_user, cognito_user_id_taken };

class Directory {
 public:
  virtual ~Directory() = default;

  // Creates the schema if missing; harmless when it exists. Called once at start and by `db schema-load`.
  virtual Task<void> schema_load() = 0;

  // Inserts `account` (its handle and email case-folded). Atomic: of two racing creates with one handle,
  // exactly one is `created`.
  virtual Task<CreateStatus> create(Account account) = 0;

  virtual Task<std::optional<User>> find_by_uuid(std::string uuid) = 0;
  virtual Task<std::optional<User>> find_by_handle(std::string handle) = 0;
  // `login` is a handle or an email address.
  virtual Task<std::optional<Account>> find_account_by_login(std::string login) = 0;
  virtual Task<std::optional<User>> find_by_cognito_user_id(std::string sub) = 0;
  // Links a Cognito `sub` to the user with `handle`. Idempotent (linking the same pair again is `linked`).
  virtual Task<LinkStatus> set_cognito_user_id(std::string handle, std::string sub) = 0;

  virtual Task<std::vector<User>> list_users() = 0;
  // One page of accounts, everything the directory keeps (password hashes included: for `cruddur export`),
  // ordered by handle (byte order), those whose handle is greater than `after_handle` ("" = from the start),
  // at most `limit` of them. Fewer than `limit` = the last page.
  virtual Task<std::vector<Account>> list_accounts(std::string after_handle, int limit) = 0;

  // Sign-out, shared by every instance that shares the directory. Records that the token `token_id`
  // (valid until `expires_at`, unix seconds) is revoked, stamped with the directory's clock; idempotent
  // (a second call changes nothing). Also forgets revocations of tokens that have expired since.
  virtual Task<void> revoke_token(std::string token_id, std::int64_t expires_at) = 0;
  // The revocations stamped at or after `since` (microseconds, the directory's clock) of tokens that
  // have not expired, oldest first. since = 0: all of them.
  virtual Task<std::vector<RevokedToken>> revoked_tokens_since(std::int64_t since) = 0;
};

}  // namespace cruddur::users
